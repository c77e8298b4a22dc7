"""Rules are data: few rules need a check function, and every sentence lives in a rule file.

A rule is bound to a Python function only for what the condition language cannot say
(worst cases compared across channels, legal tables, policy shadowing, escalation timing);
such a function returns named facts and says which sentence of the rule file fits
(`messages`). No sentence a client reads is only a placeholder filled from code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxaudit.errors import RulePackError
from cxaudit.rules.packs import Rule, builtin_rules, load_rule

RULES = builtin_rules()
_PLACEHOLDER = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def _sentences(rule: Rule) -> Iterator[tuple[str, str]]:
    """(where, text) of every sentence and sentence part of a rule file."""
    yield "message", rule.message
    for name, said in rule.messages.items():
        for key, text in said.items():
            yield f"messages.{name}.{key}", text

    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("message", "evidence") and isinstance(value, str):
                    yield f"{where}.{key}", value
                elif key == "message" and isinstance(value, dict):
                    yield from ((f"{where}.message.{k}", str(v)) for k, v in value.items())
                else:
                    yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}[{i}]")
    yield from walk(rule.raw.get("check"), "check")


def only_placeholders(text: str) -> bool:
    """True when nothing but placeholders and punctuation is left of `text`."""
    return not re.search(r"[^\W\d_]", _PLACEHOLDER.sub("", text))


def test_at_most_eighteen_rules_are_bound_to_a_function() -> None:
    bound = sorted(r.id for r in RULES if r.function is not None)
    assert len(RULES) == 74
    assert len(bound) <= 18, bound


@pytest.mark.parametrize("text", ["{problem}.", "{detail}.", "{inversion}.", "{a} {b}: {c}",
                                  "{x|'y'}."])
def test_the_placeholder_check_catches_sentences_from_code(text: str) -> None:
    assert only_placeholders(text)


@pytest.mark.parametrize("text", ["On {channel}: {problem}.", "In {jurisdictions}, {detail}.",
                                  "A {stuck:words:or} started by {channel}"])
def test_the_placeholder_check_lets_real_sentences_pass(text: str) -> None:
    assert not only_placeholders(text)


def test_no_sentence_of_a_built_in_rule_is_only_a_placeholder() -> None:
    found = [f"{r.id} {where}: {text!r}" for r in RULES for where, text in _sentences(r)
             if only_placeholders(text)]
    assert found == []


def test_every_sentence_part_a_function_says_is_in_its_rule_file() -> None:
    from cxaudit.checks import CHECKS

    for rule in RULES:
        if rule.function is not None:
            assert set(rule.messages) == set(CHECKS[rule.function].branches), rule.id


def test_a_rule_missing_a_sentence_of_its_function_is_refused(tmp_path: Any) -> None:
    source = next(r for r in RULES if r.id == "RESP-014").file
    text = Path(source).read_text(encoding="utf-8")
    broken = re.sub(r"\n  unreached: .*\n", "\n", text)
    assert broken != text
    path = tmp_path / "RESP-014.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_rule(path)
    assert "says the sentence 'unreached'" in str(exc.value)
