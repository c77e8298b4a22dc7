"""Helpdesk schedules as weekly rows: Zendesk minute intervals, Freshdesk clock times.

Zendesk counts minutes from Sunday 00:00 (0..10080) and never lets an interval span two
days, so an interval may end at the next midnight (Tuesday 16:00-24:00 is 3840..4320).
Freshdesk gives each weekday a start and end as "8:00 am", "08:00:00 am" or "17:00"; an end
of "11:59:59 pm" (or "11:59 pm") is its way of saying the desk closes at midnight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEK = 10080
Row = tuple[tuple[str, ...], str, str]
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*$", re.IGNORECASE)


class HoursError(ValueError):
    """A schedule value that cannot be read; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def hhmm(minute: int) -> str:
    """`480` -> `08:00`; `1440` -> `24:00`."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def zendesk_interval(item: Any) -> tuple[int, int, int]:
    """One Zendesk interval as (weekday 0=Mon, open minute, close minute)."""
    if not isinstance(item, dict):
        raise HoursError("an interval must be an object with start_time and end_time",
                         'write e.g. {"start_time": 1980, "end_time": 2460}')
    start, end = item.get("start_time"), item.get("end_time")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise HoursError(f"start_time and end_time must be whole minutes, found {start!r} and "
                         f"{end!r}", "minutes since Sunday 00:00, e.g. 1980 for Monday 09:00")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= WEEK:
        raise HoursError(f"the interval {start}..{end} is not within one week (0..10080) or "
                         "ends before it starts", "start_time must be before end_time")
    day = start // 1440
    if end > (day + 1) * 1440:
        raise HoursError(f"the interval {start}..{end} spans two days, which Zendesk does not "
                         "allow", "split it at midnight")
    return (day + 6) % 7, start - day * 1440, end - day * 1440


def freshdesk_time(text: Any) -> int:
    """`"8:00 am"` -> 480; `"08:00:00 pm"` -> 1200; `"11:59:59 pm"` -> 1440 (midnight)."""
    m = _CLOCK.match(str(text)) if isinstance(text, str) else None
    if m is None:
        raise HoursError(f"{text!r} is not a time of day",
                         'Freshdesk writes times like "8:00 am" or "08:00:00 pm"')
    h, mi, sec, half = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), m.group(4)
    if half is not None:
        if not 1 <= h <= 12:
            raise HoursError(f"{text!r}: the hour of a 12-hour time is 1..12",
                             'write e.g. "12:00 pm" for noon')
        h = h % 12 + (12 if half.lower() == "p" else 0)
    if not (0 <= h <= 23 and 0 <= mi <= 59 and 0 <= sec <= 59):
        raise HoursError(f"{text!r} is not a time of day", 'write e.g. "08:00:00 am"')
    return h * 60 + mi + (1 if sec >= 30 else 0)


def rows(slots: Iterable[tuple[int, int, int]]) -> list[Row]:
    """(weekday, open, close) slots merged per day and grouped into schedule rows."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for wd, o, c in sorted(slots):
        spans = by_day.setdefault(wd, [])
        if spans and o <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], c))
        else:
            spans.append((o, c))
    groups: dict[tuple[int, int], list[int]] = {}
    for wd in sorted(by_day):
        for o, c in by_day[wd]:
            groups.setdefault((o, c), []).append(wd)
    ordered = sorted(groups.items(), key=lambda g: (g[1][0], g[0]))
    return [(tuple(DAYS[d] for d in days), hhmm(o), hhmm(c)) for (o, c), days in ordered]


def freshdesk_rows(hours: Any, fail: Callable[[tuple[str, ...], str, str], Exception]) -> \
        list[Row]:
    """Freshdesk `business_hours` ({monday: {start_time, end_time}, ...}) as rows."""
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if not isinstance(hours, dict):
        raise fail((), "business_hours must map weekdays to start and end times",
                   'e.g. {"monday": {"start_time": "8:00 am", "end_time": "5:00 pm"}}')
    slots = []
    for key, value in hours.items():
        if key not in names:
            raise fail((key,), f"unknown weekday {key!r}", "use monday .. sunday")
        if not isinstance(value, dict):
            raise fail((key,), "a weekday needs start_time and end_time",
                       '{"start_time": "8:00 am", "end_time": "5:00 pm"}')
        try:
            o = freshdesk_time(value.get("start_time"))
        except HoursError as exc:
            raise fail((key, "start_time"), str(exc), exc.hint) from None
        try:
            c = freshdesk_time(value.get("end_time"))
        except HoursError as exc:
            raise fail((key, "end_time"), str(exc), exc.hint) from None
        if (c == 0 and o > 0) or c == 1439:
            c = 1440  # "12:00 am" or "11:59 pm" as an end: midnight at the end of the day
        if o == 1440 or c <= o:
            raise fail((key, "end_time"), f"the desk closes at {hhmm(c)}, not after it opens "
                       f"at {hhmm(o)}", "the end time must be later than the start time")
        slots.append((names.index(key), o, c))
    return rows(slots)


def expand(start: str, end: str) -> list[str]:
    """Every ISO date from start to end inclusive (a multi-day holiday)."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if last < first:
        raise HoursError(f"the holiday ends ({end}) before it starts ({start})",
                         "swap start_date and end_date")
    if (last - first).days > 366:
        raise HoursError(f"the holiday {start}..{end} lasts more than a year",
                         "check start_date and end_date")
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def weekly_minutes(rows_: Iterable[Row]) -> set[tuple[int, int]]:
    """Open (weekday, minute) pairs at 15-minute resolution, to compare two schedules."""
    out = set()
    for days, o, c in rows_:
        oh, om = map(int, o.split(":"))
        ch, cm = map(int, c.split(":"))
        for d in days:
            for m in range(oh * 60 + om, ch * 60 + cm, 15):
                out.add((DAYS.index(d), m))
    return out


__all__ = ["DAYS", "HoursError", "Row", "expand", "freshdesk_rows", "freshdesk_time", "hhmm",
           "rows", "weekly_minutes", "zendesk_interval"]
