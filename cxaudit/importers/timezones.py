"""Helpdesk time-zone names (Rails' ActiveSupport::TimeZone names) as IANA names.

Zendesk and Freshdesk are Rails applications: their schedules carry the friendly names of
`ActiveSupport::TimeZone::MAPPING` ("Eastern Time (US & Canada)", "Kyiv"), not IANA names.
RAILS_ZONES is that table as Rails ships it, so the hours are read in the zone the helpdesk
itself computes with (including Rails' own choices, such as "Astana" on Asia/Dhaka). Three
Rails values are identifiers IANA has since renamed; they are written with today's name
(RENAMED), because the old ones survive only as backward-compatible links.
"""

from __future__ import annotations

import difflib
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from cxaudit.importers.jsonfile import JsonFile, JsonPath

# Keys are Rails TimeZone names, values the TZInfo identifiers Rails maps them to.
RAILS_ZONES: dict[str, str] = {
    "International Date Line West": "Pacific/Midway",
    "Midway Island": "Pacific/Midway",
    "American Samoa": "Pacific/Pago_Pago",
    "Hawaii": "Pacific/Honolulu",
    "Alaska": "America/Juneau",
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "Tijuana": "America/Tijuana",
    "Mountain Time (US & Canada)": "America/Denver",
    "Arizona": "America/Phoenix",
    "Chihuahua": "America/Chihuahua",
    "Mazatlan": "America/Mazatlan",
    "Central Time (US & Canada)": "America/Chicago",
    "Saskatchewan": "America/Regina",
    "Guadalajara": "America/Mexico_City",
    "Mexico City": "America/Mexico_City",
    "Monterrey": "America/Monterrey",
    "Central America": "America/Guatemala",
    "Eastern Time (US & Canada)": "America/New_York",
    "Indiana (East)": "America/Indiana/Indianapolis",
    "Bogota": "America/Bogota",
    "Lima": "America/Lima",
    "Quito": "America/Lima",
    "Atlantic Time (Canada)": "America/Halifax",
    "Caracas": "America/Caracas",
    "La Paz": "America/La_Paz",
    "Santiago": "America/Santiago",
    "Newfoundland": "America/St_Johns",
    "Brasilia": "America/Sao_Paulo",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "Montevideo": "America/Montevideo",
    "Georgetown": "America/Guyana",
    "Puerto Rico": "America/Puerto_Rico",
    "Greenland": "America/Godthab",
    "Mid-Atlantic": "Atlantic/South_Georgia",
    "Azores": "Atlantic/Azores",
    "Cape Verde Is.": "Atlantic/Cape_Verde",
    "Dublin": "Europe/Dublin",
    "Edinburgh": "Europe/London",
    "Lisbon": "Europe/Lisbon",
    "London": "Europe/London",
    "Casablanca": "Africa/Casablanca",
    "Monrovia": "Africa/Monrovia",
    "UTC": "Etc/UTC",
    "Belgrade": "Europe/Belgrade",
    "Bratislava": "Europe/Bratislava",
    "Budapest": "Europe/Budapest",
    "Ljubljana": "Europe/Ljubljana",
    "Prague": "Europe/Prague",
    "Sarajevo": "Europe/Sarajevo",
    "Skopje": "Europe/Skopje",
    "Warsaw": "Europe/Warsaw",
    "Zagreb": "Europe/Zagreb",
    "Brussels": "Europe/Brussels",
    "Copenhagen": "Europe/Copenhagen",
    "Madrid": "Europe/Madrid",
    "Paris": "Europe/Paris",
    "Amsterdam": "Europe/Amsterdam",
    "Berlin": "Europe/Berlin",
    "Bern": "Europe/Zurich",
    "Zurich": "Europe/Zurich",
    "Rome": "Europe/Rome",
    "Stockholm": "Europe/Stockholm",
    "Vienna": "Europe/Vienna",
    "West Central Africa": "Africa/Algiers",
    "Bucharest": "Europe/Bucharest",
    "Cairo": "Africa/Cairo",
    "Helsinki": "Europe/Helsinki",
    "Kyiv": "Europe/Kiev",
    "Riga": "Europe/Riga",
    "Sofia": "Europe/Sofia",
    "Tallinn": "Europe/Tallinn",
    "Vilnius": "Europe/Vilnius",
    "Athens": "Europe/Athens",
    "Istanbul": "Europe/Istanbul",
    "Minsk": "Europe/Minsk",
    "Jerusalem": "Asia/Jerusalem",
    "Harare": "Africa/Harare",
    "Pretoria": "Africa/Johannesburg",
    "Kaliningrad": "Europe/Kaliningrad",
    "Moscow": "Europe/Moscow",
    "St. Petersburg": "Europe/Moscow",
    "Volgograd": "Europe/Volgograd",
    "Samara": "Europe/Samara",
    "Kuwait": "Asia/Kuwait",
    "Riyadh": "Asia/Riyadh",
    "Nairobi": "Africa/Nairobi",
    "Baghdad": "Asia/Baghdad",
    "Tehran": "Asia/Tehran",
    "Abu Dhabi": "Asia/Muscat",
    "Muscat": "Asia/Muscat",
    "Baku": "Asia/Baku",
    "Tbilisi": "Asia/Tbilisi",
    "Yerevan": "Asia/Yerevan",
    "Kabul": "Asia/Kabul",
    "Ekaterinburg": "Asia/Yekaterinburg",
    "Islamabad": "Asia/Karachi",
    "Karachi": "Asia/Karachi",
    "Tashkent": "Asia/Tashkent",
    "Chennai": "Asia/Kolkata",
    "Kolkata": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Kathmandu": "Asia/Kathmandu",
    "Astana": "Asia/Dhaka",
    "Dhaka": "Asia/Dhaka",
    "Sri Jayawardenepura": "Asia/Colombo",
    "Almaty": "Asia/Almaty",
    "Novosibirsk": "Asia/Novosibirsk",
    "Rangoon": "Asia/Rangoon",
    "Bangkok": "Asia/Bangkok",
    "Hanoi": "Asia/Bangkok",
    "Jakarta": "Asia/Jakarta",
    "Krasnoyarsk": "Asia/Krasnoyarsk",
    "Beijing": "Asia/Shanghai",
    "Chongqing": "Asia/Chongqing",
    "Hong Kong": "Asia/Hong_Kong",
    "Urumqi": "Asia/Urumqi",
    "Kuala Lumpur": "Asia/Kuala_Lumpur",
    "Singapore": "Asia/Singapore",
    "Taipei": "Asia/Taipei",
    "Perth": "Australia/Perth",
    "Irkutsk": "Asia/Irkutsk",
    "Ulaanbaatar": "Asia/Ulaanbaatar",
    "Seoul": "Asia/Seoul",
    "Osaka": "Asia/Tokyo",
    "Sapporo": "Asia/Tokyo",
    "Tokyo": "Asia/Tokyo",
    "Yakutsk": "Asia/Yakutsk",
    "Darwin": "Australia/Darwin",
    "Adelaide": "Australia/Adelaide",
    "Canberra": "Australia/Melbourne",
    "Melbourne": "Australia/Melbourne",
    "Sydney": "Australia/Sydney",
    "Brisbane": "Australia/Brisbane",
    "Hobart": "Australia/Hobart",
    "Vladivostok": "Asia/Vladivostok",
    "Guam": "Pacific/Guam",
    "Port Moresby": "Pacific/Port_Moresby",
    "Magadan": "Asia/Magadan",
    "Srednekolymsk": "Asia/Srednekolymsk",
    "Solomon Is.": "Pacific/Guadalcanal",
    "New Caledonia": "Pacific/Noumea",
    "Fiji": "Pacific/Fiji",
    "Kamchatka": "Asia/Kamchatka",
    "Marshall Is.": "Pacific/Majuro",
    "Auckland": "Pacific/Auckland",
    "Wellington": "Pacific/Auckland",
    "Nuku'alofa": "Pacific/Tongatapu",
    "Tokelau Is.": "Pacific/Fakaofo",
    "Chatham Is.": "Pacific/Chatham",
    "Samoa": "Pacific/Apia",
}

# Names older Rails releases used, still seen in long-lived helpdesk accounts.
FORMER_NAMES: dict[str, str] = {"Ulaan Bataar": "Ulaanbaatar"}

# Rails values that IANA has renamed since; the old identifier is only a backward link.
RENAMED: dict[str, str] = {
    "Europe/Kiev": "Europe/Kyiv",
    "America/Godthab": "America/Nuuk",
    "Asia/Rangoon": "Asia/Yangon",
}


class UnknownZone(ValueError):
    """A time-zone name that is neither a Rails name nor an IANA name."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        super().__init__(f"unknown time zone {name!r}")
        self.name = name
        self.suggestion = suggestion


def iana_zone(name: str) -> str:
    """The IANA name for a helpdesk time-zone name ("Kyiv" -> "Europe/Kyiv").

    An IANA name passes through (renamed ones are updated); anything else raises UnknownZone
    with the closest Rails name as a suggestion.
    """
    text = str(name).strip()
    rails = FORMER_NAMES.get(text, text)
    if rails in RAILS_ZONES:
        zone = RAILS_ZONES[rails]
        return RENAMED.get(zone, zone)
    if "/" in text or text == "UTC":
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return RENAMED.get(text, text)
    folded = {k.casefold(): k for k in RAILS_ZONES}
    if text.casefold() in folded:
        return iana_zone(folded[text.casefold()])
    close = difflib.get_close_matches(text, [*RAILS_ZONES, *_iana_names()], n=1, cutoff=0.6)
    raise UnknownZone(text, close[0] if close else None)


def _iana_names() -> list[str]:
    return sorted(available_timezones())


def schedule_zone(page: JsonFile, path: JsonPath, raw: dict[str, Any], missing: str,
                  vendor: str) -> str:
    """The IANA zone of a helpdesk schedule's `time_zone`, or an error at its place in the export.

    `missing` is the sentence for a schedule without a zone; `vendor` names the helpdesk in hints.
    """
    zone = raw.get("time_zone")
    if not isinstance(zone, str):
        raise page.error(path + ("time_zone",) if "time_zone" in raw else path, missing,
                         f'{vendor} names the zone, e.g. "Eastern Time (US & Canada)"')
    try:
        return iana_zone(zone)
    except UnknownZone as exc:
        raise page.error(path + ("time_zone",), f"unknown time zone {zone!r}",
                         (f"did you mean {exc.suggestion!r}? " if exc.suggestion else "")
                         + f"{vendor} uses Rails time-zone names such as "
                         "\"Eastern Time (US & Canada)\" or \"Kyiv\"") from None


__all__ = ["FORMER_NAMES", "RAILS_ZONES", "RENAMED", "UnknownZone", "iana_zone", "schedule_zone"]
