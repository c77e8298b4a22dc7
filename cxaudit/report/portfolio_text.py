"""The portfolio in the terminal report (its sentences are in `phrases.PORTFOLIO`).

The view comes from `cxaudit.report.portfolio` with every string already cleaned of control
characters; this module only lays it out in columns.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from cxaudit.report.phrases import PORTFOLIO
from cxaudit.report.portfolio import matrix_blocks

WIDTH = 100  # as the rest of the text report
HEAD = ("#", "Unit", "Score", "Desc", "Stage", "Fail")  # the overview's column heads
NAME_WIDTH = 21
STAGE_WIDTH = 13
SHARED_SHOWN = 10
NAMED_UNITS = 3


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _score(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def _share(value: int | None) -> str:
    return "n/a" if value is None else f"{value}%"


def _names(units: list[dict[str, Any]]) -> str:
    shown = [f"{u['number']} {u['name']}" for u in units[:NAMED_UNITS]]
    if len(units) > NAMED_UNITS:
        shown.append(PORTFOLIO["more"].format(n=len(units) - NAMED_UNITS))
    return ", ".join(shown)


def _overview(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    cats = view["categories"]
    head = HEAD
    lines = [bold(line) for line in textwrap.wrap(PORTFOLIO["scores"], WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    lines.append(f"  {head[0]:>3}  {head[1]:<{NAME_WIDTH}} {head[2]:>5} {head[3]:>4}  "
                 f"{head[4]:<{STAGE_WIDTH}} {head[5]:>4}  "
                 + " ".join(f"{c['short']:>3}" for c in cats))
    groups = {g["name"]: g for g in view["groups"]}
    current = None
    for r in view["units"]:
        if groups and r["group"] != current:
            current = r["group"]
            g = groups[current]
            name = PORTFOLIO["top_level"] if g["top_level"] else g["name"] + "/"
            key = "group" if g["mean"] is not None else "group_scoreless"
            lines.append("  " + PORTFOLIO[key].format(
                name=name, count=g["count"], lowest=g["lowest"], highest=g["highest"],
                mean=g["mean"], failing=g["failing_units"]))
        stage = _cut(f"{r['level']} {r['stage']}", STAGE_WIDTH)
        lines.append(f"  {r['number']:>3}  {_cut(r['name'], NAME_WIDTH):<{NAME_WIDTH}} "
                     f"{_score(r['score']):>5} {_share(r['described']):>4}  "
                     f"{stage:<{STAGE_WIDTH}} {r['failing']:>4}  "
                     + " ".join(f"{_score(s):>3}" for s in r["categories"]))
    lines.extend(textwrap.wrap(PORTFOLIO["categories"].format(
        names=", ".join(f"{c['short']} {c['name']}" for c in cats)), WIDTH,
        initial_indent="  ", subsequent_indent="    "))
    return lines


def _best_worst(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PORTFOLIO["best_worst"])]
    width = max(len(b["category"]) for b in view["best_worst"])
    for b in view["best_worst"]:
        if b["best"] is None:
            text = PORTFOLIO["none"]
        elif b["same"]:
            rest = view["count"] - b["units"]
            text = PORTFOLIO["same_judged" if rest else "same"].format(score=b["best"]["score"],
                                                                       rest=rest)
        else:
            text = "; ".join((
                PORTFOLIO["best"].format(score=b["best"]["score"], units=_names(b["best"]["units"])),
                PORTFOLIO["worst"].format(score=b["worst"]["score"],
                                        units=_names(b["worst"]["units"]))))
        lines.extend(textwrap.wrap(f"{b['category']:<{width}}  {text}", WIDTH,
                                   initial_indent="    ",
                                   subsequent_indent=" " * (width + 6)))
    return lines


def _shared(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PORTFOLIO["shared"])]
    if not view["shared"]:
        return lines + ["    " + PORTFOLIO["no_shared"]]
    for rank, e in enumerate(view["shared"][:SHARED_SHOWN], 1):
        lines.extend(textwrap.wrap(PORTFOLIO["shared_line"].format(
            rank=f"{rank:>2}", rule_id=e["rule_id"], severity=e["severity"], count=e["count"],
            total=view["count"], title=e["title"]), WIDTH, initial_indent="   ",
            subsequent_indent=" " * 7))
        numbers = ", ".join(str(u["number"]) for u in e["units"])
        lines.extend(textwrap.wrap(PORTFOLIO["shared_where"].format(path=e["path"],
                                                                  numbers=numbers),
                                   WIDTH, initial_indent=" " * 7, subsequent_indent=" " * 7))
    if len(view["shared"]) > SHARED_SHOWN:
        lines.append("    " + PORTFOLIO["shared_more"].format(
            n=len(view["shared"]) - SHARED_SHOWN))
    return lines


def _matrix(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold(line) for line in textwrap.wrap(PORTFOLIO["matrix"], WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    blocks = matrix_blocks(view)
    for b in blocks:
        if len(blocks) > 1:
            lines.append("    " + PORTFOLIO["matrix_block"].format(first=b["first"],
                                                                  last=b["last"]))
        lines.extend(f"    {'':<10}{ruler}" for ruler in b["rulers"])
        lines.extend(f"    {r['rule_id']:<10}{r['codes']}" for r in b["rows"])
    if view["outcomes"]["quiet"]:
        lines.append("    " + PORTFOLIO["matrix_quiet"].format(n=view["outcomes"]["quiet"]))
    return lines


def portfolio_lines(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    """The portfolio block of the text report (overview, best and worst, shared, matrix)."""
    title = (PORTFOLIO["title_groups"].format(units=view["count"], groups=len(view["groups"]))
             if view["groups"] else PORTFOLIO["title"].format(units=view["count"]))
    out = [bold(title)]
    for part in (_overview, _best_worst, _shared, _matrix):
        out.extend(part(view, bold))
        out.append("")
    return out


__all__ = ["HEAD", "portfolio_lines"]
