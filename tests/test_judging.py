"""Rules judge what the customer experiences: worst cases across channels, holidays of every
served jurisdiction, calendar cadences. Figures are the spec's worked examples (section 4)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cxaudit.clock.facts import Facts
from cxaudit.clock.waits import calendar_sets, schedule, wait, wait_without_holidays
from cxaudit.document.loading import load_text
from cxaudit.engine.run import run_rules
from cxaudit.model.durations import cadence_fits, parse_cadence
from cxaudit.model.findings import Finding, Kind, Severity
from cxaudit.model.normalise import normalise
from cxaudit.model.process import Process
from cxaudit.rules.packs import builtin_rules

RULES = builtin_rules()
HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"


def _proc(text: str) -> Process:
    return normalise(load_text(HEAD + text, "process.yaml"))


def _findings(proc: Process, rule_id: str, as_of: date | None = None) -> list[Finding]:
    rule = next(r for r in RULES if r.id == rule_id)
    return list(run_rules([rule], proc, as_of)[0].findings)


# section 4.3: urgent faults on a business-hours web form, billing on a 24/7 desk
INVERSION = """
business_hours:
  timezone: Europe/Berlin
  schedule: [{days: [mon, tue, wed, thu, fri], open: "08:00", close: "18:00"}]
sla_policies:
  - {id: faults, applies_to: {channels: [web_form]}, clock: business,
     targets: {first_response: {urgent: 4h}}}
  - {id: billing, applies_to: {channels: [billing_desk]}, clock: calendar,
     targets: {first_response: {normal: 2h}}}
channels:
  - {id: web_form, type: web_form, purposes: [support]}
  - {id: billing_desk, type: email, purposes: [support], operated_by: outsourced}
"""


def test_urgent_on_business_hours_waits_66_hours_against_2() -> None:
    proc = _proc(INVERSION)
    urgent = next(Facts.build(proc).targets_for(channel="web_form", priority="urgent"))
    w = wait(proc, urgent)
    assert w is not None and w.hours == 66
    # the spec's Fri 14:30 -> Mon 08:30 waits as long; the latest such arrival is reported
    assert w.case() == "a message sent Fri 18:00 is answered Mon 12:00 at the latest (66 h)"
    [finding] = _findings(proc, "RESP-006")
    assert finding.severity is Severity.HIGH
    assert finding.location.path == "sla_policies[0].targets.first_response.urgent"
    assert ("an urgent case may wait 66 h for a first reply on web_form (4h, policy 'faults'), "
            "while a normal-priority case waits at most 2 h on any channel") in finding.message


def test_one_policy_per_channel_alone_never_showed_the_inversion() -> None:
    proc = _proc(INVERSION)
    for channel in ("web_form", "billing_desk"):
        assert len({t.priority for t in Facts.build(proc).targets_for(channel=channel)}) == 1


# "145 h against 144 h": a Kyiv desk open every day, a 5-business-day first reply; the October
# clock change makes one weekend an hour longer, and Ukraine closes no public holiday.
KYIV = """
process: {updated: "2025-10-15"}
organization: {jurisdictions: [UA]}
business_hours:
  timezone: Europe/Kyiv
  schedule: [{days: [mon, tue, wed, thu, fri, sat, sun], open: "10:00", close: "21:00"}]
  holiday_calendar: UA
  after_hours: {coverage: none}
sla_policies:
  - {id: stores, clock: business, targets: {first_response: {normal: 5bd}}}
channels:
  - {id: viber, type: messenger, purposes: [support]}
"""


def test_a_clock_change_is_not_a_holiday_gap() -> None:
    proc = _proc(KYIV)
    as_of = date(2025, 10, 15)
    t = next(Facts.build(proc).targets_for(channel="viber"))
    year, week = wait(proc, t, as_of=as_of), wait(proc, t)
    assert year is not None and week is not None
    assert (year.hours, week.hours, wait_without_holidays(proc, t, as_of)) == (145, 144, 145)
    assert year.arrival is not None and year.arrival.isoformat() == "2025-10-25T21:00:00+03:00"
    findings = _findings(proc, "RESP-011", as_of)
    assert [f.severity for f in findings] == [Severity.INFO]  # the martial-law note only
    assert findings[0].message.startswith("In UA, public holidays are working days while "
                                          "martial law lasts")


def test_ukrainian_holidays_before_martial_law_still_close(monkeypatch: Any) -> None:
    from cxaudit.clock import waits

    proc = _proc(KYIV)
    closed_2021 = schedule(proc, as_of=date(2021, 6, 1)).closed
    assert date(2021, 8, 24) in closed_2021  # Independence Day, a day off before 2022

    # a holiday library that still listed a day off under martial law is overruled by the data
    monkeypatch.setattr("cxaudit.clock.cache.holiday_dates",
                        lambda cals, years: frozenset({date(2023, 8, 24), date(2021, 8, 24)}))
    waits._holidays.cache_clear()
    try:
        assert waits._holidays(("UA",), 2021) == frozenset({date(2021, 8, 24)})
    finally:
        waits._holidays.cache_clear()


@pytest.mark.parametrize(("named", "jurisdictions", "sets"), [
    pytest.param("DE-BE", "[DE, AT]", [("DE-BE",), ("AT",)], id="a named subdivision covers DE"),
    pytest.param("UA", "[UA, PL]", [("UA",), ("PL",)], id="a Ukrainian chain with Polish shops"),
    pytest.param("[UA, PL]", "[UA, PL]", [("UA", "PL")], id="a named list is one calendar"),
    pytest.param(None, "[DE-BY, DE, EU]", [("DE-BY",)], id="a subdivision covers its country"),
    pytest.param(None, "[XX]", [()], id="no known calendar: the listed closures only"),
])
def test_every_served_jurisdiction_has_its_calendar(named: str | None, jurisdictions: str,
                                                    sets: list[tuple[str, ...]]) -> None:
    calendar = f"  holiday_calendar: {named}\n" if named else ""
    proc = _proc(f"organization: {{jurisdictions: {jurisdictions}}}\nbusiness_hours:\n"
                 f"  timezone: Europe/Berlin\n{calendar}"
                 "  schedule: [{days: [mon], open: '09:00', close: '17:00'}]\n")
    assert list(calendar_sets(proc)) == sets


@pytest.mark.parametrize(("value", "limit", "at_most", "fits"), [
    pytest.param("6mo", "6mo", True, True, id="six months"),
    pytest.param("2q", "6mo", True, True, id="two quarters are six months"),
    pytest.param("26w", "6mo", True, True, id="26 weeks (182 days) fit six months"),
    pytest.param("0.5y", "6mo", True, True, id="half a year"),
    pytest.param("185d", "6mo", True, False, id="185 days are longer than any six months"),
    pytest.param("7mo", "6mo", True, False, id="seven months"),
    pytest.param("90d", "3mo", False, True, id="90 days are three months"),
    pytest.param("12w", "3mo", False, False, id="12 weeks are shorter than three months"),
    pytest.param("31d", "1mo", True, True, id="31 days are a month"),
])
def test_cadences_compare_on_the_calendar(value: str, limit: str, at_most: bool,
                                          fits: bool) -> None:
    assert cadence_fits(parse_cadence(value), parse_cadence(limit), at_most=at_most) is fits


def test_a_twice_yearly_survey_is_within_every_90_to_180_days() -> None:
    proc = _proc("feedback:\n  surveys:\n"
                 "    - {type: nps, mode: relationship, cadence: 26w, contact_cooldown: 90d}\n"
                 "    - {type: nps, mode: relationship, cadence: 2q, contact_cooldown: 90d}\n")
    assert [f for f in _findings(proc, "FDB-002") if f.kind is Kind.VIOLATION] == []
