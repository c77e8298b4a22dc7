"""Checks on hours and coverage: holidays, urgent work out of hours, customers' time zones."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cxaudit import i18n
from cxaudit.checks import sectors
from cxaudit.checks.base import (
    CheckContext,
    NotApplicable,
    Outcome,
    hours_missing,
    missing,
    purposes_missing,
    violation,
)
from cxaudit.clock.businessdays import Workdays
from cxaudit.clock.facts import Facts
from cxaudit.clock.holidaylaw import rules_in_force
from cxaudit.clock.waits import Wait, fmt_hours
from cxaudit.model.durations import BUSINESS, parse_duration
from cxaudit.model.findings import Severity
from cxaudit.model.process import MISSING, Target

if TYPE_CHECKING:
    from cxaudit.clock.schedules import Schedule

_COVERED = frozenset({"on_call", "outsourced", "staffed"})
# A clock change moves a wait by at most its shift in elapsed time and again in open time
# (an hour skipped or repeated while open); no zone shifts more than an hour at once.
_CLOCK_CHANGE_MARGIN = 2.0


_COVERAGE = ("business_hours", "after_hours", "coverage")


def _after_hours(ctx: CheckContext) -> tuple[str, tuple[str, ...] | None]:
    ah = ctx.process.get(("business_hours", "after_hours"))
    if not isinstance(ah, dict):
        return "not stated", None
    prios = ah.get("priorities")
    return str(ah.get("coverage", "not stated")), tuple(prios) if isinstance(prios, list) else None


def _covered(ctx: CheckContext, priority: str) -> bool | None:
    """Whether someone answers `priority` out of hours; None when coverage is not stated."""
    coverage, prios = _after_hours(ctx)
    if coverage == "not stated":
        return None
    return coverage in _COVERED and (prios is None or priority in prios)


def holiday_gap(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-011: over the next twelve months, holidays never stretch a first reply past max_wait.

    A wait counts as a holiday gap only if the year's worst case with holidays is longer than
    the same year's without any: a clock change that adds an hour to a weekend is not one.
    Every served jurisdiction's calendar is searched (see `waits.calendar_sets`).
    """
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    limit_h = (parse_duration(ctx.params["max_wait"]).minutes or 0) / 60
    business = [t for t in ctx.facts.targets_for(metric="first_response")
                if t.clock == BUSINESS and t.priority != "low"]
    chans = {c.id: c for c in proc.channels if c.enabled and c.mode == "async"
             and (c.customer_facing or not c.purposes_known)}
    business = [t for t in business if t.channel in chans]
    if not business:
        return
    if ctx.facts.schedule() is None:
        yield hours_missing()
        return
    if ctx.as_of is None:
        yield missing(("process", "updated"))
        return
    worst: dict[str, tuple[float, Any, Any, Any, set[str]]] = {}
    for t in business:
        covered = _covered(ctx, t.priority)
        if covered:
            continue
        year, week = ctx.facts.wait(t, year=True), ctx.facts.wait(t)
        if year is None or week is None or year.hours <= limit_h or year.hours <= week.hours:
            continue
        if not _closed_day_within(ctx.facts, t, year, ctx.as_of):
            continue  # no closed working day in the worst wait: weekends and clock changes only
        if year.hours <= week.hours + _CLOCK_CHANGE_MARGIN:
            # within what a clock change alone can add: compare with the same year, no holiday
            plain = ctx.facts.wait_without_holidays(t)
            if plain is None or year.hours <= plain + 1e-6:
                continue
        if covered is None or not chans[t.channel].purposes_known:
            # a gap if nobody answers out of hours, for customers writing there: ask first
            yield missing(_COVERAGE, "coverage") if covered is None \
                else purposes_missing(chans[t.channel])
            continue
        current = worst.get(t.policy)
        if current is None or year.hours > current[0]:
            worst[t.policy] = (year.hours, t, year, week, {t.channel})
        else:
            current[4].add(t.channel)  # a set: thousands of channels may share one policy
    cover = _cover(ctx)
    laws = rules_in_force([c for cals in ctx.facts.calendar_sets() for c in cals], ctx.as_of,
                          ctx.as_of + timedelta(days=365))
    english = i18n.current() == i18n.ENGLISH  # elsewhere the summary in the language, the statute local
    note = "".join(" " + ctx.say("law", calendar=law.calendar,
                                 summary=law.summary if english else i18n._(law.summary),
                                 cite=law.cite if english else law.cite_local or law.cite)
                   for law in laws)
    own = bool(ctx.facts.schedule().closed)
    for policy, (_, t, year, week, channels) in sorted(worst.items()):
        when = year.when(dated=True)
        yield violation(t.path, "gap" if when else "gap_always", anchor=t.path[:-1],
                        policy=policy, channels=sorted(set(channels)), priority=t.priority,
                        holidays=_holidays_of(ctx, year.calendars, own),
                        sent=when[0] if when else "", answered=when[1] if when else "",
                        wait=fmt_hours(year.hours), week=fmt_hours(week.hours), cover=cover,
                        laws=note)
    if not worst and laws:
        at = ("business_hours", "holiday_calendar")
        yield violation(at if proc.get(at) is not MISSING else ("organization", "jurisdictions"),
                        "laws_only", severity=Severity.INFO, laws=note.strip())


def _cover(ctx: CheckContext) -> str:
    """Who answers out of hours, in the rule file's words (`cover_<coverage>`, `cover_only`)."""
    coverage, prios = _after_hours(ctx)
    name = f"cover_{coverage}" if f"cover_{coverage}" in ctx.parts else "cover_unknown"
    words = ctx.say(name)
    if prios is not None and coverage in ("on_call", "outsourced"):
        words = ctx.say("cover_only", cover=words, priorities=list(prios))
    return words


def _closed_day_within(facts: Facts, t: Target, year: Wait, as_of: date) -> bool:
    """Whether a day the desk would otherwise work is closed between arrival and answer."""
    if year.arrival is None or year.due is None:
        return True
    sched = facts.schedule(facts.channel(t.channel), as_of=as_of, calendars=year.calendars)
    if sched is None:
        return True
    usual = Workdays.of(sched, closed=False)
    day, last = year.arrival.date(), year.due.date()
    while day <= last:
        if day in sched.closed and usual.open(day):
            return True
        day += timedelta(days=1)
    return False


def _holidays_of(ctx: CheckContext, calendars: tuple[str, ...], own: bool) -> str:
    """Which closures a year's worst case counts, in the rule file's words."""
    if calendars:
        return ctx.say("holidays_and_listed" if own else "holidays", calendars=list(calendars))
    return ctx.say("listed")


def urgent_coverage(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-012: where urgent cases cannot wait, they are answered round the clock."""
    proc = ctx.process
    sector = proc.organization.sector
    flat = proc.applicable("priorities") is False  # every case is handled alike
    rtc = None if flat else proc.get(("priorities", "urgent", "round_the_clock"))
    if rtc is False or (not sectors.flag("round_the_clock", sector) and rtc is not True):
        if sector is None and rtc is not False:
            yield missing(("organization", "sector"))
            return
        raise NotApplicable
    # without priorities an urgent case waits like any other
    urgent = list(ctx.facts.targets_for(metric="first_response",
                                         priority=None if flat else "urgent"))
    if not urgent:
        yield missing(("sla_policies",))
        return
    covered = _covered(ctx, "urgent")
    if covered:
        return
    seen: set[object] = set()
    for t in urgent:
        if t.clock != BUSINESS or t.path in seen:
            continue
        if covered is None:  # urgent waits for opening time unless someone is on call: ask
            yield missing(_COVERAGE, "coverage")
            return
        seen.add(t.path)
        w = ctx.facts.wait(t)
        when = w.when() if w is not None else None
        yield violation(t.path, "night" if w is None else "waits" if when else "waits_always",
                        target=t.duration.text, policy=t.policy, cover=_cover(ctx),
                        sent=when[0] if when else "", answered=when[1] if when else "",
                        wait=fmt_hours(w.hours) if w is not None else "")


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
    if proc.applicable("business_hours") is False:
        return  # a desk without business hours is open round the clock: every day is covered
    base = ctx.facts.schedule()
    if base is None:
        yield hours_missing()
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
        yield violation(("organization", "customer_timezones", i), "time_zone", severity=sev,
                        tz=zone["tz"], share=share, open=fmt_hours(typical),
                        least=fmt_hours(min_overlap))
    for ch in proc.channels:
        hours = ch.raw.get("hours")
        if not ch.enabled or not isinstance(hours, dict) or not isinstance(hours.get("schedule"), list):
            continue
        own = ctx.facts.schedule(ch)
        if own is None:
            continue
        have, promised = _weekly_hours(own), _weekly_hours(base)
        if have < promised:
            yield violation(ch.path + ("hours",), "channel_hours", severity=Severity.INFO,
                            channel=ch.id, staffed=have, promised=promised)
