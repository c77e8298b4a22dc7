"""The registry of built-in check functions that rule files may name (`function: ...`).

Registration is explicit and sorted; importing a check module has no side effects.
"""

from __future__ import annotations

from cxaudit.checks import culture, escalation, sla
from cxaudit.checks.base import CheckContext, CheckSpec, NotApplicable, Outcome

CHECKS: dict[str, CheckSpec] = {
    "escalation_owners": CheckSpec(escalation.escalation_owners),
    "first_reply_within": CheckSpec(sla.first_reply_within),
    "first_response_target": CheckSpec(sla.first_response_target),
    "priority_order": CheckSpec(sla.priority_order),
    "resolution_after_response": CheckSpec(sla.resolution_after_response),
    "resolution_for_every_response": CheckSpec(sla.resolution_for_every_response),
    "service_before_acquisition": CheckSpec(culture.service_before_acquisition, after_others=True),
    "social_monitored": CheckSpec(sla.social_monitored),
}

__all__ = ["CHECKS", "CheckContext", "CheckSpec", "NotApplicable", "Outcome"]
