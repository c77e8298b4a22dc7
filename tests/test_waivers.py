"""Waivers: waived findings stay visible but do not fail; expired ones fail; unused ones warn."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_cxaudit

from cxaudit.api import Options, audit
from cxaudit.policy.waivers import path_covers

SHOP = EXAMPLES / "online-shop.yaml"
TODAY = "2026-03-01"
W = ".cxaudit-waivers.yaml"  # found in the current directory, and named as found

# The online shop fails on RESP-004 (instagram not monitored) and twice on RESP-011.
WAIVE_ALL = """\
waivers:
  - rule: RESP-004
    unit: shop.yaml
    path: channels[instagram]
    reason: agency monitors instagram under contract
    owner: marketing@tundra.example
    expires: 2026-06-30
  - rule: RESP-011
    reason: holiday rota agreed for December
    owner: Jana Roth
    expires: 2026-12-31
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(SHOP, tmp_path / "shop.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXAUDIT_TODAY", TODAY)
    return tmp_path


def _waivers(project: Path, text: str, name: str = ".cxaudit-waivers.yaml") -> Path:
    f = project / name
    f.write_text(text, encoding="utf-8")
    return f


def _suppressions(r: Any) -> dict[str, str | None]:
    data = json.loads(r.stdout)
    return {f"{f['rule_id']} {f['location']['path']}":
            f["suppression"]["kind"] if f["suppression"] else None for f in data["findings"]
            if f["bucket"]}


def test_waived_findings_are_shown_as_waived_and_do_not_fail(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL)
    r = cli("check", "shop.yaml")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "RESP-004  high     shop.yaml:76:35  [waived]" in r.stdout
    assert ("Waived until 2026-06-30 (marketing@tundra.example: agency monitors instagram under "
            "contract).") in r.stdout
    # 3 waived findings; RESP-011's two policies are one action (the holiday closures)
    assert "(2 waived)" in r.stdout.splitlines()[-1]
    j = cli("check", "shop.yaml", "-f", "json")
    assert _suppressions(j) == {
        "RESP-004 channels[5].social.monitored": "waiver",
        "RESP-011 sla_policies[0].targets.first_response.normal": "waiver",
        "RESP-011 sla_policies[1].targets.first_response.normal": "waiver",
        "FDB-005 feedback.churn.cause_analysis.exit_reason_captured": None}
    data = json.loads(j.stdout)
    assert data["exit_code"] == 0 and data["waivers"]["unused"] == []
    md = cli("check", "shop.yaml", "-f", "md")
    assert "**waived until 2026-06-30 (marketing@tundra.example: agency monitors" in md.stdout


def test_a_waiver_covers_only_its_unit_and_path(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL.replace("    reason: holiday", "    path: sla_policies[id=standard]"
                                        "\n    reason: holiday"))
    r = cli("check", "shop.yaml", "-f", "json")
    assert r.exit_code == 1  # the messaging policy's RESP-011 still fails
    assert _suppressions(r)["RESP-011 sla_policies[1].targets.first_response.normal"] is None
    assert _suppressions(r)["RESP-011 sla_policies[0].targets.first_response.normal"] == "waiver"


def test_an_expired_waiver_fails_the_run_and_says_since_when(cli: Any, project: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    _waivers(project, WAIVE_ALL.replace("2026-06-30", "2026-01-31"))
    r = cli("check", "shop.yaml")
    assert r.exit_code == 1
    assert (f"{W}:2:5: error: waiver for RESP-004 at shop.yaml channels[instagram] expired on "
            "2026-01-31 (29 days ago)") in r.stderr
    assert "[waived]" in r.stdout  # the RESP-011 waiver still holds
    assert "RESP-004  high     shop.yaml:76:35\n" in r.stdout  # no longer waived
    assert "1 expired waiver(s) fail the run" in r.stdout
    monkeypatch.setenv("CXAUDIT_TODAY", "2026-01-31")  # the last day it holds
    assert cli("check", "shop.yaml").exit_code == 0


def test_expired_waiver_fails_even_when_nothing_else_does(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL.replace("2026-12-31", "2025-12-31"))
    r = cli("check", "shop.yaml", "--fail-on", "critical", "-f", "json")
    assert r.exit_code == 1 and json.loads(r.stdout)["exit_code"] == 1
    assert json.loads(r.stdout)["waivers"]["expired"][0]["days_left"] == -60


def test_a_waiver_expiring_within_14_days_warns(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL.replace("2026-06-30", "2026-03-06"))
    r = cli("check", "shop.yaml")
    assert r.exit_code == 0
    assert (f"{W}:2:5: warning: waiver for RESP-004 at shop.yaml channels[instagram] expires on "
            "2026-03-06 (in 5 days)") in r.stderr
    assert "expires on 2026-12-31" not in r.stderr


def test_an_unused_waiver_is_reported(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL + "  - {rule: RESP-01, reason: typo, owner: me, "
                 "expires: 2026-12-31}\n  - {rule: ESC-001, unit: other.yaml, reason: r, "
                 "owner: me, expires: 2026-12-31}\n")
    r = cli("check", "shop.yaml", "-f", "json")
    assert r.exit_code == 0
    assert f"{W}:12:5: warning: waiver for RESP-01 (every unit) matches no finding" in r.stderr
    assert "hint: no rule RESP-01 ran; did you mean RESP-001?" in r.stderr
    assert f"{W}:13:5: warning: waiver for ESC-001 at other.yaml matches no finding" in r.stderr
    unused = json.loads(r.stdout)["waivers"]["unused"]
    assert [(w["rule"], w["line"]) for w in unused] == [("RESP-01", 12), ("ESC-001", 13)]


def test_no_waivers_gives_an_independent_audit(cli: Any, project: Path) -> None:
    _waivers(project, WAIVE_ALL.replace("2026-06-30", "2020-01-01"))
    r = cli("check", "shop.yaml", "--no-waivers", "-f", "json")
    assert r.exit_code == 1 and "waivers" not in json.loads(r.stdout)
    assert set(_suppressions(r).values()) == {None}
    assert r.stderr == ""


def test_waivers_file_from_config_or_option(cli: Any, project: Path) -> None:
    sub = project / "policy"
    sub.mkdir()
    _waivers(sub, WAIVE_ALL.replace("unit: shop.yaml", "unit: ../shop.yaml"), "w.yaml")
    assert cli("check", "shop.yaml").exit_code == 1  # no default waivers file here
    assert cli("check", "shop.yaml", "--waivers", sub / "w.yaml").exit_code == 0
    (project / ".cxaudit.yaml").write_text("waivers: policy/w.yaml\n", encoding="utf-8")
    assert cli("check", "shop.yaml").exit_code == 0


def test_unit_name_and_glob_select_units(project: Path) -> None:
    f = _waivers(project, WAIVE_ALL.replace("unit: shop.yaml",
                                            "unit: Tundra Outdoor - online shop DE/AT"))
    result = audit(["shop.yaml"], Options(waivers=str(f), today=date(2026, 3, 1)))
    assert result.exit_code == 0
    _waivers(project, WAIVE_ALL.replace("unit: shop.yaml", "unit: '*.yaml'"))
    result = audit(["shop.yaml"], Options(waivers=str(f), today=date(2026, 3, 1)))
    assert result.exit_code == 0 and not result.suppressions.unused  # type: ignore[union-attr]


@pytest.mark.parametrize("text, where, message", [
    pytest.param("waivers:\n  - rule: RESP-004\n    reason: r\n    expires: 2026-12-31\n",
                 ":2:5:", "'owner' is required", id="missing owner"),
    pytest.param("waivers:\n  - {rule: RESP-004, reason: r, owner: o, expires: '2026-02-30'}\n",
                 ":2:43:", "'2026-02-30' is not a real date", id="impossible date"),
    pytest.param("waivers:\n  - {rule: RESP-004, reason: r, owner: o, expires: 31.01.2026}\n",
                 ":2:43:", "not in the expected format", id="not ISO"),
    pytest.param("waivers:\n  - {rule: RESP-004, reason: r, owner: o, expires: 2026-12-31,\n"
                 "     scope: x}\n", ":3:6:", "unknown field 'scope'", id="unknown field"),
    pytest.param("waiver: []\n", ":1:1:", "unknown field 'waiver'", id="misspelt top key"),
])
def test_bad_waivers_file_is_an_error_at_its_line(cli: Any, project: Path, text: str,
                                                  where: str, message: str) -> None:
    _waivers(project, text)
    r = cli("check", "shop.yaml")
    assert r.exit_code == 2
    assert f".cxaudit-waivers.yaml{where}" in r.stderr and message in r.stderr, r.stderr
    assert "apiVersion" not in r.stderr and "hint: " in r.stderr


def test_bad_today_is_a_usage_error(cli: Any, project: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_TODAY", "yesterday")
    r = cli("check", "shop.yaml")
    assert r.exit_code == 2 and "CXAUDIT_TODAY: 'yesterday' is not a date" in r.stderr


def test_expired_waiver_through_a_real_process(project: Path) -> None:
    _waivers(project, WAIVE_ALL.replace("2026-12-31", "2026-02-28"))
    r = run_cxaudit("check", "shop.yaml", cwd=project)
    assert r.returncode == 1
    assert "expired on 2026-02-28 (1 day ago)" in r.stderr


@pytest.mark.parametrize("scope, path, covered", [
    pytest.param("channels[instagram]", "channels[id=instagram].social.monitored", True,
                 id="name shorthand"),
    pytest.param("channels[id=instagram].social", "channels[id=instagram].social.monitored",
                 True, id="ancestor"),
    pytest.param("channels[5]", "channels[5].social.monitored", True, id="index"),
    pytest.param("channels[chat]", "channels[id=instagram].social", False, id="other item"),
    pytest.param("channels.social", "channels[id=x].social", False, id="skips an item"),
    pytest.param("sla_policies[id=standard].targets.first_response",
                 "sla_policies[id=standard].targets", False, id="deeper than the finding"),
    pytest.param("feedback", "feedback_loop.x", False, id="not a prefix of a word"),
])
def test_path_scopes(scope: str, path: str, covered: bool) -> None:
    assert path_covers(scope, path) is covered


def test_schema_waivers_is_published(cli: Any) -> None:
    r = cli("schema", "waivers")
    assert r.exit_code == 0 and "expires" in json.loads(r.stdout)["$defs"]["waiver"]["required"]


def test_json_report_with_waivers_and_baseline_matches_the_report_schema(cli: Any,
                                                                          project: Path) -> None:
    import jsonschema

    from cxaudit import resources

    assert cli("baseline", "create", "shop.yaml").exit_code == 0
    _waivers(project, WAIVE_ALL.replace("2026-06-30", "2026-01-31").replace(
        "2026-12-31", "2026-03-10") + "  - {rule: ESC-001, reason: r, owner: o, "
        "expires: 2026-12-31}\n")
    r = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json", "-f", "json")
    report = json.loads(r.stdout)
    assert r.exit_code == 1 and report["exit_code"] == 1
    w = report["waivers"]
    assert [len(w[k]) for k in ("expired", "expiring", "unused")] == [1, 1, 1]
    assert report["baseline"]["baselined"] == 2  # RESP-004 (waiver expired) and FDB-005
    schema = json.loads(resources.schema_text("report.schema.json"))
    jsonschema.Draft202012Validator(schema).validate(report)


def test_an_expired_waiver_in_the_client_reports_is_said_in_plain_words(cli: Any,
                                                                        project: Path) -> None:
    """The Markdown and HTML a client reads say the audit does not pass; only the CI-facing
    terminal line speaks of failing the run."""
    _waivers(project, WAIVE_ALL.replace("2026-06-30", "2026-01-31"))
    md = cli("check", "shop.yaml", "-f", "md").stdout
    assert "**Expired** on 2026-01-31 (29 days ago), so the audit does not pass: RESP-004" in md
    html = cli("check", "shop.yaml", "-f", "html").stdout
    for text in (md, html):
        assert "fails the run" not in text and "fails run" not in text.lower()
    assert "1 expired waiver(s) fail the run" in cli("check", "shop.yaml").stdout
