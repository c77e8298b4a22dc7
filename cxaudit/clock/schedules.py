"""Weekly schedules: open hours in one time zone, closed dates, and public-holiday calendars."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

_DAY_NAMES = {"mon": (0,), "tue": (1,), "wed": (2,), "thu": (3,), "fri": (4,), "sat": (5,),
              "sun": (6,), "weekdays": (0, 1, 2, 3, 4), "weekend": (5, 6),
              "all": (0, 1, 2, 3, 4, 5, 6), "daily": (0, 1, 2, 3, 4, 5, 6)}
WEEK = 7 * 1440


@dataclass(frozen=True)
class Schedule:
    """Open hours in one IANA time zone: weekly intervals minus closed dates."""

    timezone: str
    weekly: tuple[tuple[int, int, int], ...]  # (weekday 0=Mon, open minute, close minute)
    closed: frozenset[date] = frozenset()


def parse_time(text: str) -> int:
    """`08:00` -> 480; `24:00` -> 1440."""
    try:
        hh, mm = str(text).split(":")
        h, m = int(hh), int(mm)
    except ValueError:
        raise ValueError(f"{text!r} is not a time of day; write HH:MM, e.g. \"08:00\"") from None
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(f"{text!r} is not a time of day between 00:00 and 24:00")
    return h * 60 + m


def weekly_from_rows(rows: Iterable[Any]) -> tuple[tuple[int, int, int], ...]:
    """Rows like `{days: [mon, tue], open: "08:00", close: "20:00"}` as weekly intervals."""
    out: set[tuple[int, int, int]] = set()
    for row in rows:
        days = row.get("days", "all")
        names = [days] if isinstance(days, str) else list(days)
        open_m, close_m = parse_time(row.get("open", "00:00")), parse_time(row.get("close", "24:00"))
        if open_m == close_m and open_m != 0:
            raise ValueError(f"opening and closing at {row.get('open')} leaves no open time")
        if open_m == 1440:
            raise ValueError("a desk cannot open at 24:00; write 00:00 of the next day")
        for name in names:
            key = str(name).strip().lower()[:3] if str(name).lower() not in _DAY_NAMES else \
                str(name).lower()
            if key not in _DAY_NAMES:
                raise ValueError(f"unknown day {name!r}; use mon..sun, weekdays, weekend or all")
            for wd in _DAY_NAMES[key]:
                out.add((wd, open_m, 1440 if open_m == close_m == 0 else close_m))
    return tuple(sorted(out))


def always_open(tz: str = "UTC") -> Schedule:
    """A 24/7 schedule."""
    return Schedule(tz, tuple((d, 0, 1440) for d in range(7)))


def holiday_dates(calendars: Sequence[str], years: Iterable[int]) -> frozenset[date]:
    """Public holidays of named calendars such as `DE-BE`, `GB-ENG`, `RU`, `UA`."""
    import holidays as hol

    out: set[date] = set()
    years = list(years)
    for name in calendars:
        country, _, subdiv = str(name).upper().partition("-")
        try:
            with warnings.catch_warnings():
                # "holidays are available only from 2001 to 2035": outside its range a
                # calendar has no dates, which is all we can know; the warning names no file
                warnings.simplefilter("ignore")
                cal = hol.country_holidays(country, subdiv=subdiv or None, years=years)
                dates = list(cal.keys())
        except (NotImplementedError, KeyError, ValueError) as exc:
            raise ValueError(f"unknown holiday calendar {name!r} ({exc})") from None
        out.update(dates)
    return frozenset(out)


def _week_ranges(weekly: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Weekly intervals as merged minute ranges within [0, WEEK), wrapping Sunday night."""
    spans: list[tuple[int, int]] = []
    for wd, o, c in weekly:
        start = wd * 1440 + o
        end = wd * 1440 + (c if c > o else c + 1440)
        if end <= WEEK:
            spans.append((start, end))
        else:
            spans += [(start, WEEK), (0, end - WEEK)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _from_ranges(ranges: Sequence[tuple[int, int]]) -> tuple[tuple[int, int, int], ...]:
    out = []
    for start, e in ranges:
        s = start
        while s < e:
            wd, o = divmod(s, 1440)
            c = min(e - wd * 1440, 1440)
            out.append((wd % 7, o, c))
            s = wd * 1440 + c
    return tuple(sorted(out))


def _shift(weekly: Sequence[tuple[int, int, int]], minutes: int) -> tuple[tuple[int, int, int], ...]:
    shifted = []
    for s, e in _week_ranges(weekly):
        s2, e2 = (s + minutes) % WEEK, (s + minutes) % WEEK + (e - s)
        shifted += [(s2, e2)] if e2 <= WEEK else [(s2, WEEK), (0, e2 - WEEK)]
    return _from_ranges(sorted(shifted))


def narrow(a: Schedule, b: Schedule) -> Schedule:
    """Open only when both are open: a channel's own hours inside the policy's hours.

    `b` is moved into `a`'s time zone with the offset of a January reference week.
    """
    weekly_b = b.weekly
    if b.timezone != a.timezone:
        ref = datetime(2025, 1, 6, 12)
        off_a = ZoneInfo(a.timezone).utcoffset(ref) or timedelta()
        off_b = ZoneInfo(b.timezone).utcoffset(ref) or timedelta()
        weekly_b = _shift(b.weekly, int((off_a - off_b).total_seconds() // 60))
    ra, rb = _week_ranges(a.weekly), _week_ranges(weekly_b)
    both = [(max(s1, s2), min(e1, e2)) for s1, e1 in ra for s2, e2 in rb
            if max(s1, s2) < min(e1, e2)]
    return Schedule(a.timezone, _from_ranges(sorted(both)), a.closed | b.closed)
