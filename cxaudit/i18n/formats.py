"""Numbers, durations, dates, weekdays and counts as a reader of the run's language writes them.

English is written by this module itself (and keeps the forms cxaudit has always printed:
`48 h`, `3d 18h`, `2026-01-05`), so an English run never imports Babel. Every other language
takes its words, plural forms and separators from Babel's CLDR data: `21 година`, `22 години`,
`25 годин`; `1 день`, `2 дня`, `5 дней`; `5 січня 2026 р.`; `1,5`; `10 000`. Units CLDR does
not have (business days and business hours) come from the gettext catalog with their plural
forms.
"""

from __future__ import annotations

from datetime import date as Date
from functools import lru_cache
from typing import Any

from cxaudit.i18n import ENGLISH, current, translations

# CLDR unit names of cxaudit's duration and cadence units
_UNITS = {"s": "duration-second", "m": "duration-minute", "h": "duration-hour",
          "d": "duration-day", "w": "duration-week", "mo": "duration-month",
          "q": "duration-quarter", "y": "duration-year"}
_ENGLISH_UNITS = {"s": ("second", "seconds"), "m": ("minute", "minutes"),
                  "h": ("hour", "hours"), "d": ("day", "days"), "w": ("week", "weeks"),
                  "mo": ("month", "months"), "q": ("quarter", "quarters"),
                  "y": ("year", "years")}
_ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _lang(lang: str | None) -> str:
    return lang or current()


def _n(lang: str, singular: str, plural: str, n: int) -> str:
    """ngettext in `lang` (which may differ from the run's)."""
    if lang == ENGLISH:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


@lru_cache(maxsize=8)
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def _whole(value: float) -> bool:
    return float(value).is_integer()


def number(value: float, lang: str | None = None, digits: int = 1) -> str:
    """`1.5` / `1,5`, `10000` / `10 000`; at most `digits` decimals, none for whole numbers."""
    lang = _lang(lang)
    rounded = round(float(value), digits)
    if lang == ENGLISH:
        return f"{rounded:.0f}" if _whole(rounded) else f"{rounded:g}"
    from babel.numbers import format_decimal

    return str(format_decimal(int(rounded) if _whole(rounded) else rounded, locale=lang))


def grouped(value: int, lang: str | None = None) -> str:
    """A large whole number with its thousands grouped: `1,048,576` in English as cxaudit has
    always written it, `1 048 576` in Ukrainian and Russian."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return f"{value:,}"
    return number(value, lang)


def decimal(value: float, lang: str | None = None) -> str:
    """A priority or score with its decimals: `20.0` as Python writes it in English, `20,0`
    with the language's separators elsewhere."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return str(value)
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="#,##0.0##", locale=lang))


def percent(value: float, lang: str | None = None) -> str:
    """A share given in percent (0-100): `92 %` in English as cxaudit writes it, `92%` in
    Ukrainian and `92 %` in Russian, as CLDR writes them."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return f"{number(value, lang)} %"
    from babel.numbers import format_percent

    return str(format_percent(float(value) / 100, locale=lang, format="#,##0.#%"))


def quantity(amount: float, unit: str, lang: str | None = None) -> str:
    """`amount` of a duration or cadence unit (`s m h d w mo q y`, and `bd` business days) in
    words: `3 hours`, `21 година`, `22 дня`, `1 робочий день`."""
    lang = _lang(lang)
    if unit == "bd":
        n = int(amount)
        return _n(lang, "%(n)s business day", "%(n)s business days", n) % {
            "n": number(amount, lang)}
    if lang == ENGLISH:
        one, many = _ENGLISH_UNITS[unit]
        return f"{number(amount, lang)} {one if amount == 1 else many}"
    from babel.units import format_unit

    value = int(amount) if _whole(amount) else amount
    return str(format_unit(value, _UNITS[unit], length="long", locale=lang))


def business_hours(amount: float, lang: str | None = None) -> str:
    """`8 business hours`, `8 робочих годин`, `8 рабочих часов`."""
    lang = _lang(lang)
    n = int(amount) if _whole(amount) else 2  # a fraction takes the "few" form in uk and ru
    return _n(lang, "%(n)s business hour", "%(n)s business hours", n) % {
        "n": number(amount, lang)}


def duration(amount: float, unit: str, clock: str | None = None, lang: str | None = None) -> str:
    """A target as words: `24h` -> `24 години`, `8h@business` -> `8 робочих годин`, `2bd` ->
    `2 робочі дні`, `3mo` -> `3 місяці`. English keeps the compact form the file uses."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return f"{number(amount, lang)}{unit}" + (f"@{clock}" if clock else "")
    if clock == "business" and unit == "h":
        return business_hours(amount, lang)
    text = quantity(amount, unit, lang)
    return text if clock in (None, "calendar") or unit == "bd" else \
        translations(lang).gettext("%(duration)s of business time") % {"duration": text}


def hours(value: float, lang: str | None = None) -> str:
    """A wait in hours, short: `71 h`, `1.5 h`, `330 h (13.8 days)`; `71 год`, `330 год
    (13,8 дня)`."""
    lang = _lang(lang)
    shown = number(value, lang, 0 if value >= 10 else 1)
    unit = "h" if lang == ENGLISH else _short_hour(lang)
    text = f"{shown} {unit}"
    if value >= 72 and value / 24 != int(value / 24) and value > 24 * 7:
        days = round(value / 24, 1)
        words = f"{days:.1f} days" if lang == ENGLISH else quantity(days, "d", lang)
        text += f" ({words})"
    return text


@lru_cache(maxsize=8)
def _short_hour(lang: str) -> str:
    from babel.units import format_unit

    return str(format_unit(5, "duration-hour", length="short", locale=lang)).split(" ", 1)[1]


def span(value: float, lang: str | None = None) -> str:
    """A wait as days, hours and minutes: `3d 18h`, `1h 30m`; `3 дн. 18 год`, `1 ч 30 мин`."""
    lang = _lang(lang)
    minutes = round(value * 60)
    days, rest = divmod(minutes, 1440)
    h, m = divmod(rest, 60)
    if lang == ENGLISH:
        parts = [f"{days}d" if days else "", f"{h}h" if h else "", f"{m}m" if m else ""]
        return " ".join(p for p in parts if p) or "0m"
    from babel.units import format_unit

    shown = [str(format_unit(n, _UNITS[u], length="short", locale=lang))
             for n, u in ((days, "d"), (h, "h"), (m, "m")) if n]
    return " ".join(shown) or str(format_unit(0, _UNITS["m"], length="short", locale=lang))


def month(value: Date, lang: str | None = None) -> str:
    """The name of a day's month: `February`, `лютий`, `февраль`."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return f"{value:%B}"
    from babel.dates import format_date

    return str(format_date(value, "LLLL", locale=lang))


def day_month(value: Date, lang: str | None = None) -> str:
    """A day of the year, short: `5 Jan`, `5 січ.`, `5 янв.`."""
    lang = _lang(lang)
    if lang == ENGLISH:
        return f"{value.day} {value:%b}"
    from babel.dates import format_date

    return str(format_date(value, "d MMM", locale=lang))


def date(value: Date | str, lang: str | None = None) -> str:
    """A day: `2026-01-05` in English (as the file writes it), `5 січня 2026 р.`,
    `5 января 2026 г.`."""
    lang = _lang(lang)
    day = Date.fromisoformat(value) if isinstance(value, str) else value
    if lang == ENGLISH:
        return day.isoformat()
    from babel.dates import format_date

    return str(format_date(day, "long", locale=lang))


def weekday(index: int, lang: str | None = None, wide: bool = False) -> str:
    """Monday = 0: `Mon` / `пн` / `пн`; `wide`: `Monday` / `понеділок` / `понедельник`."""
    lang = _lang(lang)
    if lang == ENGLISH:
        short = _ENGLISH_DAYS[index]
        return short if not wide else ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday")[index]
    days = _locale(lang).days["format"]["wide" if wide else "abbreviated"]
    return str(days[index]).replace("\u02bc", "\u2019")  # the apostrophe Ukrainian text uses


def count(n: int, singular: str, plural: str, lang: str | None = None) -> str:
    """A counted noun in the plural form of `n`, the number in place of `%(n)s`."""
    lang = _lang(lang)
    return _n(lang, singular, plural, n) % {"n": number(n, lang)}


__all__ = ["business_hours", "count", "date", "day_month", "decimal", "duration", "grouped", "hours", "month", "number",
           "percent",
           "quantity", "span", "weekday"]
