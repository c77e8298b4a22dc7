"""`-f github`: GitHub Actions annotations on the lines of the findings that count, escaped the
way GitHub's own toolkit escapes them, so that no user text can issue a workflow command."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT

from cxaudit.api import Options, audit
from cxaudit.report import render
from cxaudit.report.github import command, escape_data, escape_property, repo_path

WEAK = EXAMPLES / "weak-small-shop.yaml"
SHOP = EXAMPLES / "online-shop.yaml"
# The runner reads a line as a `::` command when it starts (after blanks) with `::`, a known
# command name, optional `key=value` properties separated by commas, then `::` and the data
# (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2).
COMMAND = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape_data(text: str) -> str:
    """What the runner makes of the data part (ActionCommand.cs, UnescapeData)."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    """What the runner makes of a property value (ActionCommand.cs, UnescapeProperty)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                          ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, data) of one command line, as the runner reads it."""
    m = COMMAND.match(line)
    assert m is not None, f"not a workflow command: {line!r}"
    props: dict[str, str] = {}
    for pair in (m.group("props") or "").split(","):
        if pair:
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
    return m.group("name"), props, unescape_data(m.group("data"))


def annotations(paths: list[str], **options: Any) -> list[tuple[str, dict[str, str], str]]:
    out = render("github", audit(paths, Options(**options))).splitlines()
    assert out[-1].startswith("cxaudit: ")  # the plain summary line
    return [parse(line) for line in out[:-1]]


# GitHub's toolkit, actions/toolkit packages/core/src/command.ts (read at commit
# a944251692e50709e44d95e64d43c80236b9f6af):
#   escapeData:     % -> %25, \r -> %0D, \n -> %0A
#   escapeProperty: the same, then : -> %3A and , -> %2C
@pytest.mark.parametrize("text, data, prop", [
    ("plain", "plain", "plain"),
    ("100 %", "100 %25", "100 %25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("k: v, w", "k: v, w", "k%3A v%2C w"),
    ("%0A is not a newline", "%250A is not a newline", "%250A is not a newline"),
    ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
])
def test_escaping_is_githubs(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data and escape_property(text) == prop
    assert unescape_data(data) == text and unescape_property(prop) == text


def test_a_command_line() -> None:
    line = command("error", "two\nlines", "units/a, b.yaml", 3, 7, "RESP-001: title")
    assert line == ("::error file=units/a%2C b.yaml,line=3,col=7,title=RESP-001%3A title"
                    "::two%0Alines")
    assert parse(line) == ("error", {"file": "units/a, b.yaml", "line": "3", "col": "7",
                                     "title": "RESP-001: title"}, "two\nlines")
    assert command("warning", "no place") == "::warning::no place"
    assert command("error", "x", "units\\east.yaml", 2) == "::error file=units/east.yaml,line=2::x"


def test_files_are_named_relative_to_the_repository(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert repo_path(str(tmp_path / "units" / "a.yaml")) == "units/a.yaml"
    assert repo_path("units\\b.yaml") == "units/b.yaml"
    assert repo_path("units/c.yaml") == "units/c.yaml"
    outside = str(tmp_path.parent / "elsewhere.yaml")
    assert repo_path(outside) == outside  # outside the repository: as it is


def test_failing_findings_are_errors_on_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = audit([str(WEAK)])
    got = annotations([str(WEAK)])
    errors = [(int(p["line"]), int(p["col"]), p["title"].split(" ")[0], d.split("\n\n")[0])
              for n, p, d in got if n == "error"]
    failing = [(f.location.line, f.location.column, f.rule_id, f.message)
               for u in result.units for f in result.failing_findings(u)]
    assert sorted(errors) == sorted(failing) and len(failing) == 11
    lines = WEAK.read_text(encoding="utf-8").splitlines()
    for _name, props, data in got:
        assert props["file"] == "examples/weak-small-shop.yaml"  # relative to the repository
        # the annotation points at the key the finding is about (1-based line and column)
        assert lines[int(props["line"]) - 1][int(props["col"]) - 1:].strip()
        assert "\n\nHow to fix: " in data
    (resp1,) = [(p, d) for n, p, d in got if p["title"].startswith("RESP-001 ")]
    assert resp1[0]["title"] == "RESP-001 (critical) Written messages get a human reply within a day"
    assert resp1[0]["line"] == "34" and resp1[0]["col"] == "24"


def test_the_fail_level_decides_what_is_an_error() -> None:
    kinds = {n: sum(1 for k, _, _ in annotations([str(WEAK)]) if k == n)
             for n in ("error", "warning", "notice")}
    assert kinds == {"error": 11, "warning": 12, "notice": 5}
    low = [n for n, _, _ in annotations([str(WEAK)], fail_on="low")]
    assert set(low) == {"error"} and len(low) == 28
    none = [(n, p["title"].split(" ")[1]) for n, p, _ in annotations([str(WEAK)],
                                                                    fail_on="none")]
    # below the fail level: critical, high and medium are warnings, low a notice
    assert {sev: {n for n, s in none if s == sev} for sev in ("(critical)", "(high)",
            "(medium)", "(low)")} == {"(critical)": {"warning"}, "(high)": {"warning"},
                                      "(medium)": {"warning"}, "(low)": {"notice"}}


def test_notes_missing_facts_and_suppressed_findings_are_not_annotated(tmp_path: Path) -> None:
    result = audit([str(SHOP)])
    assert any(u.needs_evidence for u in result.units) and any(u.notes for u in result.units)
    titles = [p["title"] for _, p, _ in annotations([str(SHOP)])]
    assert not any(t.split(" ")[1] == "(info)" for t in titles)
    assert len(titles) == sum(1 for u in result.units for f in u.findings
                              if f.kind.value == "violation" and f.severity.value != "info")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: RESP-004\n    reason: agency\n"
                       "    owner: cx@tundra.example\n    expires: 2026-01-31\n",
                       encoding="utf-8")
    waived = annotations([str(SHOP)], waivers=str(waivers), today=date(2026, 1, 1))
    assert [p["title"].split(" ")[0] for _, p, _ in waived].count("RESP-004") == 0
    expired = annotations([str(SHOP)], waivers=str(waivers), today=date(2026, 3, 1))
    (note,) = [(p, d) for n, p, d in expired if p["title"] == "cxaudit: expired waiver"]
    assert note[0]["file"] == str(waivers) and note[0]["line"] == "2"
    assert "expired on 2026-01-31" in note[1]


def test_a_file_that_cannot_be_audited_is_an_error_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nchannels: [\n",
                   encoding="utf-8")
    got = annotations([str(bad), str(SHOP)])
    name, props, data = got[0]
    assert name == "error" and props["title"] == "cxaudit: file not audited"
    assert data == ("YAML syntax error: did not find expected node content (check "
                    "indentation and quoting around this position)")
    assert props["file"] == str(bad) and (props["line"], props["col"]) == ("4", "1")
    assert render("github", audit([str(bad)])).splitlines()[-1].endswith("exit code 2")


INJECTED = "insta\n::add-mask::x\r\n##[stop-commands]tok, :%0A"


def test_user_text_cannot_issue_a_workflow_command(tmp_path: Path) -> None:
    text = WEAK.read_text(encoding="utf-8")
    name = tmp_path / "my unit, v1: draft.yaml"
    quoted = INJECTED.replace("\n", "\\n").replace("\r", "\\r")
    name.write_text(text.replace("  - id: instagram\n", f'  - id: "{quoted}"\n'),
                    encoding="utf-8")
    out = render("github", audit([str(name)]))
    lines = out.split("\n")
    assert lines[-1] == "" and "\r" not in out
    for line in lines[:-2]:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
    assert lines[-2].startswith("cxaudit: ")
    got = [parse(line) for line in lines[:-2]]
    assert {p["file"] for _, p, _ in got} == {str(name)}
    assert {k for _, p, _ in got for k in p} <= {"file", "line", "col", "title"}
    assert any(f"'{INJECTED}'" in data for _, _, data in got)  # shown as written, inertly


def test_the_command_line_writes_annotations_with_the_exit_code_of_the_audit(cli: Any) -> None:
    r = cli("check", str(WEAK), "-f", "github")
    assert r.exit_code == 1 and r.stdout.startswith("::error file=")
    assert r.stdout.rstrip("\n").splitlines()[-1] == (
        "cxaudit: 11 error(s), 12 warning(s), 5 notice(s) annotated; fail level high; "
        "exit code 1")
    r = cli("check", str(SHOP), "-f", "github", "--fail-on", "critical")
    assert r.exit_code == 0 and "::error " not in r.stdout
