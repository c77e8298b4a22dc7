"""The registry of built-in check functions that rule files may name (`function: ...`).

Registration is explicit and sorted; importing a check module has no side effects.
"""

from __future__ import annotations

from cxaudit.checks import (
    access,
    benchmarks,
    chain,
    closedloop,
    complaints,
    coverage,
    culture,
    escalation,
    journey,
    legal,
    policies,
    recovery,
    replies,
    sla,
    surveys,
    systems,
    vision,
)
from cxaudit.checks.base import CheckContext, CheckSpec, NotApplicable, Outcome

CHECKS: dict[str, CheckSpec] = {
    "accessibility_act": CheckSpec(legal.accessibility),
    "acknowledgement": CheckSpec(replies.acknowledgement),
    "channel_benchmarks": CheckSpec(benchmarks.channel_benchmarks),
    "channel_mix": CheckSpec(access.channel_mix),
    "compensation_matrix": CheckSpec(recovery.compensation_matrix),
    "complaint_acknowledgement": CheckSpec(complaints.acknowledgement),
    "complaint_deadline": CheckSpec(legal.complaint_deadline),
    "cx_owner": CheckSpec(culture.cx_owner),
    "detractor_follow_up": CheckSpec(closedloop.detractor_follow_up),
    "dispute_body": CheckSpec(legal.dispute_body),
    "effort_measured": CheckSpec(surveys.effort_measured),
    "escalation_before_breach": CheckSpec(escalation.escalation_before_breach),
    "escalation_end": CheckSpec(chain.escalation_end),
    "escalation_kinds": CheckSpec(chain.escalation_kinds),
    "escalation_order": CheckSpec(escalation.escalation_order),
    "escalation_owners": CheckSpec(escalation.escalation_owners),
    "first_reply_within": CheckSpec(sla.first_reply_within),
    "first_response_target": CheckSpec(sla.first_response_target),
    "free_to_contact": CheckSpec(access.free_to_contact),
    "guarantee": CheckSpec(recovery.guarantee),
    "holiday_gap": CheckSpec(coverage.holiday_gap),
    "hours_match_customers": CheckSpec(coverage.hours_match_customers),
    "human_first_response": CheckSpec(replies.human_first_response),
    "maps_in_use": CheckSpec(journey.maps_in_use),
    "no_forced_switch": CheckSpec(access.no_forced_switch),
    "one_system": CheckSpec(systems.one_system),
    "owners_on_duty": CheckSpec(escalation.owners_on_duty),
    "pause_states": CheckSpec(policies.pause_states),
    "policy_shadowing": CheckSpec(policies.policy_shadowing),
    "priority_order": CheckSpec(sla.priority_order),
    "proactive_triggers": CheckSpec(journey.proactive_triggers),
    "refund_terms": CheckSpec(legal.refund_terms),
    "resolution_after_response": CheckSpec(sla.resolution_after_response),
    "resolution_for_every_response": CheckSpec(sla.resolution_for_every_response),
    "self_service": CheckSpec(access.self_service),
    "service_before_acquisition": CheckSpec(culture.service_before_acquisition, after_others=True),
    "service_vision": CheckSpec(vision.service_vision),
    "social_monitored": CheckSpec(replies.social_monitored),
    "survey_mix": CheckSpec(surveys.survey_mix),
    "systems_current": CheckSpec(systems.systems_current),
    "update_cadence": CheckSpec(sla.update_cadence),
    "urgent_coverage": CheckSpec(coverage.urgent_coverage),
    "withdrawal_window": CheckSpec(legal.withdrawal_window),
}

__all__ = ["CHECKS", "CheckContext", "CheckSpec", "NotApplicable", "Outcome"]
