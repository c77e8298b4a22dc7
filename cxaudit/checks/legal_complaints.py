"""CMP-003, CMP-007 and ACC-004: regulatory complaint deadlines, the dispute body named in the
final response, and the European Accessibility Act.

A statutory deadline counts from the event the law names (the complaint's receipt, the
customer's claim). A policy that counts from a later event (the goods coming back, their
inspection) is measured from the law's event, with the typical time in between added, so a
"10 days after inspection" refund is judged as the longer span the customer really waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing
from cxaudit.checks.legal import (
    Bound,
    Breach,
    after_claim,
    binding,
    days,
    law_days,
    needs_jurisdictions,
    policy_days,
    report,
    spell,
    within,
)
from cxaudit.model.classes import channel_class
from cxaudit.model.durations import parse_duration
from cxaudit.model.process import MISSING, NONE

_WRITTEN = channel_class("written_legal")


def complaint_deadline(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-003: complaint and defect-claim deadlines within the regulatory limit."""
    need = needs_jurisdictions(ctx)
    if need:
        yield need
        return
    complaints, defects, asks = _sources(ctx)
    yield from asks
    breaches: list[Breach] = []
    if complaints:
        found, needs = _complaint_rows(ctx, complaints)
        breaches.extend(found)
        yield from needs
    for row, covered in defects:
        found, needs = _defect_row(ctx, row, covered)
        breaches.extend(found)
        yield from needs
    yield from report(breaches)


def _sources(ctx: CheckContext) -> tuple[list[Bound], list[Bound], list[Outcome]]:
    out: list[list[Bound]] = []
    asks: dict[Any, Outcome] = {}
    for topic in ("complaint_deadline", "defect_claim_deadline"):
        try:
            rows, needs = binding(ctx, topic)
        except NotApplicable:
            rows, needs = [], []
        out.append(rows)
        asks.update({o.path: o for o in needs})
    if not out[0] and not out[1] and not asks:
        raise NotApplicable
    return out[0], out[1], list(asks.values())


def _complaint_rows(ctx: CheckContext, rows: list[Bound]) -> tuple[list[Breach], list[Outcome]]:
    proc = ctx.process
    key = "final_response_within"
    text = proc.get(("complaints", key))
    if text is MISSING:
        key, text = "resolve_within", proc.get(("complaints", "resolve_within"))
    if text is MISSING:
        return [], [missing(("complaints", "final_response_within"),
                            evidence="State when the final written response is sent "
                            "(`complaints.final_response_within`).")]
    path = ("complaints", key)
    if text == NONE:  # stated: complaints have no deadline at all
        return [Breach(path, row, covered, "complaints have no deadline for a final response, "
                       f"while the law allows at most {spell(row.get('within'), law_days(row.get('within')))}",
                       rank=-law_days(row.get("within")))
                for row, covered in rows], []
    written = parse_duration(text)
    policy = policy_days(ctx, written)
    found: list[Breach] = []
    needs: list[Outcome] = []
    for row, covered in rows:
        limit_text = row.get("within")
        law = law_days(limit_text)
        if within(written, policy, limit_text, law):
            continue
        about = f" for {row.get('about')}" if row.get("about") else ""
        then = f"; after that {row.get('after_deadline')}" if row.get("after_deadline") else ""
        promise = "get a final answer" if key == "final_response_within" else "are resolved"
        lead = (f"complaints {promise} within {text}, which allows up to {policy:g} calendar "
                "days")
        extended = row.get("extended_within")
        if extended and within(written, policy, extended, law_days(extended)):
            holding = proc.get(("complaints", "holding_reply"))
            if holding is True:
                continue
            if holding is MISSING:
                needs.append(missing(("complaints", "holding_reply"), evidence="State whether a "
                             "holding reply explains the delay when the final response takes "
                             f"longer than {limit_text} (`complaints.holding_reply`)."))
                continue
            found.append(Breach(path, row, covered, f"beyond the {spell(limit_text, law)} "
                                f"limit{about}, and no holding reply explains the delay (only "
                                f"with one may it reach {extended})", rank=-law, lead=lead))
            continue
        beyond = (f", beyond even the {spell(extended, law_days(extended))} allowed with a "
                  "holding reply" if extended else "")
        found.append(Breach(path, row, covered, f"more than the {spell(limit_text, law)} the "
                            f"law allows{about}{beyond}{then}", rank=-law, lead=lead))
    return found, needs


def _defect_row(ctx: CheckContext, row: Any,
                covered: tuple[str, ...]) -> tuple[list[Breach], list[Outcome]]:
    base = ("returns", "defective")
    text = ctx.process.get(base + ("refund_within",))
    start = ctx.process.get(base + ("deadline_from",))
    if text is MISSING:
        return [], [missing(base + ("refund_within",), evidence="State how soon a faulty item "
                            "is refunded (`returns.defective.refund_within`).")]
    policy = policy_days(ctx, parse_duration(text))
    limit_text = row.get("within")
    law = law_days(limit_text)
    waits = {p: days(ctx.params[p]) or 0.0 for p in ("return_transit", "inspection_time")}
    delay = after_claim(ctx, start)
    if start is MISSING and policy <= law:
        return [], [missing(base + ("deadline_from",), evidence="State which event the faulty-"
                            "item refund deadline counts from (`returns.defective."
                            "deadline_from`: claim, receipt, inspection).")]
    if policy + delay <= law:
        return [], []
    allowed = f"the {law:g} days the law allows"
    stated = f"{text}{f' (up to {policy:g} calendar days)' if policy != days(text) else ''}"
    if start is MISSING:
        said = (f"a faulty item is refunded within {stated}, longer than {allowed} even if "
                "that counts from the customer's claim")
    elif delay:
        parts = [f"about {waits['return_transit']:g} days for the goods to come back"]
        if start == "inspection":
            parts.append(f"{waits['inspection_time']:g} for the inspection")
        said = (f"a faulty item is refunded within {stated} of the {start}, so about "
                f"{policy + delay:g} days after the customer's claim ({' and '.join(parts)}), "
                f"which is when the law starts counting: longer than {allowed}")
    elif start in ("claim", "withdrawal_notice"):
        said = f"a faulty item is refunded within {stated} of the customer's claim, longer " \
               f"than {allowed}"
    else:
        said = (f"a faulty item is refunded within {stated} of the "
                f"{str(start).replace('_', ' ')}, longer than {allowed} from the customer's "
                "claim, which comes earlier")
    return [Breach(base + ("refund_within",), row, covered, said, rank=-law)], []


_BODY = ("complaints", "external_dispute_body")


def dispute_body(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-007: the final response names the external dispute body where the law requires."""
    need = needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows, asks = binding(ctx, "dispute_body")
    yield from asks
    # A sector's own body (an ombudsman) is what the customer needs; the general consumer
    # ADR duty is named only where no sector rule covers the same jurisdictions.
    specific = {j for r, cov in rows if "sectors" in r.fields for j in cov}
    rows = [(r, cov) for r, cov in rows
            if "sectors" in r.fields or not set(cov) <= specific]
    proc = ctx.process
    name = proc.get(_BODY + ("name",))
    named = proc.get(_BODY + ("named_in_final_response",))
    breaches: list[Breach] = []
    for row, covered in rows:
        body = row.get("body")
        if named is False:
            breaches.append(Breach(_BODY + ("named_in_final_response",), row, covered,
                                   f"the final response does not name {body}"))
        elif isinstance(name, str) and not name.strip():
            breaches.append(Breach(_BODY + ("name",), row, covered,
                                   f"no dispute body is named, but the final response must "
                                   f"name {body}"))
    if rows and named is MISSING:
        yield missing(_BODY + ("named_in_final_response",), evidence="Say whether the final "
                      "response to a complaint names the external dispute body "
                      "(`complaints.external_dispute_body.named_in_final_response`).")
    yield from report(breaches)


def accessibility(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-004: European Accessibility Act: text alongside voice, a published statement."""
    if ctx.process.applicable("accessibility") is False:
        raise NotApplicable
    need = needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows, asks = binding(ctx, "accessibility")
    yield from asks
    if not rows:
        return
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
    breaches: list[Breach] = []
    if not proc.channels:
        yield missing(("channels",), evidence="List the support channels (`channels`) so that a "
                      "text alternative to every voice line can be checked.")
    telecom = proc.organization.sector == "telecom"
    for row, covered in rows:
        if voice and not written:
            breaches.append(Breach(("channels",), row, covered, "customers can reach support "
                                   "only by voice, so deaf and hard-of-hearing customers have "
                                   "no text alternative"))
        if telecom and voice and rtt is False:
            breaches.append(Breach(("accessibility", "real_time_text"), row, covered,
                                   "calls offer no real-time text alongside voice"))
        if statement is False:
            breaches.append(Breach(("accessibility", "statement_published"), row, covered,
                                   "no accessibility statement tells customers how the "
                                   "service can be used with a disability"))
    if telecom and voice and rtt is MISSING:
        yield missing(("accessibility", "real_time_text"), evidence="State whether calls "
                      "offer real-time text (`accessibility.real_time_text`).")
    if statement is MISSING:
        yield missing(("accessibility", "statement_published"), evidence="State whether an "
                      "accessibility statement is published "
                      "(`accessibility.statement_published`).")
    yield from report(breaches)
