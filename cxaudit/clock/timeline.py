"""A schedule laid out on real dates: its open intervals between two dates as UTC instants.

Wall-clock semantics: the desk is open at an instant exactly when the local clock shows a time
inside one of that date's intervals (an interval that crosses midnight belongs to the date it
opens on, and a closed date closes all of it). Daylight-saving changes follow from this rule:
a night across the spring-forward change is an hour shorter in real time; an interval that
starts inside the skipped hour opens when the clock jumps; an interval over the repeated
autumn hour is open during both passes of the hours it covers. Elapsed time is always real
time, so instants are UTC seconds. Offsets come from `zoneinfo`; their changes are located to
the second once per zone and year.
"""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from cxaudit.clock.businessdays import Workdays
from cxaudit.clock.schedules import Schedule

DAY = 86400
_EPOCH = date(1970, 1, 1).toordinal()
_INF = float("inf")


def wall_seconds(day: date, minute: int = 0) -> int:
    """Local wall time as seconds since 1970-01-01 00:00 on the same wall clock."""
    return (day.toordinal() - _EPOCH) * DAY + minute * 60


def _offset(zone: ZoneInfo, t: int) -> int:
    off = datetime.fromtimestamp(t, zone).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


@lru_cache(maxsize=512)
def _changes(tz: str, year: int) -> tuple[tuple[int, int], ...]:
    """(UTC second, offset from then on) for each change of UTC offset within a UTC year."""
    zone = ZoneInfo(tz)
    t = wall_seconds(date(year, 1, 1))
    end = wall_seconds(date(year + 1, 1, 1))
    before = _offset(zone, t)
    out = []
    while t < end:  # daily samples, then bisection to the second
        nxt = min(t + DAY, end)
        after = _offset(zone, nxt)
        if after != before:
            lo, hi = t, nxt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if _offset(zone, mid) == before else (lo, mid)
            out.append((hi, after))
            before = after
        t = nxt
    return tuple(out)


def _zone_pieces(tz: str, a: int, b: int) -> tuple[list[float], list[int]]:
    """Starts (the first is -inf) and UTC offsets of the constant-offset stretches over [a, b]."""
    starts: list[float] = [-_INF]
    offs = [_offset(ZoneInfo(tz), a)]
    for year in range(datetime.fromtimestamp(a, UTC).year,
                      datetime.fromtimestamp(b, UTC).year + 1):
        for t, off in _changes(tz, year):
            if a < t <= b and off != offs[-1]:
                starts.append(t)
                offs.append(off)
    return starts, offs


class Timeline:
    """Merged open intervals with cumulative open seconds, and each business day's close."""

    __slots__ = ("closes", "cob", "cob_days", "cum", "end", "opens", "zone")

    def __init__(self, s: Schedule, first: date, last: date) -> None:
        if not s.weekly:
            raise ValueError("the schedule has no open hours")
        self.zone = ZoneInfo(s.timezone)
        w_first, w_end = wall_seconds(first), wall_seconds(last + timedelta(days=1))
        starts, offs = _zone_pieces(s.timezone, w_first - 2 * DAY, w_end + 2 * DAY)
        # wall times near an offset change are skipped or repeated: only there is care needed
        amb_lo = [t + min(offs[i], offs[i + 1]) for i, t in enumerate(starts[1:])]
        amb_hi = [t + max(offs[i], offs[i + 1]) for i, t in enumerate(starts[1:])]
        by_day: list[list[tuple[int, int]]] = [[] for _ in range(7)]
        for wd, o, c in s.weekly:
            by_day[wd].append((o * 60, (c if c > o else c + 1440) * 60))
        spans: list[tuple[float, float]] = []
        cob: list[float] = []
        days: list[date] = []
        work = Workdays.of(s)  # which dates are business days: the one calculator's answer
        day, wd, wall = first, first.weekday(), w_first
        while wall < w_end:
            if work.open(day):
                latest = -_INF
                for o, e in by_day[wd]:
                    w1, w2 = wall + o, wall + e
                    q = bisect.bisect_right(amb_hi, w1) if amb_hi else 0
                    if q == len(amb_lo) or w2 <= amb_lo[q]:  # one offset throughout
                        spans.append((w1 - offs[q], w2 - offs[q]))
                        latest = max(latest, w2 - offs[q])
                        continue
                    for a, b in _preimage(w1, w2, starts, offs):
                        spans.append((a, b))
                        latest = max(latest, b)
                if latest > -_INF:
                    days.append(day)
                    cob.append(max(latest, cob[-1]) if cob else latest)
            day, wd, wall = day + timedelta(days=1), (wd + 1) % 7, wall + DAY
        spans.sort()
        self.opens: list[float] = []
        self.closes: list[float] = []
        for a, b in spans:
            if self.closes and a <= self.closes[-1]:
                self.closes[-1] = max(self.closes[-1], b)
            else:
                self.opens.append(a)
                self.closes.append(b)
        self.cum: list[float] = [0.0]
        for a, b in zip(self.opens, self.closes, strict=False):
            self.cum.append(self.cum[-1] + (b - a))
        self.cob = cob  # close of business per business day, never earlier than the day before
        self.cob_days = days
        self.end = w_end - max(offs)  # every instant before this is fully described

    def open_before(self, t: float) -> float:
        """Open seconds between the start of the timeline and t."""
        k = bisect.bisect_right(self.opens, t) - 1
        if k < 0:
            return 0.0
        return self.cum[k] + min(t, self.closes[k]) - self.opens[k]

    def due_at_level(self, level: float) -> float | None:
        """The first instant by which `level` open seconds have elapsed; None past the end."""
        i = bisect.bisect_left(self.cum, level, 1)
        if i >= len(self.cum):
            return None
        x = self.opens[i - 1] + (level - self.cum[i - 1])
        return x if x <= self.end else None

    def due(self, t: float, seconds: float) -> float | None:
        """When `seconds` (> 0) of open time have passed after t; None past the end."""
        return self.due_at_level(self.open_before(t) + seconds)

    def receipt(self, t: float) -> int:
        """Index of the business day a message arriving at t counts as received on."""
        return bisect.bisect_right(self.cob, t)

    def due_days(self, t: float, n: int) -> float | None:
        """Close of business on the n-th business day after the day of receipt."""
        i = self.receipt(t) + n
        return self.cob[i] if i < len(self.cob) and self.cob[i] <= self.end else None


def _preimage(w1: float, w2: float, starts: list[float], offs: list[int]) -> list[tuple[float, float]]:
    """Instants whose wall-clock reading lies in [w1, w2)."""
    out = []
    for p, off in enumerate(offs):
        a = max(w1 - off, starts[p])
        b = min(w2 - off, starts[p + 1] if p + 1 < len(starts) else _INF)
        if a < b:
            out.append((a, b))
    return out


@lru_cache(maxsize=16)  # large (a timeline spans years): reused within a unit, rarely across
def timeline(s: Schedule, first: date, last: date) -> Timeline:
    """The (cached) timeline of `s` for the local dates first..last."""
    return Timeline(s, first, last)


def instant(s: Schedule, day: date) -> float:
    """The first instant of a local date (its 00:00, or when the clock first shows a later time)."""
    wall = wall_seconds(day)
    starts, offs = _zone_pieces(s.timezone, wall - 2 * DAY, wall + 2 * DAY)
    return min(a for a, _ in _preimage(wall, wall + DAY, starts, offs))


def clear_caches() -> None:
    """Forget cached timelines (offset changes of time zones are kept: they never change)."""
    timeline.cache_clear()
