"""Checks on hours and coverage: holidays, urgent work out of hours, customers' time zones."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cxaudit.checks.base import (
    HOURS_EVIDENCE,
    CheckContext,
    NotApplicable,
    Outcome,
    missing,
    violation,
)
from cxaudit.durations import BUSINESS, parse_duration
from cxaudit.findings import Severity
from cxaudit.waits import fmt_hours, schedule, wait

if TYPE_CHECKING:
    from cxaudit.schedules import Schedule

_ROUND_THE_CLOCK_SECTORS = frozenset({"bank", "telecom", "utility", "healthcare", "marketplace",
                                      "saas_b2b"})
_COVERED = frozenset({"on_call", "outsourced"})


def _after_hours(ctx: CheckContext) -> tuple[str, tuple[str, ...] | None]:
    ah = ctx.process.get(("business_hours", "after_hours"))
    if not isinstance(ah, dict):
        return "not stated", None
    prios = ah.get("priorities")
    return str(ah.get("coverage", "not stated")), tuple(prios) if isinstance(prios, list) else None


def _covered(ctx: CheckContext, priority: str) -> bool:
    coverage, prios = _after_hours(ctx)
    return coverage in _COVERED and (prios is None or priority in prios)


def holiday_gap(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-011: over the next twelve months, holidays never stretch a first reply past max_wait."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    limit_h = (parse_duration(ctx.params["max_wait"]).minutes or 0) / 60
    business = [t for t in proc.targets_for(metric="first_response")
                if t.clock == BUSINESS and t.priority != "low"]
    chans = {c.id: c for c in proc.channels if c.enabled and c.mode == "async"
             and c.customer_facing}
    business = [t for t in business if t.channel in chans]
    if not business:
        return
    if schedule(proc) is None:
        yield missing(("business_hours",), evidence=HOURS_EVIDENCE)
        return
    if ctx.as_of is None:
        yield missing(("process", "updated"))
        return
    worst: dict[str, tuple[float, Any, Any, Any, set[str]]] = {}
    for t in business:
        if _covered(ctx, t.priority):
            continue
        year, week = wait(proc, t, as_of=ctx.as_of), wait(proc, t)
        if year is None or week is None or year.hours <= limit_h or year.hours <= week.hours:
            continue
        current = worst.get(t.policy)
        if current is None or year.hours > current[0]:
            worst[t.policy] = (year.hours, t, year, week, {t.channel})
        else:
            current[4].add(t.channel)  # a set: thousands of channels may share one policy
    coverage, prios = _after_hours(ctx)
    if prios is not None and coverage in _COVERED:
        coverage += f" for {', '.join(prios)} only"
    for policy, (_, t, year, week, channels) in sorted(worst.items()):
        yield violation(t.path, anchor=t.path[:-1], policy=policy,
                        channel=", ".join(sorted(channels)),
                        case=year.case(f"a {t.priority}-priority message", dated=True),
                        regular=fmt_hours(week.hours), coverage=f"out-of-hours coverage: {coverage}")


def urgent_coverage(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-012: where urgent cases cannot wait, they are answered round the clock."""
    proc = ctx.process
    sector = proc.organization.sector
    rtc = proc.get(("priorities", "urgent", "round_the_clock"))
    if rtc is False or (sector not in _ROUND_THE_CLOCK_SECTORS and rtc is not True):
        if sector is None and rtc is not False:
            yield missing(("organization", "sector"))
            return
        raise NotApplicable
    urgent = [t for t in proc.targets_for(metric="first_response", priority="urgent")]
    if not urgent:
        yield missing(("sla_policies",))
        return
    if _covered(ctx, "urgent"):
        return
    coverage, _ = _after_hours(ctx)
    seen: set[object] = set()
    for t in urgent:
        if t.clock != BUSINESS or t.path in seen:
            continue
        seen.add(t.path)
        w = wait(proc, t)
        case = w.case() if w is not None else "an urgent case raised at night waits for opening time"
        yield violation(t.path, target=t.duration.text, policy=t.policy, coverage=coverage,
                        case=case)


def _open_minutes(sched: Schedule, start: datetime, end: datetime) -> float:
    """Minutes the weekly schedule is open between two aware instants (closed dates ignored)."""
    tz = ZoneInfo(sched.timezone)
    lo, hi = start.astimezone(tz), end.astimezone(tz)
    total = 0.0
    day = lo.date() - timedelta(days=1)
    while day <= hi.date():
        for weekday, open_m, close_m in sched.weekly:
            if weekday != day.weekday():
                continue
            base = datetime(day.year, day.month, day.day, tzinfo=tz)
            o = base + timedelta(minutes=open_m)
            c = base + timedelta(minutes=close_m if close_m > open_m else close_m + 1440)
            total += max(0.0, (min(c, hi) - max(o, lo)).total_seconds() / 60)
        day += timedelta(days=1)
    return total


def _weekly_hours(sched: Schedule) -> float:
    return sum(((c if c > o else c + 1440) - o) for _, o, c in sched.weekly) / 60


def hours_match_customers(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-006: service hours overlap the customers' working day; channels keep their hours."""
    proc = ctx.process
    base = schedule(proc)
    if base is None:
        yield missing(("business_hours",), evidence=HOURS_EVIDENCE)
        return
    min_overlap = (parse_duration(ctx.params["min_overlap"]).minutes or 0) / 60
    zones = proc.get(("organization", "customer_timezones"))
    for i, zone in enumerate(zones if isinstance(zones, list) else []):
        if not isinstance(zone, dict) or "tz" not in zone:
            continue
        tz = ZoneInfo(str(zone["tz"]))
        overlaps = []
        monday = datetime(2025, 1, 6, tzinfo=tz)  # a reference week without DST changes
        for d in range(5):
            day = monday + timedelta(days=d)
            overlaps.append(_open_minutes(base, day.replace(hour=9), day.replace(hour=18)) / 60)
        typical = sorted(overlaps)[len(overlaps) // 2]
        if typical >= min_overlap:
            continue
        share = float(zone.get("share_pct", 0) or 0)
        sev = None if share >= float(ctx.params["min_share_pct"]) else Severity.INFO
        yield violation(("organization", "customer_timezones", i), sev, problem=(
            f"Customers in {zone['tz']} ({share:g} % of customers) find service open only "
            f"{fmt_hours(typical)} of their 09:00-18:00 working day, less than "
            f"{fmt_hours(min_overlap)}."))
    for ch in proc.channels:
        hours = ch.raw.get("hours")
        if not ch.enabled or not isinstance(hours, dict) or not isinstance(hours.get("schedule"), list):
            continue
        own = schedule(proc, ch)
        if own is None:
            continue
        have, promised = _weekly_hours(own), _weekly_hours(base)
        if have < promised:
            yield violation(ch.path + ("hours",), Severity.INFO, problem=(
                f"Channel '{ch.id}' is staffed {have:g} h a week, fewer than the {promised:g} h of "
                "business hours its SLA counts on: outside its own hours it must show as offline "
                "with an alternative, or its targets cannot be met."))
