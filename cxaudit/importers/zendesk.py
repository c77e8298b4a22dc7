"""Zendesk's SLA policies and business-hours schedules as an Account.

Policy metrics become targets (minutes, or seconds where `target_in_seconds` is given, with
the metric's business_hours flag as its clock); filters become `applies_to` where they map
(via_id to channel type, priority, organization or group to a segment). A condition that
does not map is quoted in a note, and the policy is kept limited to a segment named after it,
so it never catches every ticket of a channel as it would if the condition were dropped.
The first schedule listed is the account default.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from cxaudit.importers.account import Account, Hours, Policy, Target
from cxaudit.importers.assemble import add_channels, add_schedule_channels, config_date
from cxaudit.importers.channels import CHANNEL_TYPES, ZENDESK_VIA, slug
from cxaudit.importers.exportdir import Export, zendesk_items
from cxaudit.importers.hours import HoursError, expand, rows, zendesk_interval
from cxaudit.importers.jsonfile import JsonFile, JsonPath
from cxaudit.importers.timezones import schedule_zone

METRICS = {"first_reply_time": "first_response", "next_reply_time": "next_response",
           "periodic_update_time": "periodic_update", "pausable_update_time": "periodic_update",
           "requester_wait_time": "resolution", "total_resolution_time": "total_resolution",
           "agent_work_time": "total_resolution"}
# Two Zendesk metrics that land on one target: the first of each pair is the promise kept when
# a policy sets both for a priority (the one that never pauses), the other is quoted in a note.
_SHARED = {"periodic_update": ("periodic_update_time", "pausable_update_time"),
           "total_resolution": ("total_resolution_time", "agent_work_time")}
_PAUSES = {"pausable_update_time": "stops while the ticket is pending",
           "agent_work_time": "stops while the ticket is pending or on hold"}
PRIORITIES = ("low", "normal", "high", "urgent")
_SEGMENT_FIELDS = {"organization_id": "organization", "group_id": "group"}


def read_account(export: Export, name: str) -> Account:
    """Map a Zendesk export to an Account; ExportError (exit 2) for what cannot be read."""
    account = Account("Zendesk", export.source, name)
    stamps: list[Any] = []
    taken: set[str] = set()
    for page, i, raw in zendesk_items(export.pages.get("policies", []), "sla_policies",
                                      "sla_policy"):
        base: JsonPath = ("sla_policies", i) if i is not None else ("sla_policy",)
        account.policies.append(_policy(page, base, raw, taken))
        stamps += [raw.get("updated_at"), raw.get("created_at")]
    schedules = zendesk_items(export.pages.get("schedules", []), "schedules", "schedule")
    holidays = _holidays_by_schedule(export, [raw for _, _, raw in schedules])
    all_hours = []
    for page, i, raw in schedules:
        base = ("schedules", i) if i is not None else ("schedule",)
        all_hours.append(_hours(page, base, raw, holidays.get(str(raw.get("id")))))
        stamps.append(raw.get("updated_at"))
    account.updated = config_date(stamps)
    if all_hours:
        account.hours = all_hours[0]
        account.hours.notes.insert(0, f"{all_hours[0].source}: the first schedule listed, "
                                   "which Zendesk uses as the account default")
        account.holidays_known = all_hours[0].holidays is not None
    else:
        account.hours_notes.append("the export has no business-hours schedule "
                                   "(business_hours/schedules.json): business-hours targets "
                                   "cannot be turned into real waits until one is added")
    add_channels(account)
    add_schedule_channels(account, all_hours[1:])
    account.escalation_notes.append("Zendesk escalates with automations and triggers, which "
                                    "this import does not read: describe the levels and owners")
    return account


def _policy(page: JsonFile, base: JsonPath, raw: dict[str, Any], taken: set[str]) -> Policy:
    title = str(raw.get("title") or f"policy {raw.get('id', len(taken) + 1)}")
    pol = Policy(slug(title, taken, f"zendesk-{raw.get('id')}"), title)
    if isinstance(raw.get("description"), str) and raw["description"].strip():
        pol.description = raw["description"].strip()
    position = raw.get("position")
    if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
        pol.position = position
    metrics = raw.get("policy_metrics")
    if not isinstance(metrics, list) or not metrics:
        raise page.error(base + ("policy_metrics",) if "policy_metrics" in raw else base,
                         f"SLA policy {title!r} has no policy_metrics",
                         "a policy without targets promises nothing; give it targets in "
                         "Zendesk or leave it out of the export")
    seen: dict[tuple[str, str], str] = {}
    for j, m in enumerate(metrics):
        _target(page, base + ("policy_metrics", j), m, pol, seen)
    _filter(page, base + ("filter",), raw.get("filter"), pol)
    if any(t.metric == "resolution" for t in pol.targets):
        pol.pause_on = ["waiting_on_customer"]
    if any(t.metric == "first_response" for t in pol.targets):
        pol.first_response_counts = "human"
    return pol


def _target(page: JsonFile, path: JsonPath, m: Any, pol: Policy,
            seen: dict[tuple[str, str], str]) -> None:
    if not isinstance(m, dict):
        raise page.error(path, "a policy metric must be an object",
                         '{"priority": "low", "metric": "first_reply_time", "target": 60, '
                         '"business_hours": false}')
    metric = m.get("metric")
    if metric not in METRICS:
        close = difflib.get_close_matches(str(metric), list(METRICS), n=1)
        raise page.error(path + ("metric",), f"unknown metric {metric!r}",
                         (f"did you mean {close[0]!r}? " if close else "") +
                         f"Zendesk's metrics are {', '.join(METRICS)}")
    prio = m.get("priority")
    if prio not in PRIORITIES:
        raise page.error(path + ("priority",), f"unknown priority {prio!r}",
                         f"Zendesk's priorities are {', '.join(PRIORITIES)}")
    seconds = _seconds(page, path, m)
    business = m.get("business_hours")
    if not isinstance(business, bool):
        raise page.error(path + ("business_hours",) if "business_hours" in m else path,
                         "business_hours must be true or false",
                         "save the API response unchanged: every policy metric has the flag")
    ours = METRICS[metric]
    key = (ours, prio)
    if key in seen:
        kept, other = _SHARED.get(ours, ("", ""))
        if {seen[key], metric} == {kept, other}:
            earlier = next(t for t in pol.targets if (t.metric, t.priority) == key)
            dropped = seconds if metric == other else earlier.seconds
            pol.notes = [n for n in pol.notes if not n.startswith(f"{prio}: {_words(ours)}")]
            pol.notes.append(f"{prio}: {_words(other)} {_len(dropped)} is not written: "
                             f"{_words(kept)}, which never pauses, is the promise kept")
            if metric == other:
                return
            pol.targets.remove(earlier)
        else:
            raise page.error(path + ("metric",), f"{metric} for {prio} priority is given twice",
                             "keep one target per metric and priority")
    elif metric in _PAUSES:
        pol.notes.append(f"{prio}: {_words(ours)} comes from Zendesk's {_words(metric)}, "
                         f"which {_PAUSES[metric]}")
    seen[key] = metric
    pol.targets.append(Target(ours, prio, seconds, business))


def _words(metric: str) -> str:
    """`periodic_update_time` -> `periodic update time`."""
    return metric.replace("_", " ")


def _seconds(page: JsonFile, path: JsonPath, m: dict[str, Any]) -> int:
    minutes, secs = m.get("target"), m.get("target_in_seconds")
    for key, value in (("target_in_seconds", secs), ("target", minutes)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value <= 0):
            raise page.error(path + (key,), f"{key} must be a positive whole number, found "
                             f"{value!r}", "target is in minutes, target_in_seconds in seconds")
    if isinstance(secs, int):
        return secs  # the precise figure when both are given
    if isinstance(minutes, int):
        return minutes * 60
    raise page.error(path, "the policy metric has no target",
                     "give target (minutes) or target_in_seconds")


def _len(seconds: int) -> str:
    from cxaudit.importers.account import duration_text

    return duration_text(seconds)


def _filter(page: JsonFile, path: JsonPath, flt: Any, pol: Policy) -> None:
    if flt is None:
        return
    if not isinstance(flt, dict):
        raise page.error(path, "filter must be an object with all and any lists",
                         '{"all": [...], "any": [...]}')
    channels: set[str] | None = None
    prios: set[str] | None = None
    segments: list[str] = []
    for kind in ("all", "any"):
        conds = flt.get(kind) or []
        if not isinstance(conds, list):
            raise page.error(path + (kind,), f"{kind} must be a list of conditions",
                             '{"field": "via_id", "operator": "is", "value": 4}')
        mapped = [_condition(c) for c in conds]
        if kind == "all":
            for (what, values), cond in zip(mapped, conds, strict=False):
                if what == "channels":
                    channels = values if channels is None else channels & values
                elif what == "priorities":
                    prios = values if prios is None else prios & values
                elif what == "segment":
                    segments += sorted(values)
                else:
                    segments.append(_label(cond))
                    pol.notes.append("filter condition kept as a segment (no counterpart in "
                                     f"the vocabulary):\n{_quote(cond)}")
        elif conds:
            whats = {w for w, _ in mapped}
            union = set().union(*(v for _, v in mapped))
            if whats == {"channels"}:
                channels = union if channels is None else channels & union
            elif whats == {"priorities"}:
                prios = union if prios is None else prios & union
            elif whats == {"segment"}:
                segments.append(" or ".join(sorted(union)))
            else:
                segments.append("any of: " + "; ".join(_label(c) for c in conds))
                pol.notes.append("filter conditions (any of) kept as a segment:\n"
                                 + "\n".join(_quote(c) for c in conds))
    if channels is not None:
        pol.channels = [t for t in CHANNEL_TYPES if t in channels]
    if prios is not None:
        pol.priorities = [p for p in ("urgent", "high", "normal", "low") if p in prios]
    if segments:
        pol.segments = segments


def _condition(cond: Any) -> tuple[str, set[str]]:
    """(kind, values) of one filter condition; kind "other" when it does not map."""
    if not isinstance(cond, dict):
        return "other", set()
    fld, op, value = cond.get("field"), cond.get("operator"), cond.get("value")
    values = value if isinstance(value, list) else [value]
    if fld == "via_id" and op in ("is", "is_not", "includes", "not_includes"):
        kinds = set()
        for v in values:
            try:
                kinds.add(ZENDESK_VIA[int(str(v))][0])
            except (KeyError, TypeError, ValueError):
                return "other", set()
        if op in ("is_not", "not_includes"):
            kinds = set(CHANNEL_TYPES) - kinds
        return "channels", kinds
    if (fld == "priority" and len(values) == 1 and values[0] in PRIORITIES
            and op in ("is", "is_not", "less_than", "greater_than")):
        return "priorities", {p for p in PRIORITIES if _compare(p, str(op), str(values[0]))}
    if fld in _SEGMENT_FIELDS and op in ("is", "includes"):
        return "segment", {f"{_SEGMENT_FIELDS[str(fld)]} {v}" for v in values}
    return "other", set()


def _compare(prio: str, op: str, value: str) -> bool:
    """Whether a ticket of priority `prio` meets `priority <op> value`."""
    a, b = PRIORITIES.index(prio), PRIORITIES.index(value)
    return {"is": a == b, "is_not": a != b, "less_than": a < b, "greater_than": a > b}[op]


def _label(cond: Any) -> str:
    if not isinstance(cond, dict):
        return json.dumps(cond, sort_keys=True)
    value = cond.get("value")
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return f"{cond.get('field')} {cond.get('operator')} {shown}".strip()


def _quote(cond: Any) -> str:
    return json.dumps(cond, sort_keys=True, ensure_ascii=False)


def _holidays_by_schedule(export: Export, schedules: list[dict[str, Any]]) -> \
        dict[str, list[JsonFile]]:
    out = dict(export.holidays)
    if "" in out:
        pages = out.pop("")
        if len(schedules) != 1:
            raise pages[0].error((), "cannot tell which schedule these holidays belong to",
                                 "keep the file at business_hours/schedules/{id}/holidays.json")
        out.setdefault(str(schedules[0].get("id")), []).extend(pages)
    return out


def _hours(page: JsonFile, base: JsonPath, raw: dict[str, Any],
           holiday_pages: list[JsonFile] | None) -> Hours:
    name = str(raw.get("name") or f"schedule {raw.get('id')}")
    tz = schedule_zone(page, base, raw, f"schedule {name!r} has no time_zone", "Zendesk")
    zone = str(raw["time_zone"])
    slots = []
    intervals = raw.get("intervals") or []
    if not isinstance(intervals, list):
        raise page.error(base + ("intervals",), "intervals must be a list",
                         '[{"start_time": 1980, "end_time": 2460}]')
    for k, item in enumerate(intervals):
        try:
            slots.append(zendesk_interval(item))
        except HoursError as exc:
            raise page.error(base + ("intervals", k), str(exc), exc.hint) from None
    source = f'Zendesk schedule {raw.get("id")} "{name}"'
    hours = Hours(name, source, tz, zone, rows(slots), None)
    if tz != zone:
        hours.notes.append(f'Zendesk time zone "{zone}"')
    if not slots:
        hours.notes.append("the schedule has no business hours at all")
    if holiday_pages is None:
        hours.notes.append(f"no holidays file for this schedule "
                           f"(business_hours/schedules/{raw.get('id')}/holidays.json): its "
                           "closed days are unknown")
    else:
        hours.holidays = _holidays(holiday_pages)
    return hours


def _holidays(pages: list[JsonFile]) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for page, i, raw in zendesk_items(pages, "holidays", "holiday"):
        path: JsonPath = ("holidays", i) if i is not None else ("holiday",)
        start, end = raw.get("start_date"), raw.get("end_date") or raw.get("start_date")
        try:
            days = expand(str(start), str(end))
        except HoursError as exc:
            raise page.error(path, str(exc), exc.hint) from None
        except ValueError:
            raise page.error(path + ("start_date",), f"{start!r} .. {end!r} are not dates",
                             "dates are YYYY-MM-DD") from None
        for d in days:
            out.setdefault(d, str(raw.get("name") or ""))
    return sorted(out.items())


__all__ = ["METRICS", "PRIORITIES", "read_account"]
