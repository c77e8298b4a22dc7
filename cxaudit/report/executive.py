"""The executive summary: the first page of the HTML report and the top of the Markdown one.

A board reads four things before anything else: the score and maturity stage, what is already
good, the three things to do first and what each of them costs in effort. For one unit they
come from its plan; for several, the score is the mean over the units, the strengths are the
rules every unit passes and the three things are the rules whose actions weigh most across the
portfolio (a rule failing in many units is fixed once, centrally). Built from the report view
(`cxaudit.report.view`) and the rules' own impact and effort, so every format says the same.
"""

from __future__ import annotations

from typing import Any

from cxaudit.i18n import _, ngettext, pgettext
from cxaudit.report import labels
from cxaudit.result import AuditResult

FIRST = 3  # things to do first
STRENGTHS = 3  # passed rules named as what is already good
STRONG_AT = 90  # a category score from which a category counts as a strength


def effort(level: int) -> str:
    """What a rule's effort (1..5) costs, in words a board reads."""
    words = {1: pgettext("effort", "hours: a policy or a setting"),
             2: pgettext("effort", "a few days"),
             3: pgettext("effort", "weeks: a change of process"),
             4: pgettext("effort", "one to two months"),
             5: pgettext("effort", "months: a change of platform")}
    return words.get(level, str(level))


def _weight(result: AuditResult, rule_id: str) -> int:
    rule = result.rules[rule_id]
    return rule.severity.weight * rule.impact


def _strong_categories(units: list[dict[str, Any]]) -> list[str]:
    """Categories every unit with a score there scores STRONG_AT or more in, best first."""
    lows: dict[str, int] = {}
    for u in units:
        for c in u["categories"]:
            if c["score"] is not None:
                lows[c["name"]] = min(lows.get(c["name"], 100), c["score"])
    strong = [n for n, low in lows.items() if low >= STRONG_AT]
    return [labels.category(n) for n in sorted(strong, key=lambda n: (-lows[n], n))]


def _passed_everywhere(result: AuditResult) -> list[dict[str, str]]:
    """Rules passed in every unit that could judge them, the weightiest first."""
    passed: dict[str, int] = {}
    failed: set[str] = set()
    for unit in result.units:
        for r in unit.results:
            if r.status.value == "passed":
                passed[r.rule_id] = passed.get(r.rule_id, 0) + 1
            elif r.status.value == "failed":
                failed.add(r.rule_id)
    ids = sorted((i for i in passed if i not in failed),
                 key=lambda i: (-_weight(result, i), -passed[i], i))
    return [{"rule_id": i, "title": result.rules[i].title} for i in ids[:STRENGTHS]]


def _first_things(units: list[dict[str, Any]], result: AuditResult) -> list[dict[str, Any]]:
    """The three actions to start with: the plan's first for one unit; for several, the rules
    whose best action in each unit adds up to the most priority."""
    by_rule: dict[str, dict[str, Any]] = {}
    for u in units:
        seen: set[str] = set()
        for a in u["actions"]:
            if a["rule_id"] in seen:
                continue
            seen.add(a["rule_id"])
            entry = by_rule.setdefault(a["rule_id"], {"action": a, "units": [], "total": 0.0})
            entry["units"].append(u)
            entry["total"] += a["priority"]
    order = sorted(by_rule.values(), key=lambda e: -e["total"]) if len(units) > 1 \
        else list(by_rule.values())
    out = []
    for e in order[:FIRST]:
        a, rule = e["action"], result.rules[e["action"]["rule_id"]]
        out.append({
            "rule_id": a["rule_id"], "title": a["title"], "severity": a["severity"],
            "message": a["message"], "action": a,
            "fix": a["fix"], "effort": rule.effort, "cost": effort(rule.effort),
            "quick_win": a["quick_win"], "units": len(e["units"]),
            "unit_names": [u["name"] for u in e["units"]],
            "where": ngettext("in %(num)s unit", "in %(num)s units", len(e["units"])) % {
                "num": len(e["units"])} if len(units) > 1 else ""})
    return out


def _stages(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How many units stand at each maturity stage, lowest stage first."""
    counts: dict[tuple[int, str], int] = {}
    for u in units:
        key = (u["maturity"]["level"], u["maturity"]["stage"])
        counts[key] = counts.get(key, 0) + 1
    return [{"level": lvl, "stage": stage, "units": n} for (lvl, stage), n in sorted(counts.items())]


def executive_view(view: dict[str, Any], result: AuditResult) -> dict[str, Any] | None:
    """Score, stage, strengths, the first three things and their cost; None without units."""
    units = view["units"]
    if not units:
        return None
    scores = [u["score"] for u in units if u["score"] is not None]
    first = _first_things(units, result)
    quick = sum(1 for f in first if f["quick_win"])
    strong = _strong_categories(units)
    return {
        "multi": len(units) > 1,
        "score": round(sum(scores) / len(scores)) if scores else None,
        "lowest": min(scores) if scores else None, "highest": max(scores) if scores else None,
        "stages": _stages(units), "maturity": units[0]["maturity"],
        "passed": sum(u["passed"] for u in units), "judged": sum(u["judged"] for u in units),
        "strong": strong, "strong_at": STRONG_AT,
        "counts": {k: sum(u["counts"][k] for u in units) for k in units[0]["counts"]},
        "strengths": _passed_everywhere(result),
        "first": first,
        "cost": _cost(first, quick),
    }


def _cost(first: list[dict[str, Any]], quick: int) -> str:
    """One sentence on what the first things cost together."""
    if not first:
        return ""
    longest = max(f["effort"] for f in first)
    text = _("The longest of them takes %(effort)s.") % {"effort": effort(longest)}
    if quick:
        text = ngettext("%(num)s of them is a quick win: little effort for a large effect.",
                        "%(num)s of them are quick wins: little effort for a large effect.",
                        quick) % {"num": quick} + " " + text
    return text


__all__ = ["effort", "executive_view"]
