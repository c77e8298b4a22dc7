"""Freshdesk's SLA policies and business hours as an Account.

`priority_1..4` is low, medium (normal), high, urgent; `respond_within`,
`next_respond_within` and `resolve_within` are seconds; `business_hours` picks the clock;
`applicable_to.sources` gives channels, companies, groups, products and ticket types become
segments. The default policy is listed at position 1 but applies only when no other policy
matches, so it is written last. Escalations of the default policy become escalation levels.
"""

from __future__ import annotations

from typing import Any

from cxaudit.importers.account import Account, Hours, Level, Policy, Target, duration_text
from cxaudit.importers.assemble import add_channels, add_schedule_channels, config_date
from cxaudit.importers.channels import CHANNEL_TYPES, FRESHDESK_SOURCES, slug
from cxaudit.importers.exportdir import Export
from cxaudit.importers.hours import freshdesk_rows
from cxaudit.importers.jsonfile import JsonFile, JsonPath
from cxaudit.importers.timezones import schedule_zone

PRIORITIES = {"priority_1": "low", "priority_2": "normal", "priority_3": "high",
              "priority_4": "urgent"}
FIELDS = {"respond_within": "first_response", "next_respond_within": "next_response",
          "resolve_within": "resolution"}
_SEGMENTS = {"company_ids": "company", "group_ids": "group", "product_ids": "product",
             "ticket_types": "ticket type"}


def _items(pages: list[JsonFile]) -> list[tuple[JsonFile, JsonPath, dict[str, Any]]]:
    out: list[tuple[JsonFile, JsonPath, dict[str, Any]]] = []
    for page in pages:
        data = page.data
        if isinstance(data, dict):
            out.append((page, (), data))
            continue
        if not isinstance(data, list):
            raise page.error((), "must be a list", "save the API response unchanged")
        for i, item in enumerate(data):
            if not isinstance(item, dict):
                raise page.error((i,), "must be an object", "save the API response unchanged")
            out.append((page, (i,), item))
    return out


def read_account(export: Export, name: str) -> Account:
    """Map a Freshdesk export to an Account; ExportError (exit 2) for what cannot be read."""
    account = Account("Freshdesk", export.source, name, holidays_known=False)
    account.notes.append("Freshdesk stops SLA clocks in the statuses whose SLA timer is off "
                         "(Pending by default); the API does not say which, so no policy "
                         "states pause_on")
    stamps: list[Any] = []
    taken: set[str] = set()
    default: tuple[Policy, dict[str, Any]] | None = None
    for page, path, raw in _items(export.pages.get("sla_policies", [])):
        stamps += [raw.get("updated_at"), raw.get("created_at")]
        title = str(raw.get("name") or f"policy {raw.get('id')}")
        if raw.get("active") is False:
            account.notes.append(f"SLA policy {title!r} is inactive in Freshdesk and not "
                                 "written here")
            continue
        pol = _policy(page, path, raw, slug(title, taken, f"freshdesk-{raw.get('id')}"), title)
        account.policies.append(pol)
        if raw.get("is_default") is True:
            default = (pol, raw)
    if default is not None:
        pol = default[0]
        account.policies.remove(pol)
        others = [p.position for p in account.policies if p.position is not None]
        pol.position = max([*others, 0]) + 1
        pol.channels = pol.priorities = pol.segments = None
        pol.notes.insert(0, "Freshdesk's default policy: listed at position 1, it applies only "
                         "when no other policy matches, so it comes last here")
        account.policies.append(pol)
    _escalations(account, default)
    hours = _business_hours(export, account, stamps)
    account.updated = config_date(stamps)
    account.hours = hours[0] if hours else None
    if not hours:
        account.hours_notes.append("the export has no business hours (business_hours.json): "
                                   "business-hours targets cannot be turned into real waits")
    add_channels(account)
    add_schedule_channels(account, hours[1:])
    return account


def _policy(page: JsonFile, path: JsonPath, raw: dict[str, Any], pid: str, title: str) -> Policy:
    pol = Policy(pid, title)
    if isinstance(raw.get("description"), str) and raw["description"].strip():
        pol.description = raw["description"].strip()
    position = raw.get("position")
    if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
        pol.position = position
    target = raw.get("sla_target")
    if not isinstance(target, dict) or not target:
        raise page.error(path + ("sla_target",) if "sla_target" in raw else path,
                         f"SLA policy {title!r} has no sla_target",
                         "a policy without targets promises nothing; give it targets in "
                         "Freshdesk or leave it out of the export")
    for key, spec in target.items():
        _priority(page, path + ("sla_target", key), key, spec, pol)
    if not pol.targets:
        raise page.error(path + ("sla_target",), f"SLA policy {title!r} sets no target",
                         "give respond_within or resolve_within (seconds) for a priority")
    _applicable(raw.get("applicable_to"), pol)
    if any(t.metric == "first_response" for t in pol.targets):
        pol.first_response_counts = "human"
    return pol


def _priority(page: JsonFile, path: JsonPath, key: str, spec: Any, pol: Policy) -> None:
    if key not in PRIORITIES:
        raise page.error(path, f"unknown priority {key!r}",
                         "Freshdesk's priorities are priority_1 (low) .. priority_4 (urgent)")
    if not isinstance(spec, dict):
        raise page.error(path, "must be an object with respond_within, resolve_within and "
                         "business_hours", '{"respond_within": 3600, "business_hours": true}')
    found = [f for f in FIELDS if spec.get(f) is not None]
    if found and not isinstance(spec.get("business_hours"), bool):
        raise page.error(path + ("business_hours",) if "business_hours" in spec else path,
                         "business_hours must be true or false",
                         "save the API response unchanged: every priority has the flag")
    for field in found:
        value = spec[field]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise page.error(path + (field,), f"{field} must be a positive number of seconds, "
                             f"found {value!r}", "e.g. 3600 for one hour")
        pol.targets.append(Target(FIELDS[field], PRIORITIES[key], value,
                                  spec["business_hours"]))


def _applicable(applicable: Any, pol: Policy) -> None:
    if not isinstance(applicable, dict):
        return
    segments: list[str] = []
    for key, values in applicable.items():
        if not isinstance(values, list) or not values:
            continue
        if key == "sources":
            kinds = set()
            for v in values:
                if isinstance(v, int) and v in FRESHDESK_SOURCES:
                    kinds.add(FRESHDESK_SOURCES[v][0])
                else:
                    segments.append(f"source {v}")
                    pol.notes.append(f"Freshdesk source {v!r} has no channel type here; kept "
                                     "as a segment")
            if kinds:
                pol.channels = [t for t in CHANNEL_TYPES if t in kinds]
        else:
            label = _SEGMENTS.get(key, key)
            segments += [f"{label} {v}" for v in values]
    if segments:
        pol.segments = segments
        kinds = {s.rsplit(" ", 1)[0] for s in segments}
        if len(kinds) > 1:
            pol.notes.append("Freshdesk applies the policy only when all of these conditions "
                             "hold together: " + ", ".join(sorted(kinds)))


def _escalations(account: Account, default: tuple[Policy, dict[str, Any]] | None) -> None:
    if default is None:
        account.escalation_notes.append("no default SLA policy in the export: its escalations "
                                        "are the account's; describe the levels by hand")
        return
    raw = default[1]
    esc = raw.get("escalation")
    enabled = [k for k, v in (raw.get("sla_target") or {}).items()
               if isinstance(v, dict) and v.get("escalation_enabled")]
    if not isinstance(esc, dict) or not esc or not enabled:
        account.escalation_notes.append("the default SLA policy escalates nothing "
                                        "(escalation_enabled is off or no escalation is set)")
        return
    account.escalation_notes.append(
        "from the escalations of Freshdesk's default policy (priorities "
        + ", ".join(PRIORITIES[k] for k in sorted(enabled) if k in PRIORITIES)
        + "); Freshdesk notifies agents by id, so name each level's owner here")
    steps: list[tuple[str, str, Any]] = [("first_response", "First response missed",
                                          esc.get("response"))]
    res = esc.get("resolution")
    resolution: dict[str, Any] = res if isinstance(res, dict) else {}
    for n in range(1, 5):
        steps.append(("resolution", f"Resolution missed, Freshdesk level {n}",
                      resolution.get(f"level_{n}")))
    for metric, name, step in steps:
        if not isinstance(step, dict):
            continue
        after = step.get("escalation_time")
        agents = step.get("agent_ids") or []
        lvl = Level(len(account.levels) + 1, name, metric, "breach",
                    after if isinstance(after, int) and after > 0 else None)
        who = ", ".join("the ticket's own agent" if a == -1 else f"agent {a}" for a in agents)
        when = (f"{duration_text(after)} after the breach" if isinstance(after, int)
                and after > 0 else "at the breach")
        lvl.notes.append(f"notifies {who or 'nobody'}, {when}")
        account.levels.append(lvl)
    for key in ("reminder_response", "reminder_resolution"):
        if isinstance(esc.get(key), dict) and esc[key]:
            account.escalation_notes.append(f"Freshdesk also sends reminders before the breach "
                                            f"({key}); they are not escalation levels")


def _business_hours(export: Export, account: Account, stamps: list[Any]) -> list[Hours]:
    found: list[tuple[bool, Hours]] = []
    for page, path, raw in _items(export.pages.get("business_hours", [])):
        stamps.append(raw.get("updated_at"))
        name = str(raw.get("name") or f"business hours {raw.get('id')}")
        tz = schedule_zone(page, path, raw, f"business hours {name!r} have no time_zone",
                           "Freshdesk")
        zone = str(raw["time_zone"])

        def fail(sub: tuple[str, ...], message: str, hint: str,
                 page: JsonFile = page, path: JsonPath = path) -> Exception:
            return page.error(path + ("business_hours", *sub), message, hint)

        rows = freshdesk_rows(raw.get("business_hours") or {}, fail)
        hours = Hours(name, f'Freshdesk business hours {raw.get("id")} "{name}"', tz, zone,
                      rows, None)
        if tz != zone:
            hours.notes.append(f'Freshdesk time zone "{zone}"')
        if not rows:
            hours.notes.append("these business hours list no open day")
        found.append((raw.get("is_default") is True, hours))
    ordered = [h for d, h in found if d] + [h for d, h in found if not d]
    if ordered:
        ordered[0].notes.insert(0, f"{ordered[0].source}: "
                                + ("the account default" if found and any(d for d, _ in found)
                                   else "the first listed (none is marked default)"))
    return ordered


__all__ = ["FIELDS", "PRIORITIES", "read_account"]
