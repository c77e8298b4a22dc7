"""Machine-readable JSON report (stable keys, sorted, no timestamps).

The format is described by cxaudit/schema/report.schema.json (`cxaudit schema report`); change
the two together, and bump REPORT_VERSION only for a change that is not an addition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cxaudit.document.notices import WARNING
from cxaudit.engine.plan import NOTE, Action, Question, own_priorities
from cxaudit.i18n import _
from cxaudit.model.findings import Finding
from cxaudit.report.jsontext import dumps
from cxaudit.report.portfolio import portfolio_json
from cxaudit.report.view import legal_view, mark_view, suppression_view, suppressions_view
from cxaudit.result import AuditResult, UnitReport

REPORT_VERSION = "1"


def _location(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {"file": loc.file, "line": loc.line, "column": loc.column, "path": loc.path}


def _members(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """The findings a plan entry covers: fingerprint (as in `findings`) and their own part."""
    return [{"fingerprint": f.fingerprint, "rule_id": f.rule_id, "severity": f.severity.value,
             "text": f.affects or f.message, "location": _location(f)} for f in findings]


def _action(unit: UnitReport, a: Action, result: AuditResult) -> dict[str, Any]:
    return {"unit": unit.file, "kind": "note" if a.bucket == NOTE else "action",
            "rule_ids": [a.rule.id], "title": a.rule.title, "category": a.rule.category,
            "severity": a.severity.value, "cause": a.cause,
            "priority": None if a.bucket == NOTE else a.priority,
            "bucket": None if a.bucket == NOTE else a.bucket, "quick_win": a.quick_win,
            "message": a.finding.message, "location": _location(a.finding),
            "fails_run": a.fails(result.fail_on), "suppression": mark_view(a.suppression),
            "findings": _members(a.findings)}


def _question(unit: UnitReport, q: Question, result: AuditResult) -> dict[str, Any]:
    return {"unit": unit.file, "kind": "question", "rule_ids": list(q.rule_ids),
            "title": _("Not described: %(path)s") % {"path": q.path}, "category": None,
            "severity": "info",
            "cause": q.path, "priority": None, "bucket": None, "quick_win": False,
            "message": _("Not described: %(path)s.") % {"path": q.path},
            "location": _location(q.finding),
            "fails_run": False, "suppression": mark_view(q.suppression),
            "findings": _members(q.findings)}


def _findings(result: AuditResult, unit: UnitReport) -> list[dict[str, Any]]:
    """One unit's entries of `findings`."""
    findings = []
    ranked = own_priorities(unit.plan)
    ordered = [f for f, _, _ in ranked] + list(unit.notes) + list(unit.needs_evidence)
    own = {id(f): (p, b) for f, p, b in ranked}
    for f in ordered:
        rule = result.rules[f.rule_id]
        p, b = own.get(id(f), (None, None))
        findings.append({
            "unit": unit.file, "rule_id": f.rule_id, "title": rule.title,
            "category": rule.category, "severity": f.severity.value, "kind": f.kind.value,
            "message": f.message, "fingerprint": f.fingerprint,
            "legal": legal_view(f), "suppression": suppression_view(f),
            "location": _location(f),
            "priority": p, "bucket": b,
        })
    return findings


def _actions(result: AuditResult, unit: UnitReport) -> list[dict[str, Any]]:
    """One unit's entries of `actions`: its actions, notes and questions."""
    return [*(_action(unit, a, result) for a in (*unit.actions, *unit.plan.notes)),
            *(_question(unit, q, result) for q in unit.questions)]


def _units(result: AuditResult, unit: UnitReport) -> list[dict[str, Any]]:
    """One unit's entry of `units`."""
    as_of = result.as_of_of(unit)
    return [{"file": unit.file, "name": unit.name, "id": unit.process_id,
             "as_of": None if as_of is None else as_of.isoformat(),
             "score": unit.score.value,
             "passed": unit.score.passed, "applicable": unit.score.applicable,
             "judged": unit.score.judged, "described": unit.score.described,
             "categories": {c: s.value for c, s in unit.categories.items()},
             "counts": unit.counts(), "failing": len(result.failing_findings(unit)),
             "failing_actions": len(result.failing(unit)),
             "maturity": {"level": unit.maturity.level, "of": unit.maturity.of,
                          "stage": unit.maturity.stage,
                          "next": unit.maturity.next_stage,
                          "blockers": [b.rule_id for b in unit.maturity.blockers]},
             "passed_rules": [r.rule_id for r in unit.results
                              if r.status.value == "passed"],
             "not_applicable": [r.rule_id for r in unit.results
                                if r.status.value == "not-applicable"]}]


# the lists with entries from every unit, and how one unit's entries are made
PER_UNIT: dict[str, Callable[[AuditResult, UnitReport], list[dict[str, Any]]]] = {
    "findings": _findings, "actions": _actions, "units": _units}


def _top(result: AuditResult, progress: dict[str, Any] | None) -> dict[str, Any]:
    """The report without the entries of the per-unit lists (those are left empty)."""
    failing = [len(result.failing_findings(u)) for u in result.units]
    extra = {k: v for k, v in (suppressions_view(result) or {}).items() if v is not None}
    if "baseline" in extra and result.suppressions is not None:  # baselined and worse now
        extra["baseline"] = {**extra["baseline"], "worse": [
            {"rule": e.rule, "file": e.file, "path": e.path, "fingerprint": e.fingerprint,
             "why": why} for e, why in result.suppressions.worse]}
    if result.config_file is not None:
        extra["config"] = result.config_file
    block = portfolio_json(result)
    if block is not None:
        extra["portfolio"] = block
    if progress is not None:
        extra["progress"] = progress
    return {**extra,
        "report_version": REPORT_VERSION, "language": result.language,
        "tool": {"name": "cxaudit", "version": result.version},
        "fail_on": result.fail_on, "exit_code": result.exit_code,
        "summary": {"units": len(result.units), "failing_units": sum(1 for n in failing if n),
                    "failing_findings": sum(failing),
                    "failing_actions": sum(len(result.failing(u)) for u in result.units),
                    "not_audited": len(result.failed_files),
                    "warnings": sum(1 for n in result.warnings if n.level == WARNING)},
        "units": [], "findings": [], "actions": [],
        "warnings": [n.as_json() for n in result.warnings],
        "errors": [{"file": p.file, "line": p.line, "column": p.column, "message": p.message,
                    "hint": p.hint} for p in result.errors],
    }


def build(result: AuditResult, progress: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report as plain data (built from the result model, without the prose); `progress`
    is the block built from the history database, when there is one."""
    data = _top(result, progress)
    for key, entries in PER_UNIT.items():
        data[key] = [e for unit in result.units for e in entries(result, unit)]
    return data


def chunks(result: AuditResult, progress: dict[str, Any] | None = None) -> Iterator[str]:
    """The report's text in pieces, one unit at a time: the bytes of `render`, without ever
    holding the whole report (or every unit's entries) in memory."""
    top = _top(result, progress)
    yield "{"
    for n, key in enumerate(sorted(top)):
        yield f'{"," if n else ""}\n  {dumps(key)[:-1]}: '
        if key not in PER_UNIT:
            yield from _streamed(top[key], "  ", 2)
            continue
        first = True
        for unit in result.units:
            entries = PER_UNIT[key](result, unit)
            if entries:
                yield ("[" if first else ",") + "\n    " + _items(entries)
                first = False
        yield "[]" if first else "\n  ]"
    yield "\n}\n"


def _items(entries: list[Any]) -> str:
    """`",\n    ".join(_indented(e, "    ") for e in entries)`, from one `dumps` of the list:
    its items sit two spaces in, so every line moves two more."""
    inner = dumps(entries)[2:-3]  # without "[\n" and "\n]\n"
    return inner.replace("\n", "\n  ")[2:]


def _streamed(value: Any, indent: str, depth: int) -> Iterator[str]:
    """`value` as `_indented` writes it, in pieces down to `depth` levels of non-empty lists
    and objects: a portfolio of many units is never one string (nor its copies)."""
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        yield _indented(value, indent)
        return
    inner = indent + "  "
    if isinstance(value, dict):
        yield "{"
        for n, key in enumerate(sorted(value)):
            yield f'{"," if n else ""}\n{inner}{dumps(key)[:-1]}: '
            yield from _streamed(value[key], inner, depth - 1)
        yield f"\n{indent}}}"
        return
    yield "["
    for n, item in enumerate(value):
        yield f'{"," if n else ""}\n{inner}'
        yield from _streamed(item, inner, depth - 1)
    yield f"\n{indent}]"


def _indented(value: Any, indent: str) -> str:
    """`value` as it appears nested at `indent` in the indented report."""
    return dumps(value)[:-1].replace("\n", "\n" + indent)


def render(result: AuditResult, progress: dict[str, Any] | None = None) -> str:
    """Serialise with sorted keys so the same input gives the same bytes; `progress` is the
    block built from the history database, when there is one."""
    return "".join(chunks(result, progress))
