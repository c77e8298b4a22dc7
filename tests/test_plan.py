"""One cause, one action: the plan groups findings by cause, the findings themselves stay as they are.

A weekend without cover that makes several targets of one policy wait too long is one action
listing each of them; a missing fact several rules need is one question; counts, verdicts and the
JSON `actions` follow what the plan shows, while JSON `findings` and SARIF keep one result per
rule and place with unchanged fingerprints.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLES, GOLDEN, ROOT

from cxaudit.api import Options, audit
from cxaudit.engine.plan import NOTE, build_plan
from cxaudit.model.findings import (
    Finding,
    Kind,
    Location,
    RuleResult,
    Severity,
    Status,
    Suppression,
)
from cxaudit.report import render
from cxaudit.rules.packs import load_packs

CASES = sorted(EXAMPLES.glob("*.yaml")) + [EXAMPLES / "units"]
SEVERITIES = ("critical", "high", "medium", "low")

WEEKEND_GAP = """\
apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {id: shop, name: Weekend shop, updated: 2025-09-01}
organization: {name: Shop, sector: retail_ecommerce, customer_type: b2c, jurisdictions: [DE],
               sells: [physical_goods]}
business_hours:
  timezone: Europe/Berlin
  schedule: [{days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}]
  after_hours: {coverage: none}
sla_policies:
  - id: standard
    applies_to: {channels: [email, web_form]}
    clock: business
    targets:
      first_response: {urgent: 1h, high: 2h, normal: 4h}
      resolution: {urgent: 1bd, high: 2bd, normal: 3bd}
channels:
  - {id: email, type: email, purposes: [support], sla_policy: standard}
  - {id: web_form, type: web_form, purposes: [support], sla_policy: standard}
"""


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Path:
    f = tmp_path_factory.mktemp("plan") / "process.yaml"
    f.write_text(WEEKEND_GAP, encoding="utf-8")
    return f


def test_a_weekend_gap_is_one_action_listing_every_target(weekend: Path) -> None:
    result = audit([str(weekend)], Options())
    unit = result.units[0]
    found = [f for f in unit.findings if f.rule_id == "RESP-001"]
    assert len(found) == 3  # one finding per priority target: fingerprints stay per place
    (action,) = [a for a in unit.actions if a.rule.id == "RESP-001"]
    assert action.cause == "policy 'standard'"
    assert sorted(action.findings, key=Finding.sort_key) == sorted(found, key=Finding.sort_key)
    assert action.severity is Severity.CRITICAL and action.bucket == "do-now"
    text = render("text", result)
    assert text.count("RESP-001  critical") == 1
    assert "Same cause (policy 'standard'), also:" in text
    for prio in ("urgent", "high", "normal"):
        assert f"{prio} priority" in text
    also = [line for line in text.splitlines() if line.startswith("      - ")]
    assert any("high priority on email, web_form (2h)" in line for line in also)
    assert any("normal priority on email, web_form (4h)" in line for line in also)
    assert unit.counts()["critical"] == 1  # one action, however many targets it affects
    assert Counter(unit.plan.findings()) == Counter(unit.findings)  # each shown exactly once


def test_the_grouped_action_reads_in_every_format(weekend: Path) -> None:
    result = audit([str(weekend)], Options())
    md = render("md", result)
    row = next(line for line in md.splitlines() if "| RESP-001 |" in line)
    assert "**Same cause (policy 'standard'), also:**" in row and row.count("<br>· `") == 2
    html = render("html", result)
    assert html.count('<p class="also-title">Same cause (policy &#39;standard&#39;), also:</p>') == 1
    doc = json.loads(render("json", result))
    (entry,) = [a for a in doc["actions"] if a["rule_ids"] == ["RESP-001"]]
    assert entry["kind"] == "action" and entry["cause"] == "policy 'standard'"
    assert len(entry["findings"]) == 3 and entry["fails_run"] is True
    assert entry["findings"][0]["text"].startswith("urgent priority on email, web_form (1h): ")


def test_a_missing_section_is_one_question_for_every_rule_that_needs_it(weekend: Path) -> None:
    result = audit([str(weekend)], Options())
    unit = result.units[0]
    needing = {f.rule_id for f in unit.needs_evidence if f.location.path == "complaints"}
    assert {"CMP-001", "CMP-002", "CMP-004"} <= needing  # three rules, one missing fact
    (q,) = [q for q in unit.questions if q.path == "complaints"]
    assert needing <= set(q.rule_ids)
    text = render("text", result)
    assert "Not described: complaints" not in text  # no longer repeated once per rule...
    # ...but named once, as the head of its question
    assert sum(1 for line in text.splitlines() if line.startswith("    complaints  ")) == 1
    md = render("md", result)
    assert md.count("**Not described: `complaints`**") == 1
    doc = json.loads(render("json", result))
    questions = [a for a in doc["actions"] if a["kind"] == "question"]
    (entry,) = [a for a in questions if a["cause"] == "complaints"]
    assert {"CMP-001", "CMP-002", "CMP-004"} <= set(entry["rule_ids"])
    assert doc["units"][0]["counts"]["needs-evidence"] == len(questions) == len(unit.questions)
    # ...while JSON findings and SARIF still carry one result per rule
    assert sum(1 for f in doc["findings"] if f["location"]["path"] == "complaints") == \
        len([f for f in unit.needs_evidence if f.location.path == "complaints"])


def test_a_fact_inside_a_missing_section_joins_its_question(weekend: Path) -> None:
    unit = audit([str(weekend)], Options()).units[0]
    (data,) = [q for q in unit.questions if q.path == "data"]
    inside = [f for f in data.findings if f.location.path.startswith("data.")]
    assert inside, "a rule asking for a fact under data joins the data question"
    assert not [q for q in unit.questions if q.path.startswith("data.")]


# --------------------------------------------------------------------------- the plan layer

RULES = {r.id: r for r in load_packs([], builtin=True)}


def _f(rule: str, sev: Severity, path: str, cause: str = "", kind: Kind = Kind.VIOLATION,
       suppression: Suppression | None = None) -> Finding:
    return Finding(rule, sev, kind, f"{rule} at {path}", Location("p.yaml", 3, 5, path, ""),
                   cause=cause, suppression=suppression)


def _res(rule: str, *findings: Finding) -> RuleResult:
    return RuleResult(rule, Status.FAILED, findings)


def test_one_cause_groups_within_a_rule_never_across_rules() -> None:
    a, b = _f("RESP-001", Severity.HIGH, "x.high", "policy 'p'"), \
        _f("RESP-001", Severity.CRITICAL, "x.normal", "policy 'p'")
    other = _f("RESP-008", Severity.MEDIUM, "x.next", "policy 'p'")
    plan = build_plan([_res("RESP-001", a, b), _res("RESP-008", other)], RULES)
    assert [(x.rule.id, len(x.findings)) for x in plan.actions] == [("RESP-001", 2),
                                                                    ("RESP-008", 1)]
    lead = plan.actions[0]
    assert lead.finding == b and lead.severity is Severity.CRITICAL  # ranked by the worst
    assert lead.priority == pytest.approx(Severity.CRITICAL.weight * RULES["RESP-001"].impact
                                          / RULES["RESP-001"].effort)


def test_without_a_cause_only_the_same_place_groups() -> None:
    one, two = _f("RET-001", Severity.CRITICAL, "returns.window"), \
        _f("RET-001", Severity.HIGH, "returns.window")
    elsewhere = _f("RET-001", Severity.HIGH, "returns.refund")
    plan = build_plan([_res("RET-001", one, two, elsewhere)], RULES)
    assert sorted(len(a.findings) for a in plan.actions) == [1, 2]
    assert all(a.cause == "" for a in plan.actions)


def test_a_note_of_the_same_cause_joins_the_action_and_notes_alone_stay_notes() -> None:
    crit = _f("RESP-001", Severity.CRITICAL, "t.high", "policy 'p'")
    low = _f("RESP-001", Severity.INFO, "t.low", "policy 'p'")
    alone = _f("RESP-001", Severity.INFO, "u.low", "policy 'q'")
    plan = build_plan([_res("RESP-001", crit, low, alone)], RULES)
    assert [a.findings for a in plan.actions] == [(crit, low)]
    assert [(a.findings, a.bucket, a.priority) for a in plan.notes] == [((alone,), NOTE, 0.0)]


def test_an_action_fails_while_any_of_its_findings_does() -> None:
    waived = Suppression("waiver", "agreed", "cx", "2030-01-01")
    a = _f("RESP-001", Severity.CRITICAL, "t.high", "policy 'p'", suppression=waived)
    b = _f("RESP-001", Severity.CRITICAL, "t.normal", "policy 'p'")
    (action,) = build_plan([_res("RESP-001", a, b)], RULES).actions
    assert action.fails("high") and action.suppression is None
    (both,) = build_plan([_res("RESP-001", a, _f("RESP-001", Severity.CRITICAL, "t.normal",
                                                 "policy 'p'", suppression=waived))],
                         RULES).actions
    assert not both.fails("high") and both.suppression == waived


def test_questions_are_ordered_by_the_score_they_hold_back() -> None:
    cmp = [_f(r, Severity.INFO, "complaints", kind=Kind.NEEDS_EVIDENCE)
           for r in ("CMP-001", "CMP-002", "CMP-004")]
    lone = _f("FDB-008", Severity.INFO, "feedback.community", kind=Kind.NEEDS_EVIDENCE)
    results = [RuleResult(f.rule_id, Status.NEEDS_EVIDENCE, (f,)) for f in [lone, *cmp]]
    qs = build_plan(results, RULES).questions
    assert [q.path for q in qs] == ["complaints", "feedback.community"]
    assert qs[0].rule_ids == ("CMP-001", "CMP-002", "CMP-004")


def test_only_a_section_that_is_absent_absorbs_the_facts_inside_it() -> None:
    levels = _f("ESC-007", Severity.INFO, "escalation.levels", kind=Kind.NEEDS_EVIDENCE)
    trigger = _f("ESC-004", Severity.INFO, "escalation.levels[0].trigger",
                 kind=Kind.NEEDS_EVIDENCE)
    results = [RuleResult(f.rule_id, Status.NEEDS_EVIDENCE, (f,)) for f in (levels, trigger)]
    described = {"escalation": {"levels": [{"name": "Team lead"}]}}
    assert sorted(q.path for q in build_plan(results, RULES, described).questions) == [
        "escalation.levels", "escalation.levels[0].trigger"]  # two facts, two questions
    for empty in ({"escalation": {}}, {"escalation": {"levels": []}}):
        (q,) = build_plan(results, RULES, empty).questions
        assert q.path == "escalation.levels" and q.rule_ids == ("ESC-004", "ESC-007")


# ------------------------------------------------------- counts and findings on the examples

@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> tuple[Path, dict, dict, str]:  # type: ignore[type-arg]
    cwd = os.getcwd()
    os.chdir(ROOT)  # as the goldens were made: paths as typed, relative to the repository
    try:
        result = audit([str(request.param.relative_to(ROOT))], Options())
    finally:
        os.chdir(cwd)
    return (request.param, json.loads(render("json", result)),
            json.loads(render("sarif", result)), render("text", result))


def test_counts_and_score_are_what_the_plan_shows(
        example: tuple[Path, dict, dict, str]) -> None:  # type: ignore[type-arg]
    _, doc, _, text = example
    for unit in doc["units"]:
        entries = [a for a in doc["actions"] if a["unit"] == unit["file"]]
        actions = [a for a in entries if a["kind"] == "action"]
        for sev in SEVERITIES:
            assert unit["counts"][sev] == sum(1 for a in actions if a["severity"] == sev)
        assert unit["counts"]["info"] == sum(1 for a in entries if a["kind"] == "note")
        assert unit["counts"]["needs-evidence"] == sum(1 for a in entries
                                                       if a["kind"] == "question")
        assert unit["failing_actions"] == sum(1 for a in actions if a["fails_run"])
        # the score counts rules: every applicable rule not passed is in the plan, once per cause
        waiting = {r for a in entries if a["kind"] != "note" for r in a["rule_ids"]}
        assert unit["applicable"] - unit["passed"] == len(waiting)
        c = unit["counts"]
        assert (f"{c['critical']} critical, {c['high']} high, {c['medium']} medium, "
                f"{c['low']} low") in text
        # the score counts only judged rules; a rule that needs evidence lowers `described`
        only_missing = {r for a in entries if a["kind"] == "question" for r in a["rule_ids"]}
        only_missing -= {r for a in entries if a["kind"] == "action" for r in a["rule_ids"]}
        assert unit["judged"] == unit["applicable"] - len(only_missing)
        assert unit["described"] < 100 if only_missing else unit["described"] == 100
        n = c["needs-evidence"]
        if n > 5:
            assert f"Next questions to answer: the 5 of {n} missing facts" in text
        elif n:
            assert f"Next questions to answer ({n} missing facts," in text
    shown = sum(len([a for a in doc["actions"] if a["unit"] == u["file"] and
                     a["kind"] == "action"]) for u in doc["units"])
    numbered = sum(1 for line in text.splitlines()
                   if re.match(r" {1,3}\d+\. [A-Z]+-\d+ +(critical|high|medium|low) ", line))
    assert numbered == shown  # the text plan numbers one line per action


def test_every_finding_is_in_exactly_one_plan_entry_and_sarif_is_untouched(
        example: tuple[Path, dict, dict, str]) -> None:  # type: ignore[type-arg]
    case, doc, sarif, _ = example
    findings = Counter((f["unit"], f["rule_id"], f["fingerprint"]) for f in doc["findings"])
    entries = Counter((a["unit"], m["rule_id"], m["fingerprint"])
                      for a in doc["actions"] for m in a["findings"])
    assert entries == findings
    results = sarif["runs"][0]["results"]
    prints = Counter((r["ruleId"], r["partialFingerprints"]["cxaudit/v1"]) for r in results)
    # SARIF lists the violations (missing facts only on request: --sarif-needs-evidence)
    assert prints == Counter((f["rule_id"], f["fingerprint"]) for f in doc["findings"]
                             if f["kind"] == "violation")
    golden = json.loads((GOLDEN / f"{case.stem}.sarif").read_text(encoding="utf-8"))
    before = Counter((r["ruleId"], r["partialFingerprints"]["cxaudit/v1"])
                     for r in golden["runs"][0]["results"])
    assert prints == before, "grouping the plan must not change SARIF results or fingerprints"
    grouped = len(doc["actions"]) < len(doc["findings"])
    assert grouped or not findings
