"""How compared values read in a diff: `4h@business`, `Mon-Fri 08:00-20:00 (60 h/week)`, `3d 18h`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxaudit.compare.changes import Change

from typing import Any

from cxaudit.compare.fields import METRIC_LABEL, Row
from cxaudit.compare.flatten import Item
from cxaudit.i18n import _, formats
from cxaudit.model.durations import BUSINESS, Cadence, Duration


def fmt_hours(hours: float) -> str:
    """A wait as days, hours and minutes: `3d 18h`, `22h`, `1h 30m`, `45m` (`3 дн. 18 год`)."""
    return formats.span(hours)


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
        per_day[day] = _("%(first)s and %(second)s") % {"first": per_day[day], "second": span} \
            if day in per_day else span
    runs: list[tuple[int, int, str]] = []
    for day in range(7):
        if day not in per_day:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == per_day[day]:
            runs[-1] = (runs[-1][0], day, per_day[day])
        else:
            runs.append((day, day, per_day[day]))
    name = formats.weekday
    parts = [(name(a) if a == b else f"{name(a)}-{name(b)}") + f" {span}" for a, b, span in runs]
    return ", ".join(parts) or _("closed all week")


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
        return _("%(week)s (%(hours)s h/week)") % {"week": fmt_week(v),
                                                   "hours": formats.number(week_hours(v) or 0)}
    if isinstance(v, dict):  # closures
        return ", ".join(sorted(v)) or _("none")
    if isinstance(v, frozenset):
        return ", ".join(sorted(v)) or _("none")
    return str(v)


__all__ = ["describe", "field_label", "fmt_hours", "fmt_week", "show", "week_hours"]


def field_label(label: str) -> str:
    """A field's label from the direction table (`return window`, `first response target`)
    in the run's language."""
    if label.endswith(" target") and label[:-7] in METRIC_LABEL.values():
        return _("%(metric)s target") % {"metric": _(label[:-7])}
    return _(label)


def describe(c: Change, arrow: str = "->") -> str:
    """`30d -> 14d`, `removed courier_pickup`, `added 2025-12-31 (Silvester)`."""
    if c.note == "removed":
        return _("removed %(what)s") % {"what": c.old}
    if c.note == "added":
        return _("added %(what)s") % {"what": c.new}
    if c.note == "renamed":
        return _("renamed %(old)s %(arrow)s %(new)s") % {"old": c.old, "arrow": arrow,
                                                        "new": c.new}
    if c.kind == "presence" and c.old is None:
        return _("added") if c.new == "present" else _("added as %(what)s") % {"what": c.new}
    if c.kind == "presence" and c.new is None:
        return _("removed")
    if c.kind == "presence":
        return f"{c.old} {arrow} {c.new}"
    absent = _("not described")
    return f"{c.old or absent} {arrow} {c.new or absent}"
