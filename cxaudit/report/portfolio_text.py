"""The portfolio in the terminal report: every sentence it prints is in PHRASES.

The view comes from `cxaudit.report.portfolio` with every string already cleaned of control
characters; this module only lays it out in columns.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from cxaudit.report.portfolio import matrix_blocks

PHRASES: dict[str, str] = {
    "title": "Portfolio: {units} units",
    "title_groups": "Portfolio: {units} units in {groups} folders",
    "scores": ("Scores by unit and category, out of 100 (n/a: no rule of the category applies; "
               "Fail: actions at or above the fail level)"),
    "group": "{name}: {count} unit(s), score {lowest}-{highest}, mean {mean}, {failing} failing",
    "group_scoreless": "{name}: {count} unit(s), no score",
    "top_level": "(top folder)",
    "categories": "Columns: {names}",
    "best_worst": "Best and worst unit per category",
    "best": "best {score}: {units}",
    "worst": "worst {score}: {units}",
    "same": "every unit scores {score}",
    "none": "applies to no unit",
    "more": "and {n} more",
    "shared": "Findings several units share: fix them once, centrally",
    "shared_line": "{rank}. {rule_id} {severity}, {count} of {total} units: {title}",
    "shared_where": "at {path}; units {numbers}",
    "shared_more": "... and {n} more shared findings (the JSON and HTML reports list them all)",
    "no_shared": "No finding is shared by two units.",
    "matrix": ("Rules x units: C critical, H high, M medium, L low (the worst failing severity), "
               "+ pass, ? needs evidence, - not applicable; columns are the unit numbers above"),
    "matrix_quiet": "{n} more rule(s) pass or do not apply in every unit.",
    "matrix_block": "units {first}-{last}",
}
WIDTH = 100  # as the rest of the text report
HEAD = ("#", "Unit", "Score", "Stage", "Fail")  # the overview's column heads
NAME_WIDTH = 25
STAGE_WIDTH = 13
SHARED_SHOWN = 10
NAMED_UNITS = 3


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _score(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def _names(units: list[dict[str, Any]]) -> str:
    shown = [f"{u['number']} {u['name']}" for u in units[:NAMED_UNITS]]
    if len(units) > NAMED_UNITS:
        shown.append(PHRASES["more"].format(n=len(units) - NAMED_UNITS))
    return ", ".join(shown)


def _overview(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    cats = view["categories"]
    head = HEAD
    lines = [bold(line) for line in textwrap.wrap(PHRASES["scores"], WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    lines.append(f"  {head[0]:>3}  {head[1]:<{NAME_WIDTH}} {head[2]:>5}  "
                 f"{head[3]:<{STAGE_WIDTH}} {head[4]:>4}  "
                 + " ".join(f"{c['short']:>3}" for c in cats))
    groups = {g["name"]: g for g in view["groups"]}
    current = None
    for r in view["units"]:
        if groups and r["group"] != current:
            current = r["group"]
            g = groups[current]
            name = PHRASES["top_level"] if g["top_level"] else g["name"] + "/"
            key = "group" if g["mean"] is not None else "group_scoreless"
            lines.append("  " + PHRASES[key].format(
                name=name, count=g["count"], lowest=g["lowest"], highest=g["highest"],
                mean=g["mean"], failing=g["failing_units"]))
        stage = _cut(f"{r['level']} {r['stage']}", STAGE_WIDTH)
        lines.append(f"  {r['number']:>3}  {_cut(r['name'], NAME_WIDTH):<{NAME_WIDTH}} "
                     f"{_score(r['score']):>5}  {stage:<{STAGE_WIDTH}} {r['failing']:>4}  "
                     + " ".join(f"{_score(s):>3}" for s in r["categories"]))
    lines.extend(textwrap.wrap(PHRASES["categories"].format(
        names=", ".join(f"{c['short']} {c['name']}" for c in cats)), WIDTH,
        initial_indent="  ", subsequent_indent="    "))
    return lines


def _best_worst(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PHRASES["best_worst"])]
    width = max(len(b["category"]) for b in view["best_worst"])
    for b in view["best_worst"]:
        if b["best"] is None:
            text = PHRASES["none"]
        elif b["same"]:
            text = PHRASES["same"].format(score=b["best"]["score"])
        else:
            text = "; ".join((
                PHRASES["best"].format(score=b["best"]["score"], units=_names(b["best"]["units"])),
                PHRASES["worst"].format(score=b["worst"]["score"],
                                        units=_names(b["worst"]["units"]))))
        lines.extend(textwrap.wrap(f"{b['category']:<{width}}  {text}", WIDTH,
                                   initial_indent="    ",
                                   subsequent_indent=" " * (width + 6)))
    return lines


def _shared(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PHRASES["shared"])]
    if not view["shared"]:
        return lines + ["    " + PHRASES["no_shared"]]
    for rank, e in enumerate(view["shared"][:SHARED_SHOWN], 1):
        lines.extend(textwrap.wrap(PHRASES["shared_line"].format(
            rank=f"{rank:>2}", rule_id=e["rule_id"], severity=e["severity"], count=e["count"],
            total=view["count"], title=e["title"]), WIDTH, initial_indent="   ",
            subsequent_indent=" " * 7))
        numbers = ", ".join(str(u["number"]) for u in e["units"])
        lines.extend(textwrap.wrap(PHRASES["shared_where"].format(path=e["path"],
                                                                  numbers=numbers),
                                   WIDTH, initial_indent=" " * 7, subsequent_indent=" " * 7))
    if len(view["shared"]) > SHARED_SHOWN:
        lines.append("    " + PHRASES["shared_more"].format(
            n=len(view["shared"]) - SHARED_SHOWN))
    return lines


def _matrix(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold(line) for line in textwrap.wrap(PHRASES["matrix"], WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    blocks = matrix_blocks(view)
    for b in blocks:
        if len(blocks) > 1:
            lines.append("    " + PHRASES["matrix_block"].format(first=b["first"],
                                                                  last=b["last"]))
        lines.extend(f"    {'':<10}{ruler}" for ruler in b["rulers"])
        lines.extend(f"    {r['rule_id']:<10}{r['codes']}" for r in b["rows"])
    if view["outcomes"]["quiet"]:
        lines.append("    " + PHRASES["matrix_quiet"].format(n=view["outcomes"]["quiet"]))
    return lines


def portfolio_lines(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    """The portfolio block of the text report (overview, best and worst, shared, matrix)."""
    title = (PHRASES["title_groups"].format(units=view["count"], groups=len(view["groups"]))
             if view["groups"] else PHRASES["title"].format(units=view["count"]))
    out = [bold(title)]
    for part in (_overview, _best_worst, _shared, _matrix):
        out.extend(part(view, bold))
        out.append("")
    return out


__all__ = ["HEAD", "PHRASES", "portfolio_lines"]
