"""Checks on values that the schema can only shape, not know: every one would otherwise make
the audit wrong or stop it half-way.

Real calendar dates (also when quoted), time zones that exist, countries and holiday calendars
that exist, an as-of date the service clock can count twelve months from, and opening hours
with open time in them. Runs on a schema-valid, normalised unit; reports every problem at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cxaudit import resources
from cxaudit.document.dates import as_of_hint, as_of_problem, date_hint, real_date
from cxaudit.document.loading import DocPath, format_path
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import _
from cxaudit.model.durations import CALENDAR
from cxaudit.model.process import Process

MAX_CLOSURE_DAYS = 366
_FULL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_Pattern = tuple[str, ...]


@lru_cache(maxsize=1)
def _typed_paths() -> dict[str, tuple[_Pattern, ...]]:
    """Where the process schema puts dates and time zones (`*`: any list item or map value)."""
    schema = json.loads(resources.schema_text("process.schema.json"))
    defs = schema.get("$defs", {})
    found: dict[str, set[_Pattern]] = {"date": set(), "timezone": set()}

    def walk(node: Any, path: _Pattern, seen: frozenset[str]) -> None:
        if not isinstance(node, dict) or len(path) > 12:
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name in found:
                found[name].add(path)
            if name not in seen and name in defs:
                walk(defs[name], path, seen | {name})
        for key, sub in (node.get("properties") or {}).items():
            walk(sub, path + (key,), seen)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key], path + ("*",), seen)
        for sub in (node.get("patternProperties") or {}).values():
            walk(sub, path + ("*",), seen)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key) or ():
                walk(sub, path, seen)

    walk(schema, (), frozenset())
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _at(data: Any, pattern: _Pattern, path: DocPath = ()) -> Iterator[tuple[DocPath, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, v in enumerate(data):
                yield from _at(v, rest, path + (i,))
        elif isinstance(data, dict):
            for k, v in data.items():
                yield from _at(v, rest, path + (k,))
    elif isinstance(data, dict) and head in data:
        yield from _at(data[head], rest, path + (head,))


class _Report:
    def __init__(self, proc: Process) -> None:
        self.proc = proc
        self.problems: list[Problem] = []

    def add(self, path: DocPath, message: str, hint: str) -> None:
        line, col = self.proc.document.locate(path)
        self.problems.append(Problem(self.proc.file, line, col,
                                     f"{format_path(path)}: {message}", hint))


def check_values(proc: Process) -> None:
    """Raise InputError listing every value that would make the audit wrong."""
    report = _Report(proc)
    _dates(report)
    _zones(report)
    _countries(report)
    _schedules(report)
    if not report.problems:  # hours are computed from the values checked above
        _channel_overlap(report)
    if not report.problems:
        _reachable(report)
    if report.problems:
        raise InputError(sorted(report.problems, key=lambda p: (p.line, p.column, p.message)))


def _dates(report: _Report) -> None:
    data = report.proc.data
    for pattern in _typed_paths()["date"]:
        for path, value in _at(data, pattern):
            # a full YYYY-MM-DD that is no day; other shapes are the schema's business
            if isinstance(value, str) and _FULL_DATE.match(value) and real_date(value) is None:
                report.add(path, _("{value!r} is not a real calendar date").format(value=value),
                           date_hint(value))
    updated = data.get("process", {}).get("updated") if isinstance(data.get("process"),
                                                                     dict) else None
    day = real_date(updated) if isinstance(updated, str) else None
    if day is not None and (why := as_of_problem(day)) is not None:
        report.add(("process", "updated"), why, _("write the day the description was last "
                                                  "checked against reality; {hint}").format(
                                                      hint=as_of_hint()))
    bh = data.get("business_hours")
    for i, h in enumerate(bh.get("holidays") or [] if isinstance(bh, dict) else []):
        if not isinstance(h, dict):
            continue
        start, end = (real_date(h[k]) if isinstance(h.get(k), str) else None
                      for k in ("from", "to"))
        if start is None or end is None:
            continue
        if end < start:
            report.add(("business_hours", "holidays", i, "to"), f"the closure ends ({end}) "
                       f"before it starts ({start})", "swap from and to, or fix the year")
        elif (end - start).days >= MAX_CLOSURE_DAYS:
            report.add(("business_hours", "holidays", i, "to"), f"a closure of "
                       f"{(end - start).days + 1} days, from {start} to {end}",
                       "a closure lasts at most a year; check the years of from and to")


def _zones(report: _Report) -> None:
    from cxaudit.clock.zones import is_zone, shown, zone_hint

    for pattern in _typed_paths()["timezone"]:
        for path, value in _at(report.proc.data, pattern):
            if isinstance(value, str) and not is_zone(value):
                report.add(path, f"{shown(value)} is not a known time zone", zone_hint(value))


def _countries(report: _Report) -> None:
    from cxaudit.clock.cache import calendar_problem
    from cxaudit.clock.countries import country_problem

    data = report.proc.data
    org = data.get("organization")
    for i, code in enumerate(org.get("jurisdictions") or [] if isinstance(org, dict) else []):
        if isinstance(code, str) and (bad := country_problem(code, allow_eu=True)) is not None:
            report.add(("organization", "jurisdictions", i), *bad)
    bh = data.get("business_hours")
    named = bh.get("holiday_calendar") if isinstance(bh, dict) else None
    base: DocPath = ("business_hours", "holiday_calendar")
    entries = [(base, named)] if isinstance(named, str) else \
        [(base + (i,), n) for i, n in enumerate(named)] if isinstance(named, list) else []
    for path, name in entries:
        if isinstance(name, str):
            bad = country_problem(name) or calendar_problem(name)
            if bad is not None:
                report.add(path, bad[0], bad[1])


_EMPTY_HINT = ("add rows such as {days: [mon, tue, wed, thu, fri], open: \"09:00\", close: "
               "\"17:00\"}, or leave the schedule out if the hours are not known")


def _schedule_lists(data: dict[str, Any]) -> Iterator[tuple[DocPath, Any]]:
    yield from _at(data, ("business_hours", "schedule"))
    yield from _at(data, ("channels", "*", "hours", "schedule"))
    for path, hours in _at(data, ("escalation", "levels", "*", "owner", "hours")):
        if isinstance(hours, list):
            yield path, hours


def _schedules(report: _Report) -> None:
    from cxaudit.clock.schedules import parse_time

    for path, rows in _schedule_lists(dict(report.proc.data)):
        if not isinstance(rows, list):
            continue
        if not rows:
            report.add(path, "the schedule is empty: the desk would never be open", _EMPTY_HINT)
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                continue
            opens, closes = row.get("open"), row.get("close")
            try:
                same = parse_time(str(opens)) == parse_time(str(closes))
            except ValueError:
                continue  # the schema has refused it already
            if same and opens != "00:00":
                report.add(path + (i, "close"), f"this row opens and closes at {opens}, so it "
                           "is never open", f"write the closing time (e.g. open: \"{opens}\", "
                           "close: \"18:00\"); for round-the-clock hours write open: "
                           "\"00:00\", close: \"24:00\"")


def _channel_overlap(report: _Report) -> None:
    """A channel whose own hours never meet the business hours has a business clock that
    never runs: every business-clock target on it would wait forever."""
    from cxaudit.clock import waits

    proc = report.proc
    if not isinstance(proc.get(("business_hours", "schedule")), list):
        return
    business = {t.channel for t in proc.targets if t.clock != CALENDAR}
    for chan in proc.channels:
        hours = chan.raw.get("hours")
        if chan.id not in business or not isinstance(hours, dict) or \
                not isinstance(hours.get("schedule"), list) or not hours["schedule"]:
            continue
        sched = waits.schedule(proc, chan)
        if sched is not None and not sched.weekly:
            report.add(chan.path + ("hours", "schedule"), f"channel {chan.id!r} is open only "
                       "when business_hours are closed, so its business-clock targets could "
                       "never be met", "make its hours overlap business_hours.schedule, or give "
                       "its targets a calendar clock (e.g. 4h@calendar)")


MAX_WEEKS = 520  # ten years of the week's open hours


def _reachable(report: _Report) -> None:
    """A business-clock target that the week's open hours need over ten years to meet (1 open
    minute a week and an 8h target) is a mistake, and would outrun the calendar."""
    from cxaudit.clock import waits

    proc = report.proc
    by_id = {c.id: c for c in proc.channels}
    seen: set[DocPath] = set()
    schedules: dict[str, Any] = {}  # by channel: a channel's targets share its hours
    for t in proc.targets:
        if t.clock == CALENDAR or t.path in seen:
            continue
        seen.add(t.path)
        if t.channel not in schedules:
            schedules[t.channel] = waits.schedule(proc, by_id.get(t.channel))
        sched = schedules[t.channel]
        if sched is None or not sched.weekly:
            continue
        d = t.duration
        if d.business_days is not None:
            weeks = d.business_days / len({wd for wd, _, _ in sched.weekly})
        else:
            open_minutes = sum((c if c > o else c + 1440) - o for _, o, c in sched.weekly)
            weeks = (d.minutes or 0) / max(open_minutes, 1)
        if weeks > MAX_WEEKS:
            report.add(t.path, f"{d.text} on these opening hours takes about {weeks / 52:,.0f} "
                       "years of open time to run out", "check the target's number and unit, "
                       "and the opening hours it counts on")
