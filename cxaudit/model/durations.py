"""Durations, cadences and priorities as users write them (`4h`, `8h@business`, `2bd`, `1mo`).

A "day" on a business clock is ambiguous (48 business hours? two working days?), so
`d` and `w` are calendar-only and `2d@business` is refused with a suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cxaudit.i18n import _

CALENDAR, BUSINESS = "calendar", "business"
_UNIT_MINUTES = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0, "w": 10080.0}
_CADENCE_DAYS = {"d": 1.0, "w": 7.0, "mo": 30.4375, "q": 91.3125, "y": 365.25}
_CADENCE_MONTHS = {"mo": 1, "q": 3, "y": 12}
_TARGET_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(bd|s|m|h|d|w)(?:@([a-z]+))?\s*$")
MAX_DAYS = 3653  # ten years: longer targets are typos, and would outrun the calendar
_CADENCE_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mo|d|w|q|y)\s*$")

PRIORITIES = ("urgent", "high", "normal", "low")
PRIORITY_ALIASES = {
    "urgent": "urgent", "high": "high", "normal": "normal", "low": "low",
    "p1": "urgent", "p2": "high", "p3": "normal", "p4": "low",
    "critical": "urgent", "highest": "urgent", "medium": "normal", "lowest": "low",
}


class DurationError(ValueError):
    """A duration or cadence the grammar refuses; carries a hint for the user."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Duration:
    """A target such as `8h@business`: an amount, a unit and an optional explicit clock."""

    text: str
    amount: float
    unit: str
    clock: str | None = None

    @property
    def minutes(self) -> float | None:
        """Length in minutes of running clock; None for business days (`bd`)."""
        return None if self.unit == "bd" else self.amount * _UNIT_MINUTES[self.unit]

    @property
    def business_days(self) -> int | None:
        """N for an `Nbd` target, else None."""
        return int(self.amount) if self.unit == "bd" else None

    def clock_or(self, default: str | None) -> str:
        """The clock this target runs on, given the policy's default clock."""
        if self.unit == "bd":
            return BUSINESS
        if self.unit in ("d", "w"):
            return CALENDAR
        return self.clock or default or CALENDAR

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Cadence:
    """A review or survey rhythm such as `1mo` or `90d`, compared in (average) days."""

    text: str
    amount: float
    unit: str

    @property
    def days(self) -> float:
        """Average length in days (a month is 30.44 days)."""
        return self.amount * _CADENCE_DAYS[self.unit]

    @property
    def months(self) -> float | None:
        """Length in calendar months (`2q` is 6); None for cadences in days or weeks."""
        per = _CADENCE_MONTHS.get(self.unit)
        return None if per is None else self.amount * per

    def span_days(self) -> tuple[float, float]:
        """Shortest and longest real length in days: six months are 181 to 184 days."""
        months = self.months
        if months is None:
            return self.days, self.days
        whole = int(months)
        low, high = _month_span(whole) if whole else (0, 0)
        rest = months - whole  # a part month is 28 to 31 days, pro rata
        return low + rest * 28, high + rest * 31

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=64)
def _month_span(months: int) -> tuple[int, int]:
    """Fewest and most days in `months` consecutive calendar months (over a leap cycle)."""
    from calendar import monthrange

    lengths = [monthrange(2024 + i // 12, i % 12 + 1)[1] for i in range(48 + months)]
    spans = [sum(lengths[s:s + months]) for s in range(48)]
    return min(spans), max(spans)


def cadence_fits(value: Cadence, limit: Cadence, *, at_most: bool) -> bool:
    """Whether `value` is at most (or at least) `limit` on a real calendar.

    Months, quarters and years compare as months (`2q` is `6mo`); otherwise a cadence in days
    or weeks passes if some stretch of the limit's months allows it, so `26w` (182 days) is
    within six months (181 to 184 days) and `90d` is at least three months (89 to 92 days).
    """
    if value.months is not None and limit.months is not None:
        return value.months <= limit.months if at_most else value.months >= limit.months
    (v_low, v_high), (l_low, l_high) = value.span_days(), limit.span_days()
    return v_low <= l_high if at_most else v_high >= l_low


def _fmt(n: float) -> str:
    return f"{n:g}"


def ambiguous_day(text: str, amount: float, unit: str, where: str = "") -> DurationError:
    """The error for a day or week on the business clock (`2d@business`, or `2d` under a
    policy whose clock is business): 48 business hours or two working days?"""
    workdays = amount * (5 if unit == "w" else 1)
    hours = amount * (168 if unit == "w" else 24)
    hint = _("write {hours}h@business or {days}bd").format(hours=_fmt(workdays * 8),
                                                          days=_fmt(workdays))
    if where:
        hint += _(", or {amount}{unit}@calendar if calendar time is meant").format(
            amount=_fmt(amount), unit=unit)
    said = _("{text!r} is ambiguous{where}: a week on the business clock could mean {hours} "
             "business hours or {days} working days") if unit == "w" else \
        _("{text!r} is ambiguous{where}: a day on the business clock could mean {hours} "
          "business hours or {days} working days")
    return DurationError(said.format(text=text, where=where, hours=_fmt(hours),
                                     days=_fmt(workdays)), hint)


_PARSED: dict[str, Duration] = {}  # texts parsed before: a portfolio repeats a few dozen


def parse_duration(text: object) -> Duration:
    """Parse a target such as `30m`, `24h@calendar`, `8h@business` or `2bd`."""
    if type(text) is str:
        known = _PARSED.get(text)
        if known is not None:
            return known
        if len(_PARSED) >= 4096:
            _PARSED.clear()
        known = _PARSED[text] = _parse_duration(text)
        return known
    return _parse_duration(text)


def _parse_duration(text: object) -> Duration:
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise DurationError(_("expected a duration such as 4h, found {text!r}").format(text=text),
                            _("write a number and a unit: 30m, 4h, 8h@business, 2bd"))
    if isinstance(text, (int, float)):
        raise DurationError(_("the duration {text!r} has no unit").format(text=text),
                            _("add a unit, e.g. {n}h or {n}m").format(n=_fmt(text)))
    m = _TARGET_RE.match(text)
    if not m:
        raise DurationError(_("{text!r} is not a duration").format(text=text),
                            _("write a number, a unit (s, m, h, d, w, bd) and optionally "
                              "@calendar or @business: 30m, 4h, 8h@business, 2bd"))
    amount, unit, clock = float(m.group(1)), m.group(2), m.group(3)
    if amount < 0:
        raise DurationError(_("the duration {text!r} is negative").format(text=text),
                            _("a waiting time cannot be negative; write e.g. {fixed}").format(
                                fixed=f"{_fmt(-amount)}{unit}"))
    if amount * (1 if unit == "bd" else _UNIT_MINUTES[unit] / 1440) > MAX_DAYS:
        raise DurationError(_("the duration {text!r} is longer than ten years").format(text=text),
                            _("no customer waits that long for a reply; check the number and "
                              "the unit (m is minutes, h hours, d days, w weeks)"))
    if clock is not None and clock not in (CALENDAR, BUSINESS):
        raise DurationError(_("unknown clock {clock!r} in {text!r}").format(clock=clock,
                                                                          text=text),
                            _("the clock is @calendar or @business"))
    if unit in ("d", "w") and clock == BUSINESS:
        raise ambiguous_day(text, amount, unit)
    if unit == "bd":
        if clock == CALENDAR:
            raise DurationError(_("{text!r} mixes business days with the calendar clock").format(
                text=text), _("write {n}bd, or {n}d for calendar days").format(n=_fmt(amount)))
        if amount != int(amount) or amount < 1:
            raise DurationError(_("{text!r}: business days must be a whole number of at least "
                                  "1").format(text=text),
                                _("write e.g. 1bd, or use hours: 4h@business"))
    return Duration(text.strip(), amount, unit, clock)


def parse_cadence(text: object) -> Cadence:
    """Parse a cadence such as `1w`, `1mo`, `1q`, `1y` or `90d`."""
    if not isinstance(text, str) or not (m := _CADENCE_RE.match(text)):
        raise DurationError(_("{text!r} is not a cadence").format(text=text),
                            _("write a number and d, w, mo, q or y: 1w, 1mo, 1q, 90d"))
    amount = float(m.group(1))
    if amount <= 0:
        raise DurationError(_("the cadence {text!r} must be positive").format(text=text),
                            _("write e.g. 1mo"))
    return Cadence(text.strip(), amount, m.group(2))


def normalise_priority(name: object) -> str:
    """Map a priority name or alias (p1, critical, medium...) to urgent/high/normal/low."""
    key = str(name).strip().lower()
    if key not in PRIORITY_ALIASES:
        raise DurationError(_("unknown priority {name!r}").format(name=name),
                            _("use urgent, high, normal or low (or p1..p4)"))
    return PRIORITY_ALIASES[key]


def quantity(value: Any) -> float | None:
    """Numbers as they are; durations and cadences as (nominal) hours; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            d = parse_duration(value)
            return d.minutes / 60 if d.minutes is not None else float(d.amount) * 24
        except DurationError:
            try:
                return parse_cadence(value).days * 24
            except DurationError:
                return None
    return None
