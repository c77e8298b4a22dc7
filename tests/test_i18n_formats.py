"""Numbers, durations and dates as readers of each language write them (Babel's CLDR data)."""

from __future__ import annotations

from datetime import date

import pytest

from cxaudit.i18n import formats, speaking

# 1, 2, 5, 11, 21 and 22: the counts where Slavic plural forms change (dates keep CLDR's narrow
# no-break space before «р.» and «г.», so the year and its abbreviation never part)
PLURALS = {
    ("uk", "h"): ["1 година", "2 години", "5 годин", "11 годин", "21 година", "22 години"],
    ("uk", "d"): ["1 день", "2 дні", "5 днів", "11 днів", "21 день", "22 дні"],
    ("ru", "h"): ["1 час", "2 часа", "5 часов", "11 часов", "21 час", "22 часа"],
    ("ru", "d"): ["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня"],
    ("en", "h"): ["1 hour", "2 hours", "5 hours", "11 hours", "21 hours", "22 hours"],
}


@pytest.mark.parametrize(("lang", "unit"), sorted(PLURALS))
def test_hours_and_days_take_the_plural_form_of_their_count(lang: str, unit: str) -> None:
    got = [formats.quantity(n, unit, lang) for n in (1, 2, 5, 11, 21, 22)]
    assert got == PLURALS[lang, unit]


def test_the_run_language_is_used_when_none_is_named() -> None:
    with speaking("ru"):
        assert formats.quantity(21, "d") == "21 день"
    assert formats.quantity(21, "d") == "21 days"


@pytest.mark.parametrize(("lang", "want"), [("uk", "5 січня 2026\u202fр."), ("ru", "5 января 2026\u202fг."),
                                            ("en", "2026-01-05")])
def test_dates_read_as_the_language_writes_them(lang: str, want: str) -> None:
    assert formats.date(date(2026, 1, 5), lang) == want


@pytest.mark.parametrize(("lang", "want"), [
    ("uk", ["1 робочий день", "2 робочі дні", "5 робочих днів", "21 робочий день"]),
    ("ru", ["1 рабочий день", "2 рабочих дня", "5 рабочих дней", "21 рабочий день"]),
    ("en", ["1 business day", "2 business days", "5 business days", "21 business days"])])
def test_business_days_come_from_the_catalog_with_their_plural_forms(lang: str,
                                                                      want: list[str]) -> None:
    assert [formats.quantity(n, "bd", lang) for n in (1, 2, 5, 21)] == want


def test_targets_read_as_words() -> None:
    assert formats.duration(24, "h", None, "uk") == "24 години"
    assert formats.duration(8, "h", "business", "uk") == "8 робочих годин"
    assert formats.duration(3, "mo", None, "ru") == "3 месяца"
    assert formats.duration(24, "h", None, "en") == "24h"  # English keeps the file's form


def test_numbers_waits_and_weekdays() -> None:
    assert formats.number(1.5, "uk") == "1,5"
    assert formats.number(10000, "ru") == "10\u00a0000"
    assert formats.hours(71, "uk") == "71 год"
    assert formats.hours(1.5, "ru") == "1,5 ч"
    assert formats.hours(330, "en") == "330 h (13.8 days)"
    assert formats.hours(330, "uk") == "330 год (13,8 дня)"
    assert formats.span(90.5, "uk") == "3 дн. 18 год 30 хв"
    assert formats.span(90.5, "en") == "3d 18h 30m"
    assert formats.weekday(4, "uk", wide=True) == "п’ятниця"
    assert formats.weekday(4, "ru") == "пт"
    assert formats.weekday(4, "en") == "Fri"
