"""Escalation path checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.i18n import ENGLISH, current, pgettext


def _level_name(level: Any, i: int) -> str:
    """An escalation level as sentences name it: its name, else `level 2` in the language."""
    if level.get("name"):
        return str(level["name"])
    number = level.get("level", i + 1)
    if current() == ENGLISH:
        return f"level {number}"
    return pgettext("item", "level {level}").format(level=number)


def _text(owner: dict[str, Any], key: str) -> str:
    value = owner.get(key)
    return value.strip() if isinstance(value, str) else ""


_ROUND_THE_CLOCK = re.compile(r"24\s*/\s*7|24x7|round the clock|on[- ]call|always", re.IGNORECASE)


_ON_DUTY = re.compile(r"on[- _]?duty|on[- _]?call|duty[- _]manager|rota", re.IGNORECASE)


def _always_reachable(hours: Any) -> bool:
    if isinstance(hours, str):
        return bool(_ROUND_THE_CLOCK.search(hours))
    if isinstance(hours, list):
        days = {d for row in hours if isinstance(row, dict)
                and str(row.get("open")) in ("00:00", "0:00")
                and str(row.get("close")) in ("24:00", "00:00")
                for d in (row.get("days") or [])}
        return len(days) == 7
    return False


def _round_the_clock_priorities(ctx: CheckContext) -> list[str]:
    proc = ctx.process
    prios = proc.get(("priorities",))
    out = [p for p, spec in (prios.items() if isinstance(prios, dict) else ())
           if isinstance(spec, dict) and spec.get("round_the_clock") is True]
    after = proc.get(("business_hours", "after_hours"))
    if isinstance(after, dict) and after.get("coverage") in ("on_call", "outsourced"):
        listed = after.get("priorities")  # absent: the cover takes every priority
        out.extend(str(p) for p in listed) if isinstance(listed, list) else out.append("all")
    return sorted(set(out))


def owners_on_duty(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-007: where cases are worked round the clock, escalation owners can be reached then."""
    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    prios = _round_the_clock_priorities(ctx)
    if not prios:
        raise NotApplicable
    unknown: list[str] = []
    for i, level in enumerate(levels):
        owner = level.get("owner") if isinstance(level, dict) else None
        trigger = level.get("trigger") if isinstance(level, dict) else None
        if not isinstance(owner, dict) or (isinstance(trigger, dict)
                                           and trigger.get("on") == "manual"):
            continue
        label = _level_name(level, i)
        hours = owner.get("hours")
        if _text(owner, "deputy") or _ON_DUTY.search(f"{label} {_text(owner, 'role')}"):
            continue  # a deputy or a duty rota stands in
        if hours is None:
            unknown.append(label)
        elif not _always_reachable(hours):
            yield violation(("escalation", "levels", i, "owner", "hours"),
                            "unreachable" if isinstance(hours, str) else "office_hours",
                            level=label, priorities=prios, hours=hours)
    if unknown:
        yield missing(("escalation", "levels"), "hours", levels=unknown, priorities=prios)


def ordered(levels: list[Any]) -> list[tuple[int, dict[str, Any]]]:
    """(index, level) in escalation order: by `level` number, then by position in the file."""
    items = [(i, lv) for i, lv in enumerate(levels) if isinstance(lv, dict)]
    return sorted(items, key=lambda p: (p[1]["level"] if isinstance(p[1].get("level"), int)
                                        and not isinstance(p[1].get("level"), bool)
                                        else float("inf"), p[0]))


def _automatic(trigger: dict[str, Any]) -> bool:
    return trigger.get("on") != "manual" and bool(
        {"on", "after", "at_pct_of_target"} & set(trigger))


def _clock_only(trigger: dict[str, Any]) -> bool:
    """Fires a set time after the case was opened, whatever its targets."""
    return trigger.get("on") == "creation"


def _reference_unknown(trigger: dict[str, Any]) -> bool:
    """An automatic trigger that counts from a target without saying which one."""
    return _automatic(trigger) and not _clock_only(trigger) and "metric" not in trigger


def _after_hours(trigger: dict[str, Any]) -> float | None:
    from cxaudit.model.durations import DurationError, parse_duration

    try:
        after = parse_duration(trigger["after"]) if "after" in trigger else None
    except DurationError:
        return None
    if after is None:
        return 0.0
    return (after.minutes or 0) / 60 if after.minutes is not None else after.amount * 24


def _trigger_hours(ctx: CheckContext, trigger: dict[str, Any]) -> float | None:
    """A trigger as worst-case hours since the case was opened.

    None if manual, or if it counts from a target the file does not name or give.
    """
    if not _automatic(trigger):
        return None
    after_h = _after_hours(trigger)
    if after_h is None:
        return None
    if _clock_only(trigger):
        return after_h
    if "metric" not in trigger:
        return None  # a percentage or a breach of which target? never assumed
    metric = str(trigger["metric"])
    targets = list(ctx.facts.targets_for(metric=metric, priority="normal")) or \
        list(ctx.facts.targets_for(metric=metric))
    if not targets:
        return None
    target_h = max(ctx.facts.wait_hours(t) for t in targets)
    if "at_pct_of_target" in trigger:
        return target_h * float(trigger["at_pct_of_target"]) / 100 + after_h
    if trigger.get("on") == "before_breach":
        return max(0.0, target_h - after_h)
    return target_h + after_h  # on: breach


def escalation_order(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-003: counted from the same start, each level fires strictly later than the last."""
    from cxaudit.clock.waits import fmt_hours

    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    previous: tuple[str, float] | None = None
    for i, level in ordered(levels):
        trigger = level.get("trigger")
        if not isinstance(trigger, dict):
            continue
        label = _level_name(level, i)
        if _reference_unknown(trigger):
            yield missing(("escalation", "levels", i, "trigger", "metric"), "reference",
                          level=label)
            continue
        hours = _trigger_hours(ctx, trigger)
        if hours is None:
            continue
        if previous is not None and hours <= previous[1]:
            yield violation(("escalation", "levels", i, "trigger"), "early", level=label,
                            when=fmt_hours(hours), previous=previous[0],
                            previous_when=fmt_hours(previous[1]))
        previous = (label, hours)


def escalation_before_breach(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-004: for each escalated metric some level fires before the target is breached.

    A level that fires a set time after the case is opened (`on: creation` without a metric)
    warns about every target it comes early enough for; one that counts from a target without
    naming it is never assumed to watch resolution.
    """
    from cxaudit.clock.waits import fmt_hours

    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    max_pct = float(ctx.params["max_pct"])
    triggers = [(i, lv["trigger"], _level_name(lv, i))
                for i, lv in ordered(levels)
                if isinstance(lv.get("trigger"), dict) and _automatic(lv["trigger"])]
    named = {str(t["metric"]) for _, t, _ in triggers if "metric" in t}
    clocks = [(i, t) for i, t, _ in triggers if _clock_only(t) and "metric" not in t]
    unknown = [(i, t, label) for i, t, label in triggers if _reference_unknown(t)]
    judged = set(named)
    if clocks or unknown:
        judged |= {m for m in ("first_response", "resolution")
                   if any(ctx.facts.targets_for(metric=m))}
    if not judged:
        if unknown:
            i, _, label = unknown[0]
            yield missing(("escalation", "levels", i, "trigger", "metric"), "reference",
                          level=label)
        else:
            yield missing(("escalation", "levels", ordered(levels)[0][0], "trigger"))
        return
    for metric in sorted(judged):
        own = [(i, t) for i, t, _ in triggers if t.get("metric") == metric]
        if any(_warns(ctx, t, metric, max_pct) for _, t in own + clocks):
            continue
        maybe = [(i, label) for i, t, label in unknown
                 if t.get("on") == "before_breach"
                 or float(t.get("at_pct_of_target", 101)) <= max_pct]
        if maybe:  # it may be the warning for this target: ask which target it watches
            yield missing(("escalation", "levels", maybe[0][0], "trigger", "metric"),
                          "reference", level=maybe[0][1])
            continue
        pcts = [float(t["at_pct_of_target"]) for _, t in own if "at_pct_of_target" in t]
        hours = [h for _, t in clocks if (h := _trigger_hours(ctx, t)) is not None]
        if not own and not clocks:  # only triggers whose target is not said: ask which
            i, _, label = unknown[0]
            yield missing(("escalation", "levels", i, "trigger", "metric"), "reference",
                          level=label)
            continue
        first = (own or clocks)[0][0]
        when = "at_pct" if pcts else "after_opening" if hours and not own else "at_breach"
        yield violation(("escalation", "levels", first, "trigger"), when, metric=metric,
                        pct=min(pcts) if pcts else None,
                        when=fmt_hours(min(hours)) if hours else None)


def _warns(ctx: CheckContext, trigger: dict[str, Any], metric: str, max_pct: float) -> bool:
    """The trigger fires at or before `max_pct` of the metric's target."""
    if trigger.get("on") == "before_breach" or \
            float(trigger.get("at_pct_of_target", 101)) <= max_pct:
        return True
    return _fires_early(ctx, trigger, metric, max_pct)


def _fires_early(ctx: CheckContext, trigger: dict[str, Any], metric: str, max_pct: float) -> bool:
    """A creation-based trigger counts as a warning if it fires early enough, measured from
    creation against the metric's worst-case target."""
    if not _clock_only(trigger):
        return False
    hours = _trigger_hours(ctx, trigger)
    targets = list(ctx.facts.targets_for(metric=metric))
    if hours is None or not targets:
        return False
    return hours <= min(ctx.facts.wait_hours(t) for t in targets) * max_pct / 100
