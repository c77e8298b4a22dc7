"""SLA policy shadowing: policies that no ticket ever reaches."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, violation
from cxaudit.model.durations import PRIORITIES
from cxaudit.model.process import Channel, SlaPolicy


def _ignoring_segments(pol: SlaPolicy) -> SlaPolicy:
    return dataclasses.replace(pol, segments=None)


def _first_match(ordered: list[SlaPolicy], chan: Channel, prio: str,
                 segment: str | None) -> SlaPolicy | None:
    for pol in ordered:
        if pol.segments and segment not in pol.segments:
            continue
        if _ignoring_segments(pol).matches(chan, prio):
            return pol
    return None


def policy_shadowing(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-014: every SLA policy is the first match for some channel, priority and segment."""
    proc = ctx.process
    policies = list(proc.policies)
    if not policies:
        raise NotApplicable
    ordered = sorted(policies, key=lambda p: p.order)
    named = {c.raw.get("sla_policy") for c in proc.channels}
    free = [c for c in proc.channels
            if c.raw.get("sla_policy") is None and not isinstance(c.raw.get("sla"), dict)]
    segments = sorted({s for p in policies for s in (p.segments or ())})
    reached: set[str] = {p.id for p in policies if p.id in named}
    for chan in free:
        for prio in PRIORITIES:
            for seg in [None, *segments]:
                hit = _first_match(ordered, chan, prio, seg)
                if hit is not None:
                    reached.add(hit.id)
    for pol in ordered:
        if pol.id in reached:
            continue
        wanted = [(c, p) for c in free for p in PRIORITIES
                  if _ignoring_segments(pol).matches(c, p)]
        values: dict[str, Any] = {}
        if not wanted:
            branch = "unused"
        else:
            chan, prio = wanted[0]
            seg = pol.segments[0] if pol.segments else None
            winner = _first_match(ordered, chan, prio, seg)
            branch = "shadowed" if winner is not None else "unreached"
            if winner is not None:
                values = {"winner": winner.id, "channel": chan.id, "priority": prio}
        raw = proc.get(pol.path)
        at = pol.path + ("id",) if isinstance(raw, dict) and "id" in raw else pol.path
        yield violation(at, branch, policy=pol.id, **values)
