"""The action plan and the score: what to fix first, and how far along a unit is.

priority = w(severity) x impact / effort, with w = critical 8, high 4, medium 2, low 1.
Ties put quick wins (effort <= 2, impact >= 3) first, then go by rule id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cxaudit.findings import Finding, Kind, RuleResult, Severity, Status
from cxaudit.rulepacks import Rule

BUCKETS = ("do-now", "plan-next", "later")
BUCKET_TITLES = {"do-now": "Do now", "plan-next": "Plan next", "later": "Later"}
DO_NOW_AT, PLAN_NEXT_AT = 12.0, 4.0
FORMULA = ("priority = w(severity) x impact / effort, w: critical 8, high 4, medium 2, low 1; "
           f"do now >= {DO_NOW_AT:g}, plan next >= {PLAN_NEXT_AT:g}, later below; "
           "ties: quick wins first, then rule id")


@dataclass(frozen=True)
class Action:
    """A finding placed in the plan."""

    finding: Finding
    rule: Rule
    priority: float
    bucket: str

    @property
    def quick_win(self) -> bool:
        """Cheap and felt by customers."""
        return self.rule.quick_win


def priority(rule: Rule, severity: Severity) -> float:
    """w(severity) x impact / effort."""
    return severity.weight * rule.impact / rule.effort


def bucket(score: float) -> str:
    """Which group of the plan a priority falls in."""
    return "do-now" if score >= DO_NOW_AT else "plan-next" if score >= PLAN_NEXT_AT else "later"


def build_plan(results: Iterable[RuleResult], rules: Mapping[str, Rule]) -> tuple[Action, ...]:
    """Violations (not notes or missing evidence), ordered by priority."""
    actions = []
    for res in results:
        rule = rules[res.rule_id]
        for f in res.findings:
            if f.kind is Kind.VIOLATION and f.severity is not Severity.INFO:
                p = priority(rule, f.severity)
                actions.append(Action(f, rule, round(p, 2), bucket(p)))
    return tuple(sorted(actions, key=lambda a: (-a.priority, not a.quick_win, a.rule.id,
                                                a.finding.sort_key())))


@dataclass(frozen=True)
class Score:
    """Share of the weighted, applicable rules a unit passes (0-100), or None if none apply."""

    value: int | None
    passed: int
    applicable: int


def score(results: Iterable[RuleResult], rules: Mapping[str, Rule]) -> Score:
    """Weighted pass rate; rules needing evidence count as not passed."""
    earned = possible = 0.0
    passed = applicable = 0
    for res in results:
        if res.status is Status.NOT_APPLICABLE:
            continue
        rule = rules[res.rule_id]
        weight = rule.severity.weight * rule.impact
        possible += weight
        applicable += 1
        if res.status is Status.PASSED:
            earned += weight
            passed += 1
    return Score(round(100 * earned / possible) if possible else None, passed, applicable)


def category_scores(results: Iterable[RuleResult], rules: Mapping[str, Rule]) -> dict[str, Score]:
    """Score per rule category, categories in sorted order."""
    by_cat: dict[str, list[RuleResult]] = {}
    for res in results:
        by_cat.setdefault(rules[res.rule_id].category, []).append(res)
    return {cat: score(rs, rules) for cat, rs in sorted(by_cat.items())}
