"""How long a customer can really wait under a target: the figure every SLA comparison uses.

A calendar-clock target is its own length. A business-clock target is turned into its
worst-case calendar wait by the service clock (`cxaudit.clock`): over a regular week (for
RESP-001 and the priority/metric comparisons) or over the twelve months after the as-of date
with every holiday (RESP-011). Results are cached per schedule and target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from cxaudit.durations import CALENDAR, Duration
from cxaudit.model import Channel, Process, Target

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Wait:
    """The longest real wait a target allows, and the arrival that produces it."""

    hours: float
    arrival: datetime | None = None
    due: datetime | None = None
    median_hours: float | None = None

    def case(self, subject: str = "a message", dated: bool = False) -> str:
        """`a message sent Fri 18:00 is answered Mon 17:00 at the latest (71 h)`.

        `dated` adds the calendar date, for waits that depend on holidays.
        """
        if self.arrival is None or self.due is None:
            return f"{subject} can wait up to {fmt_hours(self.hours)}, nights and weekends included"
        fmt = _long if dated or (self.due - self.arrival).days >= 6 else _short
        return (f"{subject} sent {fmt(self.arrival)} is answered {fmt(self.due)} at the latest "
                f"({fmt_hours(self.hours)})")


def _short(t: datetime) -> str:
    return f"{_WEEKDAY[t.weekday()]} {t:%H:%M}"


def _long(t: datetime) -> str:
    return f"{_WEEKDAY[t.weekday()]} {t.day} {t:%b %H:%M}"


def fmt_hours(hours: float) -> str:
    """`71 h`, `1.5 h`, `13.9 days`."""
    if hours >= 72 and hours / 24 != int(hours / 24) and hours > 24 * 7:
        return f"{hours:.0f} h ({hours / 24:.1f} days)"
    if hours >= 10 or hours == int(hours):
        return f"{hours:.0f} h"
    return f"{hours:.1f} h"


def _calendars(proc: Process) -> tuple[str, ...]:
    bh = proc.get(("business_hours",))
    named = bh.get("holiday_calendar") if isinstance(bh, dict) else None
    if isinstance(named, str):
        return (named,)
    if isinstance(named, list):
        return tuple(str(n) for n in named)
    from cxaudit.holidaycache import usable_calendar

    found = (usable_calendar(j) for j in (proc.organization.jurisdictions or ()))
    return tuple(dict.fromkeys(c for c in found if c is not None))


def _explicit_closures(bh: dict[str, Any]) -> set[date]:
    from datetime import timedelta

    out: set[date] = set()
    for h in bh.get("holidays") or []:
        if not isinstance(h, dict) or h.get("closed") is False:
            continue
        if "date" in h:
            out.add(date.fromisoformat(str(h["date"])))
        elif "from" in h and "to" in h:
            day, end = date.fromisoformat(str(h["from"])), date.fromisoformat(str(h["to"]))
            while day <= end:
                out.add(day)
                day += timedelta(days=1)
    return out


def schedule(proc: Process, channel: Channel | None = None, *,
             as_of: date | None = None) -> Any:
    """The business-clock Schedule of a channel (or of the unit), or None if not described.

    With `as_of`, public holidays of the named calendars (or of every jurisdiction) for the
    as-of year and the next two are closed days; explicit `holidays` always are.
    """
    key = ("schedule", channel.id if channel is not None else None, as_of)
    if key not in proc.memo:
        proc.memo[key] = _schedule(proc, channel, as_of)
    return proc.memo[key]


def _schedule(proc: Process, channel: Channel | None, as_of: date | None) -> Any:
    bh = proc.get(("business_hours",))
    if not isinstance(bh, dict) or not isinstance(bh.get("schedule"), list):
        return None
    from cxaudit import clock

    closed = frozenset(_explicit_closures(bh))
    if as_of is not None:
        closed |= _holidays(_calendars(proc), as_of.year)
    tz = str(bh.get("timezone") or "UTC")
    sched = clock.Schedule(tz, _weekly(_rows_key(bh["schedule"])), closed)
    hours = channel.raw.get("hours") if channel is not None else None
    if isinstance(hours, dict) and isinstance(hours.get("schedule"), list):
        own = clock.Schedule(str(hours.get("timezone") or tz), _weekly(_rows_key(hours["schedule"])),
                             closed)
        sched = _narrow(sched, own)
    return sched


def _rows_key(rows: list[Any]) -> tuple[tuple[Any, ...], ...]:
    return tuple((_days_key(r.get("days")), r.get("open"), r.get("close"))
                 for r in rows if isinstance(r, dict))


def _days_key(days: Any) -> Any:
    return tuple(days) if isinstance(days, list) else days


@lru_cache(maxsize=1024)
def _weekly(key: tuple[tuple[Any, ...], ...]) -> tuple[tuple[int, int, int], ...]:
    from cxaudit import clock

    return clock.weekly_from_rows([{"days": list(d) if isinstance(d, tuple) else d, "open": o,
                                    "close": c} for d, o, c in key])


@lru_cache(maxsize=256)
def _holidays(calendars: tuple[str, ...], year: int) -> frozenset[date]:
    from cxaudit.holidaycache import holiday_dates

    return holiday_dates(calendars, range(year, year + 3))


@lru_cache(maxsize=1024)
def _narrow(a: Any, b: Any) -> Any:
    from cxaudit import clock

    return clock.narrow(a, b)


@lru_cache(maxsize=4096)
def _worst(sched: Any, duration: Duration, start: date | None) -> Wait:
    from cxaudit import clock

    kwargs = {"business_days": duration.business_days}
    if start is None:
        wc = clock.worst_case_regular_week(sched, duration.minutes, **kwargs)
    else:
        wc = clock.worst_case(sched, duration.minutes, start=start, days=365, **kwargs)
    return Wait(wc.hours, wc.arrival, wc.due, wc.median_hours)


def wait(proc: Process, target: Target, *, as_of: date | None = None) -> Wait | None:
    """Worst-case wait under `target`: a regular week, or the year after `as_of` with holidays.

    None when the target runs on business hours that the file does not describe.
    """
    d = target.duration
    if target.clock == CALENDAR:
        hours = (d.minutes or 0) / 60
        return Wait(hours, median_hours=hours)
    key = ("wait", target, as_of)
    if key not in proc.memo:
        chan = next((c for c in proc.channels if c.id == target.channel), None)
        sched = schedule(proc, chan, as_of=as_of)
        proc.memo[key] = None if sched is None else _worst(sched, d, as_of)
    result: Wait | None = proc.memo[key]
    return result


def wait_hours(proc: Process, target: Target) -> float:
    """Regular-week worst case in hours; the nominal length when business hours are unknown."""
    w = wait(proc, target)
    if w is not None:
        return w.hours
    d = target.duration
    return d.minutes / 60 if d.minutes is not None else float(d.amount) * 24


def describe(target: Target) -> str:
    """`4h@business (policy standard)` style label for messages."""
    return f"{target.duration.text} (policy {target.policy})"


def clear_caches() -> None:
    """Forget cached schedules, holidays and worst cases (benchmarks that must start cold)."""
    from cxaudit import clock

    for fn in (_worst, _weekly, _holidays, _narrow):
        fn.cache_clear()
    clock.clear_caches()
