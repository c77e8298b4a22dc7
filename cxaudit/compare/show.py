"""How compared values read in a diff: `4h@business`, `Mon-Fri 08:00-20:00 (60 h/week)`, `3d 18h`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxaudit.compare.changes import Change

from typing import Any

from cxaudit.compare.fields import Row
from cxaudit.compare.flatten import Item
from cxaudit.model.durations import BUSINESS, Cadence, Duration

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def fmt_hours(hours: float) -> str:
    """A wait as days, hours and minutes: `3d 18h`, `22h`, `1h 30m`, `45m`."""
    minutes = round(hours * 60)
    days, rest = divmod(minutes, 1440)
    h, m = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{h}h" if h else "", f"{m}m" if m else ""]
    return " ".join(p for p in parts if p) or "0m"


def week_hours(weekly: Any) -> float | None:
    """Open hours per week of weekly (day, open, close) intervals."""
    if not isinstance(weekly, tuple):
        return None
    return float(sum((c if c > o else c + 1440) - o for _, o, c in weekly)) / 60


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def fmt_week(weekly: tuple[tuple[int, int, int], ...]) -> str:
    """`Mon-Fri 08:00-20:00, Sat-Sun 10:00-16:00`: runs of days with the same hours."""
    per_day: dict[int, str] = {}
    for day, o, c in weekly:
        span = f"{_hhmm(o)}-{_hhmm(c)}"
        per_day[day] = f"{per_day[day]} and {span}" if day in per_day else span
    runs: list[tuple[int, int, str]] = []
    for day in range(7):
        if day not in per_day:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == per_day[day]:
            runs[-1] = (runs[-1][0], day, per_day[day])
        else:
            runs.append((day, day, per_day[day]))
    parts = [(_DAYS[a] if a == b else f"{_DAYS[a]}-{_DAYS[b]}") + f" {span}"
             for a, b, span in runs]
    return ", ".join(parts) or "closed all week"


def show(row: Row, item: Item | None, clocks: bool = False) -> str | None:
    """The value of `item` as a user reads it; None when the side does not describe it.

    `clocks`: the two sides run on different clocks, so name the clock of plain hours.
    """
    if item is None:
        return None
    v = item.value
    if isinstance(v, Duration):
        if clocks and v.unit != "bd" and "@" not in v.text:
            return f"{v.text}@{item.clock}" if item.clock == BUSINESS or v.unit in "smh" else v.text
        return v.text
    if isinstance(v, Cadence):
        return v.text
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}"
    if row.kind == "schedule" and isinstance(v, tuple):
        return f"{fmt_week(v)} ({week_hours(v):g} h/week)"
    if isinstance(v, dict):  # closures
        return ", ".join(sorted(v)) or "none"
    if isinstance(v, frozenset):
        return ", ".join(sorted(v)) or "none"
    return str(v)


__all__ = ["fmt_hours", "fmt_week", "show", "week_hours"]


def describe(c: Change, arrow: str = "->") -> str:
    """`30d -> 14d`, `removed courier_pickup`, `added 2025-12-31 (Silvester)`."""
    if c.note == "removed":
        return f"removed {c.old}"
    if c.note == "added":
        return f"added {c.new}"
    if c.note == "renamed":
        return f"renamed {c.old} {arrow} {c.new}"
    if c.kind == "presence" and c.old is None:
        return "added" if c.new == "present" else f"added as {c.new}"
    if c.kind == "presence" and c.new is None:
        return "removed"
    if c.kind == "presence":
        return f"{c.old} {arrow} {c.new}"
    return f"{c.old or 'not described'} {arrow} {c.new or 'not described'}"
