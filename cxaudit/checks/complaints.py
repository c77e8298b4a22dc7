"""Complaint handling that is not about the law: every complaint is acknowledged, in writing,
quickly."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.model.durations import quantity
from cxaudit.model.process import MISSING, NONE

_BASE = ("complaints",)
_NOT_WRITTEN = {"phone": "only by phone", "in_person": "only in person, at the counter"}


def acknowledgement(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-002: every complaint gets a written acknowledgement within max_wait."""
    proc = ctx.process
    within = proc.get(_BASE + ("acknowledge_within",))
    how = proc.get(_BASE + ("acknowledge_by",))
    if within == NONE:
        yield violation(_BASE + ("acknowledge_within",), problem=(
            "Complaints are not acknowledged at all: the customer does not know whether anyone "
            "has the complaint, so they call again, escalate or complain in public"))
        return
    if how in _NOT_WRITTEN:
        yield violation(_BASE + ("acknowledge_by",), problem=(
            f"Complaints are acknowledged {_NOT_WRITTEN[how]}, so the customer keeps nothing in "
            "writing that shows the complaint was received, or when"))
    where: tuple[str | int, ...] = _BASE + ("acknowledge_within",)
    if within is MISSING:
        # an SLA `acknowledge` target on the channels complaints come in through says it too
        promised = [t for ch in proc.channels if ch.enabled and "complaints" in ch.purposes
                    for t in ctx.facts.targets_for(channel=ch.id, metric="acknowledge")]
        if not promised:
            if how not in _NOT_WRITTEN:
                yield missing(where)
            return
        worst = max(promised, key=lambda t: quantity(t.duration.text) or 0.0)
        within, where = worst.duration.text, worst.path
    limit = ctx.params["max_wait"]
    have, most = quantity(within), quantity(limit)
    if have is not None and most is not None and have > most:
        yield violation(where, problem=(
            f"Complaints are acknowledged within {within}, later than {limit}: the customer "
            "does not know whether anyone has the complaint"))
