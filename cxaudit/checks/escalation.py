"""Escalation path checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.checks.chain import by_level

_COLLECTIVE = re.compile(
    r"\b(committee|team|teams|board|group|council|department|dept|desk|everyone|all staff|"
    r"leads|managers|staff|pool|queue|shift)\b", re.IGNORECASE)
_SHARED_MAILBOX = re.compile(
    r"^(support|info|help|helpdesk|team|service|care|hello|contact|admin|office|sales|cs|cx|all|"
    r"everyone|escalations?|complaints?|[a-z0-9.]*-(leads|team|group|list|all))@", re.IGNORECASE)


def _text(owner: dict[str, Any], key: str) -> str:
    value = owner.get(key)
    return value.strip() if isinstance(value, str) else ""


def escalation_owners(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-002: every escalation level is owned by one reachable person or unique role."""
    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    for i, level in enumerate(levels):
        path = ("escalation", "levels", i)
        label = str(level.get("name") or f"level {level.get('level', i + 1)}")
        owner = level.get("owner")
        if not isinstance(owner, dict) or not (_text(owner, "name") or _text(owner, "role")):
            yield violation(path + ("owner",), level=label, problem="has no owner")
            continue
        name, role, contact = _text(owner, "name"), _text(owner, "role"), _text(owner, "contact")
        who = name or role
        if "@" in who or _COLLECTIVE.search(who.replace("_", " ")):
            yield violation(path + ("owner",), level=label,
                            problem=f"is owned by {who!r}, a group rather than one person")
        elif not contact:
            yield violation(path + ("owner",), level=label,
                            problem=f"names {who} but gives no contact")
        elif _SHARED_MAILBOX.match(contact) and not name:
            yield violation(path + ("owner", "contact"), level=label,
                            problem=f"is reached only through the shared mailbox {contact}")
    yield from _duplicated_owners(levels)


def _identity(owner: Any) -> str:
    if not isinstance(owner, dict):
        return ""
    return (_text(owner, "name") or _text(owner, "contact")).casefold()


def _duplicated_owners(levels: list[Any]) -> Iterator[Outcome]:
    """The same person at two levels: the case escalates to the one who already has it."""
    first: dict[str, str] = {}
    for i, level in by_level(levels):  # in escalation order, however the file lists them
        if not isinstance(level, dict):
            continue
        who = _identity(level.get("owner"))
        label = str(level.get("name") or f"level {level.get('level', i + 1)}")
        if who and who in first:
            yield violation(("escalation", "levels", i, "owner"), level=label,
                            problem=f"goes back to the owner of '{first[who]}', so the case "
                            "escalates to the person who already has it")
        elif who:
            first[who] = label


_ROUND_THE_CLOCK = re.compile(r"24\s*/\s*7|24x7|round the clock|on[- ]call|always", re.IGNORECASE)


_ON_DUTY = re.compile(r"on[- _]?duty|on[- _]?call|duty[- _]manager|rota", re.IGNORECASE)


def _always_reachable(hours: Any) -> bool:
    if isinstance(hours, str):
        return bool(_ROUND_THE_CLOCK.search(hours))
    if isinstance(hours, list):
        days = {d for row in hours if isinstance(row, dict)
                and str(row.get("open")) in ("00:00", "0:00")
                and str(row.get("close")) in ("24:00", "00:00")
                for d in (row.get("days") or [])}
        return len(days) == 7
    return False


def _round_the_clock_priorities(ctx: CheckContext) -> list[str]:
    proc = ctx.process
    prios = proc.get(("priorities",))
    out = [p for p, spec in (prios.items() if isinstance(prios, dict) else ())
           if isinstance(spec, dict) and spec.get("round_the_clock") is True]
    after = proc.get(("business_hours", "after_hours"))
    if isinstance(after, dict) and after.get("coverage") in ("on_call", "outsourced"):
        out.extend(str(p) for p in (after.get("priorities") or ["urgent"]))
    return sorted(set(out))


def owners_on_duty(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-007: where cases are worked round the clock, escalation owners can be reached then."""
    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    prios = _round_the_clock_priorities(ctx)
    if not prios:
        raise NotApplicable
    unknown: list[str] = []
    for i, level in enumerate(levels):
        owner = level.get("owner") if isinstance(level, dict) else None
        trigger = level.get("trigger") if isinstance(level, dict) else None
        if not isinstance(owner, dict) or (isinstance(trigger, dict)
                                           and trigger.get("on") == "manual"):
            continue
        label = str(level.get("name") or f"level {level.get('level', i + 1)}")
        hours = owner.get("hours")
        if _text(owner, "deputy") or _ON_DUTY.search(f"{label} {_text(owner, 'role')}"):
            continue  # a deputy or a duty rota stands in
        if hours is None:
            unknown.append(label)
        elif not _always_reachable(hours):
            yield violation(("escalation", "levels", i, "owner", "hours"), level=label,
                            priorities=", ".join(prios),
                            hours=hours if isinstance(hours, str) else "in office hours")
    if unknown:
        yield missing(("escalation", "levels"),
                      evidence="State when the escalation owners can be reached (`owner.hours`) "
                      f"or name deputies (`owner.deputy`) for {', '.join(repr(u) for u in unknown)}"
                      f": {', '.join(prios)} cases are worked round the clock.")


def _trigger_hours(ctx: CheckContext, trigger: dict[str, Any]) -> float | None:
    """A trigger as worst-case hours since the case was opened (None if manual or unknown)."""
    from cxaudit.durations import DurationError, parse_duration
    from cxaudit.waits import wait_hours

    on = trigger.get("on")
    if on == "manual" or (on is None and "at_pct_of_target" not in trigger
                          and "after" not in trigger):
        return None
    try:
        after = parse_duration(trigger["after"]) if "after" in trigger else None
    except DurationError:
        return None
    after_h = ((after.minutes or 0) / 60 if after and after.minutes is not None
               else (after.amount * 24 if after else 0.0))
    if on == "creation":
        return after_h
    metric = str(trigger.get("metric", "resolution"))
    targets = list(ctx.process.targets_for(metric=metric, priority="normal")) or \
        list(ctx.process.targets_for(metric=metric))
    if not targets:
        return None
    target_h = max(wait_hours(ctx.process, t) for t in targets)
    if "at_pct_of_target" in trigger:
        return target_h * float(trigger["at_pct_of_target"]) / 100 + after_h
    if on == "before_breach":
        return max(0.0, target_h - after_h)
    return target_h + after_h  # on: breach


def escalation_order(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-003: counted from the same start, each level fires strictly later than the last."""
    from cxaudit.waits import fmt_hours

    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    previous: tuple[str, float] | None = None
    for i, level in by_level(levels):
        trigger = level.get("trigger") if isinstance(level, dict) else None
        if not isinstance(trigger, dict):
            continue
        hours = _trigger_hours(ctx, trigger)
        if hours is None:
            continue
        label = str(level.get("name") or f"level {level.get('level', i + 1)}")
        if previous is not None and hours <= previous[1]:
            yield violation(("escalation", "levels", i, "trigger"), level=label,
                            when=fmt_hours(hours), previous=previous[0],
                            previous_when=fmt_hours(previous[1]))
        previous = (label, hours)


def escalation_before_breach(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-004: for each escalated metric some level fires before the target is breached."""
    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    max_pct = float(ctx.params["max_pct"])
    by_metric: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, level in by_level(levels):
        trigger = level.get("trigger") if isinstance(level, dict) else None
        if isinstance(trigger, dict) and trigger.get("on") != "manual":
            metric = str(trigger.get("metric", "resolution"))
            by_metric.setdefault(metric, []).append((i, trigger))
    if not by_metric:
        yield missing(("escalation", "levels", by_level(levels)[0][0], "trigger"))
        return
    for metric, triggers in sorted(by_metric.items()):
        early = [t for _, t in triggers if t.get("on") == "before_breach"
                 or float(t.get("at_pct_of_target", 101)) <= max_pct
                 or _fires_early(ctx, t, metric, max_pct)]
        if early:
            continue
        pcts = [float(t["at_pct_of_target"]) for _, t in triggers if "at_pct_of_target" in t]
        when = f"at {min(pcts):g} % of the target" if pcts else "at the breach or later"
        yield violation(("escalation", "levels", triggers[0][0], "trigger"), metric=metric,
                        when=when)


def _fires_early(ctx: CheckContext, trigger: dict[str, Any], metric: str, max_pct: float) -> bool:
    """A creation-based trigger counts as a warning if it fires early enough, measured from
    creation against the metric's worst-case target."""
    from cxaudit.waits import wait_hours

    if trigger.get("on") != "creation":
        return False
    hours = _trigger_hours(ctx, trigger)
    targets = list(ctx.process.targets_for(metric=metric))
    if hours is None or not targets:
        return False
    return hours <= min(wait_hours(ctx.process, t) for t in targets) * max_pct / 100
