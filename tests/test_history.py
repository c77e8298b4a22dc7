"""Recording audits and tracking progress: `check --record`, `history`, `progress`, import, export.

The central scenario records three audits of one changing unit: the second fixes a finding, the
third brings a new finding and loosens a next-reply target from 8h to 12h at a place where the
same rule (RESP-008) fired both times. `progress`, the HTML section and the JSON block must all
say so.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT

from cxaudit.history.schema import APPLICATION_ID, LATEST

SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "report.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
PROGRESS = jsonschema.Draft202012Validator({**SCHEMA["$defs"]["progress"],
                                            "$defs": SCHEMA["$defs"]})
ONLINE = (EXAMPLES / "units" / "online.yaml").read_text("utf-8")
DB = Path(".cxaudit") / "history.sqlite"
FIX = ("delivery: download", "delivery: in_parcel")  # RET-004 is fixed
NEW = ("social: {platform: telegram, monitored: true}",  # RESP-004 fires on telegram
       "social: {platform: telegram, monitored: false}")
LOOSEN = ("next_response: {urgent: 2h, high: 4h, normal: 8h, low: 1bd}",  # RESP-008 fires
          "next_response: {urgent: 2h, high: 4h, normal: 12h, low: 1bd}")  # before and after


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unit.yaml").write_text(ONLINE, encoding="utf-8")
    return tmp_path


def _edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _three_audits(cli: Any, here: Path, *last: str) -> Any:
    """Record the unit as of three dates: as written, with one fix, then worse."""
    unit = here / "unit.yaml"  # named as the user types it: relative to the working directory
    assert cli("check", "unit.yaml", "--as-of", "2025-04-01", "--record").exit_code == 1
    _edit(unit, FIX)
    assert cli("check", "unit.yaml", "--as-of", "2025-07-01", "--record").exit_code == 1
    _edit(unit, NEW, LOOSEN)
    return cli("check", "unit.yaml", "--as-of", "2025-10-01", "--record", *last)


def _json(text: str) -> Any:
    return json.loads(text)


# ------------------------------------------------------------------ the changing unit

def test_progress_of_three_audits(cli: Any, here: Path) -> None:
    third = _three_audits(cli, here)
    assert third.exit_code == 1  # recording never changes the audit's exit code
    assert "cxaudit: recorded run 3 (1 unit(s)) in .cxaudit/history.sqlite" in third.stderr

    latest = _json(cli("progress", "-f", "json").stdout)  # against the previous audit
    assert list(PROGRESS.iter_errors(latest)) == []
    (u,) = latest["units"]
    assert (u["unit"], u["keyed_by"], latest["since"]) == ("sportmarket-online", "id",
                                                          "2025-07-01")
    assert (u["then"]["run"], u["now"]["run"]) == (2, 3) and u["fixed"] == []
    assert [(f["rule_id"], f["path"]) for f in u["new"]] == [
        ("RESP-004", "channels[2].social.monitored")]
    loosened = {r["key"]: r for r in u["regressed"]}[
        "sla_policies[id=written].targets.next_response.normal"]
    assert (loosened["then"], loosened["now"], loosened["fired"]) == ("8h", "12h", ["RESP-008"])
    assert {r["key"] for r in u["regressed"]} == {
        "sla_policies[id=written].targets.next_response.normal",
        "channels[id=telegram].social.monitored"}
    assert {(w["channel"], w["metric"], w["then_hours"], w["now_hours"])
            for w in u["longer_waits"]} == {(c, "next_response", 65.0, 69.0)
                                            for c in ("email", "telegram", "web_form")}
    assert any(f["rule_id"] == "RESP-008" and f["value_then"] == "8h" and f["value"] == "12h"
               for f in u["open"])

    since_first = _json(cli("progress", "--since", "2025-04-01", "-f", "json").stdout)
    (u,) = since_first["units"]
    assert [(f["rule_id"], f["path"], f["value"]) for f in u["fixed"]] == [
        ("RET-004", "returns.prepaid_label.delivery", "download")]
    assert [f["rule_id"] for f in u["new"]] == ["RESP-004"]
    assert (u["then"]["score"], u["now"]["score"], u["score_change"]) == (61, 63, 2)
    assert (u["then"]["described"], u["now"]["described"]) == (45, 44)  # a fact now missing
    assert [t["score"] for t in u["trend"]] == [61, 63, 63]
    by_run = _json(cli("progress", "--since", "1", "-f", "json").stdout)
    assert by_run["since_run"] == 1 and by_run["units"][0]["fixed"] == u["fixed"]

    text = cli("progress", "--since", "2025-04-01").stdout
    assert "Progress since 2025-04-01 (1 unit(s))" in text
    assert "score 61 -> 63 (+2) from 2025-04-01 (run 1) to 2025-10-01" in text
    assert "  described 45 % -> 44 % (the share of the facts" in text
    assert "  fixed (1):\n    RET-004 medium   returns.prepaid_label.delivery" in text
    assert ("next response target at sla_policies[id=written].targets.next_response.normal: "
            "8h -> 12h (the\n      rule fired both times: RESP-008)") in text
    assert "next response, normal on telegram: 2d 17h -> 2d 21h (target 12h@business)" in text


def test_the_reports_of_the_third_audit_show_progress(cli: Any, here: Path) -> None:
    third = _three_audits(cli, here, "-f", "json", "-o", "r.json", "-f", "html", "-o", "r.html",
                          "-f", "md", "-o", "r.md")
    assert third.exit_code == 1
    report = _json((here / "r.json").read_text("utf-8"))
    assert list(VALIDATOR.iter_errors(report)) == []
    block = report["progress"]
    assert block["since"] == "2025-07-01" and block["totals"]["new"] == 1
    assert block["totals"]["regressed"] == 2 and block["totals"]["fixed"] == 0
    assert [t["run"] for t in block["units"][0]["trend"]] == [1, 2, 3]

    html = (here / "r.html").read_text("utf-8")
    section = html[html.index('<section class="progress-section"'):html.index("</section>",
                                                                             html.index(
                                                                                 'id="progress"'))]
    assert "Progress since 2025-07-01" in section
    assert "<svg" in section and "<polyline points=" in section and "<script" not in html
    assert "Score by audit: 2025-04-01 61, 2025-07-01 63, 2025-10-01 63" in section
    assert ("Next response target at <code>sla_policies[id=written].targets.next_response."
            "normal</code>: 8h → <strong>12h</strong>") in section
    assert "the rule fired both times: RESP-008" in section
    assert "recorded" not in section.lower()  # the real time stays in the database

    md = (here / "r.md").read_text("utf-8")
    assert "## Progress since 2025-07-01" in md and "<svg" in md
    assert ("- Regressed: next response target at `sla_policies[id=written].targets."
            "next_response.normal`: 8h → **12h** (the rule fired both times: RESP-008)") in md


@pytest.mark.parametrize(("fail_on", "code"), [("none", 0), ("high", 1)])
def test_recording_never_changes_the_exit_code(cli: Any, here: Path, fail_on: str,
                                               code: int) -> None:
    assert cli("check", "unit.yaml", "--fail-on", fail_on).exit_code == code
    for _ in range(2):  # the first run and one with a previous audit to compare with
        r = cli("check", "unit.yaml", "--fail-on", fail_on, "--record")
        assert r.exit_code == code and "recorded run" in r.stderr


def test_reports_are_the_same_for_the_same_database(cli: Any, here: Path) -> None:
    _three_audits(cli, here)
    args = ("check", "unit.yaml", "--as-of", "2025-10-01", "--history", DB)
    for fmt in ("json", "html", "md", "text"):
        first, again = cli(*args, "-f", fmt), cli(*args, "-f", fmt)
        assert first.exit_code == 1 and first.stdout == again.stdout


def test_history_lists_runs_and_audits(cli: Any, here: Path) -> None:
    _three_audits(cli, here)
    runs = cli("history")
    assert runs.exit_code == 0
    assert runs.stdout.startswith("History in .cxaudit/history.sqlite: 3 run(s), 1 unit(s)\n")
    assert [line.split()[0] for line in runs.stdout.splitlines()[2:]] == ["3", "2", "1"]
    unit = cli("history", "sportmarket-online").stdout
    assert unit.splitlines()[0] == "sportmarket-online  SportMarket - online shop"
    assert "  3  2025-10-01     63       44 %  1 Investigate" in unit
    assert cli("history", "unit.yaml").stdout == unit  # by the file it was recorded from
    data = _json(cli("history", "sportmarket-online", "-f", "json").stdout)
    assert [a["run"] for a in data["audits"]] == [1, 2, 3]
    wrong = cli("history", "sportmarket-onlin")
    assert wrong.exit_code == 2 and "no unit 'sportmarket-onlin' in the history" in wrong.stderr
    assert "did you mean sportmarket-online?" in wrong.stderr


def test_export_json_and_csv(cli: Any, here: Path) -> None:
    _three_audits(cli, here)
    data = _json(cli("history", "export", "-f", "json").stdout)
    assert data["history_version"] == LATEST and [r["run"] for r in data["runs"]] == [1, 2, 3]
    assert [(a["score"], a["described"]) for a in data["audits"]] == [(61, 45), (63, 44),
                                                                      (63, 44)]
    assert all(r["language"] == "en" and r["rule_packs"][0]["pack"] == "core"
               for r in data["runs"])
    table = list(csv.DictReader(io.StringIO(cli("history", "export", "-f", "csv").stdout)))
    assert [(r["run"], r["as_of"], r["score"], r["described"]) for r in table] == [
        ("1", "2025-04-01", "61", "45"), ("2", "2025-07-01", "63", "44"),
        ("3", "2025-10-01", "63", "44")]
    assert table[0]["score_returns"] and table[0]["unit"] == "sportmarket-online"
    out = here / "findings.csv"
    assert cli("history", "export", "-f", "csv", "--findings", "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["rule_id"] for r in rows if r["run"] == "1"} >= {"RET-004", "RESP-008"}
    assert "RET-004" not in {r["rule_id"] for r in rows if r["run"] == "3"}


def test_export_never_writes_over_the_database(cli: Any, here: Path) -> None:
    cli("check", "unit.yaml", "--record")
    before = (here / DB).read_bytes()
    r = cli("history", "export", "-f", "json", "-o", DB)
    assert r.exit_code == 2 and "which this run reads" in r.stderr
    assert (here / DB).read_bytes() == before


def test_a_spreadsheet_formula_is_not_exported_as_one(cli: Any, here: Path) -> None:
    _edit(here / "unit.yaml", ("name: SportMarket - online shop", 'name: "=HYPERLINK(1)"'))
    cli("check", "unit.yaml", "--record")
    table = list(csv.DictReader(io.StringIO(cli("history", "export", "-f", "csv").stdout)))
    assert table[0]["name"] == "'=HYPERLINK(1)"


# ------------------------------------------------------------------------ what is stored

def test_units_are_keyed_by_process_id_and_follow_a_moved_file(cli: Any, here: Path) -> None:
    cli("check", "unit.yaml", "--as-of", "2025-04-01", "--record")
    (here / "moved").mkdir()
    (here / "unit.yaml").rename(here / "moved" / "renamed.yaml")
    cli("check", "moved/renamed.yaml", "--as-of", "2025-07-01", "--record")
    (u,) = _json(cli("progress", "-f", "json").stdout)["units"]
    assert u["unit"] == "sportmarket-online" and u["then"]["run"] == 1
    assert u["fixed"] == [] and u["new"] == []  # the same findings, though the file moved


def test_a_unit_without_an_id_is_kept_under_its_file_and_told(cli: Any, here: Path) -> None:
    _edit(here / "unit.yaml", ("id: sportmarket-online, ", ""))
    r = cli("check", "unit.yaml", "--record")
    assert r.exit_code == 1
    assert "unit.yaml has no process.id, so its history is kept under its file path" in r.stderr
    assert _json(cli("history", "unit.yaml", "-f", "json").stdout)["unit"] == "unit.yaml"


def test_two_units_with_one_id_are_each_kept_under_their_file(cli: Any, here: Path) -> None:
    (here / "copy.yaml").write_text(ONLINE, encoding="utf-8")
    r = cli("check", "unit.yaml", "copy.yaml", "--record")
    assert "process.id 'sportmarket-online' is used by 2 files in this run" in r.stderr
    with closing(sqlite3.connect(here / DB)) as conn:
        keys = sorted(k for (k,) in conn.execute("SELECT key FROM units"))
    assert keys == ["copy.yaml", "unit.yaml"]


def test_the_database_holds_the_run_time_and_versions(cli: Any, here: Path) -> None:
    cli("check", "unit.yaml", "--record", "--as-of", "2025-10-01")
    with closing(sqlite3.connect(here / DB)) as conn:
        (at, as_of, tool, packs, lang, source) = conn.execute(
            "SELECT recorded_at, as_of, tool_version, rule_packs, language, source "
            "FROM runs").fetchone()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        waits = conn.execute("SELECT count(*), min(week_hours) FROM waits").fetchone()
        value = conn.execute("SELECT value, field FROM findings WHERE rule_id = 'RET-004'"
                             ).fetchone()
    assert at.endswith("+00:00") and as_of == "2025-10-01" and lang == "en"
    assert tool and json.loads(packs)[0]["rules"] == 74 and source == "check"
    assert waits[0] > 0 and waits[1] > 0
    assert value == ("download", "returns.prepaid_label.delivery")


def test_record_lands_beside_the_configuration(cli: Any, here: Path) -> None:
    project = here / "project"
    project.mkdir()
    (project / ".cxaudit.yaml").write_text("fail_on: none\n", encoding="utf-8")
    (here / "unit.yaml").rename(project / "unit.yaml")
    r = cli("check", project / "unit.yaml", "--config", project / ".cxaudit.yaml", "--record")
    assert r.exit_code == 0 and (project / DB).is_file() and not (here / DB).exists()
    listed = cli("history", "--config", project / ".cxaudit.yaml")
    assert listed.exit_code == 0 and "1 run(s), 1 unit(s)" in listed.stdout


def test_record_into_a_named_database_and_read_it_back(cli: Any, here: Path) -> None:
    assert cli("check", "unit.yaml", "--record=audits.sqlite").exit_code == 1
    assert cli("check", "unit.yaml", "--record", "audits.sqlite", "-f", "json").exit_code == 1
    r = cli("history", "--db", "audits.sqlite")
    assert "2 run(s)" in r.stdout and not (here / DB).exists()
    clash = cli("check", "unit.yaml", "--record", "a.sqlite", "--history", "b.sqlite")
    assert clash.exit_code == 2 and "--record and --history name different" in clash.stderr


def test_an_output_never_overwrites_the_database(cli: Any, here: Path) -> None:
    fresh = cli("check", "unit.yaml", "--record", "new.sqlite", "-f", "json=new.sqlite")
    assert fresh.exit_code == 2 and "-o would overwrite new.sqlite, the history" in fresh.stderr
    assert not (here / "new.sqlite").exists()
    cli("check", "unit.yaml", "--record")
    before = (here / DB).read_bytes()
    r = cli("check", "unit.yaml", "--record", "-f", "json", "-o", DB)
    assert r.exit_code == 2 and "-o would overwrite" in r.stderr
    assert (here / DB).read_bytes() == before


def test_history_without_a_database_says_how_to_start(cli: Any, here: Path) -> None:
    for args in (("history",), ("progress",), ("history", "export", "-f", "csv"),
                 ("check", "unit.yaml", "--history", "none.sqlite")):
        r = cli(*args)
        assert r.exit_code == 2 and "no history database here" in r.stderr, args
        assert "Traceback" not in r.stderr
    assert not (here / ".cxaudit").exists() and not (here / "none.sqlite").exists()


def test_bad_options_are_usage_errors(cli: Any, here: Path) -> None:
    cli("check", "unit.yaml", "--record")
    assert "--since 'soon' is neither a date" in cli("progress", "--since", "soon").stderr
    assert "no run 9 in the history" in cli("progress", "--since", "9").stderr
    assert "unknown format 'xml'" in cli("history", "export", "-f", "xml").stderr


# ------------------------------------------------------------------------ imported reports

def test_import_earlier_json_reports(cli: Any, here: Path) -> None:
    unit = here / "unit.yaml"
    cli("check", unit, "--as-of", "2025-04-01", "-f", "json", "-o", "q1.json")
    _edit(unit, FIX)
    cli("check", unit, "--as-of", "2025-07-01", "-f", "json", "-o", "q2.json")
    r = cli("history", "import", "q2.json", "q1.json")
    assert r.exit_code == 0
    assert "imported q2.json as run 1 (1 unit(s), as of 2025-07-01)" in r.stderr
    again = cli("history", "import", "q1.json")
    assert "q1.json was already imported as run 2; skipped" in again.stderr
    (u,) = _json(cli("progress", "-f", "json").stdout)["units"]
    assert (u["then"]["as_of"], u["now"]["as_of"]) == ("2025-04-01", "2025-07-01")
    assert [f["rule_id"] for f in u["fixed"]] == ["RET-004"] and u["new"] == []
    assert u["values_compared"] is False
    # a recorded audit continues the imported history of the same unit
    _edit(unit, NEW)
    cli("check", unit, "--as-of", "2025-10-01", "--record")
    (u,) = _json(cli("progress", "-f", "json").stdout)["units"]
    assert [f["rule_id"] for f in u["new"]] == ["RESP-004"] and u["fixed"] == []
    assert len(u["open"]) > 5  # matched by rule and path against the imported report


def test_import_an_old_report_without_dates(cli: Any, here: Path) -> None:
    cli("check", "unit.yaml", "-f", "json", "-o", "old.json")
    data = _json((here / "old.json").read_text("utf-8"))
    for u in data["units"]:
        del u["as_of"], u["id"]
    (here / "old.json").write_text(json.dumps(data), encoding="utf-8")
    r = cli("history", "import", "old.json")
    assert r.exit_code == 2 and "does not say which date unit unit.yaml was audited" in r.stderr
    assert "--as-of YYYY-MM-DD" in r.stderr
    r = cli("history", "import", "old.json", "--as-of", "2024-12-31")
    assert r.exit_code == 0 and "unit unit.yaml has no process id in the report" in r.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "old.json:1:2: not a JSON report"),
    ('{"report_version": "1", "tool": {"name": "other"}}', "not a cxaudit JSON report"),
    (('{"report_version": "1", "tool": {"name": "cxaudit"}, "units": [{"file": "x"}], '
      '"findings": []}'), "the report is not what `cxaudit check -f json` writes"),
])
def test_import_refuses_what_is_not_a_report(cli: Any, here: Path, content: str,
                                             message: str) -> None:
    (here / "old.json").write_text(content, encoding="utf-8")
    r = cli("history", "import", "old.json", "--as-of", "2025-01-01")
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr
    assert not (here / DB).exists()  # nothing imported, not even an empty database


# ------------------------------------------------------------------------ README samples

def _readme_after(marker: str) -> str:
    """The README text after `marker` up to the end of its code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(marker, 1)[1].split("\n```", 1)[0]


def test_readme_progress_samples_are_what_the_commands_print(cli: Any, here: Path) -> None:
    _three_audits(cli, here)
    shown = _readme_after("cxaudit progress --since 2025-04-01\n```\n\n```text\n")
    assert cli("progress", "--since", "2025-04-01").stdout == shown + "\n"
    listed = _readme_after("$ cxaudit history sportmarket-online\n")
    assert cli("history", "sportmarket-online").stdout == listed + "\n"


def test_readme_portfolio_sample_is_what_check_prints(monkeypatch: pytest.MonkeyPatch,
                                                      cli: Any) -> None:
    monkeypatch.chdir(ROOT)
    sample = _readme_after("$ cxaudit check examples/\n...\n")
    out = cli("check", "examples/", "--no-color").stdout
    for chunk in sample.split("\n...\n"):
        assert chunk.strip("\n.") in out, "README's portfolio sample is stale: paste the new one"


@pytest.mark.parametrize("command", [["history"], ["history", "import"], ["history", "export"],
                                     ["progress"]])
def test_help_is_plain_text(command: list[str]) -> None:
    from conftest import run_cxaudit

    r = run_cxaudit(*command, "--help")
    assert r.returncode == 0 and "Usage: " in r.stdout and "\\[" not in r.stdout


def test_a_run_where_nothing_could_be_audited_records_nothing(cli: Any, here: Path) -> None:
    (here / "unit.yaml").write_text("apiVersion: cxaudit/v1\nprocess: {nmae: x}\n",
                                    encoding="utf-8")
    r = cli("check", "unit.yaml", "--record")
    assert r.exit_code == 2 and "recorded run" not in r.stderr
    assert cli("progress").exit_code == 2  # the database exists but holds no audit
    assert "the history holds no audit yet" in cli("progress").stderr
