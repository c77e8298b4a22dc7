"""Run compiled rules over one process unit and collect results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from sys import intern
from typing import Any

from cxaudit.checks import CHECKS, CheckContext, NotApplicable, Outcome
from cxaudit.clock.facts import Facts
from cxaudit.document.docpaths import stable_path
from cxaudit.document.loading import DocPath, format_path
from cxaudit.engine.severity import decide
from cxaudit.i18n import _
from cxaudit.model.classes import country_group
from cxaudit.model.findings import Finding, Kind, Location, Mark, RuleResult, Severity, Status
from cxaudit.model.process import Process, as_of_date
from cxaudit.model.sentences import choose, render
from cxaudit.rules.branches import select_in
from cxaudit.rules.conditions import FALSE, TRUE, UNKNOWN, Eval, Lets, Scope
from cxaudit.rules.packs import Rule
from cxaudit.rules.translations import shown_params

EU = country_group("EU")


def _jurisdiction_match(wanted: Iterable[str], have: Iterable[str]) -> bool:
    have_set = {h.upper() for h in have} | {h.split("-")[0].upper() for h in have}
    if "EU" in wanted and have_set & EU:
        return True
    return bool(set(wanted) & have_set)


def applicability(rule: Rule, proc: Process,
                  unit: Scope | None = None) -> tuple[Status | None, DocPath]:
    """NOT_APPLICABLE, NEEDS_EVIDENCE (with the missing path) or None when the rule runs."""
    org = proc.organization
    a = rule.applies
    found: list[tuple[bool | None, DocPath]] = []
    for section in a.get("sections", ()):
        found.append((proc.applicable(section), (section,)))
    if "sells" in a:
        found.append((None if org.sells is None else bool(set(a["sells"]) & set(org.sells)),
                      ("organization", "sells")))
    if "sectors" in a:
        found.append((None if org.sector is None else org.sector in a["sectors"],
                      ("organization", "sector")))
    if "not_sectors" in a and org.sector in a["not_sectors"]:
        found.append((False, ("organization", "sector")))
    if "jurisdictions" in a:
        found.append((None if not org.jurisdictions else
                      _jurisdiction_match(a["jurisdictions"], org.jurisdictions),
                      ("organization", "jurisdictions")))
    if rule.applies_when is not None:
        w = rule.applies_when(unit or Scope(proc.data, (), proc.data))
        found.append((None if w.state == UNKNOWN else w.state == TRUE, w.path))
    if any(ok is False for ok, _ in found):
        return Status.NOT_APPLICABLE, ()
    for ok, path in found:
        if ok is None:
            return Status.NEEDS_EVIDENCE, path
    return None, ()


def _declarative(rule: Rule, top: Scope) -> Iterable[Outcome]:
    assert rule.check is not None and top.facts is not None
    facts = top.facts
    proc = facts.process
    items, missing_at = select_in(top, rule.select) if rule.select else ([(proc.data, ())], None)
    if missing_at is not None:
        yield Outcome(Kind.NEEDS_EVIDENCE, missing_at)
        return
    for item, path in items:
        lets = Lets(rule.lets) if rule.lets else None
        scope = Scope(item, path, proc.data, facts, None, lets, top.weighed)
        if lets is not None:
            lets.home = scope
        try:
            if rule.where is not None:
                w = rule.where(scope)
                if w.state == UNKNOWN:
                    yield Outcome(Kind.NEEDS_EVIDENCE, w.path, {"item": item})
                if w.state != TRUE:
                    continue
            for r in rule.check(scope):
                yield _outcome(rule, item, r, lets)
        finally:
            if lets is not None:
                lets.home = None  # the lists and their scope point at each other: a cycle


def _outcome(rule: Rule, item: Any, r: Eval, lets: Lets | None) -> Outcome:
    named = {name: lets.get(name) for name in lets.defs} if lets is not None else {}
    values = {**named, "value": r.value, "item": item, **(r.values or {})}
    severity = Severity(r.severity) if r.severity is not None else None
    if r.state == FALSE:
        return Outcome(Kind.VIOLATION, r.path, values, severity, anchor=r.anchor,
                       cause=r.cause or rule.cause, affects=r.affects or rule.affects,
                       message=choose(r.message, r.value) or "")
    if r.evidence is not None:
        values["evidence"] = r.evidence
    return Outcome(Kind.NEEDS_EVIDENCE, r.path, values, anchor=r.anchor)


def _finding(rule: Rule, facts: Facts, outcome: Outcome) -> Finding:
    proc = facts.process
    line, col = proc.document.locate(outcome.path)
    path = format_path(outcome.path)
    # the rule's parameters as its sentences show them: `24h` in English, in words elsewhere
    values = {**shown_params(rule), **outcome.vars, "path": path}
    said = rule.messages.get(outcome.branch, {}) if outcome.branch else {}
    if outcome.kind is Kind.NEEDS_EVIDENCE:
        text = said.get("message") or outcome.vars.get("evidence") or rule.evidence or \
            _("Describe it so that \"%(title)s\" can be checked.") % {"title": rule.title}
        # what to describe, in the rule's language: the plan's question asks it
        affects = render(str(text), values, rule.words)
        message = _("Not described: %(path)s.") % {"path": path} + f" {affects}"
    else:
        message = render(said.get("message") or outcome.message or rule.message, values,
                         rule.words)
        affects = render(said.get("affects", outcome.affects), values, rule.words)
    anchor = stable_path(proc.document.data, outcome.anchor or outcome.path)
    if anchor == path:
        anchor = path  # one string, not two equal ones, in every kept finding
    cause = "" if outcome.kind is Kind.NEEDS_EVIDENCE else \
        said.get("cause") or outcome.cause or (rule.cause if rule.function else "")
    severity = decide(rule, outcome.kind, outcome.severity,
                      lambda: Scope(proc.data, (), proc.data, facts))
    # a portfolio's units share most of their texts and paths (the same missing fact, the same
    # field): each kept finding points at one shared copy of each
    return Finding(rule.id, severity, outcome.kind, intern(message),
                   Location(proc.file, line, col, intern(path), intern(anchor)), outcome.legal,
                   cause=intern(render(cause, values, rule.words)), affects=intern(affects))


def run_rule(rule: Rule, facts: Facts, prior: tuple[tuple[str, Finding], ...] = (),
             legal_dir: str | None = None) -> RuleResult:
    """Evaluate one rule on one unit (`prior`: earlier findings, for a rule that weighs them)."""
    proc = facts.process
    top = Scope(proc.data, (), proc.data, facts, weighed=_weighed(rule, prior))
    status, missing_at = applicability(rule, proc, top)
    if status is Status.NOT_APPLICABLE:
        return _empty(rule.id, status)
    if status is Status.NEEDS_EVIDENCE:
        outcomes: Iterable[Outcome] = [Outcome(Kind.NEEDS_EVIDENCE, missing_at)]
    elif rule.function is not None:
        ctx = CheckContext(facts, rule.params, prior, legal_dir, rule.weighs, rule.parts,
                           rule.words)
        outcomes = CHECKS[rule.function].fn(ctx)
    else:
        outcomes = _declarative(rule, top)
    try:
        findings = tuple(sorted({_finding(rule, facts, o) for o in outcomes},
                                key=Finding.sort_key))
    except NotApplicable:
        return _empty(rule.id, Status.NOT_APPLICABLE)
    if not findings:
        return _empty(rule.id, Status.PASSED)
    if any(f.kind is Kind.VIOLATION and f.severity is not Severity.INFO for f in findings):
        return RuleResult(rule.id, Status.FAILED, findings)
    if any(f.kind is Kind.NEEDS_EVIDENCE for f in findings):
        return RuleResult(rule.id, Status.NEEDS_EVIDENCE, findings)
    return RuleResult(rule.id, Status.PASSED, findings)


_EMPTY: dict[tuple[str, Status], RuleResult] = {}


def _empty(rule_id: str, status: Status) -> RuleResult:
    """The result without findings (passed, not applicable), one shared object per rule and
    status: most of a unit's results are these, and a portfolio keeps every unit's."""
    key = (rule_id, status)
    res = _EMPTY.get(key)
    if res is None:
        res = _EMPTY[key] = RuleResult(rule_id, status, ())
    return res


def _weighed(rule: Rule, prior: tuple[tuple[str, Finding], ...]) -> tuple[tuple[str, str], ...]:
    """(words, rule id) of the critical violations among the findings a rule weighs, by
    category (last category first, as the rule's sentences name them)."""
    if not prior:
        return ()
    return tuple((rule.weighs[cat], f.rule_id) for cat in sorted({c for c, _ in prior},
                                                                  reverse=True)
                 for c, f in prior if c == cat and f.kind is Kind.VIOLATION
                 and f.severity is Severity.CRITICAL)


def _marked(result: RuleResult, mark: Mark | None) -> RuleResult:
    if mark is None or not result.findings:
        return result
    findings = []
    for f in result.findings:
        suppression = mark(f)
        findings.append(f if suppression is None else replace(f, suppression=suppression))
    return replace(result, findings=tuple(findings))


def run_rules(rules: Iterable[Rule], proc: Process, as_of: date | None = None,
              legal_dir: str | None = None, mark: Mark | None = None) -> tuple[RuleResult, ...]:
    """Evaluate every rule on one unit, in two stages declared by the rule files.

    A rule that declares `weighs_findings_of` (categories of other rules) runs after every
    rule without one, and sees only the findings of the categories it names; no rule sees
    the findings of another rule that weighs findings, so the order is data, not code.
    With `mark`, every finding is annotated with its waiver or baseline mark once all rules
    have run, in rule order and before any plan is built: the one suppression pass (see
    cxaudit.policy.suppression).
    """
    rules = list(rules)
    facts = Facts.build(proc, as_of_date(proc, as_of))
    results: dict[str, RuleResult] = {}
    for rule in rules:
        if not rule.weighs:
            results[rule.id] = run_rule(rule, facts, (), legal_dir)
    category = {r.id: r.category for r in rules}
    for rule in rules:
        if rule.weighs:
            prior = tuple((category[res.rule_id], f) for res in results.values()
                          if category[res.rule_id] in rule.weighs
                          for f in res.findings)
            results[rule.id] = run_rule(rule, facts, prior, legal_dir)
    return tuple(_marked(results[r.id], mark) for r in sorted(rules, key=lambda r: r.id))
