"""SLA checks that compare targets across channels, priorities and metrics."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from cxaudit.checks.base import (
    CheckContext,
    Outcome,
    hours_missing,
    missing,
    purposes_missing,
    violation,
)
from cxaudit.i18n import ENGLISH, current, formats
from cxaudit.model.classes import channel_class
from cxaudit.model.durations import PRIORITIES
from cxaudit.model.process import SlaPolicy, Target


def _fmt_h(hours: float) -> str:
    if current() != ENGLISH:
        return formats.hours(hours)
    return f"{hours:.0f} h" if hours >= 10 or hours == int(hours) else f"{hours:.1f} h"


class _Pair(TypedDict):
    """Message placeholders of two targets compared with each other."""

    metric: str
    priority: str
    target: str
    policy: str
    hours: str
    other_priority: str
    other_target: str
    other_policy: str
    other_hours: str


def _pair(a: Target, b: Target, ha: float, hb: float) -> _Pair:
    return {"metric": a.metric, "priority": a.priority, "target": a.duration.text,
            "policy": a.policy, "hours": _fmt_h(ha), "other_priority": b.priority,
            "other_target": b.duration.text, "other_policy": b.policy, "other_hours": _fmt_h(hb)}


def resolution_after_response(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-007: resolution comes after the first response and is no shorter than updates."""
    proc = ctx.process
    if not proc.targets:
        yield missing(("sla_policies",))
        return
    reported: set[tuple[str, str]] = set()
    for ch in proc.channels:
        if not ch.enabled:
            continue
        for prio in PRIORITIES:
            res = ctx.facts.target(ch.id, "resolution", prio)
            if res is None:
                continue
            h_res = ctx.facts.wait_hours(res)
            for metric in ("first_response", "next_response", "periodic_update"):
                other = ctx.facts.target(ch.id, metric, prio)
                if other is None:
                    continue
                h_other = ctx.facts.wait_hours(other)
                bad = h_res <= h_other if metric == "first_response" else h_res < h_other
                key = (f"{res.path}", f"{other.path}")
                if bad and key not in reported:
                    reported.add(key)
                    yield violation(res.path, metric, **_pair(res, other, h_res, h_other),
                                    other_metric=metric, channel=ch.id)


def first_reply_within(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-001: on written channels, a first human reply never takes longer than max_wait."""
    from cxaudit.clock.waits import Wait, fmt_hours
    from cxaudit.model.durations import parse_duration
    from cxaudit.model.findings import Severity

    proc = ctx.process
    limit = parse_duration(ctx.params["max_wait"])
    limit_h = (limit.minutes or 0) / 60
    if not proc.channels:
        yield missing(("channels",))
        return
    over: dict[tuple[str | int, ...], tuple[Target, Wait, list[str]]] = {}
    for ch in proc.channels:
        if not ch.enabled or ch.mode != "async" or (ch.purposes_known and not ch.customer_facing):
            continue
        for t in ctx.facts.targets_for(channel=ch.id, metric="first_response"):
            w = ctx.facts.wait(t)
            if w is None:
                yield hours_missing()
                continue
            if w.hours > limit_h and not ch.purposes_known:
                yield purposes_missing(ch)  # too slow for customers, if customers write there
            elif w.hours > limit_h:
                over.setdefault(t.path, (t, w, []))[2].append(ch.id)
    for path, (t, w, chans) in over.items():
        sev = Severity.INFO if t.priority == "low" else None
        when = w.when()
        yield violation(path, "slow" if when else "slow_always", severity=sev, channel=chans,
                        priority=t.priority, target=t.duration.text, policy=t.policy,
                        wait=fmt_hours(w.hours), sent=when[0] if when else "",
                        answered=when[1] if when else "")


_TICKET_TYPES = channel_class("tickets")


def update_cadence(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-008: on ticket channels an open case hears back at least every max_wait.

    A policy that names neither `next_response` nor `periodic_update` has not described its
    updates (needs evidence); one that names them but leaves a priority out, or gives an
    empty map, has said that this priority gets no promise (judged).
    """
    from cxaudit.clock.waits import fmt_hours
    from cxaudit.model.durations import parse_duration

    proc = ctx.process
    limit_h = (parse_duration(ctx.params["max_wait"]).minutes or 0) / 60
    if not proc.channels:
        yield missing(("channels",))
        return
    policies = ctx.facts.policies
    reported: set[object] = set()
    for ch in sorted(proc.channels, key=lambda c: c.id):  # the same finding however listed
        if not ch.enabled or ch.type not in _TICKET_TYPES or (ch.purposes_known
                                                               and not ch.customer_facing):
            continue
        if not ctx.facts.by_channel.get(ch.id):
            continue  # no SLA at all is RESP-002's finding
        silent: list[tuple[str, SlaPolicy | None]] = []
        unknown: list[tuple[str, SlaPolicy | None]] = []
        for prio in ("urgent", "high", "normal"):
            if not any(ctx.facts.targets_for(channel=ch.id, priority=prio)):
                continue
            updates = [t for m in ("next_response", "periodic_update")
                       for t in ctx.facts.targets_for(channel=ch.id, metric=m, priority=prio)]
            if not updates:
                pol = policies.get(str(ch.policy_for.get(prio)))
                said = pol is not None and bool({"next_response", "periodic_update"}
                                                & set(pol.targets))
                (silent if said else unknown).append((prio, pol))
                continue
            best = min(updates, key=ctx.facts.wait_hours)
            w = ctx.facts.wait(best)
            hours = w.hours if w is not None else ctx.facts.wait_hours(best)
            if hours > limit_h and best.path not in reported:
                reported.add(best.path)
                yield violation(best.path, best.metric, channel=ch.id, priority=prio,
                                wait=fmt_hours(hours), target=best.duration.text,
                                policy=best.policy) \
                    if ch.purposes_known else purposes_missing(ch)
        for _, pol in unknown:
            where = pol.path + ("targets",) if pol is not None else ch.path
            if where not in reported:
                reported.add(where)
                yield missing(where, "updates", policy=pol.id if pol else ch.id)
        key = (tuple(ch.policy_for.get(p) for p, _ in silent), tuple(p for p, _ in silent))
        if silent and key not in reported:
            reported.add(key)
            yield violation(ch.path, "silent", channel=ch.id,
                            priorities=[p for p, _ in silent]) \
                if ch.purposes_known else purposes_missing(ch)
