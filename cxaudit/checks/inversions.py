"""RESP-006: a more urgent case never waits longer than a less urgent one, as customers wait.

Targets are compared by their worst real wait over an ordinary week (business hours turned into
calendar hours), never by the numbers written, and in two ways:

* on one channel, priority by priority, as before;
* across every channel that serves the same customers (one customer segment at a time): the
  longest an urgent case can wait anywhere against the longest a normal one can. An urgent
  fault that can only be reported on a business-hours web form waits 66 h over a weekend while
  a billing question on a 24/7 desk is answered in 2 h; no single channel shows it.

Across channels, a live channel (phone, chat) counts only where it never closes: outside its
hours it queues nothing, so its business-hours "wait" is not a wait anyone sits through.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.clock.facts import Facts, in_person
from cxaudit.clock.waits import fmt_hours
from cxaudit.model.durations import PRIORITIES
from cxaudit.model.process import Channel, Process, SlaPolicy, Target

_EPSILON = 1e-6
_INTERNAL = frozenset({"agent_work_time"})  # an efficiency figure, never a customer promise
Audience = tuple[str | None, tuple[Target, ...]]


def priority_order(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-006: a more urgent priority never waits longer than a less urgent one."""
    proc = ctx.process
    if not proc.targets and not any(p.segments for p in proc.policies):
        yield missing(("sla_policies",))
        return
    # a shop or box office serves face to face: there is no reply to wait for
    enabled = {c.id: c for c in proc.channels if c.enabled and not in_person(c)}
    reported: set[object] = set()
    for segment, targets in _audiences(proc):
        mine = [t for t in targets if t.channel in enabled and t.metric not in _INTERNAL]
        yield from _within_channels(ctx.facts, mine, reported)
        yield from _across_channels(ctx.facts, mine, enabled, segment, reported)


def _within_channels(facts: Facts, targets: list[Target],
                     reported: set[object]) -> Iterator[Outcome]:
    pairs: dict[tuple[object, ...], tuple[Target, Target, float, float, list[str]]] = {}
    by_channel: dict[str, list[Target]] = {}
    for t in targets:
        by_channel.setdefault(t.channel, []).append(t)
    for channel, here in by_channel.items():
        for metric in sorted({t.metric for t in here}):
            by_prio = {t.priority: t for t in here if t.metric == metric}
            ranked = [by_prio[p] for p in PRIORITIES if p in by_prio]
            for hi, lo in pairwise(ranked):
                h_hi, h_lo = facts.wait_hours(hi), facts.wait_hours(lo)
                if h_hi > h_lo + _EPSILON:
                    key = (hi.path, lo.path)
                    pairs.setdefault(key, (hi, lo, h_hi, h_lo, []))[4].append(channel)
    for (hi_path, _lo_path), (hi, lo, h_hi, h_lo, chans) in pairs.items():
        if hi_path in reported:
            continue
        reported.add(hi_path)
        yield violation(hi.path, "within", channels=chans, **_pair(hi, lo, h_hi, h_lo))


def _across_channels(facts: Facts, targets: list[Target], enabled: dict[str, Channel],
                     segment: str | None, reported: set[object]) -> Iterator[Outcome]:
    shared = [t for t in targets if enabled[t.channel].customer_facing
              and _real_wait(facts, enabled[t.channel], t)]
    for metric in sorted({t.metric for t in shared}):
        candidates: dict[str, list[tuple[float, Target]]] = {}
        for t in shared:
            if t.metric == metric:
                candidates.setdefault(t.priority, []).append((facts.wait_hours(t), t))
        # the longest wait; ties go to the policy and channel first by name, not by file order
        worst = {p: min(c, key=lambda x: (-round(x[0], 6), _name(x[1])))
                 for p, c in candidates.items()}
        ranked = [p for p in PRIORITIES if p in worst]
        for p_hi, p_lo in pairwise(ranked):
            (h_hi, hi), (h_lo, lo) = worst[p_hi], worst[p_lo]
            if h_hi <= h_lo + _EPSILON or hi.path in reported:
                continue
            reported.add(hi.path)
            yield violation(hi.path, "across_segment" if segment else "across", segment=segment,
                            **_pair(hi, lo, h_hi, h_lo))


def _name(t: Target) -> tuple[str, str]:
    return (t.policy, t.channel)


def _pair(hi: Target, lo: Target, h_hi: float, h_lo: float) -> dict[str, Any]:
    """The named values of a more urgent target that waits longer than a less urgent one."""
    return {"priority": hi.priority, "metric": hi.metric, "wait": fmt_hours(h_hi),
            "target": hi.duration.text, "policy": hi.policy, "channel": hi.channel,
            "other_priority": lo.priority, "other_wait": fmt_hours(h_lo),
            "other_target": lo.duration.text, "other_policy": lo.policy,
            "other_channel": lo.channel}


def _real_wait(facts: Facts, channel: Channel, t: Target) -> bool:
    """A written channel queues messages; a live one counts only if it never closes."""
    if channel.mode != "sync":
        return True
    nominal = t.duration.minutes
    return nominal is not None and abs(facts.wait_hours(t) - nominal / 60) < _EPSILON


def _audiences(proc: Process) -> list[Audience]:
    """The targets customers without a segment reach, then those of each named segment."""
    out: list[Audience] = [(None, proc.targets)]
    segments = sorted({s for p in proc.policies for s in (p.segments or ())})
    ordered = sorted(proc.policies, key=lambda p: p.order)
    for segment in segments:
        targets = tuple(_segment_targets(proc, ordered, segment))
        if set(targets) != set(proc.targets):
            out.append((segment, targets))
    return out


def _segment_targets(proc: Process, ordered: Sequence[SlaPolicy],
                     segment: str) -> Iterator[Target]:
    """Targets a ticket from `segment` reaches: segment policies join the first-match order."""
    for chan in proc.channels:
        if chan.raw.get("sla_policy") is not None or isinstance(chan.raw.get("sla"), dict):
            yield from (t for t in proc.targets if t.channel == chan.id)
            continue
        for prio in PRIORITIES:
            pol = next((p for p in ordered if _catches(p, chan, prio, segment)), None)
            if pol is None:
                continue
            for metric, by_prio in pol.targets.items():
                if prio in by_prio:
                    dur, path = by_prio[prio]
                    yield Target(chan.id, prio, metric, dur, dur.clock_or(pol.clock), pol.id, path)


def _catches(pol: SlaPolicy, chan: Channel, prio: str, segment: str) -> bool:
    if pol.segments and segment not in pol.segments:
        return False
    if pol.channels is not None and not ({chan.id, chan.type} & set(pol.channels)):
        return False
    return pol.priorities is None or prio in pol.priorities
