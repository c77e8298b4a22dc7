"""How long a customer can really wait under a target: the figure every SLA comparison uses.

A calendar-clock target is its own length. A business-clock target is turned into its
worst-case calendar wait by the service clock (`cxaudit.clock`): over a regular week (for
RESP-001 and the priority/metric comparisons) or over the twelve months after the as-of date
with every holiday (RESP-011). Worst cases are cached per schedule and target across units;
schedules and waits of one unit are kept by `cxaudit.clock.facts.Facts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from cxaudit.i18n import ENGLISH, current, formats
from cxaudit.model.durations import CALENDAR, Duration
from cxaudit.model.process import Channel, Process, Target

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Wait:
    """The longest real wait a target allows, and the arrival that produces it."""

    hours: float
    arrival: datetime | None = None
    due: datetime | None = None
    # the median wait in hours: a number, or how to work it out (see WorstCase.median_hours)
    median: float | Callable[[], float] | None = field(default=None, compare=False, repr=False)
    calendars: tuple[str, ...] = ()  # the holiday calendars a year's worst case was found with

    @property
    def median_hours(self) -> float | None:
        """The median wait in hours (None when it is not known)."""
        return self.median() if callable(self.median) else self.median

    def case(self, subject: str = "a message", dated: bool = False) -> str:
        """`a message sent Fri 18:00 is answered Mon 17:00 at the latest (71 h)`.

        `dated` adds the calendar date, for waits that depend on holidays.
        """
        when = self.when(dated)
        if when is None:
            return f"{subject} can wait up to {fmt_hours(self.hours)}, nights and weekends included"
        return (f"{subject} sent {when[0]} is answered {when[1]} at the latest "
                f"({fmt_hours(self.hours)})")

    def when(self, dated: bool = False) -> tuple[str, str] | None:
        """The worst arrival and its answer as a sentence says them (`Fri 18:00`, `Mon 17:00`;
        with the date when `dated` or a week apart), or None when every arrival waits alike."""
        if self.arrival is None or self.due is None:
            return None
        fmt = _long if dated or (self.due - self.arrival).days >= 6 else _short
        return fmt(self.arrival), fmt(self.due)


def _short(t: datetime) -> str:
    if current() != ENGLISH:
        return f"{formats.weekday(t.weekday())} {t:%H:%M}"
    return f"{_WEEKDAY[t.weekday()]} {t:%H:%M}"


def _long(t: datetime) -> str:
    if current() != ENGLISH:
        return f"{formats.weekday(t.weekday())} {formats.day_month(t.date())} {t:%H:%M}"
    return f"{_WEEKDAY[t.weekday()]} {t.day} {t:%b %H:%M}"


def fmt_hours(hours: float) -> str:
    """`71 h`, `1.5 h`, `13.9 days`; `71 год` in Ukrainian."""
    if current() != ENGLISH:
        return formats.hours(hours)
    if hours >= 72 and hours / 24 != int(hours / 24) and hours > 24 * 7:
        return f"{hours:.0f} h ({hours / 24:.1f} days)"
    if hours >= 10 or hours == int(hours):
        return f"{hours:.0f} h"
    return f"{hours:.1f} h"


def _named(proc: Process) -> tuple[str, ...]:
    bh = proc.get(("business_hours",))
    named = bh.get("holiday_calendar") if isinstance(bh, dict) else None
    if isinstance(named, str):
        return (named,)
    if isinstance(named, list):
        return tuple(str(n) for n in named)
    return ()


def _jurisdictions(proc: Process) -> tuple[str, ...]:
    return tuple(j for j in (proc.organization.jurisdictions or ()) if j.upper() != "EU")


def _calendars(proc: Process) -> tuple[str, ...]:
    from cxaudit.clock.cache import usable_calendar

    if _named(proc):
        return _named(proc)
    found = (usable_calendar(j) for j in _jurisdictions(proc))
    return tuple(dict.fromkeys(c for c in found if c is not None))


def calendar_sets(proc: Process) -> tuple[tuple[str, ...], ...]:
    """The holiday calendars a year's worst case is searched with, each set on its own.

    The named `holiday_calendar` (all of its entries together), then the national calendar of
    every served jurisdiction it does not already cover (`DE-BE` covers `DE`; a subdivision
    such as `DE-BY` among the jurisdictions covers `DE` too). Each set is judged separately:
    a desk that follows one country's calendar does not also close on another's. An explicit
    `holiday_calendar: []` says the desk keeps no public-holiday calendar at all (a helpdesk's
    "only these closures"), whatever the jurisdictions.
    """
    if proc.get(("business_hours", "holiday_calendar")) == []:
        return ((),)
    named = _named(proc)
    covered = {c.upper() for c in named} | {c.upper().partition("-")[0] for c in named}
    jurisdictions = [j.upper() for j in _jurisdictions(proc)]
    subdivided = {j.partition("-")[0] for j in jurisdictions if "-" in j}
    sets: list[tuple[str, ...]] = [named] if named else []
    for j in dict.fromkeys(jurisdictions):
        if j in covered or j.partition("-")[0] in covered or j in subdivided \
                or not _known_calendar(j):
            continue
        sets.append((j,))
    return tuple(sets) or ((),)


@lru_cache(maxsize=256)
def _known_calendar(name: str) -> bool:
    """Whether the holiday library has a calendar for a jurisdiction code."""
    from cxaudit.clock.cache import usable_calendar

    return usable_calendar(name) == name


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
             as_of: date | None = None, calendars: tuple[str, ...] | None = None) -> Any:
    """The business-clock Schedule of a channel (or of the unit), or None if not described.

    With `as_of`, public holidays for the as-of year and the next two are closed days: those
    of `calendars`, by default of the named calendars (or of every jurisdiction); explicit
    `holidays` always are. Holidays a rule of law makes working days stay open
    (`rules/data/calendars.yaml`). Computed on each call: rules read it through
    `cxaudit.clock.facts.Facts`, which keeps it for the unit.
    """
    return _schedule(proc, channel, as_of, _calendars(proc) if calendars is None else calendars)


def listed_closures(proc: Process) -> frozenset[date]:
    """The days `business_hours.holidays` closes (single dates and from-to periods)."""
    bh = proc.get(("business_hours",))
    return frozenset(_explicit_closures(bh)) if isinstance(bh, dict) else frozenset()


def _schedule(proc: Process, channel: Channel | None, as_of: date | None,
              calendars: tuple[str, ...]) -> Any:
    bh = proc.get(("business_hours",))
    if not isinstance(bh, dict) or not isinstance(bh.get("schedule"), list):
        return None
    from cxaudit.clock import worstcase as clock

    closed = listed_closures(proc)
    if as_of is not None:
        try:
            closed |= _holidays(calendars, as_of.year)
        except ValueError:
            raise _unknown_calendar(proc, calendars) from None
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
    from cxaudit.clock import worstcase as clock

    return clock.weekly_from_rows([{"days": list(d) if isinstance(d, tuple) else d, "open": o,
                                    "close": c} for d, o, c in key])


@lru_cache(maxsize=256)
def _holidays(calendars: tuple[str, ...], year: int) -> frozenset[date]:
    from cxaudit.clock.cache import holiday_dates
    from cxaudit.clock.holidaylaw import not_days_off

    out: set[date] = set()
    for cal in calendars:
        out |= {d for d in holiday_dates((cal,), range(year, year + 3))
                if not not_days_off(cal, d)}
    return frozenset(out)


def _unknown_calendar(proc: Process, calendars: tuple[str, ...]) -> Exception:
    """An input error at `business_hours.holiday_calendar` naming the calendar it cannot find."""
    import difflib

    import holidays as hol

    from cxaudit.errors import InputError

    known = sorted(f"{c}-{s}" if s else c for c, subs in hol.list_supported_countries().items()
                   for s in [None, *subs])
    bad = next((c for c in calendars if c.upper() not in known), calendars[0])
    close = difflib.get_close_matches(bad.upper(), known, n=1)
    path: tuple[str | int, ...] = ("business_hours", "holiday_calendar")
    line, col = proc.document.locate(path)
    return InputError.at(proc.file, line, col, f"unknown holiday calendar {bad!r}: the holiday "
                         "library knows no such country or subdivision",
                         f"did you mean {close[0]!r}?" if close else
                         "use an ISO 3166 country code, optionally with a subdivision: DE-BE, "
                         "GB-ENG, RU, UA")


@lru_cache(maxsize=1024)
def _narrow(a: Any, b: Any) -> Any:
    from cxaudit.clock import worstcase as clock

    return clock.narrow(a, b)


@lru_cache(maxsize=4096)
def _worst(sched: Any, duration: Duration, start: date | None) -> Wait:
    from cxaudit.clock import worstcase as clock

    kwargs = {"business_days": duration.business_days}
    if start is None:
        wc = clock.worst_case_regular_week(sched, duration.minutes, **kwargs)
    else:
        wc = clock.worst_case(sched, duration.minutes, start=start, days=365, **kwargs)
    return Wait(wc.hours, wc.arrival, wc.due, lambda: wc.median_hours)


ScheduleOf = Callable[[Channel | None, date | None, tuple[str, ...] | None], Any]


def worst(proc: Process, channel: Channel | None, target: Target, as_of: date | None = None,
          schedule_of: ScheduleOf | None = None,
          sets: tuple[tuple[str, ...], ...] | None = None) -> Wait | None:
    """Worst-case wait under `target` on `channel`: a regular week, or the year after `as_of`
    with holidays (each of the calendar `sets` in turn).

    None when the target runs on business hours that the file does not describe.
    `schedule_of(channel, as_of, calendars)` supplies schedules (a cache may stand in).
    """
    d = target.duration
    if target.clock == CALENDAR:
        hours = (d.minutes or 0) / 60
        return Wait(hours, median=hours)
    get = schedule_of or (lambda ch, day, cals: schedule(proc, ch, as_of=day, calendars=cals))
    if as_of is None:
        sched = get(channel, None, None)
        return None if sched is None else _worst(sched, d, None)
    best: Wait | None = None
    seen: list[frozenset[date]] = []
    for cals in calendar_sets(proc) if sets is None else sets:
        sched = get(channel, as_of, cals)
        if sched is None:
            return None
        if any(sched.closed <= other for other in seen):
            continue  # closes no day another calendar does not: it cannot wait longer
        seen.append(sched.closed)
        w = _worst(sched, d, as_of)
        if best is None or w.hours > best.hours + 1e-9:
            best = replace(w, calendars=cals)
    return best


def _channel(proc: Process, channel_id: str) -> Channel | None:
    return next((c for c in proc.channels if c.id == channel_id), None)


def wait(proc: Process, target: Target, *, as_of: date | None = None) -> Wait | None:
    """Worst-case wait under `target`: a regular week, or the year after `as_of` with holidays.

    For a one-off question; rules and checks ask `Facts.wait`, which keeps each answer.
    """
    return worst(proc, _channel(proc, target.channel), target, as_of)


def plain_year(sched: Any, target: Target, as_of: date) -> float | None:
    """Worst-case hours over the year after `as_of` on `sched` with no closed dates at all
    (weekends and clock changes only); None without a schedule for a business target."""
    if target.clock == CALENDAR:
        return (target.duration.minutes or 0) / 60
    if sched is None:
        return None
    return _worst(replace(sched, closed=frozenset()), target.duration, as_of).hours


def wait_without_holidays(proc: Process, target: Target, as_of: date) -> float | None:
    """Worst-case hours over the same year with no closed dates at all (weekends and clock
    changes only): what the year would give if no holiday were involved."""
    return plain_year(schedule(proc, _channel(proc, target.channel)), target, as_of)


def nominal_hours(d: Duration) -> float:
    """A target's written length in hours (a business day as 24 h): the figure used when the
    hours it runs on are not described."""
    return d.minutes / 60 if d.minutes is not None else float(d.amount) * 24


def wait_hours(proc: Process, target: Target) -> float:
    """Regular-week worst case in hours; the nominal length when business hours are unknown."""
    w = wait(proc, target)
    return w.hours if w is not None else nominal_hours(target.duration)


def describe(target: Target) -> str:
    """`4h@business (policy standard)` style label for messages."""
    return f"{target.duration.text} (policy {target.policy})"


def clear_caches() -> None:
    """Forget cached schedules, holidays and worst cases (benchmarks that must start cold)."""
    from cxaudit.clock import worstcase as clock

    for fn in (_worst, _weekly, _holidays, _narrow):
        fn.cache_clear()
    clock.clear_caches()
