"""Time-zone names: which ones we accept, and what to suggest for the ones we do not.

A zone must be an IANA name (`Europe/Berlin`, `UTC`). Helpdesk tools and Windows name zones
differently (Rails' `Kyiv` or `Eastern Time (US & Canada)`, Windows' `W. Europe Standard Time`),
and people write abbreviations or offsets (`CET`, `MSK`, `UTC+3`); those are refused, with the
IANA name to write instead. The table below only feeds that hint, it never changes a value.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

# names that exist on some machines only, or mean nothing as a business's zone
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_MAX_SHOWN = 60

# Helpdesk (Rails ActiveSupport) and Windows names, and common abbreviations, that are not
# simply a city at the end of an IANA name (`Kyiv`, `Berlin` and the like are found anyway).
_ALIASES = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Juneau", "hawaii": "Pacific/Honolulu", "arizona": "America/Phoenix",
    "indiana (east)": "America/Indiana/Indianapolis", "saskatchewan": "America/Regina",
    "newfoundland": "America/St_Johns", "central america": "America/Guatemala",
    "guadalajara": "America/Mexico_City", "mexico city": "America/Mexico_City",
    "brasilia": "America/Sao_Paulo", "georgetown": "America/Guyana",
    "greenland": "America/Nuuk", "mid-atlantic": "Atlantic/South_Georgia",
    "cape verde is.": "Atlantic/Cape_Verde", "international date line west": "Etc/GMT+12",
    "midway island": "Pacific/Midway", "american samoa": "Pacific/Pago_Pago",
    "edinburgh": "Europe/London", "bern": "Europe/Zurich", "west central africa":
    "Africa/Algiers", "pretoria": "Africa/Johannesburg", "st. petersburg": "Europe/Moscow",
    "abu dhabi": "Asia/Muscat", "islamabad": "Asia/Karachi", "ekaterinburg":
    "Asia/Yekaterinburg", "chennai": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata", "sri jayawardenepura": "Asia/Colombo", "astana": "Asia/Almaty",
    "rangoon": "Asia/Yangon", "hanoi": "Asia/Bangkok", "beijing": "Asia/Shanghai",
    "osaka": "Asia/Tokyo", "sapporo": "Asia/Tokyo", "canberra": "Australia/Melbourne",
    "guam": "Pacific/Guam", "solomon is.": "Pacific/Guadalcanal", "new caledonia":
    "Pacific/Noumea", "marshall is.": "Pacific/Majuro", "wellington": "Pacific/Auckland",
    "nuku'alofa": "Pacific/Tongatapu", "tokelau is.": "Pacific/Fakaofo",
    "chatham is.": "Pacific/Chatham", "samoa": "Pacific/Apia", "kiev": "Europe/Kyiv",
    # Windows
    "w. europe standard time": "Europe/Berlin", "central europe standard time":
    "Europe/Budapest", "central european standard time": "Europe/Warsaw",
    "romance standard time": "Europe/Paris", "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik", "fle standard time": "Europe/Kyiv",
    "e. europe standard time": "Europe/Chisinau", "gtb standard time": "Europe/Bucharest",
    "russian standard time": "Europe/Moscow", "turkey standard time": "Europe/Istanbul",
    "israel standard time": "Asia/Jerusalem", "arabian standard time": "Asia/Dubai",
    "arab standard time": "Asia/Riyadh", "india standard time": "Asia/Kolkata",
    "china standard time": "Asia/Shanghai", "tokyo standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul", "singapore standard time": "Asia/Singapore",
    "aus eastern standard time": "Australia/Sydney", "e. australia standard time":
    "Australia/Brisbane", "w. australia standard time": "Australia/Perth",
    "new zealand standard time": "Pacific/Auckland", "eastern standard time":
    "America/New_York", "central standard time": "America/Chicago",
    "mountain standard time": "America/Denver", "pacific standard time":
    "America/Los_Angeles", "e. south america standard time": "America/Sao_Paulo",
    "sa pacific standard time": "America/Bogota", "south africa standard time":
    "Africa/Johannesburg", "egypt standard time": "Africa/Cairo",
    "coordinated universal time": "UTC",
    # abbreviations that are not IANA names themselves
    "cest": "Europe/Berlin", "bst": "Europe/London", "ist": "Asia/Kolkata",
    "msk": "Europe/Moscow", "eest": "Europe/Athens", "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles", "edt": "America/New_York", "cst": "America/Chicago",
    "cdt": "America/Chicago", "mdt": "America/Denver", "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong", "z": "UTC",
}
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d\d))?$", re.IGNORECASE)


def is_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this machine's zone data knows."""
    if not name or name in _NOT_ZONES or name.startswith(("posix/", "right/")):
        return False
    return _loads(name)


@lru_cache(maxsize=256)
def _loads(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except Exception:
        return False
    return True


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    from zoneinfo import available_timezones

    return tuple(sorted(z for z in available_timezones()
                        if z not in _NOT_ZONES and not z.startswith(("posix/", "right/"))))


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def shown(name: str) -> str:
    """The name as quoted in a message: shortened when it is very long."""
    if len(name) <= _MAX_SHOWN:
        return repr(name)
    return f"{name[:_MAX_SHOWN]!r}... ({len(name)} characters)"


def suggestion(name: str) -> str | None:
    """The IANA name the user most likely meant, if we can tell."""
    if len(name) > 100:
        return None
    zones = _zones()
    key = _key(name)
    by_key = {_key(z): z for z in zones}
    if key in by_key:
        return by_key[key]  # only the case or underscores differ
    if key in _ALIASES:
        return _ALIASES[key]
    cities: dict[str, str] = {}
    for z in zones:
        if "/" in z:
            cities.setdefault(_key(z.rsplit("/", 1)[1]), z)
    if key in cities:
        return cities[key]
    close = difflib.get_close_matches(name, zones, n=1, cutoff=0.8)
    if close:
        return close[0]
    close = difflib.get_close_matches(key, list(cities), n=1, cutoff=0.8)
    return cities[close[0]] if close else None


def _offset_zone(name: str) -> str | None:
    """`UTC+3`, `+03:00` -> Etc/GMT-3; a missing `Etc/GMT+14` -> Etc/GMT-14 (the sign inverted)."""
    text = name.strip()
    etc = text.lower().startswith("etc/")
    m = _OFFSET.match(text[4:] if etc else text)
    if m is None or (m.group(3) or "00") != "00":
        return None
    hours = int(m.group(2))
    # people mean +3 as east of Greenwich, even in a missing Etc/GMT+14 (Etc/GMT+3 is west)
    east = m.group(1) == "+"
    zone = f"Etc/GMT{'-' if east else '+'}{hours}" if hours else "UTC"
    return zone if zone != name and is_zone(zone) else None


def zone_hint(name: str) -> str:
    """How to fix an unknown zone: a did-you-mean where we can, and what a zone looks like."""
    example = "an IANA name such as Europe/Berlin, America/New_York or UTC"
    fixed = _offset_zone(name)
    if fixed is not None or _OFFSET.match(name.strip()) or name.lower().startswith("etc/gmt"):
        mean = f"did you mean {fixed!r}? " if fixed else ""
        return (f"{mean}Better, name a city in that zone (e.g. Europe/Kyiv, America/New_York): "
                "it follows daylight saving. Fixed offsets are Etc/GMT-14 to Etc/GMT+12, with "
                "the sign inverted (Etc/GMT-3 is UTC+3)")
    best = suggestion(name)
    if best is not None:
        return f"did you mean {best!r}? Write {example}"
    return f"write {example} (see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)"
