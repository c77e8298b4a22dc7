"""Markdown report rendered from `reports/report.md.j2`, sized to fit a GitHub comment.

GitHub refuses pull-request comments over 65,536 characters and job summaries over 1 MiB. When
the full report is longer than the limit, detail is dropped in a fixed order until it fits:
explanations and passed-rule lists, then notes and needs-evidence lists (their counts stay in
each unit's summary line), then plan actions beyond the first few of each unit, then whole units
from the end. Summary lines and the first actions of each unit are kept as long as possible, and
the report says what was cut at its top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit.report import mdsafe
from cxaudit.report.templates import environment, render_template
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


def render(result: AuditResult, template_dir: str | None = None,
           limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """The audit as Markdown, at most `limit` characters (0: no limit, else >= MIN_LIMIT)."""
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
    cut: dict[str, str] = {}

    def draw(units: list[dict[str, Any]]) -> str:
        v = {**view, "units": units, "cut": list(cut.values()), "limit": limit}
        return render_template(env, "report.md.j2", v).strip() + "\n"

    text = draw(view["units"])
    for step in STEPS:
        if len(text) <= limit or not limit:
            return text
        key, note = step(view)
        cut[key] = note
        text = draw(view["units"])
    units = view["units"]
    for keep in range(len(units) - 1, -1, -1):  # last resort: whole units from the end
        if len(text) <= limit:
            break
        cut["units"] = (f"{len(units) - keep} of {len(units)} units, from "
                        f"{units[keep]['file']} on; audit them separately or use the HTML or "
                        "JSON report")
        text = draw(units[:keep])
    return text
