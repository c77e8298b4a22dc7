"""Maturity stage: cumulative gates, evidence required, what blocks the next stage."""

from __future__ import annotations

from cxaudit.api import audit
from cxaudit.engine.maturity import Model, Stage, assess, model
from cxaudit.model.findings import Finding, Kind, Location, RuleResult, Severity, Status

LOC = Location("p.yaml", 1, 1, "x")
M = Model("m", "u", "1", "", (Stage("One", "", ()), Stage("Two", "", ("A-1", "A-2")),
                               Stage("Three", "", ("B-1",))), (("All", ("A-*", "B-*")),))


def res(rid: str, status: Status, severity: Severity = Severity.HIGH) -> RuleResult:
    findings = ()
    if status is Status.FAILED:
        findings = (Finding(rid, severity, Kind.VIOLATION, "m", LOC),)
    elif status is Status.NEEDS_EVIDENCE:
        findings = (Finding(rid, severity, Kind.NEEDS_EVIDENCE, "m", LOC),)
    return RuleResult(rid, status, findings)


def test_all_gates_hold_reaches_the_last_stage() -> None:
    m = assess([res("A-1", Status.PASSED), res("A-2", Status.NOT_APPLICABLE),
                res("B-1", Status.PASSED)], M)
    assert (m.level, m.stage, m.next_stage, m.blockers) == (3, "Three", None, ())


def test_stages_are_cumulative() -> None:
    m = assess([res("A-1", Status.FAILED), res("A-2", Status.PASSED),
                res("B-1", Status.PASSED)], M)
    assert (m.level, m.stage, m.next_stage) == (1, "One", "Two")
    assert [(b.rule_id, b.status) for b in m.blockers] == [("A-1", "failed")]


def test_missing_evidence_blocks_and_says_so() -> None:
    m = assess([res("A-1", Status.PASSED), res("A-2", Status.PASSED),
                res("B-1", Status.NEEDS_EVIDENCE)], M)
    assert (m.level, m.next_stage) == (2, "Three")
    assert [(b.rule_id, b.status) for b in m.blockers] == [("B-1", "needs-evidence")]


def test_info_notes_do_not_block_and_rules_not_run_are_not_assessed() -> None:
    m = assess([res("A-1", Status.FAILED, Severity.INFO), res("B-1", Status.PASSED)], M)
    assert m.level == 3
    assert [(c.name, c.rules, c.failing) for c in m.competencies] == [("All", 2, 0)]


def test_every_gating_rule_is_a_builtin_rule() -> None:
    from cxaudit.rules.packs import builtin_rules

    ids = {r.id for r in builtin_rules()}
    gates = {rid for s in model().stages for rid in s.requires}
    assert gates - ids == set()


def test_online_shop_stands_at_initiate_held_back_by_holiday_waits() -> None:
    unit = audit(["examples/online-shop.yaml"]).units[0]
    assert (unit.maturity.stage, unit.maturity.next_stage) == ("Initiate", "Mobilize")
    assert [b.rule_id for b in unit.maturity.blockers] == ["RESP-011"]
