"""The declared direction of every comparable field of the vocabulary: one row per field.

A row says how two values of a field compare and which way is better for the customer:

- `pattern`: the document path; `[]` is any list item (items are matched by their key, see
  LIST_KEYS, never by position), `*` any one key.
- `kind`: how values compare: `duration` (as durations: 24h equals 1d; across clocks by the
  worst-case wait), `cadence`, `number`, `amount` ("10 EUR"), `date`, `bool`, `enum` (ordered
  worst to best), `set` (members added or removed), `schedule` (open hours per week),
  `closures` (closed dates), `presence` (a section or list item exists), `text`.
- `direction`: lower-is-better, higher-is-better, true-is-better, false-is-better,
  presence-is-better, absence-is-better, or neutral (a change is reported, never judged).
- `severity`: how bad a regression of this field is (critical, high, medium, low; "-" neutral).
- `absent`: what a missing value counts as: `worse` (a promise withdrawn), `better` (no fee),
  or `neutral`.

The README's table is generated from ROWS and a test keeps the two equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LOWER, HIGHER = "lower-is-better", "higher-is-better"
TRUE, FALSE = "true-is-better", "false-is-better"
PRESENT, ABSENT, NEUTRAL = "presence-is-better", "absence-is-better", "neutral"
DIRECTIONS = (LOWER, HIGHER, TRUE, FALSE, PRESENT, ABSENT, NEUTRAL)
KINDS = ("duration", "cadence", "number", "amount", "date", "bool", "enum", "set", "schedule",
         "closures", "presence", "text")
SEVERITIES = ("critical", "high", "medium", "low")
METRIC_SEVERITY = {"first_response": "high", "resolution": "high", "total_resolution": "high",
                   "next_response": "medium", "periodic_update": "medium",
                   "speed_of_answer": "medium", "acknowledge": "medium", "agent_work_time": "-"}
METRIC_LABEL = {"first_response": "first response", "next_response": "next response",
                "periodic_update": "periodic update", "resolution": "resolution",
                "total_resolution": "total resolution", "agent_work_time": "agent work time",
                "speed_of_answer": "speed of answer", "acknowledge": "acknowledgement"}


@dataclass(frozen=True)
class Row:
    """How one field of the vocabulary compares, and which way is better for the customer."""

    pattern: str
    kind: str
    direction: str
    severity: str
    label: str
    absent: str
    order: tuple[str, ...] = ()  # enum values, worst first; "a|b" ranks a and b equal


def _row(pattern: str, kind: str, direction: str, severity: str, label: str,
         absent: str = "", order: tuple[str, ...] = ()) -> Row:
    if not absent:
        absent = {PRESENT: "worse", ABSENT: "better", NEUTRAL: "neutral",
                  FALSE: "neutral"}.get(direction, "worse")
    return Row(pattern, kind, direction, severity if direction != NEUTRAL else "-", label,
               absent, order)


def _sla(prefix: str) -> list[Row]:
    """The rows of one SLA definition (a policy, or a channel's inline `sla`)."""
    rows = [
        _row(f"{prefix}.clock", "enum", HIGHER, "medium", "SLA clock",
             order=("business", "calendar")),
        _row(f"{prefix}.pause_on", "set", ABSENT, "medium", "SLA clock pauses"),
        _row(f"{prefix}.first_response_counts", "enum", HIGHER, "medium",
             "what stops the first-response clock", order=("any_public_reply", "human")),
        _row(f"{prefix}.attainment_target_pct", "number", HIGHER, "medium",
             "SLA attainment target"),
    ]
    for metric, severity in METRIC_SEVERITY.items():
        direction = NEUTRAL if severity == "-" else LOWER
        rows.append(_row(f"{prefix}.targets.{metric}.*", "duration", direction, severity,
                         f"{METRIC_LABEL[metric]} target"))
    return rows


_N, _T, _B, _D = "number", "text", "bool", "duration"
ROWS: tuple[Row, ...] = (
    _row("apiVersion", _T, NEUTRAL, "-", "vocabulary version"),
    _row("kind", _T, NEUTRAL, "-", "document kind"),
    _row("process", "presence", NEUTRAL, "-", "process identity"),
    _row("process.*", _T, NEUTRAL, "-", "process identity"),
    _row("process.owner.*", _T, NEUTRAL, "-", "owner of the description"),
    _row("organization", "presence", NEUTRAL, "-", "organisation"),
    _row("organization.jurisdictions", "set", NEUTRAL, "-", "jurisdictions"),
    _row("organization.sells", "set", NEUTRAL, "-", "what is sold"),
    _row("organization.customer_timezones[]", "presence", NEUTRAL, "-", "customer time zone"),
    _row("organization.customer_timezones[].*", _N, NEUTRAL, "-", "customer time zone share"),
    _row("organization.*", _T, NEUTRAL, "-", "organisation"),
    _row("organization.size.*", _N, NEUTRAL, "-", "organisation size"),
    _row("priorities", "presence", PRESENT, "low", "priority definitions"),
    _row("priorities.*.definition", _T, PRESENT, "low", "priority definition"),
    _row("priorities.*.round_the_clock", _B, TRUE, "medium", "round-the-clock handling"),
    _row("business_hours", "presence", NEUTRAL, "-", "business hours"),
    _row("business_hours.timezone", _T, NEUTRAL, "-", "business-hours time zone"),
    _row("business_hours.schedule", "schedule", HIGHER, "high", "business hours",
         absent="neutral"),
    _row("business_hours.holidays", "closures", ABSENT, "medium", "closed days"),
    _row("business_hours.holiday_calendar", "set", NEUTRAL, "-", "public-holiday calendar"),
    _row("business_hours.after_hours.coverage", "enum", HIGHER, "medium", "after-hours coverage",
         order=("none", "voicemail|bot", "outsourced", "on_call", "staffed")),
    _row("business_hours.after_hours.priorities", "set", PRESENT, "low",
         "priorities covered after hours"),
    _row("business_hours.after_hours.message", _T, NEUTRAL, "-", "after-hours message"),
    _row("sla_policies[]", "presence", PRESENT, "high", "SLA policy"),
    _row("sla_policies[].id", _T, NEUTRAL, "-", "SLA policy id"),
    _row("sla_policies[].name", _T, NEUTRAL, "-", "SLA policy name"),
    _row("sla_policies[].description", _T, NEUTRAL, "-", "SLA policy description"),
    _row("sla_policies[].applies_to.*", "set", NEUTRAL, "-", "what the SLA policy applies to"),
    _row("sla_policies[].position", _N, NEUTRAL, "-", "SLA policy match order"),
    *_sla("sla_policies[]"),
    _row("channels[]", "presence", PRESENT, "high", "contact channel"),
    _row("channels[].id", _T, NEUTRAL, "-", "channel id"),
    _row("channels[].type", _T, NEUTRAL, "-", "channel type"),
    _row("channels[].name", _T, NEUTRAL, "-", "channel name"),
    _row("channels[].mode", _T, NEUTRAL, "-", "channel mode"),
    _row("channels[].enabled", _B, TRUE, "high", "channel enabled"),
    _row("channels[].purposes", "set", PRESENT, "medium", "what the channel is for"),
    _row("channels[].completes", "set", PRESENT, "medium", "what a customer can finish there"),
    _row("channels[].operated_by", _T, NEUTRAL, "-", "who operates the channel"),
    _row("channels[].hours.schedule", "schedule", HIGHER, "high", "channel hours",
         absent="neutral"),
    _row("channels[].hours.timezone", _T, NEUTRAL, "-", "channel time zone"),
    _row("channels[].hours.note", _T, NEUTRAL, "-", "channel hours note"),
    _row("channels[].offline_mode", "enum", HIGHER, "low", "when the channel is offline",
         order=("none", "message|callback")),
    _row("channels[].sla_policy", _T, NEUTRAL, "-", "SLA policy of the channel"),
    _row("channels[].sla", "presence", NEUTRAL, "-", "inline SLA of the channel"),
    *_sla("channels[].sla"),
    _row("channels[].auto_acknowledge.enabled", _B, TRUE, "medium", "automatic acknowledgement"),
    _row("channels[].auto_acknowledge.states_expected_time", _B, TRUE, "low",
         "acknowledgement states the expected time"),
    _row("channels[].auto_acknowledge.offers_alternatives", _B, TRUE, "low",
         "acknowledgement offers alternatives"),
    _row("channels[].languages", "set", PRESENT, "medium", "languages served"),
    _row("channels[].phone.service_level.pct", _N, HIGHER, "medium", "phone service level"),
    _row("channels[].phone.service_level.within", _D, LOWER, "medium",
         "phone answer-time target"),
    _row("channels[].phone.max_abandon_pct", _N, LOWER, "medium", "maximum abandon rate"),
    _row("channels[].phone.cost", "enum", HIGHER, "medium", "cost of calling",
         order=("premium", "standard_rate", "free")),
    _row("channels[].phone.callback_offered", _B, TRUE, "low", "callback offered"),
    _row("channels[].social.platform", _T, NEUTRAL, "-", "social platform"),
    _row("channels[].social.monitored", _B, TRUE, "high", "social messages monitored"),
    _row("channels[].social.public_replies", _B, TRUE, "low", "public replies on social"),
    _row("channels[].social.redirects_to", _T, PRESENT, "medium",
         "unread account points to a read channel"),
    _row("channels[].accessibility.*", _B, TRUE, "medium", "channel accessibility"),
    _row("self_service", "presence", PRESENT, "medium", "self-service"),
    _row("self_service.knowledge_base.exists", _B, TRUE, "medium", "knowledge base"),
    _row("self_service.knowledge_base.linked_from_contact_page", _B, TRUE, "low",
         "knowledge base linked from the contact page"),
    _row("self_service.knowledge_base.last_reviewed", "date", HIGHER, "low",
         "knowledge base last reviewed"),
    _row("self_service.customer_portal", _B, TRUE, "low", "customer portal"),
    _row("self_service.order_tracking", _B, TRUE, "medium", "order tracking"),
    _row("self_service.status_page", _B, TRUE, "low", "status page"),
    _row("accessibility", "presence", PRESENT, "medium", "accessibility"),
    _row("accessibility.statement_published", _B, TRUE, "medium",
         "accessibility statement published"),
    _row("accessibility.statement_url", _T, PRESENT, "low", "accessibility statement URL"),
    _row("accessibility.real_time_text", _B, TRUE, "medium", "real-time text"),
    _row("escalation", "presence", PRESENT, "high", "escalation path"),
    _row("escalation.policy", _T, NEUTRAL, "-", "escalation style"),
    _row("escalation.levels[]", "presence", PRESENT, "high", "escalation level"),
    _row("escalation.levels[].level", _N, NEUTRAL, "-", "escalation level number"),
    _row("escalation.levels[].name", _T, NEUTRAL, "-", "escalation level name"),
    _row("escalation.levels[].type", _T, NEUTRAL, "-", "escalation level type"),
    _row("escalation.levels[].trigger.metric", _T, NEUTRAL, "-", "escalation trigger metric"),
    _row("escalation.levels[].trigger.on", "enum", HIGHER, "medium", "escalation trigger",
         order=("manual", "breach", "before_breach", "creation")),
    _row("escalation.levels[].trigger.after", _D, LOWER, "medium", "escalation delay"),
    _row("escalation.levels[].trigger.at_pct_of_target", _N, LOWER, "low",
         "escalation point (% of the target)"),
    _row("escalation.levels[].trigger.when", "set", PRESENT, "low", "escalation occasions"),
    _row("escalation.levels[].owner", "presence", PRESENT, "high", "escalation owner"),
    _row("escalation.levels[].owner.name", _T, PRESENT, "high", "escalation owner name"),
    _row("escalation.levels[].owner.role", _T, PRESENT, "low", "escalation owner role"),
    _row("escalation.levels[].owner.contact", _T, PRESENT, "medium", "escalation owner contact"),
    _row("escalation.levels[].owner.deputy", _T, PRESENT, "medium", "escalation owner deputy"),
    _row("escalation.levels[].owner.hours", "schedule", HIGHER, "medium",
         "escalation owner hours", absent="neutral"),
    _row("escalation.levels[].owner.timezone", _T, NEUTRAL, "-", "escalation owner time zone"),
    _row("escalation.customer_can_request", _B, TRUE, "medium", "customer can ask to escalate"),
    _row("complaints", "presence", PRESENT, "high", "complaint handling"),
    _row("complaints.published.*", _B, TRUE, "medium", "complaint process published"),
    _row("complaints.intake_channels", "set", PRESENT, "medium", "complaint channels"),
    _row("complaints.free_of_charge", _B, TRUE, "high", "complaining is free"),
    _row("complaints.acknowledge_within", _D, LOWER, "high", "complaint acknowledgement deadline"),
    _row("complaints.acknowledge_by", "enum", HIGHER, "medium", "how complaints are acknowledged",
         order=("phone|in_person", "written")),
    _row("complaints.resolve_within", _D, LOWER, "high", "complaint resolution deadline"),
    _row("complaints.final_response_within", _D, LOWER, "high", "complaint final response deadline"),
    _row("complaints.holding_reply", _B, TRUE, "low", "holding reply"),
    _row("complaints.owner_per_case", _B, TRUE, "medium", "one owner per complaint"),
    _row("complaints.appeal.available", _B, TRUE, "medium", "complaint appeal"),
    _row("complaints.appeal.reviewer", _T, PRESENT, "low", "appeal reviewer"),
    _row("complaints.recording.*", _B, TRUE, "low", "complaint recording"),
    _row("complaints.review.cadence", "cadence", LOWER, "medium", "complaint review cadence"),
    _row("complaints.review.owner", _T, PRESENT, "low", "complaint review owner"),
    _row("complaints.burden_of_proof", "enum", HIGHER, "medium", "burden of proof",
         order=("customer", "shared", "company")),
    _row("complaints.goodwill_threshold.amount", _N, HIGHER, "low", "goodwill threshold"),
    _row("complaints.goodwill_threshold.currency", _T, NEUTRAL, "-", "goodwill currency"),
    _row("complaints.external_dispute_body.name", _T, PRESENT, "medium", "external dispute body"),
    _row("complaints.external_dispute_body.named_in_final_response", _B, TRUE, "medium",
         "dispute body named in the final response"),
    _row("returns", "presence", PRESENT, "high", "returns policy"),
    _row("returns.window", _D, HIGHER, "high", "return window"),
    _row("returns.window_starts", "enum", HIGHER, "medium", "return window starts at",
         order=("order", "purchase", "dispatch", "delivery")),
    _row("returns.free_for_customer", _B, TRUE, "high", "returns free for the customer"),
    _row("returns.methods", "set", PRESENT, "medium", "ways to return"),
    _row("returns.prepaid_label.provided", _B, TRUE, "high", "prepaid return label"),
    _row("returns.prepaid_label.applies_to", "enum", HIGHER, "medium", "prepaid label covers",
         order=("defective_only", "all")),
    _row("returns.prepaid_label.delivery", "enum", HIGHER, "low", "how the label reaches you",
         order=("on_request", "download", "qr_code|in_parcel")),
    _row("returns.prepaid_label.prefilled", _B, TRUE, "low", "prefilled return label"),
    _row("returns.return_bag_in_parcel", _B, TRUE, "low", "return bag in the parcel"),
    _row("returns.restocking_fee_pct", _N, LOWER, "high", "restocking fee", absent="better"),
    _row("returns.deductions", "set", ABSENT, "high", "deductions from refunds"),
    _row("returns.conditions.*", _B, FALSE, "medium", "return condition"),
    _row("returns.info_given_at_delivery.written", _B, TRUE, "medium",
         "written return information at delivery"),
    _row("returns.refund.trigger", "enum", HIGHER, "medium", "refund starts at",
         order=("inspection", "receipt", "carrier_scan|drop_off")),
    _row("returns.refund.within", _D, LOWER, "high", "refund time"),
    _row("returns.refund.deadline_from", "enum", HIGHER, "medium", "refund deadline counts from",
         order=("inspection", "receipt", "carrier_scan|drop_off", "claim|withdrawal_notice")),
    _row("returns.refund.default_method", "enum", HIGHER, "medium", "default refund method",
         order=("voucher|store_credit", "cheque", "bank_transfer", "cash|original_payment",
                "customer_choice")),
    _row("returns.refund.outbound_shipping_refunded", _B, TRUE, "medium",
         "outbound shipping refunded"),
    _row("returns.defective.refund_within", _D, LOWER, "high", "refund time for faulty goods"),
    _row("returns.defective.deadline_from", "enum", HIGHER, "medium",
         "faulty-goods refund counts from",
         order=("inspection", "receipt", "carrier_scan|drop_off", "claim|withdrawal_notice")),
    _row("returns.exchange.offered", _B, TRUE, "low", "exchange offered"),
    _row("returns.tracking.notify_on", "set", PRESENT, "low", "return tracking notices"),
    _row("returns.exclusions", "set", ABSENT, "medium", "items excluded from returns"),
    _row("feedback", "presence", PRESENT, "medium", "feedback programme"),
    _row("feedback.surveys[]", "presence", PRESENT, "medium", "survey"),
    _row("feedback.surveys[].type", _T, NEUTRAL, "-", "survey type"),
    _row("feedback.surveys[].mode", _T, NEUTRAL, "-", "survey mode"),
    _row("feedback.surveys[].trigger", _T, NEUTRAL, "-", "survey trigger"),
    _row("feedback.surveys[].send_after", _D, NEUTRAL, "-", "survey delay"),
    _row("feedback.surveys[].cadence", "cadence", NEUTRAL, "-", "survey cadence"),
    _row("feedback.surveys[].contact_cooldown", _D, NEUTRAL, "-", "survey cooldown"),
    _row("feedback.surveys[].scale", _N, NEUTRAL, "-", "survey scale"),
    _row("feedback.surveys[].channels", "set", PRESENT, "low", "survey channels"),
    _row("feedback.surveys[].includes_abandoned", _B, TRUE, "low",
         "survey includes abandoned contacts"),
    _row("feedback.surveys[].reviewed", "presence", PRESENT, "medium", "survey results reviewed"),
    _row("feedback.surveys[].reviewed.cadence", "cadence", LOWER, "medium",
         "survey review cadence"),
    _row("feedback.surveys[].reviewed.owner", _T, PRESENT, "medium", "survey review owner"),
    _row("feedback.closed_loop.detractors.enabled", _B, TRUE, "high", "detractor follow-up"),
    _row("feedback.closed_loop.detractors.within", _D, LOWER, "high",
         "detractor follow-up time"),
    _row("feedback.closed_loop.detractors.owner_role", _T, PRESENT, "medium",
         "detractor follow-up owner"),
    _row("feedback.closed_loop.detractors.not_involved_agent", _B, TRUE, "low",
         "follow-up by someone not involved"),
    _row("feedback.closed_loop.detractors.includes", "set", PRESENT, "low",
         "who counts as a detractor"),
    _row("feedback.closed_loop.*.action", _T, PRESENT, "low", "closed-loop action"),
    _row("feedback.churn.measured", _B, TRUE, "medium", "churn measured"),
    _row("feedback.churn.definition", _T, NEUTRAL, "-", "churn definition"),
    _row("feedback.churn.target_pct", _N, NEUTRAL, "-", "churn target"),
    _row("feedback.churn.cause_analysis.cadence", "cadence", LOWER, "medium",
         "churn cause analysis cadence"),
    _row("feedback.churn.cause_analysis.exit_reason_captured", _B, TRUE, "medium",
         "exit reason captured"),
    _row("feedback.contact_drivers.tagged", _B, TRUE, "medium", "contact reasons tagged"),
    _row("feedback.contact_drivers.review_cadence", "cadence", LOWER, "low",
         "contact-driver review cadence"),
    _row("feedback.contact_drivers.owner", _T, PRESENT, "low", "contact-driver owner"),
    _row("feedback.community.exists", _B, TRUE, "low", "community"),
    _row("feedback.community.moderated", _B, TRUE, "low", "community moderated"),
    _row("feedback.community.response_within", _D, LOWER, "medium", "community response time"),
    _row("feedback.kpis[]", "presence", PRESENT, "medium", "KPI"),
    _row("feedback.kpis[].name", _T, NEUTRAL, "-", "KPI name"),
    _row("feedback.kpis[].target", _T, NEUTRAL, "-", "KPI target"),
    _row("feedback.kpis[].owner", _T, PRESENT, "low", "KPI owner"),
    _row("feedback.kpis[].review_cadence", "cadence", LOWER, "low", "KPI review cadence"),
    _row("service_recovery", "presence", PRESENT, "medium", "service recovery"),
    _row("service_recovery.compensation_matrix[]", "presence", PRESENT, "high",
         "compensation for a failure"),
    _row("service_recovery.compensation_matrix[].failure", _T, NEUTRAL, "-", "failure"),
    _row("service_recovery.compensation_matrix[].threshold", _D, LOWER, "medium",
         "compensation threshold"),
    _row("service_recovery.compensation_matrix[].remedy.type", _T, NEUTRAL, "-", "remedy"),
    _row("service_recovery.compensation_matrix[].remedy.value", "amount", HIGHER, "medium",
         "compensation value"),
    _row("service_recovery.compensation_matrix[].proactive", _B, TRUE, "medium",
         "compensation offered proactively"),
    _row("service_recovery.compensation_matrix[].expires_after", _D, HIGHER, "low",
         "compensation validity"),
    _row("service_recovery.compensation_matrix[].restrictions", "set", ABSENT, "medium",
         "compensation restrictions"),
    _row("service_recovery.frontline_authority.max_amount", _N, HIGHER, "medium",
         "frontline authority"),
    _row("service_recovery.frontline_authority.currency", _T, NEUTRAL, "-",
         "frontline authority currency"),
    _row("service_recovery.frontline_authority.without_approval", _B, TRUE, "medium",
         "frontline acts without approval"),
    _row("service_recovery.guarantee", "presence", PRESENT, "medium", "service guarantee"),
    _row("service_recovery.guarantee.type", _T, NEUTRAL, "-", "guarantee type"),
    _row("service_recovery.guarantee.unconditional", _B, TRUE, "medium",
         "unconditional guarantee"),
    _row("service_recovery.guarantee.how_to_invoke", _T, NEUTRAL, "-", "how to invoke it"),
    _row("service_recovery.recovery_within", _D, LOWER, "medium", "service recovery time"),
    _row("service_recovery.log_to_root_cause", _B, TRUE, "low", "recovery logged to root cause"),
    _row("ownership", "presence", PRESENT, "high", "CX ownership"),
    _row("ownership.executive_sponsor", "presence", PRESENT, "high", "executive sponsor"),
    _row("ownership.executive_sponsor.*", _T, PRESENT, "medium", "executive sponsor"),
    _row("ownership.cx_owner", "presence", PRESENT, "high", "CX owner"),
    _row("ownership.cx_owner.mandate", "enum", HIGHER, "medium", "CX owner mandate",
         order=("advisory", "support_only", "cross_functional")),
    _row("ownership.cx_owner.*", _T, PRESENT, "high", "CX owner"),
    _row("ownership.service_vision.statement", _T, PRESENT, "low", "service vision"),
    _row("ownership.service_vision.communicated_to", _T, NEUTRAL, "-", "vision audience"),
    _row("ownership.service_vision.in_onboarding", _B, TRUE, "low", "vision in onboarding"),
    _row("ownership.service_vision.last_communicated", "date", HIGHER, "low",
         "vision last communicated"),
    _row("ownership.governance.forum", _T, PRESENT, "medium", "CX governance forum"),
    _row("ownership.governance.cadence", "cadence", LOWER, "medium", "CX governance cadence"),
    _row("ownership.governance.departments", "set", PRESENT, "low", "departments in governance"),
    _row("ownership.employee_feedback.enps", _B, TRUE, "low", "employee NPS"),
    _row("ownership.employee_feedback.cadence", "cadence", LOWER, "low",
         "employee feedback cadence"),
    _row("journey", "presence", PRESENT, "low", "journey management"),
    _row("journey.maps[]", "presence", PRESENT, "medium", "journey map"),
    _row("journey.maps[].name", _T, NEUTRAL, "-", "journey map name"),
    _row("journey.maps[].last_reviewed", "date", HIGHER, "low", "journey map last reviewed"),
    _row("journey.maps[].workshop_participants", "set", PRESENT, "low", "journey workshop"),
    _row("journey.maps[].pain_points[]", "presence", NEUTRAL, "-", "pain point"),
    _row("journey.maps[].pain_points[].*", _T, NEUTRAL, "-", "pain point"),
    _row("journey.personas", "set", NEUTRAL, "-", "personas"),
    _row("journey.proactive_notifications", "set", PRESENT, "medium", "proactive notifications"),
    _row("journey.value_definition", _T, NEUTRAL, "-", "value definition"),
    _row("data", "presence", PRESENT, "low", "data and tooling"),
    _row("data.systems[]", "presence", NEUTRAL, "-", "system"),
    _row("data.systems[].*", _T, NEUTRAL, "-", "system"),
    _row("data.single_ticketing_system", _B, TRUE, "medium", "one ticketing system"),
    _row("data.unmanaged_inboxes", _N, LOWER, "medium", "unmanaged inboxes", absent="neutral"),
    _row("data.customer_history_shared_across_channels", _B, TRUE, "medium",
         "history shared across channels"),
    _row("data.exports.*", _B, TRUE, "low", "data exports"),
    _row("data.feedback_linked_to_crm", _B, TRUE, "low", "feedback linked to the CRM"),
    _row("data.clv.*", _B, TRUE, "low", "customer lifetime value"),
    _row("marketing", "presence", NEUTRAL, "-", "marketing"),
    _row("marketing.active_channels", "set", NEUTRAL, "-", "marketing channels"),
    _row("marketing.paid_acquisition", _B, NEUTRAL, "-", "paid acquisition"),
)

# Keys that identify the items of a list, tried in order: the first candidate whose values are
# present and unique in every instance of the list on both sides wins.
LIST_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "sla_policies[]": (("id",),),
    "channels[]": (("id",), ("type",)),
    "organization.customer_timezones[]": (("tz",),),
    "escalation.levels[]": (("level",), ("name",)),
    "feedback.surveys[]": (("type",), ("type", "mode"), ("type", "trigger"),
                           ("type", "mode", "trigger")),
    "feedback.kpis[]": (("name",),),
    "service_recovery.compensation_matrix[]": (("failure",), ("failure", "threshold")),
    "journey.maps[]": (("name",),),
    "journey.maps[].pain_points[]": (("id",), ("description",)),
    "data.systems[]": (("name",), ("role",)),
}

# Fields that are whole values although they hold lists or mappings.
WHOLE_KINDS = frozenset({"set", "schedule", "closures"})


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], Row], ...]:
    out = []
    for row in ROWS:
        rx = re.escape(row.pattern).replace(r"\[\]", r"\[\]").replace(r"\*", r"[^.\[\]]+")
        out.append((re.compile(rx + r"\Z"), row))
    return tuple(out)


@lru_cache(maxsize=4096)
def lookup(generic: str) -> Row | None:
    """The row for a generic path such as `channels[].hours.schedule` (first match wins)."""
    for rx, row in _compiled():
        if rx.match(generic):
            return row
    return None


def rank(row: Row, value: str) -> int | None:
    """Position of an enum value on the row's worst-to-best scale (None if not on it)."""
    for i, group in enumerate(row.order):
        if value in group.split("|"):
            return i
    return None


__all__ = ["DIRECTIONS", "KINDS", "LIST_KEYS", "ROWS", "SEVERITIES", "Row", "lookup", "rank"]
