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
    data_text,
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
    yield from report(ctx, breaches)


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
        return [], [missing(("complaints", "final_response_within"), "final_response")]
    path = ("complaints", key)
    if text == NONE:  # stated: complaints have no deadline at all
        return [Breach(path, row, covered, ctx.say("no_deadline", limit=spell(
                    ctx, row.get("within"), law_days(row.get("within")))),
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
        lead = ctx.say("lead_final" if key == "final_response_within" else "lead_resolved",
                       within=text, days=policy)
        extended = row.get("extended_within")
        if extended and within(written, policy, extended, law_days(extended)):
            holding = proc.get(("complaints", "holding_reply"))
            if holding is True:
                continue
            if holding is MISSING:
                needs.append(missing(("complaints", "holding_reply"), "holding_reply",
                                     limit=limit_text))
                continue
            found.append(Breach(path, row, covered, ctx.say(
                "beyond_without_holding_reply", limit=spell(ctx, limit_text, law),
                about=data_text(row.get("about")), extended=extended), rank=-law, lead=lead))
            continue
        found.append(Breach(path, row, covered, ctx.say(
            "beyond", limit=spell(ctx, limit_text, law), about=data_text(row.get("about")),
            extended=spell(ctx, extended, law_days(extended)) if extended else None,
            after=data_text(row.get("after_deadline"))), rank=-law, lead=lead))
    return found, needs


def _defect_row(ctx: CheckContext, row: Any,
                covered: tuple[str, ...]) -> tuple[list[Breach], list[Outcome]]:
    base = ("returns", "defective")
    text = ctx.process.get(base + ("refund_within",))
    start = ctx.process.get(base + ("deadline_from",))
    if text is MISSING:
        return [], [missing(base + ("refund_within",), "defect_refund")]
    policy = policy_days(ctx, parse_duration(text))
    limit_text = row.get("within")
    law = law_days(limit_text)
    waits = {p: days(ctx.params[p]) or 0.0 for p in ("return_transit", "inspection_time")}
    delay = after_claim(ctx, start)
    if start is MISSING and policy <= law:
        return [], [missing(base + ("deadline_from",), "defect_deadline_from")]
    if policy + delay <= law:
        return [], []
    name = ("defect_slow_from_claim" if start is MISSING else "defect_slow_after_return"
            if delay else "defect_slow" if start in ("claim", "withdrawal_notice")
            else "defect_slow_later_start")
    said = ctx.say(name, within=text, start=start, law=law, total=policy + delay,
                   days=policy if policy != days(text) else None,
                   transit=waits["return_transit"],
                   inspection=waits["inspection_time"] if start == "inspection" else None)
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
        body = data_text(row.get("body"))
        if named is False:
            breaches.append(Breach(_BODY + ("named_in_final_response",), row, covered,
                                   ctx.say("not_named", body=body)))
        elif isinstance(name, str) and not name.strip():
            breaches.append(Breach(_BODY + ("name",), row, covered,
                                   ctx.say("no_body", body=body)))
    if rows and named is MISSING:
        yield missing(_BODY + ("named_in_final_response",), "named")
    yield from report(ctx, breaches)


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
        yield missing(("channels",), "channels")
    telecom = proc.organization.sector == "telecom"
    for row, covered in rows:
        if voice and not written:
            breaches.append(Breach(("channels",), row, covered, ctx.say("voice_only")))
        if telecom and voice and rtt is False:
            breaches.append(Breach(("accessibility", "real_time_text"), row, covered,
                                   ctx.say("no_real_time_text")))
        if statement is False:
            breaches.append(Breach(("accessibility", "statement_published"), row, covered,
                                   ctx.say("no_statement")))
    if telecom and voice and rtt is MISSING:
        yield missing(("accessibility", "real_time_text"), "real_time_text")
    if statement is MISSING:
        yield missing(("accessibility", "statement_published"), "statement")
    yield from report(ctx, breaches)
