"""Rule-pack patterns run on RE2: linear time whatever the pattern, case-insensitive, and the
patterns RE2 cannot run are refused when the pack loads, at their line, with a hint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cxaudit.rules.conditions import FALSE, TRUE, ConditionError, Scope, compile_condition

REG = Path(__file__).resolve().parent / "data" / "regressions"
NAME = "a" * 40 + "!"  # 41 characters: a backtracking engine needs minutes on these patterns


def state(cond: dict[str, Any], value: Any) -> int:
    return compile_condition(cond, {})(Scope({"v": value}, (), {})).state


@pytest.mark.parametrize(("pattern", "expected"), [
    pytest.param("((a)+)+$", FALSE, id="nested groups"),
    pytest.param("(a|a)*$", TRUE, id="ambiguous alternation"),
    pytest.param("(.|.)*c", FALSE, id="dot alternation"),
    pytest.param("a*" * 20 + "c", FALSE, id="twenty stars"),
])
def test_pathological_patterns_answer_on_a_41_character_name(pattern: str, expected: int) -> None:
    assert state({"path": "v", "matches": pattern}, NAME) == expected


@pytest.mark.parametrize(("pattern", "value", "expected"), [
    pytest.param("^head", "HEAD of care", TRUE, id="ascii"),
    pytest.param("збір", "Збір за повернення", TRUE, id="cyrillic"),
    pytest.param("[a-z]", "ÄÖÜ", FALSE, id="class stays ascii"),
    pytest.param("straße", "STRASSE", FALSE, id="no multi-letter folding"),
    pytest.param("σ", "Σ", TRUE, id="greek"),
])
def test_patterns_ignore_case(pattern: str, value: str, expected: int) -> None:
    assert state({"path": "v", "matches": pattern}, value) == expected


@pytest.mark.parametrize(("pattern", "hint"), [
    pytest.param(r"(\w+) \1", "backreferences", id="backreference"),
    pytest.param("(?P<w>a)(?P=w)", "backreferences", id="named backreference"),
    pytest.param("shop(?! online)", "lookahead and lookbehind", id="negative lookahead"),
    pytest.param("(?<=a)b", "lookahead and lookbehind", id="lookbehind"),
    pytest.param("(?>a+)b", "atomic groups", id="atomic group"),
    pytest.param("a{2000}", "at most 1000 times", id="huge repetition"),
])
def test_patterns_re2_cannot_run_are_refused_with_a_hint(pattern: str, hint: str) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition({"path": "v", "not_matches": pattern}, {})
    assert "cannot be used" in str(info.value) and hint in info.value.hint


def test_a_pattern_must_be_text() -> None:
    with pytest.raises(ConditionError, match="is not a regular expression"):
        compile_condition({"path": "v", "matches": 12}, {})


def test_a_pack_of_pathological_patterns_audits_at_once(cli: Any) -> None:
    r = cli("check", REG / "safety-redos-name.yaml", "--no-builtin-rules", "--no-config",
            "-r", REG / "safety-redos-pack", "-f", "json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["findings"] == []
    assert report["units"][0]["passed_rules"] == [f"REDOS-00{i}" for i in range(1, 5)]


def test_the_pathological_pack_examples_pass(cli: Any) -> None:
    r = cli("rules", "test", REG / "safety-redos-pack")
    assert r.exit_code == 0 and "8 passed, 0 failed" in r.output


@pytest.mark.parametrize(("pack", "rule", "hint"), [
    ("safety-regex-backreference-pack", "BACKREF-001", "hint: backreferences"),
    ("safety-regex-lookahead-pack", "LOOK-001", "hint: lookahead and lookbehind"),
])
def test_a_pack_with_an_unsupported_pattern_is_refused_at_its_line(
        cli: Any, pack: str, rule: str, hint: str) -> None:
    r = cli("check", REG / "safety-redos-name.yaml", "--no-config", "-r", REG / pack)
    assert r.exit_code == 2
    assert f"{REG / pack / rule}.yaml:14:7: rule {rule}: regular expression" in r.output
    assert hint in r.output and "Traceback" not in r.output


def test_patterns_of_rules_known_to_compile_are_compiled_when_first_used() -> None:
    """The built-in rules, compiled again from their cache, compile a pattern only when a
    check first matches with it; the answers are those of a pattern compiled at once."""
    from cxaudit.rules.operators import PATTERNS_CHECKED

    token = PATTERNS_CHECKED.set(True)
    try:
        later = compile_condition({"path": "v", "matches": "^head"}, {})
    finally:
        PATTERNS_CHECKED.reset(token)
    assert later(Scope({"v": "HEAD of care"}, (), {})).state == TRUE
    assert later(Scope({"v": "team lead"}, (), {})).state == FALSE
    assert state({"path": "v", "matches": "^head"}, "HEAD of care") == TRUE
