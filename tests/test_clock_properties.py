"""Property tests: the exact service clock agrees with a minute-by-minute simulation.

The simulation is written from the definition alone: a minute is open when the local wall clock
at its start shows a time inside an interval of that local date (or the previous date's interval
that runs past midnight), the date not being closed. Every boundary lies on a whole minute, so
the simulation is exact on the minute grid: worst cases must agree to the second, and the median
must lie within the minute that the grid cannot resolve. Windows cross the Berlin clock changes.
"""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from cxaudit.clock.worstcase import (
    Schedule,
    due,
    due_business_days,
    worst_case,
    worst_case_regular_week,
)

WINDOW = 21  # days of arrivals in worst-case tests
EXTRA = 42  # days simulated after the window, enough for every capped target below
STARTS = [date(2026, 3, 23), date(2025, 10, 20), date(2025, 6, 2)]  # spring, autumn, no change
ZONES = ["UTC", "Europe/Berlin"]


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Schedule, date]:
    """1-3 intervals on most days, some days closed, now and then past midnight or to 24:00.

    Returns the schedule and the first day of the window its closed dates fall in.
    """
    start = draw(st.sampled_from(STARTS))
    rows = set()
    for day in range(7):
        if draw(st.integers(0, 3)) == 0:
            continue  # a closed weekday
        for _ in range(draw(st.integers(1, 3))):
            open_m = draw(st.integers(0, 95)) * 15
            close_m = open_m + draw(st.integers(2, 48)) * 15
            if close_m > 1440 and draw(st.booleans()):
                close_m = 1440  # not every late interval runs past midnight
            rows.add((day, open_m, close_m if close_m <= 1440 else close_m - 1440))
    if not rows:
        rows.add((draw(st.integers(0, 6)), 540, 1080))
    closed = draw(st.sets(st.integers(0, WINDOW), max_size=4))
    return Schedule(draw(st.sampled_from(ZONES)), tuple(sorted(rows)),
                    frozenset(start + timedelta(days=d) for d in closed)), start


def offset_minutes(tz: ZoneInfo, t: int) -> int:
    off = datetime.fromtimestamp(t, tz).utcoffset()
    assert off is not None
    return int(off.total_seconds()) // 60


class Simulation:
    """Open minutes from (start - 1 day) on, and when each local date's own hours end.

    UTC and Berlin change offsets only on whole UTC hours, so one offset per hour is exact.
    """

    def __init__(self, s: Schedule, start: date) -> None:
        tz = ZoneInfo(s.timezone)
        self.tz = tz
        self.base = int(datetime.combine(start - timedelta(days=1), time(0), tz).timestamp())
        total = (WINDOW + EXTRA + 2) * 1440
        epoch = date(1970, 1, 1).toordinal()
        own: dict[int, bytearray] = {}  # day number -> its minutes 0..2879 open by its intervals
        for i in range(-2, WINDOW + EXTRA + 4):
            d = start + timedelta(days=i)
            bits = bytearray(2880)
            if d not in s.closed:
                for wd, o, c in s.weekly:
                    if wd == d.weekday():
                        end = c if c > o else c + 1440
                        bits[o:end] = b"\x01" * (end - o)
            own[d.toordinal() - epoch] = bits
        offsets = [offset_minutes(tz, self.base + 3600 * h) for h in range(total // 60 + 1)]
        self.open = bytearray(total)
        last: dict[int, int] = {}  # close of business: end of the last minute of a day's hours
        for m in range(total):
            day, x = divmod(self.base // 60 + m + offsets[m // 60], 1440)
            if own[day - 1][x + 1440]:
                self.open[m], last[day - 1] = 1, m + 1
            if own[day][x]:
                self.open[m], last[day] = 1, m + 1
        self.cum = list(accumulate(self.open, initial=0))
        # never before an earlier day's close; the first day whose own close is after t is
        # also the first whose envelope is, so the envelope can be searched
        self.closes = list(accumulate((last[d] for d in sorted(last)), max))

    def minute(self, day: date) -> int:
        """Grid index of a local date's midnight."""
        at = datetime.combine(day, time(0), self.tz).timestamp()
        return (int(at) - self.base) // 60

    def due(self, t: int, target: int) -> int:
        """First minute boundary by which `target` open minutes have passed since t."""
        j = bisect.bisect_left(self.cum, self.cum[t] + target)
        assert j < len(self.cum), "simulate further"
        return j

    def due_days(self, t: int, n: int) -> int:
        """Close of business on the n-th business day after the day of receipt."""
        i = bisect.bisect_right(self.closes, t)  # receipt: the first day still to close
        assert i + n < len(self.closes), "simulate further"
        return self.closes[i + n]

    def instant(self, m: int) -> datetime:
        return datetime.fromtimestamp(self.base + 60 * m, UTC)


def weekly_open(s: Schedule) -> int:
    return sum((c if c > o else c + 1440) - o for _, o, c in s.weekly)


def reported(waits: list[int]) -> int:
    """The arrival the clock names: the latest with the worst wait, the first if all tie."""
    if min(waits) == max(waits):
        return 0
    return max(range(len(waits)), key=lambda i: (waits[i], i))


def lower_median(values: list[int]) -> int:
    return sorted(values)[(len(values) + 1) // 2 - 1]


@settings(max_examples=30, deadline=None)
@given(case=schedules(), target=st.integers(15, 1800), data=st.data())
def test_due_matches_simulation(case: tuple[Schedule, date], target: int,
                                data: st.DataObject) -> None:
    s, start = case
    target = min(target, 2 * weekly_open(s))
    sim = Simulation(s, start)
    for _ in range(20):
        t = data.draw(st.integers(0, (WINDOW + 1) * 1440))
        got = due(s, sim.instant(t), target)
        # instants compare by timestamp: an aware time in the repeated autumn hour never
        # equals one in another zone (PEP 495)
        assert got.timestamp() == sim.instant(sim.due(t, target)).timestamp(), (t, target)


@settings(max_examples=25, deadline=None)
@given(case=schedules(), target=st.integers(15, 1800))
def test_worst_case_and_median_match_simulation(case: tuple[Schedule, date], target: int) -> None:
    s, start = case
    target = min(target, 2 * weekly_open(s))
    sim = Simulation(s, start)
    lo, hi = sim.minute(start), sim.minute(start + timedelta(days=WINDOW))
    waits = [sim.due(t, target) - t for t in range(lo, hi + 1)]
    wc = worst_case(s, target, start=start, days=WINDOW)
    # (due - arrival) of datetimes in one zone is wall time; real time needs timestamps
    assert wc.due.timestamp() - wc.arrival.timestamp() == 60 * max(waits)
    assert abs(wc.hours * 60 - max(waits)) < 1e-6
    assert wc.arrival.timestamp() == sim.instant(lo + reported(waits)).timestamp()
    assert wc.due.timestamp() == due(s, wc.arrival, target).timestamp()
    # the wait over (t - 1 min, t] lies within a minute above the wait at t: bound the median
    grid = lower_median(waits[1:])
    assert grid <= wc.median_hours * 60 + 0.01 and wc.median_hours * 60 <= grid + 1 + 0.01


@settings(max_examples=20, deadline=None)
@given(case=schedules(), n=st.integers(0, 3), data=st.data())
def test_business_days_match_simulation(case: tuple[Schedule, date], n: int,
                                        data: st.DataObject) -> None:
    s, start = case
    sim = Simulation(s, start)
    for _ in range(10):
        t = data.draw(st.integers(0, (WINDOW + 1) * 1440))
        got = due_business_days(s, sim.instant(t), n)
        assert got.timestamp() == sim.instant(sim.due_days(t, n)).timestamp()
    lo, hi = sim.minute(start), sim.minute(start + timedelta(days=WINDOW))
    waits = [sim.due_days(t, n) - t for t in range(lo, hi + 1)]
    wc = worst_case(s, None, business_days=n, start=start, days=WINDOW)
    assert wc.due.timestamp() - wc.arrival.timestamp() == 60 * max(waits)
    assert abs(wc.hours * 60 - max(waits)) < 1e-6
    assert wc.arrival.timestamp() == sim.instant(lo + reported(waits)).timestamp()
    # the wait over [t, t + 1 min) lies within a minute below the wait at t
    grid = lower_median(waits[:-1])
    assert wc.median_hours * 60 <= grid + 0.01 and grid <= wc.median_hours * 60 + 1 + 0.01


@settings(max_examples=25, deadline=None)
@given(case=schedules(), target=st.integers(15, 1800), day=st.integers(0, 400))
def test_regular_week_is_any_plain_week(case: tuple[Schedule, date], target: int,
                                        day: int) -> None:
    """Without closed dates or clock changes the wait repeats weekly, so any 7 days give it."""
    s = case[0]
    plain = Schedule("UTC", s.weekly)
    week = worst_case_regular_week(s, target)
    other = worst_case(plain, target, start=date(2025, 1, 1) + timedelta(days=day), days=7)
    assert week.hours == other.hours
    assert abs(week.median_hours - other.median_hours) < 1e-3


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 6), min_size=1), st.sets(st.integers(0, 500), max_size=60),
       st.integers(0, 25), st.integers(0, 400), st.booleans())
def test_business_day_spans_count_day_by_day(weekdays: set[int], closed: set[int], n: int,
                                             start: int, longest: bool) -> None:
    from cxaudit.clock.businessdays import Workdays, span

    day0 = date(2025, 1, 1) + timedelta(days=start)
    work = Workdays(frozenset(weekdays), frozenset(day0 + timedelta(days=c) for c in closed))
    horizon = 366 if work.closed else 7
    lengths = [(work.nth_after(d, n) - d).days for d in
               (day0 + timedelta(days=k) for k in range(horizon))
               if longest or work.open(d)]
    expected = (max(lengths) if longest else min(lengths)) if lengths else 0
    assert span(work, n, day0, longest) == expected
