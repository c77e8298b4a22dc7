"""An Account as a commented process file (cxaudit/v1) that validates and audits at once."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from cxaudit.errors import UsageError
from cxaudit.importers.account import Account, Channel, Hours, Policy, Target
from cxaudit.importers.yamltext import Date, Lines, scalar

METRIC_ORDER = ("first_response", "next_response", "periodic_update", "resolution",
                "total_resolution", "agent_work_time")
PRIORITY_ORDER = ("urgent", "high", "normal", "low")

NEXT_TO_DESCRIBE = (
    ("returns", "the return window, refunds and who pays for a return"),
    ("complaints", "how complaints are received, acknowledged and answered, and by when"),
    ("ownership", "who sponsors customer experience and who owns it day to day"),
    ("escalation", "who owns each escalation level: a named person with a deputy"),
    ("feedback", "surveys, following up unhappy customers, churn and its causes"),
    ("organization", "sector and the countries served, which select the legal checks"),
    ("channels", "phone lines, shops and social accounts the helpdesk does not route"),
)


def policy_clock(targets: list[Target]) -> str:
    """The clock most of a policy's targets run on (business on a tie)."""
    counts = Counter(t.business for t in targets)
    return "business" if counts[True] >= counts[False] else "calendar"


def target_map(targets: list[Target], clock: str | None) -> dict[str, dict[str, str]]:
    """metric -> priority -> duration; a target off the policy clock names its own clock."""
    out: dict[str, dict[str, str]] = {}
    for metric in METRIC_ORDER:
        by_prio = {t.priority: t for t in targets if t.metric == metric}
        if by_prio:
            out[metric] = {}
            for prio in PRIORITY_ORDER:
                if prio in by_prio:
                    t = by_prio[prio]
                    own = "business" if t.business else "calendar"
                    out[metric][prio] = t.text if own == clock else f"{t.text}@{own}"
    return out


def hours_rows(hours: Hours) -> list[dict[str, Any]]:
    """The weekly rows as schedule items."""
    return [{"days": list(d), "open": o, "close": c} for d, o, c in hours.rows]


def render(account: Account) -> str:
    """The process file, comments included."""
    out = Lines()
    _header(out, account)
    out.raw("apiVersion: cxaudit/v1")
    out.raw("kind: CustomerServiceProcess")
    out.key(0, "process")
    out.key(2, "id", f"{account.vendor.lower()}-import")
    out.key(2, "name", account.name)
    if account.updated:
        out.key(2, "updated", Date(account.updated),
                f"the latest change in the exported {account.vendor} configuration")
    else:
        out.note(2, "set `updated:` (YYYY-MM-DD): the SLA table and the holiday checks count "
                 "twelve months from it")
    _business_hours(out, account)
    _policies(out, account)
    _channels(out, account)
    _escalation(out, account)
    return out.text()


def _header(out: Lines, account: Account) -> None:
    out.note(0, f"Imported from {account.vendor} ({account.source}) by `cxaudit import "
             f"{account.vendor.lower()}`. Check it against what the team actually does.")
    for note in account.notes:
        out.note(0, note)
    out.raw("#")
    out.note(0, "What a helpdesk cannot know; describe these next:")
    width = max(len(k) for k, _ in NEXT_TO_DESCRIBE) + 1
    for key, what in NEXT_TO_DESCRIBE:
        out.raw(f"#   {key + ':':<{width}} {what}")


def _business_hours(out: Lines, account: Account) -> None:
    for note in account.hours_notes:
        out.note(0, note)
    hours = account.hours
    if hours is None:
        return
    out.key(0, "business_hours")
    for note in hours.notes:
        out.note(2, note)
    out.key(2, "timezone", hours.timezone)
    if hours.rows:
        out.key(2, "schedule")
        for row in hours_rows(hours):
            out.item(4, row)
    if hours.holidays is not None:
        out.note(2, f"only the closed days {account.vendor} lists stop the clock, whatever the "
                 "countries served")
        out.key(2, "holiday_calendar", [])
        if hours.holidays:
            out.key(2, "holidays")
            for day, name in hours.holidays:
                item: dict[str, Any] = {"date": Date(day)}
                if name:
                    item["name"] = name
                out.item(4, item)
    elif not account.holidays_known:
        out.note(2, f"{account.vendor}'s API returns no holidays for business hours: add the "
                 "closed days (holidays:) or a public-holiday calendar (holiday_calendar:)")


def policy_fields(pol: Policy) -> dict[str, Any]:
    """The fields of one policy as plain data (targets included)."""
    data: dict[str, Any] = {"id": pol.id, "name": pol.name}
    if pol.description:
        data["description"] = pol.description
    if pol.position is not None:
        data["position"] = pol.position
    applies: dict[str, Any] = {}
    for key, value in (("channels", pol.channels), ("priorities", pol.priorities),
                       ("segments", pol.segments)):
        if value is not None:
            applies[key] = value
    if applies:
        data["applies_to"] = applies
    clock = policy_clock(pol.targets) if pol.targets else None
    if clock:
        data["clock"] = clock
    if pol.pause_on is not None:
        data["pause_on"] = pol.pause_on
    if pol.first_response_counts:
        data["first_response_counts"] = pol.first_response_counts
    data["targets"] = target_map(pol.targets, clock)
    return data


def _policies(out: Lines, account: Account) -> None:
    if not account.policies:
        out.note(0, f"no SLA policy in the {account.vendor} export")
        return
    out.key(0, "sla_policies")
    for pol in account.policies:
        data = policy_fields(pol)
        for note in pol.notes:
            out.note(2, note)
        first = True
        for key, value in data.items():
            if key == "targets":
                out.key(4, "targets")
                for metric, by_prio in value.items():
                    out.key(6, metric, by_prio)
                continue
            line = Lines()
            line.key(0, key, value)
            out.raw(("  - " if first else "    ") + line.out[0])
            first = False


def _channels(out: Lines, account: Account) -> None:
    if not account.channels:
        return
    out.key(0, "channels")
    for chan in account.channels:
        _channel(out, chan)


def _channel(out: Lines, chan: Channel) -> None:
    for note in chan.notes:
        out.note(2, note)
    out.raw(f"  - id: {scalar(chan.id)}")
    if chan.name:
        out.key(4, "name", chan.name)
    if chan.type:
        out.key(4, "type", chan.type)
    out.key(4, "purposes", ["support"])
    if chan.hours is not None:
        out.key(4, "hours")
        for note in chan.hours.notes:
            out.note(6, note)
        out.key(6, "timezone", chan.hours.timezone)
        out.key(6, "schedule")
        for row in hours_rows(chan.hours):
            out.item(8, row)




def _escalation(out: Lines, account: Account) -> None:
    if not account.levels and not account.escalation_notes:
        return
    for note in account.escalation_notes:
        out.note(0, note)
    if not account.levels:
        return
    from cxaudit.importers.account import duration_text

    out.key(0, "escalation")
    out.key(2, "levels")
    for lvl in account.levels:
        for note in lvl.notes:
            out.note(4, note)
        trigger: dict[str, Any] = {"metric": lvl.metric, "on": lvl.on}
        if lvl.after_seconds:
            trigger["after"] = duration_text(lvl.after_seconds)
        out.raw(f"    - level: {lvl.level}")
        out.key(6, "name", lvl.name)
        out.key(6, "trigger", trigger)


def write_atomic(path: Path, text: str, force: bool, inputs: list[str]) -> None:
    """Write `text` to `path` through a temporary file; never replace a file without force."""
    target = path.resolve()
    for arg in inputs:
        src = Path(arg).resolve()
        if target == src or (src.is_dir() and target.is_relative_to(src) and
                             target.suffix == ".json"):
            raise UsageError.at(str(path), 0, 0, "is part of the export being imported",
                                "write the process file somewhere else, e.g. -o process.yaml")
    if path.exists() and not force:
        raise UsageError.at(str(path), 0, 0, "already exists",
                            "pass --force to replace it, or choose another -o file")
    if path.exists() and not path.is_file():
        raise UsageError.at(str(path), 0, 0, "is not a regular file", "choose another -o file")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError.at(str(path), 0, 0, f"cannot write: {exc.strerror}",
                            "check the directory exists and is writable") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError.at(str(path), 0, 0, f"cannot write: {exc.strerror}",
                            "check the directory is writable and has room") from None


__all__ = ["NEXT_TO_DESCRIBE", "hours_rows", "policy_clock", "policy_fields", "render",
           "target_map", "write_atomic"]
