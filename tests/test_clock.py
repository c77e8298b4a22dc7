"""The service clock reproduces every worked figure of the spec, exactly."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cxaudit.clock import (
    Schedule, always_open, due, due_business_days, holiday_dates, median_wait, narrow, parse_time,
    weekly_from_rows, worst_case, worst_case_regular_week,
)

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def sched(rows: list[tuple[list[str], str, str]], tz: str = "Europe/London",
          closed: frozenset[date] = frozenset()) -> Schedule:
    return Schedule(tz, weekly_from_rows([{"days": d, "open": o, "close": c} for d, o, c in rows]),
                    closed)


OFFICE = sched([(WEEKDAYS, "09:00", "18:00")])
SHOP_ROWS = [(WEEKDAYS, "08:00", "20:00"), (["sat", "sun"], "10:00", "16:00")]


def test_8h_business_is_71h_from_friday_evening() -> None:
    w = worst_case_regular_week(OFFICE, 480)
    assert w.hours == 71
    assert (w.arrival.strftime("%a %H:%M"), w.due.strftime("%a %H:%M")) == ("Fri 18:00",
                                                                           "Mon 17:00")


def test_8h_business_on_a_9_to_5_day_is_72h() -> None:
    assert worst_case_regular_week(sched([(WEEKDAYS, "09:00", "17:00")]), 480).hours == 72


def test_uk_easter_weekend_makes_it_119h() -> None:
    s = Schedule("Europe/London", OFFICE.weekly, holiday_dates(["GB-ENG"], [2026]))
    w = worst_case(s, 480, start=date(2026, 3, 16), days=30)
    assert w.hours == 119
    assert w.arrival == datetime(2026, 4, 2, 18, 0, tzinfo=ZoneInfo("Europe/London"))  # Thursday
    assert w.due.strftime("%a %d %b %H:%M") == "Tue 07 Apr 17:00"


def test_russian_new_year_closure_is_nearly_two_weeks() -> None:
    closed = frozenset(date(2026, 1, d) for d in range(1, 12))
    s = Schedule("Europe/Moscow", OFFICE.weekly, closed)
    w = worst_case(s, 24 * 60, start=date(2025, 12, 1), days=60)
    assert round(w.hours / 24, 1) == 13.9
    assert w.arrival.strftime("%d %b %H:%M") == "31 Dec 18:00"
    assert w.due.strftime("%d %b %H:%M") == "14 Jan 15:00"


def test_online_shop_ordinary_week_is_22h() -> None:
    assert worst_case_regular_week(sched(SHOP_ROWS, "Europe/Berlin"), 240).hours == 22


def test_online_shop_christmas_is_90h() -> None:
    closed = holiday_dates(["DE-BE"], [2025, 2026]) | {date(2025, 12, 24)}
    s = sched(SHOP_ROWS, "Europe/Berlin", closed)
    w = worst_case(s, 240, start=date(2025, 9, 1))
    assert w.hours == 90
    assert w.arrival.strftime("%d %b") == "23 Dec" and w.due.strftime("%d %b") == "27 Dec"


def test_priority_inversion_66h_against_2h() -> None:
    urgent = worst_case_regular_week(sched([(WEEKDAYS, "08:00", "18:00")]), 240)
    normal = worst_case_regular_week(always_open(), 120)
    assert (urgent.hours, normal.hours) == (66, 2)


def test_2d_read_as_48_business_hours_is_234h() -> None:
    assert worst_case_regular_week(OFFICE, 2880).hours == 234


def test_due_skips_closed_time() -> None:
    tz = ZoneInfo("Europe/London")
    assert due(OFFICE, datetime(2025, 9, 5, 17, 0, tzinfo=tz), 120) == \
        datetime(2025, 9, 8, 10, 0, tzinfo=tz)
    assert due(OFFICE, datetime(2025, 9, 6, 12, 0, tzinfo=tz), 60) == \
        datetime(2025, 9, 8, 10, 0, tzinfo=tz)


@pytest.mark.parametrize(("arrival", "n", "expected"), [
    pytest.param(datetime(2025, 9, 5, 19, 0), 1, datetime(2025, 9, 9, 18, 0),
                 id="after hours on Friday counts as received Monday"),
    pytest.param(datetime(2025, 9, 2, 10, 0), 2, datetime(2025, 9, 4, 18, 0),
                 id="during hours on Tuesday"),
    pytest.param(datetime(2025, 9, 2, 7, 0), 1, datetime(2025, 9, 3, 18, 0),
                 id="before opening counts as that day"),
])
def test_business_days(arrival: datetime, n: int, expected: datetime) -> None:
    tz = ZoneInfo("Europe/London")
    assert due_business_days(OFFICE, arrival.replace(tzinfo=tz), n) == expected.replace(tzinfo=tz)


def test_dst_night_is_an_hour_shorter() -> None:
    s = sched([(["sat", "sun", "mon"], "09:00", "18:00")], "Europe/Berlin")
    tz = ZoneInfo("Europe/Berlin")
    # Clocks go forward on 29 March 2026: Saturday 18:00 -> Sunday 10:00 is 15 real hours
    arrival = datetime(2026, 3, 28, 18, 0, tzinfo=tz)
    d = due(s, arrival, 60)
    assert d == datetime(2026, 3, 29, 10, 0, tzinfo=tz)
    assert (d.timestamp() - arrival.timestamp()) / 3600 == 15
    w = worst_case(s, 60, start=date(2026, 3, 23), days=7)
    assert w.hours == 112  # Mon 18:00 -> Sat 10:00; the DST night only shortens Sat -> Sun



def test_interval_crossing_midnight() -> None:
    night = sched([(["fri"], "22:00", "02:00")], "UTC")
    tz = ZoneInfo("UTC")
    assert due(night, datetime(2025, 9, 5, 23, 0, tzinfo=tz), 120) == \
        datetime(2025, 9, 6, 1, 0, tzinfo=tz)  # runs on past midnight into Saturday
    assert due(night, datetime(2025, 9, 6, 1, 30, tzinfo=tz), 60) == \
        datetime(2025, 9, 12, 22, 30, tzinfo=tz)
    assert worst_case_regular_week(night, 60).hours == 7 * 24 - 3


def test_several_intervals_a_day() -> None:
    lunch = sched([(WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "17:00")], "UTC")
    tz = ZoneInfo("UTC")
    assert due(lunch, datetime(2025, 9, 1, 11, 0, tzinfo=tz), 120) == \
        datetime(2025, 9, 1, 14, 0, tzinfo=tz)


def test_always_open_waits_the_target() -> None:
    w = worst_case(always_open("Europe/Berlin"), 240, start=date(2025, 1, 1))
    assert w.hours == 4


def test_narrow_channel_hours_inside_policy_hours() -> None:
    policy = sched(SHOP_ROWS, "Europe/Berlin")
    chat = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/Berlin")
    both = narrow(policy, chat)
    assert both.weekly == tuple((d, 540, 1080) for d in range(5))


def test_narrow_across_time_zones() -> None:
    moscow = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/Moscow")
    london = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/London")
    assert narrow(moscow, london).weekly[0] == (0, 720, 1080)  # 12:00-18:00 Moscow in January


def test_median_of_a_simple_week() -> None:
    assert median_wait(OFFICE, 480, start=date(2025, 1, 6), days=7) == 23


@pytest.mark.parametrize(("text", "minutes"), [("08:00", 480), ("24:00", 1440), ("00:30", 30)])
def test_parse_time(text: str, minutes: int) -> None:
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["25:00", "8", "12:60", "24:30"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


def test_unknown_holiday_calendar() -> None:
    with pytest.raises(ValueError, match="unknown holiday calendar 'XX'"):
        holiday_dates(["XX"], [2025])


def test_weekday_groups() -> None:
    assert weekly_from_rows([{"days": ["weekend"], "open": "10:00", "close": "14:00"}]) == \
        ((5, 600, 840), (6, 600, 840))
