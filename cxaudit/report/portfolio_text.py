"""The portfolio in the terminal report (its sentences are in `phrases.PORTFOLIO`).

The view comes from `cxaudit.report.portfolio` with every string already cleaned of control
characters; this module only lays it out in columns.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from cxaudit.i18n import ENGLISH, N_, _, current, formats
from cxaudit.report import labels
from cxaudit.report.phrases import PORTFOLIO
from cxaudit.report.portfolio import matrix_blocks

WIDTH = 100  # as the rest of the text report
HEAD = ("#", N_("Unit"), N_("Score"), N_("Desc"), N_("Stage"), N_("Fail"))  # the column heads
NAME_WIDTH = 21
STAGE_WIDTH = 13
SHARED_SHOWN = 10
NAMED_UNITS = 3


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _score(value: int | None) -> str:
    return _("n/a") if value is None else str(value)


def _share(value: int | None) -> str:
    if value is None:
        return _("n/a")
    return f"{value}%" if current() == ENGLISH else formats.percent(value)


def _heads() -> list[str]:
    """The overview's column heads in the run's language (a short word each)."""
    return [HEAD[0]] + [_(h) for h in HEAD[1:]]


def _names(units: list[dict[str, Any]]) -> str:
    shown = [f"{u['number']} {u['name']}" for u in units[:NAMED_UNITS]]
    if len(units) > NAMED_UNITS:
        shown.append(PORTFOLIO["more"].format(n=len(units) - NAMED_UNITS))
    return ", ".join(shown)


def _overview(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    cats = view["categories"]
    head = _heads()
    w_score, w_share = max(5, len(head[2])), max(4, len(head[3]))
    w_stage, w_fail = max(STAGE_WIDTH, len(head[4])), max(4, len(head[5]))
    lines = [bold(line) for line in textwrap.wrap(PORTFOLIO["scores"], WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    lines.append(f"  {head[0]:>3}  {head[1]:<{NAME_WIDTH}} {head[2]:>{w_score}} "
                 f"{head[3]:>{w_share}}  {head[4]:<{w_stage}} {head[5]:>{w_fail}}  "
                 + " ".join(f"{c['short']:>3}" for c in cats))
    groups = {g["name"]: g for g in view["groups"]}
    current = None
    for r in view["units"]:
        if groups and r["group"] != current:
            current = r["group"]
            g = groups[current]
            name = PORTFOLIO["top_level"] if g["top_level"] else g["name"] + "/"
            key = "group" if g["mean"] is not None else "group_scoreless"
            lines.append("  " + PORTFOLIO.n(key, g["count"]).format(
                name=name, count=g["count"], lowest=g["lowest"], highest=g["highest"],
                mean=g["mean"], failing=g["failing_units"]))
        stage = _cut(f"{r['level']} {r['stage']}", STAGE_WIDTH)
        lines.append(f"  {r['number']:>3}  {_cut(r['name'], NAME_WIDTH):<{NAME_WIDTH}} "
                     f"{_score(r['score']):>{w_score}} {_share(r['described']):>{w_share}}  "
                     f"{stage:<{w_stage}} {r['failing']:>{w_fail}}  "
                     + " ".join(f"{_score(s):>3}" for s in r["categories"]))
    lines.extend(textwrap.wrap(PORTFOLIO["categories"].format(
        names=", ".join(f"{c['short']} {labels.category(c['name'])}" for c in cats)), WIDTH,
        initial_indent="  ", subsequent_indent="    "))
    return lines


def _best_worst(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PORTFOLIO["best_worst"])]
    width = max(len(labels.category(b["category"])) for b in view["best_worst"])
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
        lines.extend(textwrap.wrap(f"{labels.category(b['category']):<{width}}  {text}", WIDTH,
                                   initial_indent="    ",
                                   subsequent_indent=" " * (width + 6)))
    return lines


def _shared(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    lines = [bold("  " + PORTFOLIO["shared"])]
    if not view["shared"]:
        return lines + ["    " + PORTFOLIO["no_shared"]]
    for rank, e in enumerate(view["shared"][:SHARED_SHOWN], 1):
        lines.extend(textwrap.wrap(PORTFOLIO.n("shared_line", view["count"]).format(
            rank=f"{rank:>2}", rule_id=e["rule_id"], severity=labels.severity(e["severity"]),
            count=e["count"],
            total=view["count"], title=e["title"]), WIDTH, initial_indent="   ",
            subsequent_indent=" " * 7))
        numbers = ", ".join(str(u["number"]) for u in e["units"])
        lines.extend(textwrap.wrap(PORTFOLIO["shared_where"].format(path=e["path"],
                                                                  numbers=numbers),
                                   WIDTH, initial_indent=" " * 7, subsequent_indent=" " * 7))
    if len(view["shared"]) > SHARED_SHOWN:
        more = len(view["shared"]) - SHARED_SHOWN
        lines.append("    " + PORTFOLIO.n("shared_more", more).format(n=more))
    return lines


def _matrix(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    codes = labels.outcome_codes()
    legend = PORTFOLIO["matrix"] if current() == ENGLISH else PORTFOLIO["matrix_legend"].format(
        **{k: codes[k] for k in ("critical", "high", "medium", "low")})
    lines = [bold(line) for line in textwrap.wrap(legend, WIDTH, initial_indent="  ",
                                                   subsequent_indent="  ")]
    blocks = matrix_blocks(view)
    for b in blocks:
        if len(blocks) > 1:
            lines.append("    " + PORTFOLIO["matrix_block"].format(first=b["first"],
                                                                  last=b["last"]))
        lines.extend(f"    {'':<10}{ruler}" for ruler in b["rulers"])
        lines.extend(f"    {r['rule_id']:<10}{r['codes']}" for r in b["rows"])
    if view["outcomes"]["quiet"]:
        quiet = view["outcomes"]["quiet"]
        lines.append("    " + PORTFOLIO.n("matrix_quiet", quiet).format(n=quiet))
    return lines


def portfolio_lines(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    """The portfolio block of the text report (overview, best and worst, shared, matrix)."""
    units = PORTFOLIO.n("units_n", view["count"]).format(n=view["count"])
    groups = len(view["groups"])
    title = (PORTFOLIO["title_groups"].format(
        units=units, folders=PORTFOLIO.n("in_folders_n", groups).format(n=groups))
        if groups else PORTFOLIO["title"].format(units=units))
    out = [bold(title)]
    for part in (_overview, _best_worst, _shared, _matrix):
        out.extend(part(view, bold))
        out.append("")
    return out


__all__ = ["HEAD", "portfolio_lines"]
