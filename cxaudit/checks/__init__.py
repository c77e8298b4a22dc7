"""The registry of built-in check functions that rule files may name (`function: ...`).

Only the expert checks that need code live here: worst-case clock comparisons across channels,
legal tables, policy shadowing, escalation timing. Registration is explicit and sorted;
importing a check module has no side effects. May import `cxaudit.clock`, `cxaudit.legal`,
`cxaudit.model` and below; never the rule loader, the engine or reports.
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

D, C, N, L, S, INT = "duration", "cadence", "number", "list", "string", "integer"  # param types

CHECKS: dict[str, CheckSpec] = {
    "accessibility_act": CheckSpec(legal_complaints.accessibility),
    "channel_benchmarks": CheckSpec(
        benchmarks.channel_benchmarks, params={"written_max": D, "chat_max": D,
                                               "messaging_max": D, "phone_pct": N,
                                               "phone_within": D, "phone_max_abandon_pct": N}),
    "complaint_deadline": CheckSpec(
        legal_complaints.complaint_deadline, params={"return_transit": D, "inspection_time": D}),
    "dispute_body": CheckSpec(legal_complaints.dispute_body, optional={"body": S}),
    "escalation_before_breach": CheckSpec(
        escalation.escalation_before_breach, params={"max_pct": N}),
    "escalation_order": CheckSpec(escalation.escalation_order),
    "first_reply_within": CheckSpec(sla.first_reply_within, params={"max_wait": D}),
    "holiday_gap": CheckSpec(
        coverage.holiday_gap, params={"max_wait": D}, optional={"lookahead_days": INT}),
    "hours_match_customers": CheckSpec(
        coverage.hours_match_customers, params={"min_overlap": D, "min_share_pct": N}),
    "no_forced_switch": CheckSpec(access.no_forced_switch),
    "owners_on_duty": CheckSpec(escalation.owners_on_duty),
    "policy_shadowing": CheckSpec(policies.policy_shadowing),
    "priority_order": CheckSpec(inversions.priority_order),
    "refund_terms": CheckSpec(
        legal_returns.refund_terms, params={"return_transit": D, "inspection_time": D}),
    "resolution_after_response": CheckSpec(sla.resolution_after_response),
    "update_cadence": CheckSpec(sla.update_cadence, params={"max_wait": D}),
    "urgent_coverage": CheckSpec(coverage.urgent_coverage),
    "withdrawal_window": CheckSpec(legal_returns.withdrawal_window, params={"delivery_time": D}),
}

__all__ = ["CHECKS", "CheckContext", "CheckSpec", "NotApplicable", "Outcome"]
