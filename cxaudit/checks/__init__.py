"""The registry of built-in check functions that rule files may name (`function: ...`).

Only the expert checks that need code live here: worst-case clock comparisons across channels,
legal tables, policy shadowing, escalation timing. A function returns named facts and the name
of the rule file's sentence that fits (`base.violation`, `base.missing`); it never writes a
sentence itself. Registration is explicit and sorted; importing a check module has no side
effects. May import `cxaudit.clock`, `cxaudit.legal`, `cxaudit.model` and below; never the rule
loader, the engine or reports.
"""

from __future__ import annotations

from cxaudit.checks import (
    access,
    benchmarks,
    coverage,
    escalation,
    inversions,
    legal_complaints,
    legal_returns,
    policies,
    sla,
)
from cxaudit.checks.base import CheckContext, CheckSpec, NotApplicable, Outcome
from cxaudit.checks.legal import LEGAL_BRANCHES, LEGAL_PARTS

D, C, N, L, S, INT = "duration", "cadence", "number", "list", "string", "integer"  # param types
# how a rule words who answers out of hours: one sentence part per coverage
COVER = ("cover_none", "cover_bot", "cover_on_call", "cover_outsourced", "cover_unknown",
         "cover_only")

CHECKS: dict[str, CheckSpec] = {
    "accessibility_act": CheckSpec(
        legal_complaints.accessibility,
        branches=LEGAL_BRANCHES | {"channels", "real_time_text", "statement"},
        parts=LEGAL_PARTS | {"voice_only", "no_real_time_text", "no_statement"}),
    "channel_benchmarks": CheckSpec(
        benchmarks.channel_benchmarks, params={"written_max": D, "chat_max": D,
                                               "messaging_max": D, "phone_pct": N,
                                               "phone_within": D, "phone_max_abandon_pct": N},
        branches=frozenset({"slow", "slow_answer", "phone_slow", "abandoned", "service_level",
                            "purposes"})),
    "complaint_deadline": CheckSpec(
        legal_complaints.complaint_deadline, params={"return_transit": D, "inspection_time": D},
        branches=LEGAL_BRANCHES | {"holding_reply", "final_response", "defect_refund",
                                   "defect_deadline_from"},
        parts=LEGAL_PARTS | {
            "no_deadline", "lead_final", "lead_resolved", "beyond_without_holding_reply",
            "beyond", "defect_slow_from_claim", "defect_slow_after_return", "defect_slow",
            "defect_slow_later_start", "spell", "spell_bd", "spell_days"}),
    "dispute_body": CheckSpec(legal_complaints.dispute_body, optional={"body": S},
                              branches=LEGAL_BRANCHES | {"named"},
                              parts=LEGAL_PARTS | {"not_named", "no_body"}),
    "escalation_before_breach": CheckSpec(
        escalation.escalation_before_breach, params={"max_pct": N},
        branches=frozenset({"at_pct", "after_opening", "at_breach", "reference"})),
    "escalation_order": CheckSpec(escalation.escalation_order,
                                  branches=frozenset({"early", "reference"})),
    "first_reply_within": CheckSpec(sla.first_reply_within, params={"max_wait": D},
                                    branches=frozenset({"slow", "slow_always", "hours",
                                                        "purposes"})),
    "holiday_gap": CheckSpec(
        coverage.holiday_gap, params={"max_wait": D}, optional={"lookahead_days": INT},
        branches=frozenset({"gap", "gap_always", "laws_only", "hours", "coverage", "purposes"}),
        parts=frozenset({"law", "holidays", "holidays_and_listed", "listed", *COVER})),
    "hours_match_customers": CheckSpec(
        coverage.hours_match_customers, params={"min_overlap": D, "min_share_pct": N},
        branches=frozenset({"time_zone", "channel_hours", "hours"})),
    "no_forced_switch": CheckSpec(access.no_forced_switch, branches=frozenset({
        "stuck", "stuck_nowhere", "label_on_request", "history_not_shared", "purposes",
        "completes", "completes_many"})),
    "owners_on_duty": CheckSpec(escalation.owners_on_duty, branches=frozenset({
        "unreachable", "office_hours", "hours"})),
    "policy_shadowing": CheckSpec(policies.policy_shadowing, branches=frozenset({
        "unused", "shadowed", "unreached"})),
    "priority_order": CheckSpec(inversions.priority_order, branches=frozenset({
        "within", "across", "across_segment"})),
    "refund_terms": CheckSpec(
        legal_returns.refund_terms, params={"return_transit": D, "inspection_time": D},
        branches=LEGAL_BRANCHES | {"refund", "within", "deadline_from", "default_method",
                                   "outbound_shipping_refunded"},
        parts=LEGAL_PARTS | {
            "released_after_inspection", "not_money_back", "delivery_deducted", "delivery_kept",
            "clock_after_inspection", "too_slow", "too_slow_from_notice",
            "too_slow_after_return"}),
    "resolution_after_response": CheckSpec(sla.resolution_after_response, branches=frozenset({
        "first_response", "next_response", "periodic_update"})),
    "update_cadence": CheckSpec(sla.update_cadence, params={"max_wait": D}, branches=frozenset({
        "next_response", "periodic_update", "silent", "updates", "purposes"})),
    "urgent_coverage": CheckSpec(coverage.urgent_coverage, branches=frozenset({
        "waits", "waits_always", "night", "coverage"}), parts=frozenset(COVER)),
    "withdrawal_window": CheckSpec(
        legal_returns.withdrawal_window, params={"delivery_time": D},
        branches=LEGAL_BRANCHES | {"window_starts", "informed"},
        parts=LEGAL_PARTS | {
            "short_if_from_delivery", "short_after_transit", "short_after_transit_one", "short",
            "uninformed_window", "uninformed_window_policy", "uninformed_extended",
            "uninformed_extended_policy"}),
}

__all__ = ["CHECKS", "CheckContext", "CheckSpec", "NotApplicable", "Outcome"]
