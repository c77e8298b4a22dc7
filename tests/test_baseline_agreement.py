"""`check --baseline` and `diff` agree on what a change made new or worse.

One table of edits, each applied to a process file that a baseline was taken of. For each edit
the findings `check --baseline` counts (violations that can fail a run and that no baseline
entry covers, or that got worse than their entry) must be exactly the findings `diff` lists as
introduced or worse, and both must be the ones the table expects. The policy verdict of `diff`
is checked too: a change can make the policy worse without any finding (a longer resolution
target no rule objects to), which only `diff` reports.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES

from cxaudit.api import Options, audit
from cxaudit.diff import diff
from cxaudit.document.loading import load_text

SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"
Edit = Any  # a function from the file's text to the edited text


def replaced(*pairs: tuple[str, str]) -> Edit:
    def edit(text: str) -> str:
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new)
        return text
    return edit


def reordered(text: str) -> str:
    """Every list whose order means nothing reversed (SLA policies keep theirs: first match
    wins), then the file written back in another layout."""
    doc = load_text(text, "unit.yaml").data  # YAML 1.2: `on:` stays a key, not True
    doc["channels"].reverse()
    doc["escalation"]["levels"].reverse()
    for key in ("surveys", "kpis"):
        doc["feedback"].get(key, []).reverse()
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def reformatted(text: str) -> str:
    data = load_text(text, "unit.yaml").data
    return "# re-indented, keys sorted, comments gone\n\n" + yaml.safe_dump(
        data, indent=4, sort_keys=True, allow_unicode=True)


STANDARD_RESOLUTION = ("resolution:     {urgent: 8h, high: 1bd, normal: 2bd, low: 5bd}\n"
                       "    attainment_target_pct: 90")
TIKTOK = ("  - {id: tiktok, type: social, enabled: true, purposes: [marketing],\n"
          "     social: {platform: tiktok, monitored: false}}\n")
SMS = "  - {id: sms, type: sms, enabled: true, purposes: [support], sla_policy: standard}\n"


@dataclass(frozen=True)
class Case:
    """One edit, and what both commands must say about it."""

    name: str
    base: Path
    edit: Edit
    verdict: str  # diff's verdict on the policy
    new: frozenset[tuple[str, str]]  # (rule, place) counted by check --baseline, listed by diff


CASES = [
    Case("loosen the value of a failing finding", WEAK,
         replaced(("first_response: {normal: 48h}", "first_response: {normal: 72h}")), "worse",
         frozenset({("RESP-001", "sla_policies[id=email].targets.first_response.normal"),
                    ("RESP-003", "sla_policies[id=email].targets.first_response.normal")})),
    Case("tighten it", WEAK,
         replaced(("first_response: {normal: 48h}", "first_response: {normal: 36h}")),
         "better", frozenset()),
    Case("rename the failing policy", SHOP,
         replaced(("id: standard", "id: default"), ("sla_policy: standard", "sla_policy: default")),
         "changed", frozenset()),
    Case("rename a failing channel", SHOP,
         replaced(("  - id: instagram\n", "  - id: insta\n")), "changed", frozenset()),
    Case("reorder channels, escalation levels and surveys", SHOP, reordered, "unchanged",
         frozenset()),
    Case("reorder the weak shop's lists", WEAK, reordered, "unchanged", frozenset()),
    Case("reformat", SHOP, reformatted, "unchanged", frozenset()),
    Case("a new channel joins the failing policy", SHOP,
         replaced(("  - {id: whatsapp,", SMS + "  - {id: whatsapp,"),
                  ("channels: [email, web_form]}", "channels: [email, web_form, sms]}")),
         "better",
         frozenset({("RESP-011", "sla_policies[id=standard].targets.first_response"),
                    ("RESP-003", "sla_policies[id=standard].targets.first_response.normal")})),
    Case("a live channel moves to the failing policy", SHOP,
         replaced(("sales], sla_policy: live,", "sales], sla_policy: standard,")), "worse",
         frozenset({("RESP-003", "sla_policies[id=standard].targets.first_response.normal")})),
    Case("loosen a target no finding is about", SHOP,
         replaced((STANDARD_RESOLUTION, STANDARD_RESOLUTION.replace("normal: 2bd",
                                                                    "normal: 3bd"))),
         "worse", frozenset()),
    Case("an unrelated change", SHOP,
         replaced(("name: Tundra Outdoor - online shop DE/AT", "name: Tundra Outdoor DE/AT")),
         "changed", frozenset()),
    Case("a new weakness", SHOP,
         replaced(("self_service:\n", TIKTOK + "self_service:\n")), "better",
         frozenset({("RESP-004", "channels[id=tiktok].social.monitored")})),
]


def counted_by_check(unit: Path, baseline: Path) -> frozenset[tuple[str, str]]:
    result = audit([str(unit)], Options(baseline=str(baseline), fail_on="low"))
    return frozenset((f.rule_id, f.location.anchor or f.location.path)
                     for u in result.units for f in u.findings
                     if f.kind.value == "violation" and f.severity.value != "info"
                     and f.suppression is None)


def listed_by_diff(old: Path, new: Path) -> tuple[str, frozenset[tuple[str, str]]]:
    result = diff(str(old), str(new))
    return result.verdict, frozenset((f.rule_id, f.path) for f in result.introduced
                                     if f.kind == "violation" and f.severity != "info")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_baseline_and_diff_agree(case: Case, tmp_path: Path) -> None:
    unit, before = tmp_path / "unit.yaml", tmp_path / "before" / "unit.yaml"
    before.parent.mkdir()
    shutil.copy(case.base, unit)
    shutil.copy(case.base, before)
    baseline = tmp_path / ".cxaudit-baseline.json"
    from cxaudit.api import baseline_text

    baseline.write_text(baseline_text([str(unit)], str(baseline)), encoding="utf-8")
    assert counted_by_check(unit, baseline) == frozenset()  # the baseline covers everything
    unit.write_text(case.edit(case.base.read_text(encoding="utf-8")), encoding="utf-8")
    verdict, by_diff = listed_by_diff(before, unit)
    by_check = counted_by_check(unit, baseline)
    assert by_check == by_diff, f"check --baseline: {sorted(by_check)}; diff: {sorted(by_diff)}"
    assert by_check == case.new
    assert verdict == case.verdict


def test_the_command_line_says_why_a_baselined_finding_counts(cli: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(WEAK, "unit.yaml")
    assert cli("baseline", "create", "unit.yaml").exit_code == 0
    assert cli("check", "unit.yaml").exit_code == 0  # .cxaudit-baseline.json is found
    text = Path("unit.yaml").read_text(encoding="utf-8")
    Path("unit.yaml").write_text(text.replace("{normal: 48h}", "{normal: 72h}"),
                                 encoding="utf-8")
    r = cli("check", "unit.yaml", "-f", "json")
    assert r.exit_code == 1
    assert ("warning: baselined RESP-001 at unit.yaml sla_policies[id=email].targets."
            "first_response.normal got worse (first response target: 48h -> 72h): it counts "
            "as new") in r.stderr
    worse = json.loads(r.stdout)["baseline"]["worse"]
    assert [(w["rule"], w["why"]) for w in worse] == [
        ("RESP-001", "first response target: 48h -> 72h"),
        ("RESP-003", "first response target: 48h -> 72h")]
    d = cli("diff", str(WEAK), "unit.yaml")
    assert "(worse: first response target: 48h -> 72h)" in d.stdout
