"""Property tests: the exact clock agrees with a brute-force minute-by-minute simulation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from cxaudit.clock import Schedule, due, worst_case

START = date(2026, 3, 23)  # a window that crosses the Berlin spring-forward night
DAYS = 10


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    rows = []
    for day in range(7):
        for _ in range(draw(st.integers(0, 2))):
            open_m = draw(st.integers(0, 23)) * 60 + draw(st.sampled_from([0, 30]))
            length = draw(st.integers(1, 12)) * 60
            close_m = open_m + length
            rows.append((day, open_m, close_m if close_m <= 1440 else close_m - 1440))
    if not rows:
        rows.append((draw(st.integers(0, 6)), 540, 1080))
    closed = frozenset(START + timedelta(days=d) for d in draw(st.sets(st.integers(0, DAYS), max_size=2)))
    tz = draw(st.sampled_from(["UTC", "Europe/Berlin"]))
    return Schedule(tz, tuple(sorted(set(rows))), closed)


def open_minutes(s: Schedule, first: datetime, minutes: int) -> list[bool]:
    """Brute force: for each minute from `first`, is the desk open?"""
    tz = ZoneInfo(s.timezone)
    out = []
    for i in range(minutes):
        t = (first + timedelta(minutes=i)).astimezone(tz)
        is_open = False
        for back in (0, 1):  # an interval may have opened the day before
            day = (t - timedelta(days=back)).date()
            if day in s.closed:
                continue
            local_min = t.hour * 60 + t.minute + back * 1440
            for wd, o, c in s.weekly:
                end = c if c > o else c + 1440
                if wd == day.weekday() and o <= local_min < end:
                    is_open = True
        out.append(is_open)
    return out


def brute_due(flags: list[bool], start_index: int, minutes: int) -> int | None:
    left = minutes
    for i in range(start_index, len(flags)):
        if flags[i]:
            left -= 1
            if left == 0:
                return i + 1
    return None


@settings(max_examples=40, deadline=None)
@given(s=schedules(), target=st.integers(15, 600), offset=st.integers(0, DAYS * 1440 - 1))
def test_due_matches_minute_simulation(s: Schedule, target: int, offset: int) -> None:
    first = datetime.combine(START, datetime.min.time(), ZoneInfo(s.timezone)).astimezone(
        ZoneInfo("UTC"))
    horizon = (DAYS + 60) * 1440
    flags = open_minutes(s, first, horizon)
    expected = brute_due(flags, offset, target)
    if expected is None:
        return
    arrival = first + timedelta(minutes=offset)
    got = due(s, arrival, target)
    assert abs((got.timestamp() - arrival.timestamp()) / 60 - (expected - offset)) < 1e-6


@settings(max_examples=15, deadline=None)
@given(s=schedules(), target=st.integers(30, 480))
def test_worst_case_matches_minute_simulation(s: Schedule, target: int) -> None:
    first = datetime.combine(START, datetime.min.time(), ZoneInfo(s.timezone)).astimezone(
        ZoneInfo("UTC"))
    window = (datetime.combine(START + timedelta(days=DAYS), datetime.min.time(),
                               ZoneInfo(s.timezone)).timestamp() - first.timestamp()) // 60
    flags = open_minutes(s, first, int(window) + 60 * 1440)
    # cumulative open minutes let the brute force answer every arrival quickly
    cum = [0]
    for f in flags:
        cum.append(cum[-1] + f)
    worst = 0
    j = 0
    for t in range(int(window)):
        need = cum[t] + target
        j = max(j, t)
        while j < len(flags) and cum[j + 1] < need:
            j += 1
        if j >= len(flags):
            return
        worst = max(worst, j + 1 - t)
    got = worst_case(s, target, start=START, days=DAYS)
    assert abs(got.hours * 60 - worst) <= 1.0
