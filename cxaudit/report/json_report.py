"""Machine-readable JSON report (stable keys, sorted, no timestamps).

The format is described by cxaudit/schema/report.schema.json (`cxaudit schema report`); change
the two together, and bump REPORT_VERSION only for a change that is not an addition.
"""

from __future__ import annotations

import json
from typing import Any

from cxaudit.api import AuditResult
from cxaudit.report.view import legal_view, suppression_view, suppressions_view

REPORT_VERSION = "1"


def build(result: AuditResult) -> dict[str, Any]:
    """The report as plain data (built from the result model, without the prose)."""
    findings = []
    units = []
    for unit in result.units:
        plan = {id(a.finding): a for a in unit.actions}
        ordered = [a.finding for a in unit.actions] + list(unit.notes) + list(unit.needs_evidence)
        for f in ordered:
            rule = result.rules[f.rule_id]
            action = plan.get(id(f))
            findings.append({
                "unit": unit.file, "rule_id": f.rule_id, "title": rule.title,
                "category": rule.category, "severity": f.severity.value, "kind": f.kind.value,
                "message": f.message, "fingerprint": f.fingerprint,
                "legal": legal_view(f), "suppression": suppression_view(f),
                "location": {"file": f.location.file, "line": f.location.line,
                             "column": f.location.column, "path": f.location.path},
                "priority": action.priority if action else None,
                "bucket": action.bucket if action else None,
            })
        units.append({"file": unit.file, "name": unit.name, "score": unit.score.value,
                      "passed": unit.score.passed, "applicable": unit.score.applicable,
                      "categories": {c: s.value for c, s in unit.categories.items()},
                      "counts": unit.counts(), "failing": len(result.failing(unit)),
                      "maturity": {"level": unit.maturity.level, "of": unit.maturity.of,
                                   "stage": unit.maturity.stage,
                                   "next": unit.maturity.next_stage,
                                   "blockers": [b.rule_id for b in unit.maturity.blockers]},
                      "passed_rules": [r.rule_id for r in unit.results
                                       if r.status.value == "passed"],
                      "not_applicable": [r.rule_id for r in unit.results
                                         if r.status.value == "not-applicable"]})
    failing = [len(result.failing(u)) for u in result.units]
    extra = {k: v for k, v in (suppressions_view(result) or {}).items() if v is not None}
    if result.config_file is not None:
        extra["config"] = result.config_file
    return {**extra,
        "report_version": REPORT_VERSION,
        "tool": {"name": "cxaudit", "version": result.version},
        "fail_on": result.fail_on, "exit_code": result.exit_code,
        "summary": {"units": len(units), "failing_units": sum(1 for n in failing if n),
                    "failing_findings": sum(failing)},
        "units": units, "findings": findings,
    }


def render(result: AuditResult) -> str:
    """Serialise with sorted keys so the same input gives the same bytes."""
    return json.dumps(build(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
