"""The action plan and the score: what to fix first, and how far along a unit is.

One cause, one action. Findings of one rule that share a cause are one action, ranked by the
worst of them: a cause is what a check names as the reason (`Finding.cause`, e.g. the SLA policy
whose targets all wait too long), else the place itself (findings of one rule at one document
path). A fact the file does not give is one question, however many rules wait for it: missing
facts are grouped by document path, and a path inside a missing section joins that section's
question. Findings themselves are never merged: JSON, SARIF and baselines keep one per rule and
place.

priority = w(severity) x impact / effort, with w = critical 8, high 4, medium 2, low 1, taken
from the worst finding of the action. Ties put quick wins (effort <= 2, impact >= 3) first, then
go by rule id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cxaudit.model.findings import Finding, Kind, RuleResult, Severity, Status, Suppression
from cxaudit.model.process import MISSING, get_path
from cxaudit.rules.packs import Rule

BUCKETS = ("do-now", "plan-next", "later")
BUCKET_TITLES = {"do-now": "Do now", "plan-next": "Plan next", "later": "Later"}
NOTE = "note"  # the bucket of an informational group: shown, never part of the plan
DO_NOW_AT, PLAN_NEXT_AT = 12.0, 4.0
FORMULA = ("priority = w(severity) x impact / effort, w: critical 8, high 4, medium 2, low 1; "
           f"do now >= {DO_NOW_AT:g}, plan next >= {PLAN_NEXT_AT:g}, later below; "
           "ties: quick wins first, then rule id; one action per rule and cause, ranked by its "
           "worst finding")


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do: the findings of one rule that share a cause, the worst first."""

    findings: tuple[Finding, ...]
    rule: Rule
    priority: float
    bucket: str  # do-now, plan-next, later; `note` for a group of informational findings
    cause: str = ""  # the shared cause as the check named it; "" for the place itself

    @property
    def finding(self) -> Finding:
        """The worst finding: it leads the action and sets its priority."""
        return self.findings[0]

    @property
    def severity(self) -> Severity:
        """The worst severity among the findings."""
        return self.finding.severity

    @property
    def quick_win(self) -> bool:
        """Cheap and felt by customers."""
        return self.rule.quick_win

    @property
    def suppression(self) -> Suppression | None:
        """The lead finding's waiver or baseline mark when every finding carries one, else None."""
        if all(f.suppression is not None for f in self.findings):
            return self.finding.suppression
        return None

    def fails(self, fail_on: str) -> bool:
        """Whether any of its findings fails the run at this fail level."""
        return any(f.fails(fail_on) for f in self.findings)


@dataclass(frozen=True, slots=True)
class Question:
    """One fact the file does not give, with every rule that waits for it."""

    path: str  # the missing document path (a section when the whole section is missing)
    findings: tuple[Finding, ...]  # by rule id, then place
    weight: float  # sum of w(severity) x impact of the rules waiting: the score held back

    @property
    def finding(self) -> Finding:
        """The finding that points where the fact belongs."""
        return next((f for f in self.findings if f.location.path == self.path), self.findings[0])

    @property
    def suppression(self) -> Suppression | None:
        """The first finding's waiver or baseline mark when every finding carries one."""
        if all(f.suppression is not None for f in self.findings):
            return self.findings[0].suppression
        return None

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The rules that wait for this fact, once each."""
        return tuple(dict.fromkeys(f.rule_id for f in self.findings))


@dataclass(frozen=True, slots=True)
class Plan:
    """What a unit's report shows: actions, informational notes and questions, each once."""

    actions: tuple[Action, ...] = ()
    notes: tuple[Action, ...] = ()
    questions: tuple[Question, ...] = ()

    def findings(self) -> tuple[Finding, ...]:
        """Every finding the plan shows, each exactly once."""
        groups: tuple[Action | Question, ...] = (*self.actions, *self.notes, *self.questions)
        return tuple(f for group in groups for f in group.findings)


def priority(rule: Rule, severity: Severity) -> float:
    """w(severity) x impact / effort."""
    return severity.weight * rule.impact / rule.effort


def bucket(score: float) -> str:
    """Which group of the plan a priority falls in."""
    return "do-now" if score >= DO_NOW_AT else "plan-next" if score >= PLAN_NEXT_AT else "later"


def _worst_first(f: Finding) -> tuple[int, tuple[str, int, int, str]]:
    return (-f.severity.rank, f.sort_key())


def _action(rule: Rule, findings: list[Finding], cause: str) -> Action:
    members = tuple(sorted(findings, key=_worst_first))
    lead = members[0].severity
    if lead is Severity.INFO:
        return Action(members, rule, 0.0, NOTE, cause)
    p = priority(rule, lead)
    return Action(members, rule, round(p, 2), bucket(p), cause)


def _violations(results: Iterable[RuleResult],
                rules: Mapping[str, Rule]) -> tuple[list[Action], list[Action]]:
    """Violations grouped by rule and cause: (plan actions, informational notes)."""
    groups: dict[tuple[str, bool, str], list[Finding]] = {}
    for res in results:
        for f in res.findings:
            if f.kind is Kind.VIOLATION:
                # A named cause groups the rule's findings; without one, the place does.
                key = (res.rule_id, True, f.cause) if f.cause else \
                    (res.rule_id, False, f.fingerprint)
                groups.setdefault(key, []).append(f)
    actions: list[Action] = []
    notes: list[Action] = []
    for (rid, named, cause), found in groups.items():
        a = _action(rules[rid], found, cause if named else "")
        (notes if a.bucket == NOTE else actions).append(a)
    return actions, notes


def _sections(path: str) -> Iterator[str]:
    """The document paths that contain `path`, outermost first (`channels`, `channels[0]`)."""
    for i, ch in enumerate(path):
        if ch in ".[" and i:
            yield path[:i]


_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _absent(data: Any, path: str) -> bool:
    """Whether the section at document path `path` (`channels[0].sla`) is missing or empty."""
    parts = tuple(int(i) if i else key for i, key in _PART.findall(path))
    value = get_path(data, parts)
    return value is MISSING or value is None or value in ({}, [])


def questions(results: Iterable[RuleResult], rules: Mapping[str, Rule],
              data: Any = None) -> tuple[Question, ...]:
    """Missing facts, one question per document path, the most score held back first.

    With the document's `data`, a fact inside a section that is missing too (absent or empty
    there) joins that section's question: describing the section answers both.
    """
    missing = [f for res in results for f in res.findings if f.kind is Kind.NEEDS_EVIDENCE]
    paths = {f.location.path for f in missing if f.location.path} if data is not None else set()
    paths = {p for p in paths if _absent(data, p)}
    by_path: dict[str, list[Finding]] = {}
    for f in missing:
        p = f.location.path
        # A fact inside a section that is missing too is answered by describing the section.
        p = next((s for s in _sections(p) if s in paths), p)
        by_path.setdefault(p, []).append(f)
    out = []
    for p, found in by_path.items():
        members = tuple(sorted(found, key=lambda f: (f.rule_id, f.sort_key())))
        ids = dict.fromkeys(f.rule_id for f in members)
        weight = sum(rules[r].severity.weight * rules[r].impact for r in ids)
        out.append(Question(p, members, weight))
    return tuple(sorted(out, key=lambda q: (-q.weight, -len(q.rule_ids), q.path)))


def _plan_order(a: Action) -> tuple[float, bool, str, tuple[str, int, int, str]]:
    return (-a.priority, not a.quick_win, a.rule.id, a.finding.sort_key())


def build_plan(results: Iterable[RuleResult], rules: Mapping[str, Rule],
               data: Any = None) -> Plan:
    """Actions (violations above info, grouped by cause) in priority order, notes, questions
    (`data`: the unit's document, to tell which missing sections are absent altogether)."""
    results = tuple(results)
    actions, notes = _violations(results, rules)
    return Plan(tuple(sorted(actions, key=_plan_order)),
                tuple(sorted(notes, key=lambda a: (a.rule.id, a.finding.sort_key()))),
                questions(results, rules, data))


def own_priorities(plan: Plan) -> tuple[tuple[Finding, float, str], ...]:
    """Each finding of the plan's actions (above info) with its own priority and bucket, in the
    order of that priority: how JSON `findings` list them, one per rule and place."""
    out = [(f, a.rule, priority(a.rule, f.severity)) for a in plan.actions for f in a.findings
           if f.severity is not Severity.INFO]
    out.sort(key=lambda t: (-round(t[2], 2), not t[1].quick_win, t[1].id, t[0].sort_key()))
    return tuple((f, round(p, 2), bucket(p)) for f, _, p in out)


@dataclass(frozen=True, slots=True)
class Score:
    """Share of the weighted rules that could be judged that a unit passes (0-100), or None if
    none could; `applicable` counts the rules that concern the unit, judged or not."""

    value: int | None
    passed: int
    applicable: int
    judged: int = 0  # applicable rules the file gives the facts for (passed or failed)
    described: int | None = None  # weighted share of the applicable rules that could be judged


def score(results: Iterable[RuleResult], rules: Mapping[str, Rule]) -> Score:
    """Weighted pass rate over the rules that could be judged, and how much could be judged.

    A rule that needs evidence is not judged: it neither earns nor loses score, and lowers the
    `described` share instead. Rules that do not apply count in neither.
    """
    earned = judged_w = possible = 0.0
    passed = applicable = judged = 0
    for res in results:
        if res.status is Status.NOT_APPLICABLE:
            continue
        rule = rules[res.rule_id]
        weight = rule.severity.weight * rule.impact
        possible += weight
        applicable += 1
        if res.status is Status.NEEDS_EVIDENCE:
            continue
        judged_w += weight
        judged += 1
        if res.status is Status.PASSED:
            earned += weight
            passed += 1
    return Score(round(100 * earned / judged_w) if judged_w else None, passed, applicable,
                 judged, round(100 * judged_w / possible) if possible else None)


def category_scores(results: Iterable[RuleResult], rules: Mapping[str, Rule]) -> dict[str, Score]:
    """Score per rule category, categories in sorted order."""
    by_cat: dict[str, list[RuleResult]] = {}
    for res in results:
        by_cat.setdefault(rules[res.rule_id].category, []).append(res)
    return {cat: score(rs, rules) for cat, rs in sorted(by_cat.items())}
