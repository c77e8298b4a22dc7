"""A plain view-model of an audit, sorted and grouped in Python so templates hold no logic."""

from __future__ import annotations

from typing import Any

from cxaudit.document.notices import WARNING, Notice
from cxaudit.engine.plan import BUCKETS, Action, Question
from cxaudit.errors import Problem
from cxaudit.i18n import _, formats
from cxaudit.model.findings import Finding, Suppression
from cxaudit.model.sentences import render
from cxaudit.report import labels
from cxaudit.report.seeds import source_label
from cxaudit.result import AuditResult, UnitReport
from cxaudit.rules.packs import Rule
from cxaudit.rules.translations import shown_params


def rule_text(rule: Rule, text: str) -> str:
    """A rule's why / fix text with its parameters filled in (`{max_wait}` -> `24h`, and in
    words in other languages: `24 години`)."""
    return render(text, shown_params(rule))


def sources_view(rule: Rule) -> list[dict[str, str]]:
    """Citations as label + optional URL."""
    return [{"label": source_label(s), "url": s.url or ""} for s in rule.sources]


def legal_view(f: Finding) -> dict[str, str] | None:
    """The statute and data row behind a legal finding, or None."""
    if f.legal is None:
        return None
    from cxaudit.i18n import ENGLISH, current

    statute = f.legal.statute if current() == ENGLISH else f.legal.statute_local or \
        f.legal.statute
    return {"jurisdiction": f.legal.jurisdiction, "statute": statute,
            "url": f.legal.url, "data_version": f.legal.data_version,
            "confidence": f.legal.confidence}


def mark_view(s: Suppression | None) -> dict[str, str] | None:
    """A waiver or baseline mark as plain values, or None."""
    if s is None:
        return None
    return {"kind": s.kind, "reason": s.reason, "owner": s.owner, "expires": s.expires}


def suppression_view(f: Finding) -> dict[str, str] | None:
    """Why a finding is shown but does not fail the run (waiver or baseline), or None."""
    return mark_view(f.suppression)


def suppressed_label(f: Finding) -> str:
    """`waived until 2026-03-31 (owner: reason)`, `baselined`, or "" for a finding that counts."""
    s = f.suppression
    if s is None:
        return ""
    if s.kind != "waiver":
        return labels.suppression(s.kind)
    who = ": ".join(p for p in (s.owner, s.reason) if p)
    until = _("waived until %(date)s") % {"date": formats.date(s.expires) if s.expires
                                           else "-"}
    return until + (f" ({who})" if who else "")


def suppressed_mark(f: Finding) -> str:
    """The one word a list shows beside a finding that does not count: waived, baselined."""
    return "" if f.suppression is None else labels.suppression(f.suppression.kind)


def suppressions_view(result: AuditResult) -> dict[str, Any] | None:
    """Waivers and baseline after the run (files, counts, expired, expiring, unused, fixed)."""
    r = result.suppressions
    if r is None:
        return None

    def waiver(w: Any) -> dict[str, Any]:
        return {"rule": w.rule, "unit": w.unit, "path": w.path, "owner": w.owner,
                "reason": w.reason, "expires": w.expires.isoformat(), "file": w.file,
                "line": w.line, "days_left": w.days_left(r.today)}

    return {
        "waivers": None if not r.waivers_file else {
            "file": r.waivers_file, "today": r.today.isoformat(), "waived": r.waived,
            "expired": [waiver(w) for w in r.expired],
            "expiring": [waiver(w) for w in r.expiring],
            "unused": [waiver(w) for w in r.unused]},
        "baseline": None if not r.baseline_file else {
            "file": r.baseline_file, "baselined": r.baselined,
            "fixed": [{"rule": e.rule, "file": e.file, "path": e.path,
                       "fingerprint": e.fingerprint} for e in r.fixed]},
    }


def maturity_view(unit: UnitReport, result: AuditResult) -> dict[str, Any]:
    """The stage reached, what it means, and the rules blocking the next stage."""
    m = unit.maturity
    facts: dict[str, str] = {}  # rule -> the first missing fact it waits for
    for q in unit.questions:
        for rid in q.rule_ids:
            facts.setdefault(rid, q.path)
    return {
        "level": m.level, "of": m.of, "stage": _(m.stage), "means": _(m.means) if m.means else "",
        "next": _(m.next_stage) if m.next_stage else "",
        "blockers": [{"id": b.rule_id, "status": b.status, "fact": facts.get(b.rule_id, ""),
                      "title": result.rules[b.rule_id].title} for b in m.blockers],
        "competencies": [{"name": c.name, "rules": c.rules, "failing": c.failing}
                         for c in m.competencies],
        "model": m.model, "version": m.version,
    }


def _where(f: Finding) -> str:
    loc = f.location
    return f"{loc.file}:{loc.line}:{loc.column}"


def finding_view(f: Finding, rule: Rule) -> dict[str, Any]:
    """A finding with the rule texts a reader needs next to it."""
    return {
        "rule_id": f.rule_id, "title": rule.title, "category": rule.category,
        "severity": f.severity.value, "kind": f.kind.value, "message": f.message,
        "file": f.location.file, "line": f.location.line, "column": f.location.column,
        "path": f.location.path, "where": _where(f),
        "why": rule_text(rule, rule.why), "fix": rule_text(rule, rule.fix),
        "fingerprint": f.fingerprint,
        "legal": legal_view(f),
        "suppression": suppression_view(f),
        "suppressed": suppressed_label(f), "mark": suppressed_mark(f),
        "sources": [source_label(s) for s in rule.sources],
        "urls": [s.url for s in rule.sources if s.url],
    }


def member_view(f: Finding, lead: Finding) -> dict[str, Any]:
    """One more finding of an action or question: its own part, where, and its mark."""
    loc = f.location
    return {"rule_id": f.rule_id, "severity": f.severity.value, "kind": f.kind.value,
            "text": f.affects or f.message, "message": f.message, "path": loc.path,
            "where": _where(f), "line_col": f"{loc.line}:{loc.column}",
            "fingerprint": f.fingerprint, "suppressed": suppressed_label(f),
            "mark": suppressed_mark(f),
            "legal": legal_view(f), "suppression": suppression_view(f),
            "other_severity": f.severity is not lead.severity,
            "label": labels.severity(f.severity.value)}


def action_view(a: Action, result: AuditResult) -> dict[str, Any]:
    """An action of the plan: its worst finding, with the others of the same cause."""
    also = [member_view(f, a.finding) for f in a.findings[1:]]
    return {**finding_view(a.finding, a.rule), "priority": a.priority, "bucket": a.bucket,
            "quick_win": a.quick_win, "impact": a.rule.impact, "effort": a.rule.effort,
            "fails_run": a.fails(result.fail_on), "cause": a.cause, "also": also,
            "also_title": (_("Same cause (%(cause)s), also:") % {"cause": a.cause} if a.cause
                           else _("Same rule at the same place, also:")) if also else "",
            "size": len(a.findings), "wheres": [_where(f) for f in a.findings]}


def question_view(q: Question, result: AuditResult) -> dict[str, Any]:
    """A missing fact once, with what each waiting rule asks for."""
    lead = q.finding
    asks = []
    for f in q.findings:
        m = member_view(f, lead)
        rule = result.rules[f.rule_id]
        m["title"] = rule.title
        m["category"] = rule.category
        # Name the exact place only where the rule's own words do not already.
        m["sub_path"] = "" if f.location.path in (q.path, "") or f.location.path in m["text"] \
            else f.location.path
        asks.append(m)
    return {"path": q.path, "where": _where(lead),
            "rule_ids": list(q.rule_ids), "rules": len(q.rule_ids), "asks": asks,
            "categories": list(dict.fromkeys(a["category"] for a in asks)),
            "suppressed": labels.suppression(q.suppression.kind) if q.suppression else ""}


def _distinct_rules(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first action of each rule, in plan order: "the next things to do"."""
    seen: set[str] = set()
    out = []
    for a in actions:
        if a["rule_id"] not in seen:
            seen.add(a["rule_id"])
            out.append(a)
    return out


def _explanations(unit: UnitReport, actions: list[dict[str, Any]],
                  result: AuditResult) -> list[dict[str, Any]]:
    """Why / fix / source once per rule, in plan order, with every place it was found."""
    out: dict[str, dict[str, Any]] = {}
    for a in actions:
        entry = out.setdefault(a["rule_id"], {
            "rule_id": a["rule_id"], "title": a["title"], "why": a["why"], "fix": a["fix"],
            "sources": sources_view(result.rules[a["rule_id"]]), "wheres": []})
        entry["wheres"].extend(a["wheres"])
    return list(out.values())


def unit_view(unit: UnitReport, result: AuditResult) -> dict[str, Any]:
    """Everything a report shows about one unit."""
    actions = [action_view(a, result) for a in unit.actions]
    rules = result.rules
    return {
        "file": unit.file, "name": unit.name,
        "score": unit.score.value, "passed": unit.score.passed,
        "applicable": unit.score.applicable, "judged": unit.score.judged,
        "described": unit.score.described,
        "categories": [{"name": c, "score": s.value, "passed": s.passed,
                        "applicable": s.applicable, "judged": s.judged,
                        "described": s.described} for c, s in unit.categories.items()],
        "counts": unit.counts(),
        "failing": len(result.failing(unit)),  # plan actions, as the plan shows them
        "failing_findings": len(result.failing_findings(unit)),
        "waived": sum(1 for a in unit.actions if a.suppression is not None
                      and a.suppression.kind == "waiver"),
        "baselined": sum(1 for a in unit.actions if a.suppression is not None
                         and a.suppression.kind == "baseline"),
        "maturity": maturity_view(unit, result),
        "top": _distinct_rules(actions)[:3],
        "groups": [{"key": b, "title": labels.bucket(b),
                    "actions": [a for a in actions if a["bucket"] == b]} for b in BUCKETS],
        "actions": actions,
        "explanations": _explanations(unit, actions, result),
        "questions": [question_view(q, result) for q in unit.questions],
        # every missing-fact finding on its own, for templates written before questions
        "needs_evidence": [finding_view(f, rules[f.rule_id]) for f in unit.needs_evidence],
        "notes": [action_view(a, result) for a in unit.plan.notes],
        "passed_rules": [{"id": r.rule_id, "title": rules[r.rule_id].title}
                         for r in unit.results if r.status.value == "passed"],
        "not_applicable": [r.rule_id for r in unit.results if r.status.value == "not-applicable"],
    }


def notice_view(n: Notice) -> dict[str, Any]:
    """A warning or note about how a file was read (or that it was skipped)."""
    return {"level": n.level, "code": n.code, "file": n.file, "line": n.line,
            "column": n.column, "where": n.where, "path": n.path, "value": n.value,
            "closest": n.closest, "read_as": n.read_as, "message": n.message, "hint": n.hint}


def error_view(p: Problem) -> dict[str, Any]:
    """A problem that kept a file from being audited."""
    return {"file": p.file, "line": p.line, "column": p.column,
            "where": f"{p.file}:{p.line}:{p.column}" if p.line else p.file,
            "message": p.message, "hint": p.hint}


def audit_view(result: AuditResult) -> dict[str, Any]:
    """The whole audit."""
    units = [unit_view(u, result) for u in result.units]
    return {
        "warnings": [notice_view(n) for n in result.warnings],
        "warning_count": sum(1 for n in result.warnings if n.level == WARNING),
        "note_count": sum(1 for n in result.warnings if n.level != WARNING),
        "errors": [error_view(p) for p in result.errors],
        "failed_files": list(result.failed_files),
        "version": result.version, "fail_on": result.fail_on, "formula": labels.formula(),
        "language": result.language,
        "rule_count": len(result.rules), "units": units,
        "failing_units": sum(1 for u in units if u["failing"]),
        "total_failing": sum(u["failing"] for u in units),
        "total_failing_findings": sum(u["failing_findings"] for u in units),
        "waived": sum(u["waived"] for u in units),
        "baselined": sum(u["baselined"] for u in units),
        "expired_waivers": len(result.suppressions.expired) if result.suppressions else 0,
        "suppressions": suppressions_view(result),
        "exit_code": result.exit_code,
    }
