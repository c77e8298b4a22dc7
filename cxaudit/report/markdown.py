"""Markdown report rendered from `reports/report.md.j2`, sized to fit a GitHub comment.

GitHub refuses pull-request comments over 65,536 characters and job summaries over 1 MiB. When
the full report is longer than the limit, detail is dropped in a fixed order until it fits:
explanations and passed-rule lists, then notes and needs-evidence lists (their counts stay in
each unit's summary line), then plan actions beyond the first few of each unit. A report of
several units opens with the portfolio (`md/portfolio.md.j2`), whose overview always lists every
unit: after the steps above the rules x units matrix becomes counts, each unit keeps only its
summary, then the unit sections go, and only then the portfolio's own detail. A single unit is
left out, as a last resort, with a note. The report says what was cut at its top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit.report import mdsafe
from cxaudit.report.phrases import MD_CUTS
from cxaudit.report.portfolio import matrix_blocks, portfolio_view
from cxaudit.report.templates import environment, render_template
from cxaudit.report.trend import progress_view
from cxaudit.report.view import audit_view
from cxaudit.result import AuditResult

GITHUB_COMMENT_LIMIT = 65_536


def _drop_explanations(view: dict[str, Any]) -> tuple[str, str]:
    for u in view["units"]:
        u["explanations"], u["passed_rules"] = [], []
    return "explanations", "the why / fix / source of each finding and the lists of passed rules"


def _drop_lists(view: dict[str, Any]) -> tuple[str, str]:
    for u in view["units"]:
        u["notes"], u["questions"], u["needs_evidence"] = [], [], []
    view["warnings"] = [w for w in view["warnings"] if w["level"] == "warning"]
    return "lists", "the lists of notes and missing facts (each unit's summary line counts them)"


def _keep_actions(n: int) -> Callable[[dict[str, Any]], tuple[str, str]]:
    def cut(view: dict[str, Any]) -> tuple[str, str]:
        dropped = 0
        for u in view["units"]:
            for g in u["groups"]:
                g["actions"] = [a for a in g["actions"] if a["number"] <= n]
            dropped += len(u["actions"]) - sum(len(g["actions"]) for g in u["groups"])
        return "actions", f"{dropped} plan actions after the first {n} of each unit"
    return cut


STEPS = (_drop_explanations, _drop_lists, _keep_actions(10), _keep_actions(5), _keep_actions(3))
MIN_LIMIT = 4_000
TABLE_UNITS = 12  # up to this many units the rules x units matrix is a Markdown table


def _matrix_counts(view: dict[str, Any]) -> tuple[str, str]:
    view["portfolio"]["matrix"] = "counts"
    return "matrix", MD_CUTS["matrix"]


def _summaries_only(view: dict[str, Any]) -> tuple[str, str]:
    for u in view["units"]:
        for g in u["groups"]:
            g["actions"] = []
        u["categories"], u["notes"], u["questions"], u["explanations"] = [], [], [], []
        u["passed_rules"] = []
    return "actions", MD_CUTS["summaries"]


def _no_sections(view: dict[str, Any]) -> tuple[str, str]:
    view["units"] = []
    return "units", MD_CUTS["sections"]


def _progress_plain(view: dict[str, Any]) -> tuple[str, str]:
    if view["progress"] is not None:
        view["progress"].update(svg=False, details=False)
    return "progress", MD_CUTS["progress"]


def _progress_changed(view: dict[str, Any]) -> tuple[str, str]:
    if view["progress"] is not None:
        view["progress"]["changed_only"] = True
    return "progress", MD_CUTS["progress_changed"]


def _less_portfolio(view: dict[str, Any]) -> tuple[str, str]:
    p = view["portfolio"]
    p["matrix"], p["shared_shown"] = "none", 5
    return "matrix", MD_CUTS["portfolio"]


def _narrow_overview(view: dict[str, Any]) -> tuple[str, str]:
    view["portfolio"]["show_categories"] = False
    return "overview", MD_CUTS["overview"]


# With several units the overview lists every unit whatever the limit: per-unit detail goes first.
PORTFOLIO_STEPS = (*STEPS, _matrix_counts, _summaries_only, _progress_plain, _no_sections,
                   _progress_changed, _less_portfolio, _narrow_overview)


def _portfolio(result: AuditResult, view: dict[str, Any]) -> None:
    """Add the portfolio to a view of several units, whose sections follow its order."""
    folio = portfolio_view(result)
    view["portfolio"] = folio
    view["unit_count"] = len(view["units"])
    if folio is None:
        return
    folio.update(show_categories=True, shared_shown=10, blocks=matrix_blocks(folio),
                 matrix="table" if folio["count"] <= TABLE_UNITS else "blocks")
    units = view["units"]
    for r in folio["units"]:
        units[r["index"]]["portfolio_number"] = r["number"]
    view["units"] = [units[i] for i in folio["order"]]


def render(result: AuditResult, template_dir: str | None = None,
           limit: int = GITHUB_COMMENT_LIMIT, progress: dict[str, Any] | None = None) -> str:
    """The audit as Markdown, at most `limit` characters (0: no limit, else >= MIN_LIMIT).

    With several units it opens with the portfolio overview, which always lists every unit;
    `progress` (from a history database) adds the progress section.
    """
    if limit and limit < MIN_LIMIT:
        raise ValueError(f"limit must be 0 or at least {MIN_LIMIT}")
    env = environment(template_dir, autoescape=False)
    env.filters["md"] = mdsafe.inline
    env.filters["code"] = mdsafe.code
    env.filters["text"] = mdsafe.prose
    env.filters["url"] = mdsafe.url
    view = audit_view(result)  # a fresh tree of plain values: the steps below may edit it
    for u in view["units"]:
        for i, a in enumerate(u["actions"], 1):
            a["number"] = i
    view["progress"] = None
    if progress is not None:
        view["progress"] = progress_view(progress)
        view["progress"].update(svg=True, details=True, changed_only=False)
    _portfolio(result, view)
    cut: dict[str, str] = {}

    def draw(units: list[dict[str, Any]]) -> str:
        v = {**view, "units": units, "cut": list(cut.values()), "limit": limit}
        return render_template(env, "report.md.j2", v).strip() + "\n"

    text = draw(view["units"])
    steps = PORTFOLIO_STEPS if view["portfolio"] is not None else \
        STEPS + ((_progress_plain,) if progress is not None else ())
    for step in steps:
        if len(text) <= limit or not limit:
            return text
        key, note = step(view)
        cut[key] = note
        text = draw(view["units"])
    if view["portfolio"] is not None:
        return text  # as short as it gets: the overview keeps every unit
    units = view["units"]
    for keep in range(len(units) - 1, -1, -1):  # last resort: whole units from the end
        if len(text) <= limit:
            break
        cut["units"] = (f"{len(units) - keep} of {len(units)} units, from "
                        f"{units[keep]['file']} on; audit them separately or use the HTML or "
                        "JSON report")
        text = draw(units[:keep])
    return text
