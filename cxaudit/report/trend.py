"""The progress block as the HTML and Markdown reports show it: trends drawn as small SVGs.

The history computes the progress (`cxaudit.history.progress`); this adds what a page needs:
each unit's score trend as SVG geometry (a polyline and dots, inline, no script), the same trend
as a line of block characters for places that show no SVG, and waits written as hours.
"""

from __future__ import annotations

import copy
from typing import Any

from cxaudit.compare.fields import METRIC_LABEL
from cxaudit.compare.show import field_label, fmt_hours
from cxaudit.i18n import _

WIDTH, HEIGHT, PAD = 96, 28, 4
BLOCKS = "▁▂▃▄▅▆▇█"


def _num(x: float) -> str:
    return f"{round(x, 1):g}"


def trend_svg(points: list[dict[str, Any]]) -> dict[str, Any]:
    """A sparkline of scores over the audits, oldest left, scaled to the unit's own range
    (at least 20 points tall) so a change of a few points shows; audits without a score (no
    rule applied) leave a gap in the dots and are skipped by the line."""
    n = len(points)
    scores = [p["score"] for p in points if p["score"] is not None]
    low = max(0, min(scores, default=0) - 10)
    high = min(100, max(max(scores, default=100) + 10, low + 20))
    low = min(low, high - 20)
    dots = []
    for i, p in enumerate(points):
        if p["score"] is None:
            continue
        x = PAD + (WIDTH - 2 * PAD) * (i / (n - 1) if n > 1 else 0.5)
        y = PAD + (HEIGHT - 2 * PAD) * (1 - (p["score"] - low) / (high - low))
        dots.append({"x": _num(x), "y": _num(y), "score": p["score"], "as_of": p["as_of"] or "",
                     "last": i == n - 1})
    return {"width": WIDTH, "height": HEIGHT, "dots": dots,
            "line": " ".join(f"{d['x']},{d['y']}" for d in dots) if len(dots) > 1 else "",
            "base": _num(HEIGHT - PAD), "top": _num(PAD)}


def spark(points: list[dict[str, Any]]) -> str:
    """The scores as block characters, `▂▄▆` (a space where an audit had no score)."""
    return "".join(" " if p["score"] is None else BLOCKS[min(7, p["score"] * 8 // 101)]
                   for p in points)


def progress_view(block: dict[str, Any]) -> dict[str, Any]:
    """A copy of the progress block with trends drawn and waits written for reading."""
    view = copy.deepcopy(block)
    for u in view["units"]:
        u["svg"] = trend_svg(u["trend"])
        u["spark"] = spark(u["trend"])
        u["changed"] = bool(u["score_change"]) or any(
            u[k] for k in ("fixed", "new", "unjudged", "regressed", "longer_waits"))
        for w in u["longer_waits"]:
            w["label"] = _(METRIC_LABEL.get(w["metric"], w["metric"]))
            w["then"], w["now"] = fmt_hours(w["then_hours"]), fmt_hours(w["now_hours"])
    view["changed"] = sum(1 for u in view["units"] if u["changed"])
    view["first"] = sum(1 for u in view["units"] if u["then"] is None)
    for u in view["units"]:  # stage names and field labels are recorded in English
        for side in (u["now"], u["then"]):
            if side is not None:
                side["maturity"] = {**side["maturity"], "stage": _(side["maturity"]["stage"])}
        for r in u["regressed"]:
            r["label"] = field_label(r["label"])
    return view


__all__ = ["progress_view", "spark", "trend_svg"]
