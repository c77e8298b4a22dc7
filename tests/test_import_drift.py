"""`cxaudit diff process.yaml zendesk:PATH`: the declared policy against what the helpdesk does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_import_mapping import HELPDESK

NORTHWIND = f"zendesk:{HELPDESK / 'zendesk' / 'northwind'}"
HEAD = """apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {id: nw, name: Northwind support policy, updated: 2025-06-02}
business_hours:
  timezone: America/New_York
  schedule:
    - {days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}
  holiday_calendar: []
  holidays:
    - {date: 2025-07-04, name: Independence Day}
    - {date: 2025-11-27, name: Thanksgiving}
    - {date: 2025-11-28, name: Thanksgiving}
    - {date: 2025-12-25, name: Christmas Day}
    - {date: 2026-01-01, name: New Year's Day}
channels:
  - {id: email, type: email}
  - {id: web_form, type: web_form}
sla_policies:
  - id: written
    applies_to: {channels: [email, web_form]}
"""


def declared(tmp_path: Path, targets: str) -> Path:
    f = tmp_path / "process.yaml"
    f.write_text(HEAD + "    targets:\n" + targets)
    return f


def test_the_helpdesk_looser_than_the_policy_is_a_regression(cli: Any, tmp_path: Path) -> None:
    """The policy promises a reply within 24 h; Zendesk's "Standard" counts 8 business hours,
    which a message sent Friday at 17:00 waits until Monday 17:00: 72 h."""
    f = declared(tmp_path, "      first_response: {urgent: 1h@business, high: 4h@business, "
                 "normal: 24h, low: 24h@business}\n"
                 "      resolution: {urgent: 8h@business, high: 16h@business, "
                 "normal: 40h@business, low: 80h@business}\n"
                 "      next_response: {urgent: 2h@business, normal: 8h@business}\n")
    r = cli("diff", f, NORTHWIND)
    assert r.exit_code == 1, r.stdout + r.stderr
    out = r.stdout
    assert "Verdict: WORSE" in out
    assert ("the policy promises 24h for normal e-mail, web form; Zendesk enforces 8 business "
            "hours, up to 72 h at the worst time of the week (120 h around its holidays)") in out
    assert "first response target: 24h@calendar -> 8h@business" in out
    assert "2 regressions, " in out  # the target and its wait: nothing else drifted
    assert "Worst-case waits longer (1)" in out


def test_the_helpdesk_stricter_than_the_policy_is_an_improvement(cli: Any,
                                                                 tmp_path: Path) -> None:
    f = declared(tmp_path, "      first_response: {urgent: 2h@business, high: 8h@business, "
                 "normal: 2bd, low: 5bd}\n"
                 "      resolution: {urgent: 2bd, high: 3bd, normal: 10bd, low: 20bd}\n")
    r = cli("diff", f, NORTHWIND)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "Verdict: BETTER" in r.stdout and "0 regressions" in r.stdout
    assert ("the policy promises 2 business days (up to 120 h) for normal e-mail, web form; "
            "Zendesk enforces 8 business hours, up to 72 h at the worst time of the week") \
        in r.stdout
    # the helpdesk on the left: the same drift, told the same way, now a regression
    back = cli("diff", NORTHWIND, f)
    assert back.exit_code == 1
    assert "the policy promises 2 business days (up to 120 h) for normal e-mail" in back.stdout


def test_narrower_helpdesk_hours_and_extra_closures_count(cli: Any, tmp_path: Path) -> None:
    f = declared(tmp_path, "      first_response: {normal: 8h@business}\n")
    f.write_text(f.read_text().replace('close: "17:00"', 'close: "18:00"')
                 .replace("    - {date: 2025-12-25, name: Christmas Day}\n", ""))
    r = cli("diff", f, NORTHWIND, "-f", "json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    keys = {c["key"]: c["verdict"] for c in data["changes"]}
    assert keys["business_hours.schedule"] == "regression"
    assert keys["business_hours.holidays"] == "regression"
    assert data["new"]["source"] == NORTHWIND


def test_freshdesk_drift_keeps_the_declared_closures(cli: Any, tmp_path: Path) -> None:
    """Freshdesk's API has no holidays, so the declared ones stay on both sides."""
    f = tmp_path / "p.yaml"
    f.write_text("""apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {id: fj, name: Fjordline, updated: 2025-09-10}
business_hours:
  timezone: Europe/Stockholm
  schedule:
    - {days: [mon, tue, wed, thu, fri], open: "07:00", close: "24:00"}
  holidays:
    - {date: 2025-12-25, name: Juldagen}
sla_policies:
  - id: all
    clock: business
    targets:
      first_response: {urgent: 30m, high: 2h, normal: 4h, low: 24h}
channels:
  - {id: email, type: email}
""")
    r = cli("diff", f, f"freshdesk:{HELPDESK / 'freshdesk' / 'fjordline'}")
    assert r.exit_code == 1
    assert "Freshdesk enforces 8 business hours" in r.stdout
    assert "closed days" not in r.stdout


def test_a_broken_export_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    f = declared(tmp_path, "      first_response: {normal: 24h}\n")
    r = cli("diff", f, f"zendesk:{tmp_path / 'nowhere'}")
    assert r.exit_code == 2 and "no such file or directory" in r.stderr
    both = cli("diff", NORTHWIND, NORTHWIND)
    assert both.exit_code == 2 and "both sides are helpdesk exports" in both.stderr
