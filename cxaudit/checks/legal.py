"""Legal minimums, checked per jurisdiction against the tables in `rules/data/legal`.

Every jurisdiction of `organization.jurisdictions` is matched to its table separately; a
finding names the jurisdictions a row covers, the statute and the data version. Jurisdictions
without a table are not checked (the rule does not apply to them); a unit whose jurisdictions
are not stated needs evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, TypedDict

from cxaudit import legal
from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.durations import Duration, DurationError, parse_cadence, parse_duration
from cxaudit.findings import Legal, Severity
from cxaudit.model import MISSING, NONE

_WRITTEN = ("email", "web_form", "chat", "messenger", "in_app", "sms", "social")
_SHIPPING = re.compile(r"shipping|delivery|postage|carriage|versand|porto|доставк",
                       re.IGNORECASE)
_NOT_MONEY_BACK = ("store_credit", "voucher")


def _rows(ctx: CheckContext, topic: str) -> list[tuple[legal.Row, tuple[str, ...]]]:
    org = ctx.process.organization
    data = legal.load(ctx.legal_dir)
    rows = data.rows(topic, org.jurisdictions or (), on=ctx.as_of,
                     customer_type=org.customer_type, sells=org.sells, sector=org.sector)
    if not rows:
        raise NotApplicable
    return rows


def _needs_jurisdictions(ctx: CheckContext) -> Outcome | None:
    if not ctx.process.organization.jurisdictions:
        return missing(("organization", "jurisdictions"),
                       evidence="State where customers are served (`organization."
                       "jurisdictions`, ISO 3166 codes) so the legal minimums can be checked.")
    return None


def _legal(row: legal.Row, covered: tuple[str, ...]) -> Legal:
    return Legal(", ".join(covered), row.statute, row.url, row.version,
                 "verified" if row.confidence == "high" else "unverified")


def _values(row: legal.Row, covered: tuple[str, ...]) -> dict[str, Any]:
    return {"jurisdiction": ", ".join(covered), "statute": row.statute,
            "data_version": row.version,
            "caveat": "" if row.confidence == "high" else
            " Unverified: this row of the legal data has not yet been checked against the "
            "statute's own text."}


def _days(text: Any) -> float | None:
    """Calendar days of a duration or cadence (`14d`, `8w`, `3mo`); bd counted as days."""
    try:
        d = parse_duration(text)
        return float(d.amount) if d.unit == "bd" else (d.minutes or 0) / 1440
    except DurationError:
        pass
    try:
        return parse_cadence(text).days
    except DurationError:
        return None


@lru_cache(maxsize=256)
def _business_days_span(n: int, closed_weekdays: frozenset[int], closed: frozenset[date],
                        start: date, longest: bool, horizon: int = 366) -> int:
    """Calendar days n business days take, longest or shortest over a year of start days.

    The shortest span counts only from business days: something received on a closed day
    counts as received on the next business day.
    """
    best: int | None = None
    for offset in range(horizon if closed else 7):
        day0 = start + timedelta(days=offset)
        if not longest and (day0.weekday() in closed_weekdays or day0 in closed):
            continue
        day, left = day0, n
        while left:
            day += timedelta(days=1)
            if day.weekday() not in closed_weekdays and day not in closed:
                left -= 1
        span = (day - day0).days
        best = span if best is None else (max(best, span) if longest else min(best, span))
    return best or 0


def _policy_days(ctx: CheckContext, d: Duration) -> float:
    """Longest calendar time a policy duration allows; business days on the unit's calendar."""
    if d.unit != "bd":
        return (d.minutes or 0) / 1440
    from cxaudit.waits import schedule

    sched = schedule(ctx.process, as_of=ctx.as_of)
    open_days = {wd for wd, _, _ in sched.weekly} if sched is not None else set(range(5))
    closed = frozenset(sched.closed) if sched is not None and ctx.as_of else frozenset()
    return float(_business_days_span(int(d.amount), frozenset(set(range(7)) - open_days),
                                     closed, ctx.as_of or date(2025, 1, 6), longest=True))


def _law_days(text: str) -> float:
    """Shortest calendar time a legal deadline gives (business days: Mon-Fri, no holidays)."""
    d = parse_duration(text)
    if d.unit != "bd":
        return (d.minutes or 0) / 1440
    return float(_business_days_span(int(d.amount), frozenset({5, 6}), frozenset(),
                                     date(2025, 1, 6), longest=False))


def _spell(law_text: str, days: float) -> str:
    """`8w (56 days)`, `15bd (at least 21 days)`."""
    unit = parse_duration(law_text).unit
    return f"{law_text} ({'at least ' if unit == 'bd' else ''}{days:g} days)"


def _within(written: Duration, policy_days: float, law_text: str, law_days: float) -> bool:
    """A policy deadline inside a legal one: same unit compared directly, else in days."""
    law = parse_duration(law_text)
    if written.unit == "bd" and law.unit == "bd":
        return written.amount <= law.amount
    return policy_days <= law_days


def withdrawal_window(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-001: the return window meets the legal minimum, counted from delivery."""
    need = _needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows = _rows(ctx, "withdrawal_window")
    proc = ctx.process
    window = proc.get(("returns", "window"))
    starts = proc.get(("returns", "window_starts"))
    if window is MISSING:
        yield missing(("returns", "window"))
        return
    if starts is MISSING:
        yield missing(("returns", "window_starts"),
                      evidence="State where the return window starts (`returns.window_starts`: "
                      "delivery, purchase or order).")
        return
    days = _days(window) or 0.0
    # Goods bought in a shop are delivered at purchase; parcels spend days in transit.
    in_store = any(c.type == "store" and c.enabled for c in proc.channels)
    shipping = 0.0 if in_store else _days(ctx.params["delivery_time"]) or 0.0
    effective = days if starts == "delivery" else days - shipping
    informed = proc.get(("returns", "info_given_at_delivery", "written"))
    for row, covered in rows:
        minimum = _days(row.get("minimum")) or 0.0
        values = _values(row, covered)
        if effective < minimum:
            left = max(effective, 0)
            after = (f"the policy's {window} from the {starts} leaves about {left:g} "
                     f"day{'s' if left != 1 else ''} after delivery (with "
                     f"{ctx.params['delivery_time']} in transit)"
                     if starts != "delivery" and shipping else
                     f"the policy gives {window} from the {starts}")
            yield violation(("returns", "window"), legal=_legal(row, covered),
                            detail=f"{after}, less than the {minimum:g} days from delivery "
                            "the law requires", **values)
        extra = row.get("if_not_informed")
        if not extra:
            continue
        if informed is MISSING:
            yield missing(("returns", "info_given_at_delivery", "written"),
                          evidence="State whether written return information comes with the "
                          "goods (`returns.info_given_at_delivery.written`): without it the "
                          "legal return window is much longer.")
        elif informed is False:
            longer = (f"{extra['window']}" if "window" in extra
                      else f"{minimum:g} days plus {extra['extended_by']}")
            yield violation(("returns", "info_given_at_delivery", "written"), Severity.HIGH,
                            legal=_legal(row, covered),
                            detail="no written return information comes with the goods, so "
                            f"customers may return for {longer} after delivery: they have more "
                            f"rights than the policy's {window} tells them", **values)


def refund_terms(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-002: the refund deadline, its start and the refund method are lawful."""
    need = _needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows = _rows(ctx, "refund")
    proc = ctx.process
    within = proc.get(("returns", "refund", "within"))
    start = proc.get(("returns", "refund", "deadline_from"))
    method = proc.get(("returns", "refund", "default_method"))
    if within is MISSING or start is MISSING:
        yield missing(("returns", "refund", "within" if within is MISSING else "deadline_from"),
                      evidence="State how soon refunds are sent and from which event "
                      "(`returns.refund.within`, `returns.refund.deadline_from`).")
        return
    days = _days(within) or 0.0
    for row, covered in rows:
        values = _values(row, covered)
        limit = _days(row.get("within")) or 0.0
        law = _legal(row, covered)
        if start == "inspection":
            yield violation(("returns", "refund", "deadline_from"), legal=law,
                            detail="the refund clock starts only after the returned goods are "
                            f"inspected, but the law counts its {limit:g} days from the "
                            "customer's notice" + (", and lets the trader wait only until the "
                            "goods or proof of sending arrive" if row.get("may_wait_for")
                            else ""), **values)
        elif days > limit:
            yield violation(("returns", "refund", "within"), legal=law,
                            detail=f"refunds take up to {within} from the {start}, longer than "
                            f"the {limit:g} days the law allows", **values)
        if row.get("same_means_of_payment") and method in _NOT_MONEY_BACK:
            yield violation(("returns", "refund", "default_method"), legal=law,
                            detail=f"refunds go out as {method.replace('_', ' ')} by default, "
                            "but the law requires the same means of payment the customer "
                            "used unless they agree otherwise", **values)
        if row.get("outbound_delivery_refunded"):
            yield from _outbound(proc, row, covered)


def _outbound(proc: Any, row: legal.Row, covered: tuple[str, ...]) -> Iterator[Outcome]:
    values = _values(row, covered)
    deductions = proc.get(("returns", "deductions"))
    for i, item in enumerate(deductions if isinstance(deductions, list) else []):
        if isinstance(item, str) and _SHIPPING.search(item):
            yield violation(("returns", "deductions", i), legal=_legal(row, covered),
                            detail=f"the refund deducts '{item}', but the standard delivery "
                            "the customer paid must be refunded too", **values)
            return
    refunded = proc.get(("returns", "refund", "outbound_shipping_refunded"))
    if refunded is MISSING:
        yield missing(("returns", "refund", "outbound_shipping_refunded"),
                      evidence="State whether the original standard delivery charge is "
                      "refunded (`returns.refund.outbound_shipping_refunded`).")
    elif refunded is False:
        yield violation(("returns", "refund", "outbound_shipping_refunded"),
                        legal=_legal(row, covered),
                        detail="the original delivery charge is kept, but the standard "
                        "delivery the customer paid must be refunded too", **values)


class _UnitFacts(TypedDict):
    """The unit's facts that select legal rows (keyword arguments of `LegalData.rows`)."""

    on: date | None
    customer_type: str | None
    sells: tuple[str, ...] | None


def complaint_deadline(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-003: complaint and defect-claim deadlines within the regulatory limit."""
    need = _needs_jurisdictions(ctx)
    if need:
        yield need
        return
    org = ctx.process.organization
    data = legal.load(ctx.legal_dir)
    kw: _UnitFacts = {"on": ctx.as_of, "customer_type": org.customer_type, "sells": org.sells}
    jurs = org.jurisdictions or ()
    complaint_rows = data.rows("complaint_deadline", jurs, sector=org.sector, **kw) \
        if org.sector else []
    defect_rows = data.rows("defect_claim_deadline", jurs, **kw)
    sector_unknown = org.sector is None and bool(data.rows("complaint_deadline", jurs, **kw))
    if not complaint_rows and not defect_rows and not sector_unknown:
        raise NotApplicable
    if sector_unknown:
        yield missing(("organization", "sector"),
                      evidence="State the sector (`organization.sector`): complaint deadlines "
                      "set by regulators depend on it.")
    if complaint_rows:
        yield from _complaint_rows(ctx, complaint_rows)
    for row, covered in defect_rows:
        yield from _defect_row(ctx, row, covered)


def _complaint_rows(ctx: CheckContext,
                    rows: list[tuple[legal.Row, tuple[str, ...]]]) -> Iterator[Outcome]:
    proc = ctx.process
    key = "final_response_within"
    text = proc.get(("complaints", key))
    if text is MISSING:
        key, text = "resolve_within", proc.get(("complaints", "resolve_within"))
    if text is MISSING:
        yield missing(("complaints", "final_response_within"),
                      evidence="State when the final written response is sent "
                      "(`complaints.final_response_within`).")
        return
    if text == NONE:  # stated: complaints have no deadline at all
        for row, covered in rows:
            yield violation(("complaints", key), legal=_legal(row, covered),
                            detail="complaints have no deadline for a final response, while the "
                            f"regulator allows at most {row.get('within')}",
                            **_values(row, covered))
        return
    written = parse_duration(text)
    policy = _policy_days(ctx, written)
    for row, covered in rows:
        values = _values(row, covered)
        law = _law_days(row.get("within"))
        if _within(written, policy, row.get("within"), law):
            continue
        path = ("complaints", key)
        extended = row.get("extended_within")
        if extended and _within(written, policy, extended, _law_days(extended)):
            holding = proc.get(("complaints", "holding_reply"))
            if holding is True:
                continue
            if holding is MISSING:
                yield missing(("complaints", "holding_reply"),
                              evidence="State whether a holding reply explains the delay "
                              "when the final response takes longer than "
                              f"{row.get('within')} (`complaints.holding_reply`).")
                continue
            yield violation(path, legal=_legal(row, covered),
                            detail=f"the complaint target `{key}: {text}` allows up to "
                            f"{policy:g} calendar days, beyond the "
                            f"{_spell(row.get('within'), law)} limit, and no holding reply "
                            f"explains the delay (only with one may it reach {extended})",
                            **values)
            continue
        yield violation(path, legal=_legal(row, covered),
                        detail=f"the complaint target `{key}: {text}` allows up to {policy:g} "
                        f"calendar days, more than the {_spell(row.get('within'), law)} the "
                        "regulator allows", **values)


def _defect_row(ctx: CheckContext, row: legal.Row,
                covered: tuple[str, ...]) -> Iterator[Outcome]:
    text = ctx.process.get(("returns", "defective", "refund_within"))
    if text is MISSING:
        yield missing(("returns", "defective", "refund_within"),
                      evidence="State how soon a faulty item is refunded "
                      "(`returns.defective.refund_within`).")
        return
    policy = _policy_days(ctx, parse_duration(text))
    law = _law_days(row.get("within"))
    if policy > law:
        yield violation(("returns", "defective", "refund_within"), legal=_legal(row, covered),
                        detail=f"a faulty item is refunded within {text} (up to {policy:g} "
                        f"calendar days), longer than the {row.get('within')} the law allows",
                        **_values(row, covered))


def dispute_body(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-007: the final response names the external dispute body where the law requires."""
    need = _needs_jurisdictions(ctx)
    if need:
        yield need
        return
    if ctx.process.organization.sector is None:
        yield missing(("organization", "sector"))
        return
    rows = _rows(ctx, "dispute_body")
    proc = ctx.process
    name = proc.get(("complaints", "external_dispute_body", "name"))
    named = proc.get(("complaints", "external_dispute_body", "named_in_final_response"))
    for row, covered in rows:
        values = {**_values(row, covered), "body": row.get("body")}
        if name is MISSING and named is MISSING:
            yield missing(("complaints", "external_dispute_body"),
                          evidence="Name the external dispute body and say whether the final "
                          "response names it (`complaints.external_dispute_body`).")
        elif named is False or not name or name is MISSING:
            where = ("complaints", "external_dispute_body",
                     "named_in_final_response" if named is False else "name")
            yield violation(where, legal=_legal(row, covered),
                            detail=f"the final response does not name {row.get('body')}",
                            **values)


def accessibility(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-004: European Accessibility Act: text alongside voice, a published statement."""
    if ctx.process.applicable("accessibility") is False:
        raise NotApplicable
    need = _needs_jurisdictions(ctx)
    if need:
        yield need
        return
    if ctx.process.organization.sector is None:
        yield missing(("organization", "sector"))
        return
    rows = _rows(ctx, "accessibility")
    proc = ctx.process
    enabled = [c for c in proc.channels if c.enabled]
    voice = [c for c in enabled if c.type == "phone"]
    # a line that takes text (real-time text, a relay service) is not voice only
    written = [c for c in enabled if c.type in _WRITTEN or any(
        (c.raw.get("accessibility") or {}).get(k) is True
        for k in ("text_alternative", "relay_service"))]
    statement = proc.get(("accessibility", "statement_published"))
    if statement is MISSING and str(proc.get(("accessibility", "statement_url")) or "").strip():
        statement = True  # an address where the statement is published says it is
    rtt = proc.get(("accessibility", "real_time_text"))
    for row, covered in rows:
        values = _values(row, covered)
        law = _legal(row, covered)
        if voice and not written:
            yield violation(("channels",), legal=law,
                            detail="customers can reach support only by voice, so deaf and "
                            "hard-of-hearing customers have no text alternative", **values)
        if proc.organization.sector == "telecom" and voice and rtt is not True:
            if rtt is MISSING:
                yield missing(("accessibility", "real_time_text"),
                              evidence="State whether calls offer real-time text "
                              "(`accessibility.real_time_text`).")
            else:
                yield violation(("accessibility", "real_time_text"), legal=law,
                                detail="calls offer no real-time text alongside voice",
                                **values)
        if statement is MISSING:
            yield missing(("accessibility", "statement_published"),
                          evidence="State whether an accessibility statement is published "
                          "(`accessibility.statement_published`).")
        elif statement is False:
            yield violation(("accessibility", "statement_published"), legal=law,
                            detail="no accessibility statement tells customers how the "
                            "service can be used with a disability", **values)
