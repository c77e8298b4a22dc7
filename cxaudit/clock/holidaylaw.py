"""Rules of law that change what a public holiday means: `rules/data/calendars.yaml`.

Under Ukrainian martial law public holidays are working days; a calendar that simply shows
no holidays would leave a reader guessing. These rows make the service clock close none of
that calendar's holidays in the period they cover, and give the sentence the SLA table and
RESP-011 print instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from cxaudit.document.kept import bundled_yaml
from cxaudit.resources import rules_dir


@dataclass(frozen=True)
class HolidayRule:
    """A period in which a calendar's public holidays are not days off."""

    calendar: str
    valid_from: date
    valid_until: date | None
    summary: str
    statute: str
    cite: str
    url: str
    version: str
    cite_local: str = ""  # the citation as the statute names itself, for readers of other languages

    def covers(self, day: date) -> bool:
        """Whether `day` falls in the period of this rule."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether the rule is in force on any day from `first` to `last`."""
        return self.valid_from <= last and (self.valid_until is None or first <= self.valid_until)

    def sentence(self) -> str:
        """`In UA, public holidays are working days while martial law lasts, ... (Law ...).`"""
        return f"In {self.calendar}, {self.summary} ({self.cite})."

    def said(self) -> str:
        """The sentence in the run's language, the statute cited as it names itself."""
        from cxaudit.i18n import ENGLISH, _, current

        if current() == ENGLISH:
            return self.sentence()
        return _("In %(country)s, %(summary)s (%(cite)s).") % {
            "country": self.calendar, "summary": _(self.summary),
            "cite": self.cite_local or self.cite}


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def holiday_rules() -> tuple[HolidayRule, ...]:
    """Every row of the bundled calendar data."""
    path = rules_dir() / "data" / "calendars.yaml"
    data = bundled_yaml(path) or {}
    version = str(data.get("version", ""))
    out = []
    for row in data.get("rows") or []:
        if row.get("holidays_are_days_off") is not False:
            continue
        start = _date(row["valid_from"])
        assert start is not None
        out.append(HolidayRule(str(row["calendar"]).upper(), start, _date(row.get("valid_until")),
                               " ".join(str(row["summary"]).split()),
                               " ".join(str(row["statute"]).split()), str(row["cite"]),
                               str(row["url"]), version,
                               " ".join(str(row.get("cite_local", "")).split())))
    return tuple(out)


def _country(calendar: str) -> str:
    return calendar.upper().partition("-")[0]


def not_days_off(calendar: str, day: date) -> bool:
    """Whether the public holidays of `calendar` are working days on `day`."""
    return any(r.calendar == _country(calendar) and r.covers(day) for r in holiday_rules())


def rules_in_force(calendars: Iterable[str], first: date, last: date) -> tuple[HolidayRule, ...]:
    """The rows that concern any of `calendars` on some day from `first` to `last`."""
    countries = {_country(c) for c in calendars}
    return tuple(r for r in holiday_rules() if r.calendar in countries and r.overlaps(first, last))
