"""User text cannot drive a terminal or a CI log (text reports, sla, diff, rules, errors), and
cannot break out of its line, table cell or span in Markdown (check and diff, file names too)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from cxaudit.report import mdsafe
from cxaudit.terminal import clean, guard

REG = Path(__file__).resolve().parent / "data" / "regressions"
NAMES = REG / "safety-escape-names.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e\u2028\u2029]")
COMMAND_LINE = re.compile(r"^\s*::", re.MULTILINE)


def assert_terminal_safe(text: str, colour: bool = False) -> None:
    """No raw control character (but our own colours), no line a CI runner would obey."""
    if colour:
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert RAW_CONTROL.search(text) is None, repr(RAW_CONTROL.search(text))
    assert COMMAND_LINE.search(text) is None and "##[" not in text


# --- the building blocks ---------------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    ("plain Café", "plain Café"),
    ("a\x1b]0;title\x07b", "a\\x1b]0;title\\x07b"),
    ("line\r\n::error::x", "line\\r\\n::error::x"),
    ("tab\there", "tab\\there"),
    ("bidi\u202eevil", "bidi\\u202eevil"),
    ("zero\u200bwidth", "zero\\u200bwidth"),
    ("c1\x9bcsi", "c1\\x9bcsi"),
])
def test_clean_shows_controls_as_escapes(value: str, shown: str) -> None:
    assert clean(value) == shown


@pytest.mark.parametrize(("text", "guarded"), [
    ("::error::x\n", "\\::error::x\n"),
    ("ok\n   ::add-mask::secret\n", "ok\n   \\::add-mask::secret\n"),
    ("ok\n\u00a0::warning::x", "ok\n\u00a0\\::warning::x"),
    ("mid ##[stop-commands]tok", "mid ##\\[stop-commands]tok"),
    ("a::b and 12:30", "a::b and 12:30"),
])
def test_guard_stops_workflow_commands(text: str, guarded: str) -> None:
    assert guard(text) == guarded


@pytest.mark.parametrize(("value", "escaped"), [
    ("# heading", "\\# heading"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("1. first", "1\\. first"),
    ("12) first", "12\\) first"),
    ("> quote", "\\> quote"),
    ("| cell | cell", "\\| cell \\| cell"),
    ("<!-- hide the rest", "\\<!-- hide the rest"),
    ("```fence", "\\`\\`\\`fence"),
    ("===", "\\==="),
    ("- - -", "\\- - -"),
    ("~~~ fence", "\\~~~ fence"),
    ("name\r# heading\n<!--", "name \\# heading \\<!--"),
    ("Shop & café", "Shop \\& café"),
])
def test_inline_markdown_cannot_open_a_block_or_markup(value: str, escaped: str) -> None:
    assert mdsafe.inline(value) == escaped


@pytest.mark.parametrize(("fn", "value", "escaped"), [
    (mdsafe.prose, "<!-- x", "&lt;!-- x"),
    (mdsafe.prose, "- keeps `code`", "\\- keeps `code`"),
    (mdsafe.prose, "`code` and *emphasis* stay", "`code` and *emphasis* stay"),
    (mdsafe.prose, "*Note*: -5 degrees, 2025", "*Note*: -5 degrees, 2025"),
    (mdsafe.prose, "```fence", "\\```fence"),
    (mdsafe.prose, "# heading", "\\# heading"),
    (mdsafe.prose, "___", "\\___"),
    (mdsafe.prose, "a\rb|c", "a b\\|c"),
    (mdsafe.code, "a`b|c\r\n<!--", "a'b\\|c <!--"),
    (mdsafe.url, "https://x.example/a b)\n<!--", "https://x.example/a%20b%29%20%3C!--"),
])
def test_prose_code_and_urls_stay_in_place(fn: Any, value: str, escaped: str) -> None:
    assert fn(value) == escaped


# --- check, sla, diff and rules on the terminal ----------------------------------------------

def test_the_text_report_shows_names_as_text(cli: Any) -> None:
    r = cli("check", NAMES, "--no-config")
    assert r.exit_code == 1
    assert_terminal_safe(r.stdout)
    assert ("Glyna\\x1b]0;owned title\\x07 shop\\r\\n::error file=x::pwned\\n  ::add-mask::secret"
            "\\x1b[2J" in r.stdout)
    assert "'Studio\\x1b]8;;https://evil.example\\x1b\\click" in r.stdout


def test_colour_stays_ours(cli: Any) -> None:
    r = cli("check", NAMES, "--no-config", "--color")
    assert "\x1b[1;31m" in r.stdout
    assert_terminal_safe(r.stdout, colour=True)


def test_a_file_name_cannot_start_a_workflow_command(cli: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(WEAK, tmp_path / "::error title=x::pwned.yaml")
    shutil.copy(WEAK, tmp_path / "b\r\n::add-mask::x\x1b[2J.yaml")
    r = cli("check", ".", "--no-config")
    assert_terminal_safe(r.stdout)
    assert r.stdout.startswith("\\::error title=x::pwned.yaml  Glyna ceramics")
    assert "b\\r\\n::add-mask::x\\x1b[2J.yaml:55:3" in r.stdout


def test_errors_show_file_names_and_values_as_text(cli: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x\n::error::y\x1b]0;t\x07.yaml").write_text(
        "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nprocess: {naem: x}\n",
        encoding="utf-8")
    r = cli("check", ".", "--no-config")
    assert r.exit_code == 2
    assert_terminal_safe(r.stderr)
    assert r.stderr.startswith("x\\n::error::y\\x1b]0;t\\x07.yaml:3:")


def test_sla_and_diff_text_show_names_as_text(cli: Any) -> None:
    r = cli("sla", NAMES)
    assert r.exit_code == 0 and "email" in r.stdout
    assert_terminal_safe(r.stdout)
    r = cli("diff", WEAK, NAMES, "--no-config")
    assert r.exit_code == 0
    assert_terminal_safe(r.stdout)
    assert "Taras Koval -> Taras\\u202eKoval\\n# heading\\n<!-- hide" in r.stdout
    assert "##\\[stop-commands]tok" in r.stdout


RULE = """\
id: HOSTILE-001
title: "Hostile\\e]0;title\\a\\r\\n::error::from a rule title"
category: ownership
severity: low
impact: 1
effort: 1
select: organization
check: {path: name, exists: true}
message: "Name {value}\\r\\n::add-mask::x"
why: "Why this matters to customers\\n::warning::from the why"
fix: Nothing to fix here; the rule only carries hostile text.
source: [{title: "Test\\e[2J"}]
examples:
  - {name: "ok\\r::error::example", expect: pass, document: {organization: {name: A}}}
  - {name: missing, expect: fail, document: {organization: {sector: retail_ecommerce}}}
"""


def test_rules_list_show_and_test_show_pack_texts_as_text(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "HOSTILE-001.yaml").write_text(RULE, encoding="utf-8")
    for args in (["list", "-r", tmp_path / "pack"], ["show", "HOSTILE-001", "-r", tmp_path / "pack"],
                 ["test", tmp_path / "pack", "-v"]):
        r = cli("rules", *args)
        assert r.exit_code == 0, r.output
        assert_terminal_safe(r.output)
        assert "\\r\\n::error::from a rule title" in r.output or "ok\\r::error::example" in r.output
    r = cli("rules", "list", "-r", tmp_path / "pack", "-f", "md")
    row = next(line for line in r.stdout.splitlines() if "HOSTILE-001" in line)
    assert row.count(" | ") == 5 and "\r" not in r.stdout


# --- Markdown --------------------------------------------------------------------------------

def _md_lines(text: str) -> list[str]:
    assert "\r" not in text and RAW_CONTROL.search(text) is None
    return text.split("\n")


def test_markdown_report_keeps_names_inside_their_line_and_cell(cli: Any) -> None:
    r = cli("check", NAMES, "--no-config", "-f", "md")
    lines = _md_lines(r.stdout)
    assert [ln for ln in lines if ln.startswith("#")] == [
        "# cxaudit report",
        ("## Glyna\\\\x1b\\]0;owned title\\\\x07 shop ::error file=x::pwned   ::add-mask::secret"
        "\\\\x1b\\[2J"),
        "### Do now", "### Plan next", "### Later", "### Next questions to answer"]
    assert not any(ln.lstrip().startswith(("<!--", "::", "=", "- <")) for ln in lines)
    header = next(i for i, ln in enumerate(lines) if ln.startswith("| # | Rule |"))
    rows = [ln for ln in lines[header + 2:] if ln.startswith("| ")]
    assert rows and all(len(re.split(r"(?<!\\)\|", ln)) == 8 for ln in rows[:6])


def test_markdown_file_names_cannot_open_blocks(cli: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(WEAK, tmp_path / "a\r\n# evil\n<!-- x\n| y.yaml")
    r = cli("check", ".", "--no-config", "-f", "md")
    lines = _md_lines(r.stdout)
    assert "`a # evil <!-- x \\| y.yaml` · **Score 23/100**" in r.stdout
    assert [ln for ln in lines if ln.startswith("# ")] == ["# cxaudit report"]
    assert not any(ln.startswith("<!--") for ln in lines)


def test_markdown_diff_keeps_names_inside_their_cells(cli: Any) -> None:
    r = cli("diff", WEAK, NAMES, "--no-config", "-f", "md")
    lines = _md_lines(r.stdout)
    assert [ln for ln in lines if ln.startswith("#")] == [
        "## cxaudit diff: the policy changed, neither better nor worse",
        "### Neutral changes (3)", "### Findings introduced (2)", "### Findings resolved (2)"]
    sponsor = next(ln for ln in lines if "executive sponsor" in ln)
    assert "Taras\\\\u202eKoval \\# heading \\<!-- hide" in sponsor
    assert len(re.split(r"(?<!\\)\|", sponsor)) == 6
