"""The duration grammar of the vocabulary (section 2.2)."""

from __future__ import annotations

import pytest

from cxaudit.model.durations import DurationError, normalise_priority, parse_cadence, parse_duration


@pytest.mark.parametrize(("text", "minutes", "clock"), [
    pytest.param("30m", 30, "policy", id="minutes inherit the policy clock"),
    pytest.param("4h", 240, "policy", id="hours"),
    pytest.param("45s", 0.75, "policy", id="seconds"),
    pytest.param("24h@calendar", 1440, "calendar", id="explicit calendar"),
    pytest.param("8h@business", 480, "business", id="explicit business"),
    pytest.param("2d", 2880, "calendar", id="days are calendar"),
    pytest.param("1w", 10080, "calendar", id="weeks are calendar"),
    pytest.param("1.5h", 90, "policy", id="decimal"),
])
def test_parses(text: str, minutes: float, clock: str) -> None:
    d = parse_duration(text)
    assert d.minutes == minutes
    assert d.clock_or("policy") == clock


def test_business_days() -> None:
    d = parse_duration("2bd")
    assert d.minutes is None and d.business_days == 2 and d.clock_or("calendar") == "business"


def test_default_clock_is_calendar() -> None:
    assert parse_duration("4h").clock_or(None) == "calendar"


@pytest.mark.parametrize(("text", "message", "hint"), [
    pytest.param("2d@business", "ambiguous", "write 16h@business or 2bd", id="days on business"),
    pytest.param("1w@business", "ambiguous", "write 40h@business or 5bd", id="week on business"),
    pytest.param("-4h", "negative", "4h", id="negative"),
    pytest.param("4 hours", "is not a duration", "30m, 4h", id="words"),
    pytest.param("4", "is not a duration", "", id="string without unit"),
    pytest.param("1.5bd", "whole number", "1bd", id="fractional business days"),
    pytest.param("2bd@calendar", "mixes business days", "2d", id="bd on calendar"),
    pytest.param("4h@weekly", "unknown clock", "@calendar or @business", id="unknown clock"),
])
def test_refused(text: str, message: str, hint: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    assert message in str(err.value)
    assert hint in err.value.hint


def test_number_without_unit() -> None:
    with pytest.raises(DurationError, match="has no unit"):
        parse_duration(4)


@pytest.mark.parametrize(("text", "days"), [("1w", 7), ("1mo", 30.4375), ("1q", 91.3125),
                                            ("1y", 365.25), ("90d", 90)])
def test_cadences(text: str, days: float) -> None:
    assert parse_cadence(text).days == days


def test_cadence_refuses_hours() -> None:
    with pytest.raises(DurationError, match="not a cadence"):
        parse_cadence("4h")


@pytest.mark.parametrize(("alias", "name"), [("p1", "urgent"), ("critical", "urgent"),
                                             ("highest", "urgent"), ("P2", "high"),
                                             ("medium", "normal"), ("p4", "low"),
                                             ("lowest", "low")])
def test_priority_aliases(alias: str, name: str) -> None:
    assert normalise_priority(alias) == name


def test_unknown_priority() -> None:
    with pytest.raises(DurationError, match="unknown priority"):
        normalise_priority("blocker")
