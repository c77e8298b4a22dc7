"""Worst-case waits before and after: narrower hours or a new closure is a regression too.

For every resolved target (channel x priority x metric) the longest real wait is computed on
each side with the same as-of date: over the twelve months from it (holidays included) and
over an ordinary week. A target that grows on either measure is a regression; identical
changes on several channels are reported once, naming the channels.
"""

from __future__ import annotations

from datetime import date

from cxaudit.clock.facts import Facts
from cxaudit.clock.waits import schedule
from cxaudit.compare.changes import CHANGED, IMPROVEMENT, REGRESSION, WaitChange
from cxaudit.compare.fields import METRIC_SEVERITY
from cxaudit.model.durations import PRIORITIES, Duration
from cxaudit.model.process import METRICS, Process, Target

_EPSILON = 1 / 120  # half a minute: below this two waits are the same
# verdict, severity, metric, priority, old and new target, old/new hours over the year and week
_Group = tuple[str, str, str, str, "str | None", "str | None", "float | None", "float | None",
               "float | None", "float | None"]


def unit_hours(proc: Process, duration: Duration,
               as_of: date | None) -> tuple[float, float] | None:
    """Worst-case calendar hours of a business-clock duration on the unit's own hours.

    (ordinary week, twelve months from `as_of` with holidays); None without business hours.
    """
    from cxaudit.clock import worstcase as clock

    sched = schedule(proc, None, as_of=as_of)
    if sched is None:
        return None
    bd = duration.business_days
    week = clock.worst_case_regular_week(sched, duration.minutes, business_days=bd).hours
    if as_of is None:
        return week, week
    return week, clock.worst_case(sched, duration.minutes, business_days=bd, start=as_of).hours


def _waits(facts: Facts, t: Target) -> tuple[float | None, float | None]:
    week = facts.wait(t)
    year = facts.wait(t, year=True) if facts.as_of is not None else week
    return (None if year is None else year.hours), (None if week is None else week.hours)


def _differs(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) > _EPSILON


def compare_waits(old: Process, new: Process, as_of: date | None,
                  renamed: dict[str, str] | None = None) -> list[WaitChange]:
    """Wait changes of every target that differs, grouped over channels with the same change.

    `renamed` maps old channel ids to new ones; waits are named by the new id.
    """
    renamed = renamed or {}
    # A channel on one side only is reported once, as the channel; its targets are not repeated.
    both = {renamed.get(c.id, c.id) for c in old.channels} & {c.id for c in new.channels}
    old_t = {(renamed.get(t.channel, t.channel), t.priority, t.metric): t for t in old.targets
             if renamed.get(t.channel, t.channel) in both}
    new_t = {(t.channel, t.priority, t.metric): t for t in new.targets if t.channel in both}
    order = {c.id: i for i, c in enumerate(new.channels)}
    order.update({c.id: len(order) + i for i, c in enumerate(old.channels) if c.id not in order})
    groups: dict[_Group, list[str]] = {}
    old_f, new_f = Facts.build(old, as_of), Facts.build(new, as_of)
    for key in sorted(set(old_t) | set(new_t), key=lambda k: (order.get(k[0], 0), k)):
        channel, prio, metric = key
        severity = METRIC_SEVERITY.get(metric, "medium")
        if severity == "-":
            continue  # agent work time is an internal measure, not a customer's wait
        a, b = old_t.get(key), new_t.get(key)
        oy, ow = _waits(old_f, a) if a is not None else (None, None)
        ny, nw = _waits(new_f, b) if b is not None else (None, None)
        if a is not None and b is not None:
            if not (_differs(oy, ny) or _differs(ow, nw)):
                continue
            worse = (oy or 0) < (ny or 0) - _EPSILON or (ow or 0) < (nw or 0) - _EPSILON
            verdict = REGRESSION if worse else IMPROVEMENT
        else:
            verdict = REGRESSION if b is None else IMPROVEMENT
        gkey = (verdict, severity, metric, prio, _text(a), _text(b), oy, ny, ow, nw)
        groups.setdefault(gkey, []).append(channel)
    out = [WaitChange(metric, prio, tuple(chans), ot, nt, oy, ny, ow, nw, verdict, severity)
           for (verdict, severity, metric, prio, ot, nt, oy, ny, ow, nw), chans in groups.items()]
    return sorted(out, key=_order)


def _text(t: Target | None) -> str | None:
    if t is None:
        return None
    d = t.duration
    return d.text if d.unit == "bd" or "@" in d.text else f"{d.text}@{t.clock}"


def _order(w: WaitChange) -> tuple[object, ...]:
    return ((REGRESSION, IMPROVEMENT, CHANGED).index(w.verdict),
            {"high": 0, "medium": 1}.get(w.severity, 2),
            METRICS.index(w.metric) if w.metric in METRICS else 99,
            PRIORITIES.index(w.priority), w.channels)


__all__ = ["compare_waits", "unit_hours"]
