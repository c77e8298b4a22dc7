"""What a customer starts in a channel can be finished there (ACC-003)."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, purposes_missing, violation
from cxaudit.model.findings import Kind
from cxaudit.model.process import MISSING, Channel

_JOURNEYS = ("returns", "complaints", "cancellations")  # what a customer must be able to finish


def _completers(channels: list[Channel], journey: str) -> list[str]:
    out = []
    for c in channels:
        done = c.raw.get("completes")
        if isinstance(done, list) and journey in done:
            out.append(c.id)
    return out


def no_forced_switch(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-003: what can be started in a channel can be finished there; history travels along."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    journeys = [j for j in _JOURNEYS if j == "cancellations" or proc.applicable(j) is not False]
    enabled = [c for c in proc.channels if c.enabled]
    unknown: list[Channel] = []
    for ch in enabled:
        if not ch.purposes_known:
            yield purposes_missing(ch)  # which journeys start there is not said
            continue
        started = [j for j in journeys if j in ch.purposes]
        if not started:
            continue
        done = ch.raw.get("completes")
        if not isinstance(done, list):
            unknown.append(ch)
            continue
        stuck = [j for j in started if j not in done]
        if not stuck:
            continue
        elsewhere = sorted({c for j in stuck for c in _completers(enabled, j) if c != ch.id})
        yield violation(ch.path + ("completes",), "stuck" if elsewhere else "stuck_nowhere",
                        stuck=stuck, channel=ch.id, elsewhere=elsewhere)
    label = proc.get(("returns", "prepaid_label"))
    if proc.applicable("returns") is not False and isinstance(label, dict) \
            and label.get("provided") is True and label.get("delivery") == "on_request":
        yield violation(("returns", "prepaid_label", "delivery"), "label_on_request")
    shared = proc.get(("data", "customer_history_shared_across_channels"))
    if shared is False:
        yield violation(("data", "customer_history_shared_across_channels"), "history_not_shared")
    elif shared is MISSING:
        yield missing(("data", "customer_history_shared_across_channels"))
    if unknown:
        kinds = sorted({j for c in unknown for j in journeys if j in c.purposes})
        # one finding for all of them, anchored on the list so its order does not matter
        yield Outcome(Kind.NEEDS_EVIDENCE, unknown[0].path + ("completes",), {
            "journeys": kinds, "channels": [c.id for c in unknown]}, anchor=("channels",),
            branch="completes" if len(unknown) == 1 else "completes_many")
