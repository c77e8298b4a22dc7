"""Rails time-zone names (what Zendesk and Freshdesk write) as IANA names: the whole table."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cxaudit.importers.timezones import FORMER_NAMES, RAILS_ZONES, RENAMED, UnknownZone, iana_zone


def test_the_table_is_rails_complete_mapping() -> None:
    """ActiveSupport::TimeZone::MAPPING has 151 names today; every one is here."""
    assert len(RAILS_ZONES) == 151
    for name in ("International Date Line West", "Eastern Time (US & Canada)", "Kyiv",
                 "Chatham Is.", "Tokelau Is.", "Samoa", "American Samoa", "Nuku'alofa",
                 "St. Petersburg", "Sri Jayawardenepura", "Mid-Atlantic", "Indiana (East)"):
        assert name in RAILS_ZONES


@pytest.mark.parametrize("name", sorted(RAILS_ZONES))
def test_every_rails_name_gives_a_zone_python_can_load(name: str) -> None:
    zone = iana_zone(name)
    assert ZoneInfo(zone).utcoffset(datetime(2025, 1, 15)) is not None
    assert zone == RENAMED.get(RAILS_ZONES[name], RAILS_ZONES[name])


def test_only_renamed_identifiers_differ_from_rails() -> None:
    """Rails still maps Kyiv to Europe/Kiev; IANA renamed three of Rails' identifiers."""
    changed = {n: iana_zone(n) for n in RAILS_ZONES if iana_zone(n) != RAILS_ZONES[n]}
    assert changed == {"Kyiv": "Europe/Kyiv", "Greenland": "America/Nuuk",
                       "Rangoon": "Asia/Yangon"}
    assert RAILS_ZONES["Kyiv"] == "Europe/Kiev"


@pytest.mark.parametrize(("helpdesk", "iana"), [
    ("Kyiv", "Europe/Kyiv"),
    ("Eastern Time (US & Canada)", "America/New_York"),
    ("Pacific Time (US & Canada)", "America/Los_Angeles"),
    ("London", "Europe/London"),
    ("Edinburgh", "Europe/London"),
    ("Bern", "Europe/Zurich"),
    ("Astana", "Asia/Dhaka"),  # Rails' own choice, which the helpdesk computes with
    ("UTC", "Etc/UTC"),
    ("Ulaan Bataar", "Asia/Ulaanbaatar"),  # the spelling of older Rails releases
    ("America/New_York", "America/New_York"),  # an IANA name passes through
    ("Europe/Kiev", "Europe/Kyiv"),
    ("eastern time (us & canada)", "America/New_York"),
])
def test_names_map_to_iana(helpdesk: str, iana: str) -> None:
    assert iana_zone(helpdesk) == iana


def test_former_names_point_into_the_table() -> None:
    assert all(new in RAILS_ZONES for new in FORMER_NAMES.values())


def test_an_unknown_name_is_refused_with_the_closest_rails_name() -> None:
    with pytest.raises(UnknownZone) as exc:
        iana_zone("Eastern Time (US and Canada)")
    assert exc.value.suggestion == "Eastern Time (US & Canada)"
    with pytest.raises(UnknownZone):
        iana_zone("Mars/Olympus_Mons")
