"""The service clock reproduces the worked figures of the spec (§2.2, §2.6, §4.1-4.3, §4.7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cxaudit.clock.worstcase import (
    Schedule,
    WorstCase,
    always_open,
    due,
    due_business_days,
    due_calendar,
    holiday_dates,
    median_wait,
    narrow,
    parse_time,
    weekly_from_rows,
    worst_case,
    worst_case_regular_week,
)

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
LONDON, BERLIN, MOSCOW, UTC = (ZoneInfo(z) for z in
                               ("Europe/London", "Europe/Berlin", "Europe/Moscow", "UTC"))


def sched(rows: list[tuple[list[str], str, str]], tz: str = "Europe/London",
          closed: frozenset[date] | set[date] = frozenset()) -> Schedule:
    return Schedule(tz, weekly_from_rows([{"days": d, "open": o, "close": c} for d, o, c in rows]),
                    frozenset(closed))


def at(tz: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def real_hours(a: datetime, b: datetime) -> float:
    """Elapsed hours; `b - a` of two times in one zone would be wall-clock time."""
    return (b.timestamp() - a.timestamp()) / 3600


def short(w: WorstCase) -> tuple[float, str, str]:
    return w.hours, w.arrival.strftime("%a %H:%M"), w.due.strftime("%a %H:%M")


def dated(w: WorstCase) -> tuple[float, str, str]:
    return w.hours, w.arrival.strftime("%a %d %b %H:%M"), w.due.strftime("%a %d %b %H:%M")


OFFICE = sched([(WEEKDAYS, "09:00", "18:00")])
SHOP_ROWS = [(WEEKDAYS, "08:00", "20:00"), (["sat", "sun"], "10:00", "16:00")]
SHOP = sched(SHOP_ROWS, "Europe/Berlin",
             holiday_dates(["DE-BE"], [2025, 2026, 2027]) | {date(2025, 12, 24)})


# §4.1: a business-hours SLA is not the customer's wait


def test_8h_business_on_9_to_6_is_71h_friday_1800_to_monday_1700() -> None:
    assert short(worst_case_regular_week(OFFICE, 480)) == (71, "Fri 18:00", "Mon 17:00")


def test_8h_business_on_9_to_5_is_72h() -> None:
    office = sched([(WEEKDAYS, "09:00", "17:00")])
    assert short(worst_case_regular_week(office, 480)) == (72, "Fri 17:00", "Mon 17:00")


def test_8h_business_friday_evening_waits_63h_before_the_clock_runs() -> None:
    arrival = at(LONDON, 2025, 9, 5, 18, 0)
    assert due(OFFICE, arrival, 1) == at(LONDON, 2025, 9, 8, 9, 1)  # nobody looks for 63 h
    assert due(OFFICE, arrival, 480) == at(LONDON, 2025, 9, 8, 17, 0)


def test_uk_easter_thursday_1800_to_tuesday_1700_is_119h() -> None:
    s = Schedule("Europe/London", OFFICE.weekly, holiday_dates(["GB-ENG"], [2026]))
    w = worst_case(s, 480, start=date(2026, 3, 16), days=30)
    assert dated(w) == (119, "Thu 02 Apr 18:00", "Tue 07 Apr 17:00")


def test_uk_twelve_months_tie_christmas_and_easter_at_119h_latest_reported() -> None:
    s = Schedule("Europe/London", OFFICE.weekly, holiday_dates(["GB-ENG"], [2025, 2026, 2027]))
    w = worst_case(s, 480, start=date(2025, 9, 1))
    assert dated(w) == (119, "Thu 02 Apr 18:00", "Tue 07 Apr 17:00")
    christmas = at(LONDON, 2025, 12, 24, 18, 0)  # the same 119 h earlier in the window
    assert real_hours(christmas, due(s, christmas, 480)) == 119


def test_russian_new_year_closure_31_dec_1800_to_14_jan_1500_is_13_9_days() -> None:
    s = Schedule("Europe/Moscow", OFFICE.weekly, frozenset(date(2026, 1, d) for d in range(1, 12)))
    w = worst_case(s, 24 * 60, start=date(2025, 12, 1), days=60)
    assert dated(w) == (333, "Wed 31 Dec 18:00", "Wed 14 Jan 15:00")
    assert round(w.hours / 24, 1) == 13.9  # 333 h = 13.875 days
    # 29 and 30 December 18:00 wait exactly as long; the latest such arrival is named
    for day in (29, 30):
        arrival = at(MOSCOW, 2025, 12, day, 18, 0)
        assert real_hours(arrival, due(s, arrival, 24 * 60)) == 333


def test_russian_official_calendar_also_closes_31_dec_so_it_is_405h() -> None:
    s = Schedule("Europe/Moscow", OFFICE.weekly, holiday_dates(["RU"], [2025, 2026]))
    assert date(2025, 12, 31) in s.closed and date(2026, 1, 9) in s.closed
    w = worst_case(s, 24 * 60, start=date(2025, 9, 1))
    assert dated(w) == (405, "Fri 26 Dec 18:00", "Mon 12 Jan 15:00")


# §2.6: the online shop (Europe/Berlin, DE-BE holidays and 24 Dec closed), 4h@business normal


def test_online_shop_ordinary_week_is_22h() -> None:
    w = worst_case_regular_week(SHOP, 240)
    assert short(w) == (22, "Sat 16:00", "Sun 14:00")
    spec_arrival = at(BERLIN, 2025, 9, 6, 12, 30)  # the spec's Saturday 12:30 -> Sunday 10:30
    assert due(SHOP, spec_arrival, 240) == at(BERLIN, 2025, 9, 7, 10, 30)


def test_online_shop_twelve_months_is_90h_over_christmas() -> None:
    w = worst_case(SHOP, 240, start=date(2025, 9, 1))
    assert dated(w) == (90, "Tue 23 Dec 20:00", "Sat 27 Dec 14:00")
    spec_arrival = at(BERLIN, 2025, 12, 23, 16, 30)  # the spec's 23 Dec 16:30 -> 27 Dec 10:30
    assert due(SHOP, spec_arrival, 240) == at(BERLIN, 2025, 12, 27, 10, 30)
    assert real_hours(spec_arrival, due(SHOP, spec_arrival, 240)) == 90


def test_online_shop_medians() -> None:
    assert worst_case_regular_week(SHOP, 240).median_hours == 9.7143
    assert worst_case(SHOP, 240, start=date(2025, 9, 1)).median_hours == 10.1186


# §4.3: priority inversion across clocks


def test_priority_inversion_4h_business_is_66h_against_2h_calendar() -> None:
    urgent = worst_case_regular_week(sched([(WEEKDAYS, "08:00", "18:00")]), 240)
    normal = worst_case(always_open("Europe/Berlin"), 120, start=date(2025, 9, 1))
    assert short(urgent) == (66, "Fri 18:00", "Mon 12:00")
    assert normal.hours == 2 and normal.median_hours == 2
    spec_arrival = at(LONDON, 2025, 9, 5, 14, 30)  # the spec's Friday 14:30 -> Monday 08:30
    assert due(sched([(WEEKDAYS, "08:00", "18:00")]), spec_arrival, 240) == \
        at(LONDON, 2025, 9, 8, 8, 30)


# §4.2: "2d@business" read as 48 business hours on a 9-hour day


def test_48_business_hours_on_9h_days_is_234h() -> None:
    w = worst_case_regular_week(OFFICE, 2880)
    assert w.hours == 234 and round(w.hours / 24, 2) == 9.75
    assert w.arrival.strftime("%a %H:%M") == "Fri 18:00"
    assert (w.due.date() - w.arrival.date()).days == 10 and w.due.strftime("%H:%M") == "12:00"


# §2.2: business days, "by close of business on the N-th business day after the day of receipt"


@pytest.mark.parametrize(("arrival", "n", "expected"), [
    pytest.param((2025, 9, 2, 10, 0), 2, (2025, 9, 4, 18, 0),
                 id="Tue 10:00 + 2bd: receipt day does not count -> Thu 18:00"),
    pytest.param((2025, 9, 5, 19, 0), 1, (2025, 9, 9, 18, 0),
                 id="Fri 19:00 + 1bd: after hours counts as received Mon -> Tue 18:00"),
    pytest.param((2025, 9, 5, 17, 0), 1, (2025, 9, 8, 18, 0),
                 id="Fri 17:00 + 1bd: received Fri -> Mon 18:00"),
    pytest.param((2025, 9, 5, 18, 0), 1, (2025, 9, 9, 18, 0),
                 id="Fri 18:00 + 1bd: at closing time is after hours -> Tue 18:00"),
    pytest.param((2025, 9, 6, 11, 0), 1, (2025, 9, 9, 18, 0),
                 id="Sat + 1bd: received Mon -> Tue 18:00"),
    pytest.param((2025, 9, 2, 7, 0), 1, (2025, 9, 3, 18, 0),
                 id="Tue 07:00 + 1bd: before opening counts as that day -> Wed 18:00"),
    pytest.param((2025, 9, 1, 10, 0), 3, (2025, 9, 4, 18, 0),
                 id="FCA: Mon + 3bd -> close of Thu"),
    pytest.param((2025, 9, 2, 10, 0), 0, (2025, 9, 2, 18, 0),
                 id="0bd: close of the day of receipt"),
])
def test_business_days(arrival: tuple[int, ...], n: int, expected: tuple[int, ...]) -> None:
    assert due_business_days(OFFICE, at(LONDON, *arrival), n) == at(LONDON, *expected)


def test_business_days_skip_holidays() -> None:
    s = Schedule("Europe/London", OFFICE.weekly, holiday_dates(["GB-ENG"], [2026]))
    assert due_business_days(s, at(LONDON, 2026, 4, 2, 10, 0), 1) == at(LONDON, 2026, 4, 7, 18, 0)


def test_business_days_worst_cases() -> None:
    assert short(worst_case_regular_week(OFFICE, None, business_days=1)) == \
        (96, "Fri 18:00", "Tue 18:00")
    assert short(worst_case_regular_week(OFFICE, None, business_days=2)) == \
        (120, "Fri 18:00", "Wed 18:00")
    assert worst_case(always_open(), None, business_days=1, start=date(2025, 1, 6)).hours == 48


# Daylight saving: real hours, not wall-clock hours


def test_spring_forward_night_is_an_hour_shorter() -> None:
    s = sched([(["sat", "sun", "mon"], "09:00", "18:00")], "Europe/Berlin")
    arrival = at(BERLIN, 2026, 3, 28, 18, 0)  # clocks go forward on Sunday 29 March 2026
    d = due(s, arrival, 60)
    assert d == at(BERLIN, 2026, 3, 29, 10, 0) and real_hours(arrival, d) == 15
    assert worst_case(s, 60, start=date(2026, 3, 23), days=7).hours == 112  # Mon 18 -> Sat 10


def test_autumn_weekend_is_an_hour_longer_so_the_year_is_72h_not_71h() -> None:
    s = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/Berlin")
    assert worst_case_regular_week(s, 480).hours == 71
    w = worst_case(s, 480, start=date(2025, 1, 1))
    assert dated(w) == (72, "Fri 24 Oct 18:00", "Mon 27 Oct 17:00")


def test_interval_in_the_skipped_hour_opens_when_the_clock_jumps() -> None:
    s = sched([(["sun"], "01:30", "02:30")], "Europe/Berlin")  # 02:00-03:00 does not exist
    arrival = at(BERLIN, 2026, 3, 29, 1, 30)
    assert due(s, arrival, 30) == at(BERLIN, 2026, 3, 29, 3, 0)  # open 01:30-02:00 CET only
    assert due(s, arrival, 31) == at(BERLIN, 2026, 4, 5, 1, 31)


def test_interval_in_the_repeated_hour_is_open_both_times() -> None:
    s = sched([(["sun"], "02:00", "02:30")], "Europe/Berlin")  # 02:00-03:00 happens twice
    arrival = at(BERLIN, 2025, 10, 26, 2, 0)  # the first pass (CEST)
    d = due(s, arrival, 45)  # 30 minutes in the first pass, 15 in the second
    assert (d.hour, d.minute, d.fold) == (2, 15, 1) and real_hours(arrival, d) == 1.25


def test_calendar_clock_counts_real_time_across_the_clock_change() -> None:
    arrival = at(BERLIN, 2026, 3, 28, 12, 0)
    assert due_calendar(arrival, 24 * 60) == at(BERLIN, 2026, 3, 29, 13, 0)
    assert due_calendar(arrival, 24 * 60).tzinfo is BERLIN


# Schedule shapes


def test_interval_crossing_midnight() -> None:
    night = sched([(["fri"], "22:00", "02:00")], "UTC")
    assert due(night, at(UTC, 2025, 9, 5, 23, 0), 120) == at(UTC, 2025, 9, 6, 1, 0)
    assert due(night, at(UTC, 2025, 9, 6, 1, 30), 60) == at(UTC, 2025, 9, 12, 22, 30)
    w = worst_case_regular_week(night, 60)
    assert short(w) == (7 * 24 - 3, "Sat 02:00", "Fri 23:00")


def test_interval_crossing_midnight_belongs_to_its_opening_day() -> None:
    night = sched([(["fri"], "22:00", "02:00")], "UTC", {date(2025, 9, 5)})  # Friday closed
    assert due(night, at(UTC, 2025, 9, 5, 21, 0), 60) == at(UTC, 2025, 9, 12, 23, 0)


def test_several_intervals_a_day() -> None:
    lunch = sched([(WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "17:00")], "UTC")
    assert due(lunch, at(UTC, 2025, 9, 1, 11, 0), 120) == at(UTC, 2025, 9, 1, 14, 0)
    assert due(lunch, at(UTC, 2025, 9, 1, 12, 30), 60) == at(UTC, 2025, 9, 1, 14, 0)
    assert short(worst_case_regular_week(lunch, 120)) == (66, "Fri 17:00", "Mon 11:00")
    assert due_business_days(lunch, at(UTC, 2025, 9, 1, 12, 30), 1) == at(UTC, 2025, 9, 2, 17, 0)


def test_24_7_waits_exactly_the_target_and_names_the_first_arrival() -> None:
    w = worst_case(always_open("Europe/Berlin"), 240, start=date(2025, 1, 1))
    assert (w.hours, w.median_hours) == (4, 4)
    assert w.arrival == at(BERLIN, 2025, 1, 1, 0, 0)
    assert weekly_from_rows([{"days": ["all"]}]) == always_open().weekly
    assert weekly_from_rows([{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                              "open": "00:00", "close": "24:00"}]) == always_open().weekly


def test_narrow_chat_hours_inside_policy_hours() -> None:
    chat = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/Berlin")
    both = narrow(SHOP, chat)
    assert both.weekly == tuple((d, 540, 1080) for d in range(5))
    assert both.closed == SHOP.closed
    w = worst_case_regular_week(both, 2)  # a 2-minute chat target
    assert short(w) == (63 + 2 / 60, "Fri 18:00", "Mon 09:02")


def test_narrow_across_time_zones() -> None:
    moscow = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/Moscow")
    london = sched([(WEEKDAYS, "09:00", "18:00")], "Europe/London")
    assert narrow(moscow, london).weekly[0] == (0, 720, 1080)  # 12:00-18:00 Moscow in January


# The median, exact from the pieces of the wait


def test_median_of_the_office_week_is_23h() -> None:
    # Mon-Thu 10:00-18:00 (32 of 168 h) all wait exactly 23 h and carry the median across half
    assert worst_case_regular_week(OFFICE, 480).median_hours == 23
    assert median_wait(OFFICE, 480, start=date(2025, 1, 6), days=7) == 23


# Caching and errors


def test_worst_cases_are_cached() -> None:
    w = worst_case(SHOP, 240, start=date(2025, 9, 1))
    assert worst_case(SHOP, 240, start=date(2025, 9, 1)) is w
    plain = Schedule(SHOP.timezone, SHOP.weekly)
    assert worst_case_regular_week(SHOP, 240) == worst_case_regular_week(plain, 240)


def test_a_later_window_in_the_same_year_is_exact_too() -> None:
    direct = worst_case(SHOP, 240, start=date(2025, 11, 3), days=400)  # computed on its own
    shared = worst_case(SHOP, 240, start=date(2025, 11, 3), days=366)  # from the shared block
    assert dated(direct) == dated(shared) == (90, "Tue 23 Dec 20:00", "Sat 27 Dec 14:00")


@pytest.mark.parametrize(("call", "message"), [
    pytest.param(lambda: due(OFFICE, datetime(2025, 9, 5, 18, 0), 60), "no time zone",
                 id="naive arrival"),
    pytest.param(lambda: due(OFFICE, at(UTC, 2025, 9, 5), -1), "negative", id="negative target"),
    pytest.param(lambda: worst_case(OFFICE, 60, business_days=1, start=date(2025, 1, 1)),
                 "either", id="two targets"),
    pytest.param(lambda: due(Schedule("UTC", ()), at(UTC, 2025, 9, 5), 60), "no open hours",
                 id="never open"),
    pytest.param(lambda: holiday_dates(["XX"], [2025]), "unknown holiday calendar 'XX'",
                 id="unknown calendar"),
])
def test_errors(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def test_closed_for_ever_is_an_error_not_a_hang() -> None:
    closed = frozenset(date(2025, 1, 1) + timedelta(days=i) for i in range(20000))
    with pytest.raises(ValueError, match="never reached"):
        due(Schedule("UTC", OFFICE.weekly, closed), at(UTC, 2025, 1, 1), 60)


# Reading schedules


@pytest.mark.parametrize(("text", "minutes"), [("08:00", 480), ("24:00", 1440), ("00:30", 30)])
def test_parse_time(text: str, minutes: int) -> None:
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["25:00", "8", "12:60", "24:30"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="time of day"):
        parse_time(text)


def test_weekday_groups() -> None:
    assert weekly_from_rows([{"days": ["weekend"], "open": "10:00", "close": "14:00"}]) == \
        ((5, 600, 840), (6, 600, 840))
    assert len(weekly_from_rows([{"days": "weekdays", "open": "09:00", "close": "17:00"}])) == 5


@pytest.mark.parametrize("calendar", ["DE-BE", "GB-ENG", "RU", "UA", "PL", "AT"])
def test_known_holiday_calendars(calendar: str) -> None:
    assert date(2021, 1, 1) in holiday_dates([calendar], [2021])


def test_ukraine_has_no_public_holidays_under_martial_law() -> None:
    assert holiday_dates(["UA"], [2026]) == frozenset()  # suspended since 24 Feb 2022
