"""The registry of built-in check functions that rule files may name (`function: ...`).

Registration is explicit and sorted; importing a check module has no side effects.
"""

from __future__ import annotations

from cxaudit.checks import (
    access,
    benchmarks,
    chain,
    coverage,
    culture,
    escalation,
    journey,
    legal,
    policies,
    recovery,
    sla,
    surveys,
    systems,
    vision,
)
from cxaudit.checks.base import CheckContext, CheckSpec, NotApplicable, Outcome

D, C, N, L = "duration", "cadence", "number", "list"  # param types

CHECKS: dict[str, CheckSpec] = {
    "accessibility_act": CheckSpec(legal.accessibility),
    "channel_benchmarks": CheckSpec(benchmarks.channel_benchmarks,
        params={"chat_max": D, "messaging_max": D, "written_max": D, "phone_within": D,
                "phone_pct": N, "phone_max_abandon_pct": N}),
    "channel_mix": CheckSpec(access.channel_mix),
    "compensation_matrix": CheckSpec(recovery.compensation_matrix,
        params={"graded": L, "restrictive": L, "sector_failures": L,
                "min_validity": D}),
    "complaint_deadline": CheckSpec(legal.complaint_deadline),
    "detractor_follow_up": CheckSpec(sla.detractor_follow_up, params={"max_wait": D}),
    "dispute_body": CheckSpec(legal.dispute_body),
    "effort_measured": CheckSpec(surveys.effort_measured, params={"journeys": L}),
    "escalation_before_breach": CheckSpec(escalation.escalation_before_breach,
        params={"max_pct": N}),
    "escalation_end": CheckSpec(chain.escalation_end),
    "escalation_kinds": CheckSpec(chain.escalation_kinds),
    "escalation_order": CheckSpec(escalation.escalation_order),
    "escalation_owners": CheckSpec(escalation.escalation_owners),
    "first_reply_within": CheckSpec(sla.first_reply_within, params={"max_wait": D}),
    "first_response_target": CheckSpec(sla.first_response_target),
    "free_to_contact": CheckSpec(access.free_to_contact),
    "holiday_gap": CheckSpec(coverage.holiday_gap, params={"max_wait": D}),
    "hours_match_customers": CheckSpec(coverage.hours_match_customers,
        params={"min_overlap": D, "min_share_pct": N}),
    "maps_in_use": CheckSpec(journey.maps_in_use, params={"max_age": C}),
    "no_forced_switch": CheckSpec(access.no_forced_switch),
    "owners_on_duty": CheckSpec(escalation.owners_on_duty),
    "pause_states": CheckSpec(policies.pause_states, optional={"allowed": L}),
    "policy_shadowing": CheckSpec(policies.policy_shadowing),
    "priority_order": CheckSpec(sla.priority_order),
    "proactive_triggers": CheckSpec(journey.proactive_triggers, params={"sector_triggers": L}),
    "refund_terms": CheckSpec(legal.refund_terms),
    "resolution_after_response": CheckSpec(sla.resolution_after_response),
    "resolution_for_every_response": CheckSpec(sla.resolution_for_every_response),
    "self_service": CheckSpec(access.self_service, params={"max_age": C}),
    "service_before_acquisition": CheckSpec(culture.service_before_acquisition, after_others=True),
    "service_vision": CheckSpec(vision.service_vision, params={"max_age": C}),
    "social_monitored": CheckSpec(sla.social_monitored),
    "survey_mix": CheckSpec(surveys.survey_mix, params={"max_review": C}),
    "systems_current": CheckSpec(systems.systems_current, params={"core_roles": L, "max_age": C}),
    "update_cadence": CheckSpec(sla.update_cadence, params={"max_wait": D}),
    "urgent_coverage": CheckSpec(coverage.urgent_coverage),
    "withdrawal_window": CheckSpec(legal.withdrawal_window, params={"delivery_time": D}),
}

__all__ = ["CHECKS", "CheckContext", "CheckSpec", "NotApplicable", "Outcome"]
