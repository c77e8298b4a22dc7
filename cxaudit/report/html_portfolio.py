"""The portfolio as the HTML page draws it: anchors to each unit, best and worst marks, the
outcome glyphs of the rules x units matrix in the run's language.

The view comes from `cxaudit.report.portfolio`; the unit sections of the page are put in its
order here, so the overview's numbers and the sections agree.
"""

from __future__ import annotations

from typing import Any

from cxaudit.i18n import _
from cxaudit.report import labels
from cxaudit.report.portfolio import portfolio_view
from cxaudit.result import AuditResult


def glyphs() -> dict[str, str]:
    """The matrix's one-character outcomes: a severity's initial in the run's language."""
    codes = labels.outcome_codes()
    return {"c": codes["critical"], "h": codes["high"], "m": codes["medium"],
            "l": codes["low"], "p": "✓", "e": "?", "n": "\u2013"}  # an en dash


MARKS = {"critical": "c", "high": "h", "medium": "m", "low": "l", "pass": "p",
         "needs-evidence": "e", "not-applicable": "n"}
SHARED_SHOWN = 20  # shared findings listed; the JSON report has all
SHARED_UNITS = 30  # unit links per shared finding


def portfolio_page(result: AuditResult, view: dict[str, Any]) -> dict[str, Any] | None:
    """The portfolio with anchors; the unit sections of `view` are put in its order."""
    p = portfolio_view(result)
    if p is None:
        return None
    view["units"] = [view["units"][i] for i in p["order"]]
    groups = {g["name"]: g for g in p["groups"]}
    for u, r in zip(view["units"], p["units"], strict=True):  # a folder's heading before its first unit
        first = groups.get(r["group"])
        u["group_head"] = first if first is not None and first["units"][0] == r["number"] \
            else None
    for r in p["units"]:
        r["anchor"] = f"unit-{r['number']}"  # as the unit sections number themselves below
    for b in p["best_worst"]:
        for side in (b["best"], b["worst"]):
            for u in (side or {}).get("units", []):
                u["anchor"] = f"unit-{u['number']}"
    marks = {}
    for j, b in enumerate(p["best_worst"]):
        if b["best"] is not None and not b["same"]:
            marks[j] = (b["best"]["score"], b["worst"]["score"])
    for r in p["units"]:
        r["cells"] = [{"text": _("n/a") if s is None else str(s),
                       "mark": "" if j not in marks or s is None else
                       "best" if s == marks[j][0] else "worst" if s == marks[j][1] else ""}
                      for j, s in enumerate(r["categories"])]
    p["sections"] = [{"group": groups.get(name),
                      "rows": [r for r in p["units"] if r["group"] == name]}
                     for name in dict.fromkeys(r["group"] for r in p["units"])]
    for e in p["shared"]:
        for u in e["units"]:
            u["anchor"] = f"unit-{u['number']}"
    for rule in p["outcomes"]["rules"]:
        rule["marks"] = [MARKS[c] for c in rule["cells"]]
    p.update(glyphs=glyphs(), shared_shown=SHARED_SHOWN, shared_units=SHARED_UNITS)
    return p


__all__ = ["MARKS", "glyphs", "portfolio_page"]
