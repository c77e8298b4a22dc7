"""A portfolio run reports every unit it can (issue 10, section 6).

One broken file is reported as an error in every format while the others are audited (exit 2);
a directory run audits only process files and notes the YAML it skipped; --exclude and the
config's exclude; -f/-o pairing that never writes one format into another's file; NO_COLOR and
FORCE_COLOR; `-` reads a process file from standard input.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from conftest import EXAMPLES, ROOT

SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"
HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
BROKEN = HEAD + "process:\n  name: Broken unit\n  frist_response: 4h\n"
REPORT_SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "report.schema.json").read_text("utf-8"))
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
XSD = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Two good units, one broken one, and a docker-compose file, as a consultant's folder."""
    root = tmp_path / "units"
    root.mkdir()
    shutil.copy(SHOP, root / "a-shop.yaml")
    shutil.copy(WEAK, root / "c-weak.yaml")
    (root / "b-broken.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n",
                                             encoding="utf-8")
    return root


# --------------------------------------------------------- one broken file, every format

def test_one_broken_file_does_not_cost_the_run(cli: Any, portfolio: Path) -> None:
    r = cli("check", portfolio, "-f", "json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert [u["file"] for u in data["units"]] == [str(portfolio / "a-shop.yaml"),
                                                 str(portfolio / "c-weak.yaml")]
    assert data["exit_code"] == 2 and data["summary"]["not_audited"] == 1
    (err,) = data["errors"]
    assert (err["file"], err["line"], err["column"]) == (str(portfolio / "b-broken.yaml"), 5, 3)
    assert "unknown field 'frist_response'" in err["message"] and err["hint"]
    assert f"{portfolio / 'b-broken.yaml'}:5:3: unknown field 'frist_response'" in r.stderr
    assert "1 file(s) could not be audited (exit code 2); the report covers the 2 unit(s)" \
        in r.stderr


def test_sarif_says_the_execution_failed(cli: Any, portfolio: Path) -> None:
    doc = json.loads(cli("check", portfolio, "-f", "sarif").stdout)
    jsonschema.validate(doc, SARIF_SCHEMA)
    run = doc["runs"][0]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    assert inv["exitCodeDescription"] == "1 file could not be audited"
    errors = [n for n in inv["toolExecutionNotifications"] if n["level"] == "error"]
    (n,) = errors
    loc = n["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("b-broken.yaml")
    assert loc["region"] == {"startLine": 5, "startColumn": 3}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
            for r in run["results"]} == {"a-shop.yaml", "c-weak.yaml"}


def test_junit_has_an_error_for_the_broken_file(cli: Any, portfolio: Path) -> None:
    text = cli("check", portfolio, "-f", "junit").stdout
    XSD.validate(text)
    root = ET.fromstring(text)
    assert root.get("errors") == "1"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    broken = suites[str(portfolio / "b-broken.yaml")]
    assert broken.get("errors") == "1"
    (error,) = broken.iter("error")
    assert error.get("type") == "input-error" and "5:3: unknown field" in error.get("message", "")
    skipped = suites["skipped files"]
    assert "docker-compose.yml" in (skipped.findtext("system-err") or "")


@pytest.mark.parametrize(("fmt", "heading"), [
    ("text", "Could not be audited (1 file): fix these and run again"),
    ("md", "## Could not be audited"),
    ("html", '<h2 id="not-audited">Could not be audited (1 file)</h2>'),
])
def test_the_human_reports_have_a_section(cli: Any, portfolio: Path, fmt: str,
                                          heading: str) -> None:
    r = cli("check", portfolio, "-f", fmt)
    assert r.exit_code == 2
    assert heading in r.stdout
    assert "frist" in r.stdout and "b-broken.yaml" in r.stdout
    assert "docker-compose.yml" in r.stdout  # the skipped file is noted


def test_every_file_broken_still_writes_the_reports(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(BROKEN, encoding="utf-8")
    html = cli("check", f, "-f", "html")
    assert html.exit_code == 2 and "No service unit could be audited" in html.stdout
    assert "could not be audited, so this audit is incomplete" in html.stdout
    text = cli("check", f)
    assert text.exit_code == 2
    assert "0 unit(s) audited" in text.stdout and "1 file(s) could not be audited" in text.stdout


def test_errors_win_over_findings_for_the_exit_code(cli: Any, portfolio: Path) -> None:
    assert cli("check", portfolio, "--fail-on", "none").exit_code == 2
    assert cli("check", portfolio / "c-weak.yaml").exit_code == 1


def test_a_baseline_is_not_written_from_a_partial_run(cli: Any, portfolio: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "baseline.json"
    r = cli("baseline", "create", portfolio, "-o", out)
    assert r.exit_code == 2 and "frist_response" in r.stderr and not out.exists()


# --------------------------------------------------------------- which files are audited

def test_a_directory_run_skips_yaml_that_is_not_a_process_file(cli: Any,
                                                               portfolio: Path) -> None:
    data = json.loads(cli("check", portfolio, "-f", "json", "--exclude", "b-*").stdout)
    assert len(data["units"]) == 2 and data["errors"] == []
    (note,) = data["warnings"]
    assert note["code"] == "not-a-process-file" and note["level"] == "note"
    assert note["file"] == str(portfolio / "docker-compose.yml")


def test_a_file_given_by_name_is_always_audited(cli: Any, portfolio: Path) -> None:
    r = cli("check", portfolio / "docker-compose.yml")
    assert r.exit_code == 2 and "'apiVersion' is required" in r.stderr


def test_a_directory_without_process_files_names_what_it_skipped(cli: Any,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    r = cli("check", tmp_path)
    assert r.exit_code == 2
    assert "no process files in this directory (skipped 1 other YAML file(s): " \
           "docker-compose.yml)" in r.stderr


def test_a_process_file_without_its_header_line_is_still_found(cli: Any,
                                                               tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("kind: CustomerServiceProcess\nprocess: {name: X}\n",
                                     encoding="utf-8")
    r = cli("check", tmp_path)
    assert r.exit_code == 2 and "'apiVersion' is required" in r.stderr


@pytest.mark.parametrize("patterns", [["b-broken.yaml"], ["b-*"], ["*broken*", "nothing"]])
def test_exclude_globs(cli: Any, portfolio: Path, patterns: list[str]) -> None:
    args = [a for p in patterns for a in ("--exclude", p)]
    r = cli("check", portfolio, "-f", "json", *args)
    assert r.exit_code == 1 and json.loads(r.stdout)["summary"]["units"] == 2


def test_exclude_a_subdirectory(cli: Any, portfolio: Path) -> None:
    (portfolio / "drafts").mkdir()
    (portfolio / "drafts" / "new.yaml").write_text(BROKEN, encoding="utf-8")
    r = cli("check", portfolio, "-f", "json", "--exclude", "drafts", "--exclude", "b-*")
    assert r.exit_code == 1


def test_exclude_in_the_config(cli: Any, portfolio: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".cxaudit.yaml").write_text("exclude: [b-broken.yaml]\n", encoding="utf-8")
    assert cli("check", portfolio, "-f", "json").exit_code == 1
    (tmp_path / ".cxaudit.yaml").write_text("exclude: b-broken.yaml\n", encoding="utf-8")
    r = cli("check", portfolio)
    assert r.exit_code == 2 and ".cxaudit.yaml:1:1: exclude: expected array" in r.stderr


def test_excluding_everything_is_a_usage_error(cli: Any) -> None:
    r = cli("check", SHOP, "--exclude", "*.yaml")
    assert r.exit_code == 2 and "every path given is excluded" in r.stderr


# ---------------------------------------------------------------------- -f and -o pairing

def test_the_extension_pairs_the_file_with_its_format(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "x.sarif"
    r = cli("check", SHOP, "-f", "text", "-f", "sarif", "-o", out)
    assert r.exit_code == 1
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"
    assert r.stdout.startswith(f"{SHOP}  ")  # the text report went to stdout


def test_an_output_alone_takes_its_format_from_the_extension(cli: Any, tmp_path: Path) -> None:
    r = cli("check", SHOP, "-o", tmp_path / "r.json", "-o", tmp_path / "r.junit.xml",
            "-o", tmp_path / "r.sarif.json", "-o", tmp_path / "r.md", "-o", tmp_path / "r.txt")
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["report_version"] == "1"
    XSD.validate(str(tmp_path / "r.junit.xml"))
    assert json.loads((tmp_path / "r.sarif.json").read_text("utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "r.md").read_text("utf-8").startswith("# cxaudit report")
    assert (tmp_path / "r.txt").read_text("utf-8").startswith(f"{SHOP}  ")


def test_format_equals_file(cli: Any, tmp_path: Path) -> None:
    r = cli("check", SHOP, "-f", f"sarif={tmp_path / 'scan.out'}", "-f", "md")
    assert r.exit_code == 1 and r.stdout.startswith("# cxaudit report")
    assert json.loads((tmp_path / "scan.out").read_text("utf-8"))["version"] == "2.1.0"


def test_one_format_and_one_file_without_extension_pair(cli: Any, tmp_path: Path) -> None:
    r = cli("check", SHOP, "-f", "md", "-o", tmp_path / "summary")
    assert r.exit_code == 1 and r.stdout == ""
    assert (tmp_path / "summary").read_text("utf-8").startswith("# cxaudit report")


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["-f", "text", "-o", "x.sarif"], "x.sarif: the file name says sarif, but the "
                 "formats asked for are text", id="text into a .sarif file"),
    pytest.param(["-f", "md", "-f", "json"], "md and json would both be written to standard "
                 "output", id="two formats on stdout"),
    pytest.param(["-f", "md", "-f", "json", "-o", "a", "-o", "b"], "a: cannot tell which "
                 "format to write into this file", id="two files without extension"),
    pytest.param(["-o", "report"], "report: cannot tell which format", id="no format at all"),
    pytest.param(["-o", "r.json", "-f", "json=r.json"], "r.json: two reports would be "
                 "written to this file", id="one file twice"),
    pytest.param(["-f", "pdf"], "unknown format 'pdf'", id="unknown format"),
    pytest.param(["-f", "json="], "'json=' names no file", id="empty file name"),
])
def test_ambiguous_outputs_are_refused(cli: Any, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, args: list[str],
                                       message: str) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("check", SHOP, *args)
    assert r.exit_code == 2 and message in r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_diff_pairs_formats_the_same_way(cli: Any, tmp_path: Path) -> None:
    r = cli("diff", SHOP, SHOP, "-f", "md", "-f", "json", "-o", tmp_path / "d.json")
    assert r.exit_code == 0 and r.stdout.lstrip().startswith("#")
    assert "verdict" in json.loads((tmp_path / "d.json").read_text("utf-8"))
    bad = cli("diff", SHOP, SHOP, "-f", "text", "-o", tmp_path / "d.md")
    assert bad.exit_code == 2 and "the file name says md, but the formats asked for are text" \
        in bad.stderr


# ---------------------------------------------------------------------------------- colour

@pytest.mark.parametrize(("env", "flag", "colored"), [
    ({}, None, False),  # not a terminal
    ({"FORCE_COLOR": "1"}, None, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1"}, "--color", True),
    ({"FORCE_COLOR": "1"}, "--no-color", False),
    ({"NO_COLOR": ""}, None, False),
])
def test_no_color_and_force_color(cli: Any, monkeypatch: pytest.MonkeyPatch,
                                  env: dict[str, str], flag: str | None, colored: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    r = cli("check", WEAK, *([flag] if flag else []))
    assert ("\033[" in r.stdout) is colored


def test_colour_never_reaches_a_report_file(cli: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    cli("check", WEAK, "-o", tmp_path / "r.txt")
    assert "\033[" not in (tmp_path / "r.txt").read_text("utf-8")


# ------------------------------------------------------------------------------ stdin (-)

def _run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxaudit", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_check_reads_standard_input() -> None:
    r = _run(["check", "-", "-f", "json"], SHOP.read_text("utf-8"))
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["units"][0]["file"] == "<stdin>"
    assert {f["location"]["file"] for f in data["findings"]} == {"<stdin>"}


def test_stdin_problems_are_named_stdin() -> None:
    r = _run(["check", "-"], BROKEN)
    assert r.returncode == 2 and "<stdin>:5:3: unknown field 'frist_response'" in r.stderr


def test_sla_and_diff_read_standard_input() -> None:
    text = SHOP.read_text("utf-8")
    sla = _run(["sla", "-", "-f", "json"], text)
    assert sla.returncode == 0 and json.loads(sla.stdout)
    diff = _run(["diff", str(SHOP), "-", "-f", "json"], text)
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["new"]["source"] == "-"


def test_values_from_the_file_are_escaped_in_the_warning_sections(cli: Any,
                                                                   tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(HEAD + "organization: {sector: \"<script>alert(1)</script>`x`|\"}\n",
                 encoding="utf-8")
    html = cli("check", f, "-f", "html", "--fail-on", "none").stdout
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = cli("check", f, "-f", "md", "--fail-on", "none").stdout
    assert "<script>" not in md and "\\<script\\>" in md
