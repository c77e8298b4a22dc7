"""Every built-in rule's examples run as tests, plus catalogue meta-tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxaudit.engine.examples import run_example
from cxaudit.report.seeds import public_url
from cxaudit.rules.packs import Rule, builtin_rules

RULES = builtin_rules()
ROOT = Path(__file__).resolve().parents[1]


def _cases() -> list[Any]:
    cases = [pytest.param(rule, dict(example), id=f"{rule.id}:{example['name']}")
             for rule in RULES for example in rule.examples]
    assert len(cases) >= 2 * len(RULES), "the collector found too few rule examples"
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_rule_example(rule: Rule, example: dict[str, Any]) -> None:
    result = run_example(rule, example, RULES)
    assert result.ok, result.detail


def test_shipped_rules_are_found() -> None:
    ids = {r.id for r in RULES}
    shipped = {"RESP-001", "RESP-002", "RESP-005", "RESP-006", "RESP-007", "RET-003", "RET-004",
               "RET-005", "ESC-001", "ESC-002", "FDB-003", "FDB-006", "OWN-001", "OWN-005"}
    assert shipped <= ids


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_pass_and_fail_examples(rule: Rule) -> None:
    kinds = [e["expect"] for e in rule.examples]
    assert "pass" in kinds and "fail" in kinds


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_file_is_named_after_its_id(rule: Rule) -> None:
    assert Path(rule.file).stem == rule.id


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_texts_are_complete(rule: Rule) -> None:
    assert rule.why and rule.fix and rule.sources
    assert not re.search(r"\b(TODO|TBD|FIXME|lorem)\b", rule.message + rule.why + rule.fix, re.IGNORECASE)
    for name in re.findall(r"\{([a-z_][a-z0-9_.]*)\}", rule.fix + rule.why):
        assert name in rule.params, f"why/fix may only use params, found {{{name}}}"


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def _seed_index() -> dict[str, set[str]]:
    data = yaml.safe_load((ROOT / "rules" / "data" / "seeds.yaml").read_text(encoding="utf-8"))
    return {s["file"]: set(s["passages"]) for s in data["seeds"]}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_seed_citations_name_a_real_file_and_passage(rule: Rule) -> None:
    index = _seed_index()
    for src in rule.sources:
        if src.seed is None:  # a published source: a title, and a public address if it has one
            assert src.title, src
            assert src.url is None or public_url(src.url), src
            continue
        assert src.seed in index, f"{rule.id} cites unknown seed file {src.seed}"
        assert src.passage in index[src.seed], f"{rule.id} cites unknown passage {src.passage}"
        assert src.passage[1:4] == src.seed[:3], "passage prefix must match the seed file"


def test_a_rule_weighs_only_the_findings_of_the_categories_it_declares() -> None:
    """OWN-005's second stage is data: `weighs_findings_of` names what it sees."""
    from dataclasses import replace

    from cxaudit.api import load_process
    from cxaudit.engine.run import run_rules
    from cxaudit.model.findings import Status

    proc = load_process(str(ROOT / "examples" / "weak-small-shop.yaml"))
    own = next(r for r in RULES if r.id == "OWN-005")
    as_declared = {r.rule_id: r for r in run_rules(RULES, proc)}["OWN-005"]
    assert as_declared.status is Status.FAILED
    assert "(replies to customers)" in as_declared.findings[0].message
    narrowed = [replace(own, weighs={"complaints": "complaint handling"}) if r is own else r
                for r in RULES]
    assert {r.rule_id: r for r in run_rules(narrowed, proc)}["OWN-005"].status \
        is Status.NOT_APPLICABLE  # no critical complaint finding: nothing to weigh
