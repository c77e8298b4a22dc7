"""`cxaudit import`: the fixture accounts (tests/data/helpdesk) come out as the docs define them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from cxaudit.document.loading import load_text

HELPDESK = ROOT / "tests" / "data" / "helpdesk"
ACCOUNTS = [("zendesk", "northwind"), ("zendesk", "kyivsoft"), ("freshdesk", "brightmart"),
            ("freshdesk", "fjordline")]


def imported(cli: Any, vendor: str, account: str) -> tuple[str, dict[str, Any]]:
    r = cli("import", vendor, HELPDESK / vendor / account)
    assert r.exit_code == 0, r.stderr
    return r.stdout, load_text(r.stdout, "out.yaml").data


def policy(data: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in data["sla_policies"] if p["id"] == pid)


@pytest.mark.parametrize(("vendor", "account"), ACCOUNTS)
def test_every_fixture_imports_validates_and_audits(cli: Any, tmp_path: Path, vendor: str,
                                                    account: str) -> None:
    out = tmp_path / "process.yaml"
    r = cli("import", vendor, HELPDESK / vendor / account, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert f"wrote {out}" in r.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported from ")
    assert "apiVersion: cxaudit/v1" in text
    for section in ("returns:", "complaints:", "ownership:", "feedback:"):
        assert f"#   {section}" in text  # the next things to describe, at the top
    assert cli("check", out).exit_code in (0, 1)
    assert cli("sla", out).exit_code == 0


def test_zendesk_targets_clocks_and_filters(cli: Any) -> None:
    text, data = imported(cli, "zendesk", "northwind")
    vip = policy(data, "vip-accounts")
    assert vip["position"] == 1 and vip["clock"] == "calendar"
    assert vip["applies_to"] == {"segments": ["organization 360020001",
                                              "organization 360020002"]}
    assert vip["targets"]["first_response"] == {"urgent": "30m", "high": "1h", "normal": "4h",
                                                "low": "8h"}
    incidents = policy(data, "incidents-by-e-mail")
    # via_id 4 is e-mail; "type is incident" has no counterpart: a segment, quoted as a comment
    assert incidents["applies_to"] == {"channels": ["email"], "segments": ["type is incident"]}
    assert '{"field": "type", "operator": "is", "value": "incident"}' in text
    # one business-hours target in a calendar policy names its own clock
    assert incidents["targets"]["resolution"] == {"urgent": "2h", "high": "8h@business"}
    chat = policy(data, "chat-and-messaging")
    assert chat["applies_to"] == {"channels": ["chat"]}  # via 29 chat, 75 messaging: both chat
    standard = policy(data, "standard")
    assert "applies_to" not in standard and standard["position"] == 4
    assert standard["clock"] == "business"
    assert standard["pause_on"] == ["waiting_on_customer"]  # requester wait time skips Pending
    assert standard["targets"]["resolution"] == {"urgent": "8h", "high": "16h", "normal": "40h",
                                                 "low": "80h"}
    # agent work time is the total-resolution target (pausing while pending or on hold)
    assert standard["targets"]["total_resolution"] == {"normal": "10h"}
    assert [c["id"] for c in data["channels"]] == ["email", "web_form", "chat", "live-chat"]


def test_zendesk_schedule_default_hours_and_holidays(cli: Any) -> None:
    _, data = imported(cli, "zendesk", "northwind")
    bh = data["business_hours"]
    assert bh["timezone"] == "America/New_York"  # "Eastern Time (US & Canada)"
    assert bh["schedule"] == [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00",
                               "close": "17:00"}]
    assert bh["holiday_calendar"] == []  # only Zendesk's own list closes the desk
    # the two-day Thanksgiving holiday is one closed day per date, names kept
    assert bh["holidays"] == [
        {"date": "2025-07-04", "name": "Independence Day"},
        {"date": "2025-11-27", "name": "Thanksgiving"},
        {"date": "2025-11-28", "name": "Thanksgiving"},
        {"date": "2025-12-25", "name": "Christmas Day"},
        {"date": "2026-01-01", "name": "New Year's Day"}]
    assert data["process"]["updated"] == "2025-06-02"  # the latest updated_at
    chat_hours = next(c for c in data["channels"] if c["id"] == "live-chat")
    assert chat_hours["name"] == "Live chat" and chat_hours["type"] == "chat"
    assert chat_hours["hours"] == {
        "timezone": "America/Chicago",
        "schedule": [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00",
                      "close": "16:00"}]}


def test_zendesk_pages_seconds_pausable_and_kyiv(cli: Any) -> None:
    text, data = imported(cli, "zendesk", "kyivsoft")
    # policies.json says has_more; policies.2.json is read as its second page
    assert [p["id"] for p in data["sla_policies"]] == ["enterprise-group", "urgent-any-channel",
                                                       "default-sla"]
    bh = data["business_hours"]
    assert bh["timezone"] == "Europe/Kyiv"  # Rails maps "Kyiv" to the old Europe/Kiev
    assert bh["schedule"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "18:00"},
        {"days": ["sat"], "open": "10:00", "close": "14:00"}]
    assert [h["date"] for h in bh["holidays"]] == ["2025-08-25", "2025-12-31", "2026-01-01",
                                                   "2026-01-02"]
    urgent = policy(data, "urgent-any-channel")
    assert urgent["applies_to"] == {"priorities": ["urgent"]}
    # periodic update time wins over the pausable one for the same priority
    assert urgent["targets"]["periodic_update"] == {"urgent": "2h"}
    assert "pausable update time 1h is not written" in text
    assert urgent["targets"]["total_resolution"] == {"urgent": "24h"}
    default = policy(data, "default-sla")
    assert default["targets"]["first_response"] == {"high": "2h", "normal": "4h", "low": "8h"}
    assert default["targets"]["periodic_update"] == {"high": "4h"}  # from pausable update time
    assert policy(data, "enterprise-group")["applies_to"] == {"segments": ["group 360005001"]}


def test_target_in_seconds_is_preferred_to_minutes(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "slas").mkdir()
    (tmp_path / "slas" / "policies.json").write_text(
        '{"sla_policies": [{"id": 1, "title": "Messaging", "position": 1, "filter": {},'
        ' "policy_metrics": [{"priority": "urgent", "metric": "first_reply_time",'
        ' "target": 1, "target_in_seconds": 45, "business_hours": false}]}]}')
    r = cli("import", "zendesk", tmp_path)
    assert r.exit_code == 0, r.stderr
    data = load_text(r.stdout, "x").data
    assert data["sla_policies"][0]["targets"]["first_response"] == {"urgent": "45s"}


def test_freshdesk_priorities_sources_default_and_escalation(cli: Any) -> None:
    text, data = imported(cli, "freshdesk", "brightmart")
    ids = [p["id"] for p in data["sla_policies"]]
    # the default policy is listed at position 1 but is the catch-all: it comes last
    assert ids == ["phone-and-chat", "wholesale-customers", "default-sla-policy"]
    default = policy(data, "default-sla-policy")
    assert default["position"] == 4 and "applies_to" not in default
    # priority_1 is low, priority_4 urgent; seconds become durations
    assert default["targets"]["first_response"] == {"urgent": "1h", "high": "4h", "normal": "8h",
                                                    "low": "24h"}
    assert default["targets"]["next_response"] == {"normal": "8h"}
    assert default["targets"]["resolution"] == {"urgent": "4h", "high": "12h", "normal": "24h",
                                                "low": "72h"}
    live = policy(data, "phone-and-chat")
    assert live["applies_to"] == {"channels": ["chat", "phone"]}  # sources 3 and 7
    # as many calendar as business targets: the policy says business, the others their clock
    assert live["clock"] == "business"
    assert live["targets"]["first_response"] == {"urgent": "5m@calendar", "high": "15m@calendar",
                                                 "normal": "30m", "low": "1h"}
    assert policy(data, "wholesale-customers")["applies_to"] == {
        "segments": ["company 43000596607", "company 43000596608"]}
    assert "Black Friday 2024" in text and "black-friday" not in text  # inactive: not applied
    levels = data["escalation"]["levels"]
    assert [(lv["trigger"]["metric"], lv["trigger"].get("after")) for lv in levels] == [
        ("first_response", None), ("resolution", None), ("resolution", "30m")]
    assert "holiday_calendar" not in data["business_hours"]
    assert "returns no holidays" in text
    assert data["business_hours"]["schedule"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00", "close": "17:00"},
        {"days": ["sat"], "open": "09:00", "close": "13:00"}]


def test_freshdesk_default_hours_midnight_and_a_schedule_outside_them(cli: Any) -> None:
    text, data = imported(cli, "freshdesk", "fjordline")
    bh = data["business_hours"]
    assert bh["timezone"] == "Europe/Stockholm"
    # "11:59:59 pm" closes at midnight; the default calendar is not the first listed
    assert bh["schedule"] == [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:00",
                               "close": "24:00"}]
    assert "Weekend cover" in text and "weekend-cover" not in text
    bugs = policy(data, "portal-bug-reports")
    assert bugs["applies_to"] == {"channels": ["web_form"], "segments": ["ticket type Bug"]}
    assert policy(data, "social-media")["applies_to"] == {"channels": ["social"]}


def test_freshdesk_clock_times() -> None:
    from cxaudit.importers.hours import freshdesk_rows

    def fail(path: tuple[str, ...], message: str, hint: str) -> Exception:
        return ValueError(message)

    rows = freshdesk_rows({"monday": {"start_time": "12:00 am", "end_time": "11:59 pm"},
                           "tuesday": {"start_time": "08:30:00 am", "end_time": "12:00 pm"},
                           "wednesday": {"start_time": "1:00 pm", "end_time": "12:00 am"}}, fail)
    assert rows == [(("mon",), "00:00", "24:00"), (("tue",), "08:30", "12:00"),
                    (("wed",), "13:00", "24:00")]


def test_an_existing_file_is_never_replaced_without_force(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "process.yaml"
    out.write_text("my own notes\n")
    src = HELPDESK / "zendesk" / "northwind"
    r = cli("import", "zendesk", src, "-o", out)
    assert r.exit_code == 2 and "already exists" in r.stderr and "--force" in r.stderr
    assert out.read_text() == "my own notes\n"
    assert cli("import", "zendesk", src, "-o", out, "--force").exit_code == 0
    assert out.read_text().startswith("# Imported from Zendesk")
    assert [p.name for p in tmp_path.iterdir()] == ["process.yaml"]  # no temporary file left


def test_the_output_cannot_be_a_file_of_the_export(cli: Any, tmp_path: Path) -> None:
    src = tmp_path / "policies.json"
    src.write_text((HELPDESK / "zendesk" / "northwind" / "slas" / "policies.json").read_text())
    r = cli("import", "zendesk", src, "-o", src, "--force")
    assert r.exit_code == 2 and "part of the export" in r.stderr


def test_single_files_are_recognised_by_content(cli: Any) -> None:
    base = HELPDESK / "zendesk" / "northwind"
    r = cli("import", "zendesk", base / "slas" / "policies.json",
            base / "business_hours" / "schedules.json",
            base / "business_hours" / "schedules" / "360000101" / "holidays.json")
    assert r.exit_code == 0, r.stderr
    data = load_text(r.stdout, "x").data
    assert len(data["sla_policies"]) == 4 and len(data["business_hours"]["holidays"]) == 5


def test_holiday_calendar_empty_list_means_no_public_holidays(cli: Any, tmp_path: Path) -> None:
    """With jurisdictions [US] the federal holidays would close the desk; [] says they do not."""
    f = tmp_path / "p.yaml"
    f.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                 "process: {id: x, name: X, updated: 2025-06-02}\n"
                 "organization: {jurisdictions: [US]}\n"
                 "business_hours:\n  timezone: America/New_York\n  schedule:\n"
                 "    - {days: [mon, tue, wed, thu, fri], open: '09:00', close: '17:00'}\n"
                 "  holiday_calendar: []\n"
                 "sla_policies:\n  - id: s\n    clock: business\n"
                 "    targets: {first_response: {normal: 8h}}\n"
                 "channels:\n  - {id: email, type: email}\n")
    r = cli("sla", f, "-f", "json")
    assert r.exit_code == 0, r.stderr
    import json

    rows = json.loads(r.stdout)
    # Fri 17:00 -> Mon 17:00 in an ordinary week; Thanksgiving (Thu 27 Nov) does not close it
    assert rows[0]["worst_case_hours"] == 73  # the week the clocks go back (2 Nov)
    f.write_text(f.read_text().replace("  holiday_calendar: []\n", ""))
    rows = json.loads(cli("sla", f, "-f", "json").stdout)
    assert rows[0]["worst_case_hours"] > 73  # the US calendar of the jurisdiction closes days
