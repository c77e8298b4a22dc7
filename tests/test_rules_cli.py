"""`cxaudit rules list / show / test`, for rule authors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOOD = """\
id: HOUSE-002
title: Complaints are acknowledged the same day
category: complaints
severity: medium
impact: 3
effort: 1
tags: [house]
select: complaints
check: {path: acknowledge_within, at_most: 8h}
message: "Complaints are acknowledged within {value}; our standard is the same day."
why: Clients expect to know the same day that someone has their complaint.
fix: Send an automatic written acknowledgement and set acknowledge_within to 8h.
source: [{title: House standard}]
examples:
  - {name: same day, expect: pass, document: {complaints: {acknowledge_within: 4h}}}
  - {name: next day, expect: fail, document: {complaints: {acknowledge_within: 1bd}}}
"""


def test_list_filters_and_json(cli: Any) -> None:
    r = cli("rules", "list", "--category", "returns")
    assert r.exit_code == 0 and "RET-003" in r.stdout and "RESP-001" not in r.stdout
    data = json.loads(cli("rules", "list", "-f", "json", "--severity", "critical").stdout)
    assert [d["id"] for d in data] == ["CMP-003", "RESP-001", "RET-001", "RET-002"]
    assert set(data[0]) >= {"id", "title", "category", "severity", "impact", "effort", "source"}
    assert "RET-004" in cli("rules", "list", "--tag", "returns").stdout


def test_show_explains_a_rule(cli: Any) -> None:
    r = cli("rules", "show", "fdb-003")
    assert r.exit_code == 0
    for part in ("Why it matters", "How to fix it", "S001.3", "max_wait = 48h", "[fail]"):
        assert part in r.stdout


def test_show_lists_the_sentences_a_check_function_says(cli: Any) -> None:
    out = cli("rules", "show", "RESP-011").stdout
    assert "Check: built-in check function `holiday_gap`" in out
    assert "  Sentences it says (messages):\n    coverage: Say who answers" in out
    assert "    cover_none: no out-of-hours cover\n" in out
    assert "Sentences it says" not in cli("rules", "show", "RET-005").stdout  # declarative


def test_show_prints_structured_params_as_yaml_an_author_can_copy(cli: Any,
                                                                  tmp_path: Path) -> None:
    # The built-in sector tables live in rules/data/sectors.yaml; a pack's own table is a
    # structured parameter like this one.
    pack = tmp_path / "house"
    pack.mkdir()
    jrn = (Path(__file__).parents[1] / "rules" / "core" / "JRN-003.yaml").read_text()
    (pack / "HOUSE-003.yaml").write_text(jrn.replace("id: JRN-003", "id: HOUSE-003").replace(
        "    default: []\n", "    default:\n      - sectors: [retail_ecommerce, marketplace]\n"
        "        needs:\n          - {name: order delays, keywords: [delay, late]}\n", 1))
    out = cli("rules", "show", "HOUSE-003", "--rules", pack).stdout
    assert "{'sectors'" not in out  # not a Python repr
    assert "      - sectors: [retail_ecommerce, marketplace]" in out
    assert "          keywords: [delay, late]" in out


def test_show_unknown_rule_suggests(cli: Any) -> None:
    r = cli("rules", "show", "RET-04")
    assert r.exit_code == 2 and "did you mean RET-004?" in r.stderr


def test_test_runs_builtin_examples(cli: Any) -> None:
    r = cli("rules", "test")
    assert r.exit_code == 0 and r.stdout.strip().endswith(" passed, 0 failed")


def test_test_custom_pack_passes_and_fails(cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "HOUSE-002.yaml").write_text(GOOD)
    assert cli("rules", "test", pack).stdout.strip() == "2 passed, 0 failed"
    (pack / "HOUSE-002.yaml").write_text(GOOD.replace("expect: fail", "expect: pass"))
    r = cli("rules", "test", pack)
    assert r.exit_code == 1 and "has no example with expect: fail" in r.stdout


def test_test_reports_a_wrong_expectation(cli: Any, tmp_path: Path) -> None:
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "HOUSE-002.yaml").write_text(GOOD.replace("acknowledge_within: 4h}}}",
                                                      "acknowledge_within: 12h}}}"))
    r = cli("rules", "test", pack)
    assert r.exit_code == 1 and "expected passed, got failed" in r.stdout


def test_readme_rule_table_is_the_rules_list_markdown(cli: Any) -> None:
    from conftest import ROOT

    table = cli("rules", "list", "-f", "md").stdout
    assert table.count("\n") == len(json.loads(cli("rules", "list", "-f", "json").stdout)) + 2
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), (
        "README's rule table is stale: paste the output of `cxaudit rules list -f md`")
