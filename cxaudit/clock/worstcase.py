"""The service clock: how long a customer really waits under a business-hours target.

For an arrival at instant t the wait is w(t) = due(t) - t. Over the real open intervals of a
period (`cxaudit.calendar`, DST-exact) w is piecewise linear with slope 0 or -1:

* while the desk is open, the due time moves with the arrival, so w is flat, except that it
  jumps up just after an arrival whose target expires exactly at a closing time;
* while the desk is closed the due time stands still, so w falls one second per second;
* for `bd` targets the due time is a close of business and stands still until the day of
  receipt changes (at a business day's last closing), so w falls everywhere and jumps there.

So the period splits into pieces, each flat or falling. The worst case is the largest piece
top (a flat piece is attained at its right end, a falling one at its left end): these are
exactly the closing moments, the arrivals at the window's ends and, for `bd`, the last closing
of each business day, so no instant is simulated. The median is exact too: flat pieces are
point masses, falling pieces uniform densities, and the median is read off their sum.

Windows are closed: arrivals from `start` 00:00 to the end date's 00:00, both included. Among
arrivals with the same worst wait the latest is reported, usually the closing time of the
last such day ("sent Fri 18:00, answered Mon 17:00").
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from cxaudit.clock import timeline as calendar
from cxaudit.clock.medians import Pieces
from cxaudit.clock.schedules import (
    Schedule,
    always_open,
    holiday_dates,
    narrow,
    parse_time,
    weekly_from_rows,
)
from cxaudit.clock.timeline import Timeline, instant, timeline

__all__ = ["Schedule", "WorstCase", "always_open", "clear_caches", "due", "due_business_days",
           "due_calendar", "holiday_dates", "median_wait", "narrow", "parse_time",
           "weekly_from_rows", "worst_case", "worst_case_regular_week"]

REFERENCE_WEEK = date(2025, 1, 6)  # a Monday; regular weeks are computed on plain wall time


@dataclass(frozen=True)
class WorstCase:
    """The longest real wait under a target, the arrival that produces it, and the median.

    The median is worked out when it is first read: only the SLA table shows it, and over a
    year it costs as much as the worst case itself.
    """

    hours: float
    arrival: datetime
    due: datetime
    median_of: Callable[[], float] = field(compare=False, repr=False)

    @cached_property
    def median_hours(self) -> float:
        """The median wait in hours, to four decimals."""
        return self.median_of()


def _aware(t: datetime) -> float:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"arrival {t.isoformat()} has no time zone")
    return t.timestamp()


def _local(s: Schedule, t: float) -> datetime:
    return datetime.fromtimestamp(t, ZoneInfo(s.timezone))


def _open_per_week(s: Schedule) -> int:
    return sum((c if c > o else c + 1440) - o for _, o, c in s.weekly)


def _lookahead(s: Schedule, minutes: float | None, business_days: int | None) -> int:
    """Days of timeline after an arrival that usually hold its due time."""
    if business_days is not None:
        return 14 + 2 * business_days
    weeks = (minutes or 0) / max(_open_per_week(s), 1)
    return 14 + int(weeks * 7 * 1.2)


_LAST_DAY = date(9998, 12, 31)  # timelines stop here: zone offsets are read a year ahead


def _until(first: date, days: int) -> tuple[date, bool]:
    """`first` + `days`, or the last date a timeline can reach (and True) if that is sooner."""
    if days >= _LAST_DAY.toordinal() - first.toordinal():
        return _LAST_DAY, True
    return first + timedelta(days=days), False


def _resolve(s: Schedule, day: date, span: int,
             fn: Callable[[Timeline], float | None]) -> float:
    """Run fn(timeline) on ever longer timelines from `day` until it finds the due time."""
    first = date.fromordinal(day.toordinal() - 1 - (day.toordinal() - 1) % 16)  # share timelines
    for factor in (1, 2, 8, 64, 512):
        last, clamped = _until(first, (span * factor + 47) // 32 * 32)
        found = fn(timeline(s, first, last))
        if found is not None:
            return found
        if clamped:
            break
    raise ValueError("the target is never reached: the schedule has too little open time")


def due(s: Schedule, arrival: datetime, business_minutes: float) -> datetime:
    """When `business_minutes` of open time have elapsed after arrival (in the schedule's zone)."""
    t = _aware(arrival)
    if business_minutes < 0:
        raise ValueError("a target cannot be negative")
    if business_minutes == 0:
        return _local(s, t)
    local = _local(s, t).date()
    span = _lookahead(s, business_minutes, None)
    return _local(s, _resolve(s, local, span, lambda tl: tl.due(t, business_minutes * 60)))


def due_business_days(s: Schedule, arrival: datetime, n: int) -> datetime:
    """Close of business on the n-th business day after the day of receipt.

    The day of receipt does not count (FCA DISP 1.5: "by close of business on the third
    business day following the day of receipt"), and a message received outside business hours
    counts as received on the next business day: the day of receipt is the first business day
    whose close of business is still ahead. Friday 19:00 with 1bd is due Tuesday at close.
    """
    t = _aware(arrival)
    if n < 0:
        raise ValueError("a number of business days cannot be negative")
    local = _local(s, t).date()
    return _local(s, _resolve(s, local, _lookahead(s, None, n), lambda tl: tl.due_days(t, n)))


def due_calendar(arrival: datetime, minutes: float) -> datetime:
    """Calendar-clock due time: `minutes` of real time later (not wall time across DST)."""
    _aware(arrival)
    real = arrival.astimezone(UTC) + timedelta(minutes=minutes)
    return real.astimezone(arrival.tzinfo)


@lru_cache(maxsize=16)  # large (two years of pieces): reused within a unit, rarely across
def _pieces(s: Schedule, minutes: float | None, business_days: int | None, first: date,
            days: int) -> Pieces:
    """Pieces for arrivals over the local dates first .. first + days (both 00:00 included)."""
    tl, lo, hi = _covering(s, minutes, business_days, first, days)
    return Pieces(tl, lo, hi, None if business_days is not None else (minutes or 0) * 60,
                   business_days)


def _covering(s: Schedule, minutes: float | None, business_days: int | None, first: date,
              days: int) -> tuple[Timeline, float, float]:
    """A timeline long enough for every arrival of the window to have its due time, and the
    window's first and last instant."""
    lo, hi = instant(s, first), instant(s, first + timedelta(days=days))
    span = days + _lookahead(s, minutes, business_days)
    for factor in (1, 2, 8, 64, 512):
        last, clamped = _until(first, span * factor)
        tl = timeline(s, first - timedelta(days=1), last)
        if business_days is not None:
            ok = tl.due_days(hi, business_days) is not None and tl.receipt(lo) < len(tl.cob)
        else:
            ok = tl.due(hi, (minutes or 0) * 60) is not None
        if ok:
            return tl, lo, hi
        if clamped:
            break
    raise ValueError("the target is never reached: the schedule has too little open time")


def _worst_arrival(tl: Timeline, lo: float, hi: float, secs: float | None,
                   n: int | None) -> tuple[float, float]:
    """(due, arrival) of the longest wait over arrivals in [lo, hi], the latest such arrival
    (the first when every arrival waits alike), without building the pieces.

    Every piece's top is at a moment the desk closes (where a falling piece starts and a flat
    one ends), at a business day's close for `bd` targets, or at an end of the window: a flat
    piece that ends earlier, where a target expires at a close, is followed by a higher one.
    So the worst case is the largest wait at those moments.
    """
    def wait(t: float) -> float:
        d = tl.due_days(t, n) if n is not None else tl.due(t, secs or 0.0)
        assert d is not None  # the timeline covers the window (see _covering)
        return d - t

    exact = n is not None or float(secs or 0).is_integer()  # else waits compare to the ms
    moments = tl.cob if n is not None else tl.closes
    first = bisect.bisect_right(moments, lo)
    stop = bisect.bisect_left(moments, hi, first)
    lo_wait, hi_wait = wait(lo), wait(hi)
    r_lo, r_hi = (lo_wait, hi_wait) if exact else (round(lo_wait, 3), round(hi_wait, 3))
    if n is None and stop == first and r_lo == r_hi:
        j = bisect.bisect_right(tl.opens, lo) - 1
        if j >= 0 and lo < tl.closes[j]:  # open throughout, one wait for every arrival
            return lo + lo_wait, lo
    best = max((r_lo, lo), (r_hi, hi))
    for c in moments[first:stop]:
        w = wait(c)
        if not exact:
            w = round(w, 3)
        if w >= best[0]:
            best = (w, c) if w > best[0] or c > best[1] else best
    return best[1] + wait(best[1]), best[1]


def _check(minutes: float | None, business_days: int | None) -> None:
    if (minutes is None) == (business_days is None):
        raise ValueError("give either business minutes or business days")
    if (minutes or 0) < 0 or (business_days or 0) < 0:
        raise ValueError("a target cannot be negative")


def worst_case(s: Schedule, minutes: float | None, *, business_days: int | None = None,
               start: date, days: int = 365) -> WorstCase:
    """The longest real wait for arrivals from `start` 00:00 to `start + days` 00:00, exactly."""
    return _worst(s, minutes, business_days, start, days)


@lru_cache(maxsize=4096)
def _worst(s: Schedule, minutes: float | None, business_days: int | None, start: date,
           days: int) -> WorstCase:
    _check(minutes, business_days)
    if days < 1:
        raise ValueError("the window must be at least one day long")
    if business_days is None and minutes == 0:
        lo = instant(s, start)
        return WorstCase(0.0, _local(s, lo), _local(s, lo), lambda: 0.0)
    tl, lo, hi = _covering(s, minutes, business_days, start, days)
    due_at, arrival = _worst_arrival(tl, lo, hi, None if business_days is not None else
                                     (minutes or 0) * 60, business_days)

    def median() -> float:  # the pieces again (cached): kept results must not hold them
        return round(_pieces(s, minutes, business_days, start, days).median(lo, hi) / 3600, 4)

    return WorstCase((due_at - arrival) / 3600, _local(s, arrival), _local(s, due_at), median)


def worst_case_regular_week(s: Schedule, minutes: float | None, *,
                            business_days: int | None = None) -> WorstCase:
    """The longest wait in a plain week: no closed dates, no clock changes.

    Computed on wall time over a fixed reference week (arrivals Monday 00:00 to the next
    Monday 00:00), so the result does not depend on any date; arrival and due are reported as
    wall times of that week in the schedule's zone.
    """
    wc = _regular(s.weekly, minutes, business_days)
    zone = ZoneInfo(s.timezone)
    return WorstCase(wc.hours, wc.arrival.replace(tzinfo=zone), wc.due.replace(tzinfo=zone),
                     wc.median_of)


@lru_cache(maxsize=1024)
def _regular(weekly: tuple[tuple[int, int, int], ...], minutes: float | None,
             business_days: int | None) -> WorstCase:
    return _worst(Schedule("UTC", weekly), minutes, business_days, REFERENCE_WEEK, 7)


def median_wait(s: Schedule, minutes: float | None, *, business_days: int | None = None,
                start: date, days: int = 365) -> float:
    """Median wait in hours over arrivals spread evenly through the window, computed exactly."""
    return worst_case(s, minutes, business_days=business_days, start=start,
                      days=days).median_hours


def clear_caches() -> None:
    """Forget cached timelines and worst cases (for benchmarks that must start cold)."""
    calendar.clear_caches()
    _pieces.cache_clear()
    _worst.cache_clear()
    _regular.cache_clear()
