"""Machine-readable JSON report (stable keys, sorted, no timestamps)."""

from __future__ import annotations

import json
from typing import Any

from cxaudit.api import AuditResult
from cxaudit.report.view import audit_view

REPORT_VERSION = "1"


def build(result: AuditResult) -> dict[str, Any]:
    """The report as plain data."""
    view = audit_view(result)
    findings = []
    units = []
    for u in view["units"]:
        for kind, items in (("actions", u["actions"]), ("notes", u["notes"]),
                            ("needs_evidence", u["needs_evidence"])):
            for f in items:
                findings.append({
                    "unit": u["file"], "rule_id": f["rule_id"], "title": f["title"],
                    "category": f["category"], "severity": f["severity"], "kind": f["kind"],
                    "message": f["message"], "fingerprint": f["fingerprint"],
                    "location": {"file": f["file"], "line": f["line"], "column": f["column"],
                                 "path": f["path"]},
                    "priority": f.get("priority"), "bucket": f.get("bucket"),
                })
        units.append({"file": u["file"], "name": u["name"], "score": u["score"],
                      "categories": {c["name"]: c["score"] for c in u["categories"]},
                      "counts": u["counts"], "failing": u["failing"],
                      "passed_rules": [r["id"] for r in u["passed_rules"]],
                      "not_applicable": u["not_applicable"]})
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "cxaudit", "version": view["version"]},
        "fail_on": view["fail_on"], "exit_code": view["exit_code"],
        "summary": {"units": len(units), "failing_units": view["failing_units"],
                    "failing_findings": view["total_failing"]},
        "units": units, "findings": findings,
    }


def render(result: AuditResult) -> str:
    """Serialise with sorted keys so the same input gives the same bytes."""
    return json.dumps(build(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
