"""The command line as users and CI jobs meet it: output, formats, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_cxaudit

SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"
SAAS = EXAMPLES / "b2b-saas-desk.yaml"
HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"


def write(tmp_path: Path, text: str, name: str = "process.yaml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_version(cli: Any) -> None:
    r = cli("--version")
    assert r.exit_code == 0 and r.stdout.startswith("cxaudit 0.")


def test_weak_shop_prints_the_plan_and_fails(cli: Any) -> None:
    r = cli("check", WEAK)
    assert r.exit_code == 1
    out = r.stdout
    assert "Score " in out and "/100" in out
    assert "Do now" in out
    assert "Next three things to do\n    1. " in out
    assert "RESP-001" in out and "critical" in out
    assert f"{WEAK}:" in out  # file:line:col locations
    assert "exit code 1" in out


def test_fail_on_none_always_passes(cli: Any) -> None:
    assert cli("check", WEAK, "--fail-on", "none").exit_code == 0


def test_fail_on_critical_ignores_high(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, HEAD + "escalation:\n  levels:\n    - {level: 1, name: Lead}\n")
    assert cli("check", f).exit_code == 1
    assert cli("check", f, "--fail-on", "critical").exit_code == 0


def test_unknown_fail_level_is_a_usage_error(cli: Any) -> None:
    r = cli("check", SHOP, "--fail-on", "severe")
    assert r.exit_code == 2 and "unknown level 'severe'" in r.stderr


def test_json_findings_have_locations(cli: Any) -> None:
    r = cli("check", WEAK, "-f", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1
    f = data["findings"][0]
    assert {"rule_id", "severity", "message", "location"} <= set(f)
    assert set(f["location"]) == {"file", "line", "column", "path"}
    assert all(x["location"]["line"] >= 1 for x in data["findings"])
    assert data["summary"]["units"] == 1


def test_several_formats_in_one_run(cli: Any, tmp_path: Path) -> None:
    md, js = tmp_path / "r.md", tmp_path / "r.json"
    r = cli("check", SHOP, "-f", "md", "-o", md, "-f", "json", "-o", js, "-f", "text")
    assert r.exit_code == 1
    assert md.read_text().startswith("# cxaudit report")
    assert json.loads(js.read_text())["tool"]["name"] == "cxaudit"
    assert "Score " in r.stdout


def test_unknown_format(cli: Any) -> None:
    r = cli("check", SHOP, "-f", "pdf")
    assert r.exit_code == 2 and "unknown format 'pdf'" in r.stderr


def test_several_units_and_a_directory(cli: Any) -> None:
    r = cli("check", SHOP, EXAMPLES / "units")
    assert r.exit_code == 1
    assert r.stdout.count("Score ") >= 3
    assert "unit(s) audited" in r.stdout


def test_missing_path(cli: Any) -> None:
    r = cli("check", "no-such.yaml")
    assert r.exit_code == 2 and "no-such.yaml: no such file or directory" in r.stderr


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(HEAD + "a: 1\na: 2\n", "process.yaml:4:1: duplicate key 'a'", id="duplicate"),
    pytest.param(HEAD + "sla_policies:\n  - id: s\n    targets: {frist_response: {normal: 4h}}\n",
                 "did you mean 'first_response'?", id="typo suggestion"),
    pytest.param(HEAD + "sla_policies:\n  - id: s\n    targets: {first_response: {normal: 2d@business}}\n",
                 "write 16h@business or 2bd", id="ambiguous business days"),
    pytest.param(HEAD + "channels:\n  - {id: e, type: email, sla_policy: standrd}\n"
                 "sla_policies:\n  - {id: standard}\n", "did you mean 'standard'?",
                 id="unknown policy"),
    pytest.param("kind: CustomerServiceProcess\n", "apiVersion", id="missing apiVersion"),
    pytest.param(HEAD + "updated: 2026-02-30\n", "process.yaml:3:10:", id="invalid date"),
])
def test_input_errors_exit_2_with_position_and_hint(cli: Any, tmp_path: Path, text: str,
                                                    expected: str) -> None:
    f = write(tmp_path, text)
    r = cli("check", f)
    assert r.exit_code == 2
    assert expected in r.stderr
    assert "hint:" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_input_error_names_every_bad_file(cli: Any, tmp_path: Path) -> None:
    a = write(tmp_path, HEAD + "x: 1\nx: 2\n", "a.yaml")
    b = write(tmp_path, "", "b.yaml")
    r = cli("check", a, b)
    assert r.exit_code == 2 and "a.yaml:4:1" in r.stderr and "b.yaml:1:1" in r.stderr


def test_empty_description_has_no_score_and_is_not_described(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, HEAD)
    r = cli("check", f, "-f", "json")
    unit = json.loads(r.stdout)["units"][0]
    # nothing could be judged: no score at all (never a pass), and nothing is described
    assert unit["score"] is None and unit["described"] == 0 and unit["judged"] == 0
    assert unit["applicable"] > 60 and unit["counts"]["needs-evidence"] > 10
    assert any(x["kind"] == "needs-evidence" for x in json.loads(r.stdout)["findings"])


def test_missing_facts_do_not_lower_the_score(cli: Any, tmp_path: Path) -> None:
    """A short honest file is scored on what it says; what it leaves out lowers `described`."""
    short = write(tmp_path, HEAD + "organization: {sector: saas_b2b, customer_type: b2b, "
                  "jurisdictions: [DE], sells: [services]}\nownership:\n  executive_sponsor: "
                  "{role: ceo, name: Ada}\n", "short.yaml")
    unit = json.loads(cli("check", short, "-f", "json").stdout)["units"][0]
    assert unit["judged"] >= 1 and unit["passed"] >= 1
    assert unit["score"] is not None and unit["score"] >= 50
    assert 0 < unit["described"] < 20
    text = cli("check", short).stdout
    rules = "rule" if unit["judged"] == 1 else "rules"
    assert f"Score {unit['score']}/100 ({unit['passed']} of {unit['judged']} judged {rules} " \
        "passed)" in text
    assert f"Described {unit['described']} % (the facts {unit['judged']} of " in text


def test_text_report_shows_the_top_five_questions(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, HEAD)
    data = json.loads(cli("check", f, "-f", "json").stdout)
    questions = [a for a in data["actions"] if a["kind"] == "question"]
    assert len(questions) > 5
    short = cli("check", f).stdout
    assert f"the 5 of {len(questions)} missing facts that change the audit most" in short
    assert f"... and {len(questions) - 5} more: --show-missing lists them" in short
    full = cli("check", f, "--show-missing").stdout
    assert f"({len(questions)} missing facts, the most telling first)" in full
    # the same order as JSON (the most score held back first); the sixth is only in the full list
    sixth = questions[5]["cause"]
    assert f"\n    {sixth}  " in full and f"\n    {sixth}  " not in short
    first = questions[0]["cause"]
    assert short.index(f"\n    {first}  ") < short.index(f"\n    {questions[1]['cause']}  ")


def test_file_size_limit_option(cli: Any) -> None:
    r = cli("check", SHOP, "--max-file-size", "100")
    assert r.exit_code == 2 and "over the limit of 100 bytes" in r.stderr


def test_schema_command_prints_json(cli: Any) -> None:
    r = cli("schema")
    assert r.exit_code == 0 and json.loads(r.stdout)["$schema"].endswith("2020-12/schema")
    assert "rule" in json.loads(cli("schema", "rule").stdout)["title"]


def test_custom_rule_pack(cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "HOUSE-001.yaml").write_text("""\
id: HOUSE-001
title: Returns window is at least 60 days
category: returns
severity: medium
impact: 2
effort: 1
select: returns
check: {path: window, at_least: 60d}
message: "Our house standard is 60 days; this unit offers {value}."
why: The firm promises long windows to every client brand.
fix: Extend returns.window to 60d in the policy and the shop terms.
source: [{title: House standard}]
examples:
  - {name: ok, expect: pass, document: {returns: {window: 60d}}}
  - {name: short, expect: fail, document: {returns: {window: 30d}}}
""")
    r = cli("check", SHOP, "--rules", pack, "-f", "json", "--fail-on", "none")
    found = [f for f in json.loads(r.stdout)["findings"] if f["rule_id"] == "HOUSE-001"]
    assert r.exit_code == 0 and found and "offers 30d" in found[0]["message"]


def test_broken_rule_pack_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "X-1.yaml").write_text("id: X-1\ntitle: t\n")
    r = cli("check", SHOP, "--rules", pack)
    assert r.exit_code == 2 and "X-1.yaml" in r.stderr and "Traceback" not in r.stderr


def test_duplicate_rule_id_is_refused(cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "dup"
    pack.mkdir()
    src = Path(__file__).resolve().parents[1] / "rules" / "core" / "RET-003.yaml"
    (pack / "RET-003.yaml").write_text(src.read_text())
    r = cli("check", SHOP, "--rules", pack)
    assert r.exit_code == 2 and "RET-003 is already defined" in r.stderr


def test_subprocess_end_to_end(tmp_path: Path) -> None:
    r = run_cxaudit("check", WEAK, "-f", "json", cwd=tmp_path)
    assert r.returncode == 1 and json.loads(r.stdout)["findings"]
    r = run_cxaudit("check", tmp_path / "missing.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run_cxaudit("--help", cwd=tmp_path)
    assert r.returncode == 0 and "Exit codes" in r.stdout


def test_output_is_deterministic(cli: Any) -> None:
    assert cli("check", SHOP, "-f", "json").stdout == cli("check", SHOP, "-f", "json").stdout


def test_sla_table_json_keys_and_christmas_case(cli: Any) -> None:
    r = cli("sla", SHOP, "-f", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert all(list(row) == ["channel", "priority", "metric", "target", "clock",
                             "worst_case_hours", "worst_case_arrival", "median_hours",
                             "holiday_calendars", "notes"]
               for row in rows)
    email = next(x for x in rows if (x["channel"], x["priority"], x["metric"]) ==
                 ("email", "normal", "first_response"))
    assert email["worst_case_hours"] == 90
    assert email["worst_case_arrival"] == "2025-12-23T20:00:00+01:00"
    assert email["holiday_calendars"] == ["DE-BE"] and email["notes"] == []


def test_sla_table_states_ukrainian_martial_law(cli: Any) -> None:
    kyiv = "examples/units/kyiv-stores.yaml"
    text = cli("sla", kyiv).stdout
    assert "Worst cases found with the public holidays of: UA." in text
    assert ("In UA, public holidays are working days while martial law lasts, so none of them "
            "is counted as a closed day (Law 2136-IX, Art. 6(6), which suspends Labour Code "
            "Art. 73).") in text
    rows = json.loads(cli("sla", kyiv, "-f", "json").stdout)
    business = [r for r in rows if r["clock"] == "business"]
    assert business and all(r["holiday_calendars"] == ["UA"] and len(r["notes"]) == 1
                            for r in business)
    before = json.loads(cli("sla", kyiv, "-f", "json", "--as-of", "2021-01-01").stdout)
    assert all(r["notes"] == [] for r in before)  # before martial law, holidays were days off


def test_unknown_holiday_calendar_is_an_input_error(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, HEAD + "business_hours:\n  timezone: Europe/Berlin\n"
              "  schedule: [{days: [mon], open: '09:00', close: '17:00'}]\n"
              "  holiday_calendar: DE-BX\n"
              "sla_policies: [{id: s, clock: business, targets: {first_response: {normal: 4h}}}]\n"
              "channels: [{id: email, type: email}]\n")
    r = cli("sla", f, "--as-of", "2025-09-01")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "'DE-BX' is not a subdivision of Germany" in r.stderr and "did you mean" in r.stderr


def test_sla_table_text(cli: Any) -> None:
    r = cli("sla", SHOP)
    assert r.exit_code == 0 and "worst-case arrival" in r.stdout and "whatsapp" in r.stdout


def test_as_of_moves_the_holiday_window(cli: Any) -> None:
    late = json.loads(cli("sla", SHOP, "-f", "json", "--as-of", "2026-01-15").stdout)
    email = next(x for x in late if (x["channel"], x["priority"], x["metric"]) ==
                 ("email", "normal", "first_response"))
    assert email["worst_case_arrival"].startswith("2026-12-24")  # 24 Dec is closed only in 2025


def test_bad_as_of_is_a_usage_error(cli: Any) -> None:
    r = cli("check", SHOP, "--as-of", "2025-13-01")
    assert r.exit_code == 2 and "is not a date" in r.stderr


def test_sla_needs_a_date(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, HEAD + "channels: [{id: email, type: email}]\n")
    r = cli("sla", f)
    assert r.exit_code == 2 and "--as-of" in r.stderr


def test_readme_sample_output_is_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT, run_cxaudit

    monkeypatch.setenv("COLUMNS", "100")  # the sample is a terminal 100 columns wide

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cxaudit check examples/weak-small-shop.yaml\n", 1)[1]
    sample = block.split("\n...\n```", 1)[0]
    out = run_cxaudit("check", "examples/weak-small-shop.yaml", "--no-color").stdout
    assert out.startswith(sample + "\n"), "README's sample output is stale: paste the new one"


@pytest.mark.parametrize("command", [["check"], ["diff"], ["sla"], ["baseline", "create"],
                                     ["rules", "list"], ["schema"]])
def test_help_is_plain_text_without_markup_escapes(command: list[str]) -> None:
    from conftest import run_cxaudit

    r = run_cxaudit(*command, "--help")
    assert r.returncode == 0 and "Usage: " in r.stdout
    assert "\\[" not in r.stdout
