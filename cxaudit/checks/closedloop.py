"""The closed loop: every unhappy customer hears back quickly, from someone other than the
agent they rated, whichever survey they were unhappy in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import HOURS_EVIDENCE, CheckContext, Outcome, missing, violation
from cxaudit.model.durations import BUSINESS, DurationError, parse_duration
from cxaudit.model.process import MISSING, Target

_BASE = ("feedback", "closed_loop", "detractors")
_SURVEY_NAMES = {"csat": "a low satisfaction (CSAT) score", "ces": "a 'very difficult' effort "
                 "(CES) answer"}


def detractor_follow_up(ctx: CheckContext) -> Iterator[Outcome]:
    """FDB-003: every detractor hears from someone else within max_wait, in real hours.

    Each stated part (switched on, how fast, by whom, which low answers) is judged on its own;
    only the parts the file leaves out are asked for.
    """
    loop = ctx.process.get(_BASE)
    if not isinstance(loop, dict):
        yield missing(_BASE)
        return
    enabled = loop.get("enabled", MISSING)
    if enabled is False:
        yield violation(_BASE + ("enabled",), problem="Customers who give a low score get no "
                        "personal follow-up, so the unhappiest ones are left to leave")
        return
    if enabled is MISSING:
        yield missing(_BASE + ("enabled",))
    yield from _speed(ctx, loop)
    yield from _who(loop)
    yield from _which_answers(ctx, loop)


def _speed(ctx: CheckContext, loop: dict[str, Any]) -> Iterator[Outcome]:
    if "within" not in loop:
        yield missing(_BASE + ("within",))
        return
    try:
        within = parse_duration(loop["within"])
    except DurationError:
        return  # reported by the model as an input error
    limit_h = (parse_duration(ctx.params["max_wait"]).minutes or 0) / 60
    hours = (within.minutes or 0) / 60
    how = f"within {within.text}"
    if within.clock_or(None) == BUSINESS:
        t = Target("-", "normal", "closed_loop", within, BUSINESS, "-", _BASE + ("within",))
        w = ctx.facts.wait(t)
        if w is None:
            yield missing(("business_hours",), evidence=HOURS_EVIDENCE)
            return
        hours = w.hours
        how = f"within {within.text}, so {w.case('a low score')}"
    if hours > limit_h:
        yield violation(_BASE + ("within",), problem=(
            f"Unhappy customers are called back {how}, later than the {ctx.params['max_wait']} "
            "that leading firms aim for in real time, so many have decided to leave by then"))


def _who(loop: dict[str, Any]) -> Iterator[Outcome]:
    other = loop.get("not_involved_agent", MISSING)
    if other is False:
        yield violation(_BASE + ("not_involved_agent",), problem=(
            "The agent the customer rated badly is the one who calls back, which confirms the "
            "low score instead of repairing it"))
    elif other is MISSING:
        yield missing(_BASE + ("not_involved_agent",))
    if not str(loop.get("owner_role") or "").strip():
        yield missing(_BASE + ("owner_role",))


def _which_answers(ctx: CheckContext, loop: dict[str, Any]) -> Iterator[Outcome]:
    """Low CSAT and CES answers are detractors too (judged when `includes` is stated)."""
    includes = loop.get("includes", MISSING)
    if not isinstance(includes, list):
        return  # the follow-up is described for detractors; the refinement is optional
    surveys = ctx.process.get(("feedback", "surveys"))
    kinds = sorted({str(s.get("type")) for s in surveys if isinstance(s, dict)} & set(_SURVEY_NAMES)
                   if isinstance(surveys, list) else set())
    words = " ".join(str(i).lower() for i in includes)
    left_out = [k for k in kinds if not re.search(rf"(?<![a-z]){k}(?![a-z])", words)]
    if left_out:
        yield violation(_BASE + ("includes",), problem=(
            f"Customers who give {' or '.join(_SURVEY_NAMES[k] for k in left_out)} get no "
            "follow-up, although they are as unhappy as a low recommendation score"))
