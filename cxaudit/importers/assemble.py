"""Steps both helpdesk mappers share: channels, extra schedules, the configuration date."""

from __future__ import annotations

from datetime import date
from typing import Any

from cxaudit.importers.account import Account, Channel, Hours
from cxaudit.importers.channels import CHANNEL_TYPES, slug, type_from_name

# Every account of either helpdesk takes e-mail and a web form, whatever its policies say.
BASE_CHANNELS = ("email", "web_form")


def config_date(values: list[Any]) -> str | None:
    """The latest `updated_at`/`created_at` date among the exported objects, as YYYY-MM-DD."""
    dates = []
    for v in values:
        if isinstance(v, str) and len(v) >= 10:
            try:
                dates.append(date.fromisoformat(v[:10]).isoformat())
            except ValueError:
                continue
    return max(dates) if dates else None


def add_channels(account: Account) -> None:
    """One channel per channel type the policies name, plus e-mail and the web form."""
    named = {c for p in account.policies for c in (p.channels or [])}
    for kind in CHANNEL_TYPES:
        if kind in named or kind in BASE_CHANNELS:
            what = "e-mail" if kind == "email" else "web forms"
            note = [] if kind in named else [f"every {account.vendor} account takes {what}"]
            account.channels.append(Channel(kind, kind, notes=note))


def add_schedule_channels(account: Account, others: list[Hours]) -> None:
    """Schedules beyond the account default become channels with their own hours.

    cxaudit reads a channel's hours as narrowing the business hours, so hours that share no
    time with the default schedule are kept as a note instead of being applied.
    """
    taken = {c.id for c in account.channels}
    for hours in others:
        if account.hours is not None and not _overlap(account.hours, hours):
            account.hours_notes.append(
                f"{hours.source} shares no time with the default hours below, and cxaudit "
                "reads a channel's hours as narrowing the business hours, so it is kept in "
                "this comment only: " + _describe(hours))
            continue
        cid = slug(hours.name, taken, "hours")
        chan = Channel(cid, type_from_name(hours.name), name=hours.name)
        chan.notes.append(f"{hours.source}; which tickets follow it is decided by "
                          f"{account.vendor}'s rules (groups, triggers)")
        if chan.type is None:
            chan.notes.append("set `type:` to the kind of channel that follows these hours")
        chan.hours = hours
        if account.hours is not None and not _inside(hours, account.hours):
            chan.notes.append("cxaudit counts a channel's hours only where they overlap the "
                              "business hours above")
        if hours.holidays:
            chan.notes.append("its own closed days are not merged into the business hours: "
                              + ", ".join(f"{d} {n}".strip() for d, n in hours.holidays))
        account.channels.append(chan)


def _schedule(hours: Hours) -> Any:
    from cxaudit.clock.schedules import Schedule, weekly_from_rows

    return Schedule(hours.timezone, weekly_from_rows(
        [{"days": list(d), "open": o, "close": c} for d, o, c in hours.rows]))


def _overlap(a: Hours, b: Hours) -> bool:
    from cxaudit.clock.schedules import narrow

    if not a.rows or not b.rows:
        return False
    return len(narrow(_schedule(a), _schedule(b)).weekly) > 0


def _inside(inner: Hours, outer: Hours) -> bool:
    from cxaudit.clock.schedules import narrow

    inner_s = _schedule(inner)
    both = narrow(_schedule(outer), inner_s)
    minutes = sum((c if c > o else c + 1440) - o for _, o, c in both.weekly)
    own = sum((c if c > o else c + 1440) - o for _, o, c in inner_s.weekly)
    return bool(minutes >= own)


def _describe(hours: Hours) -> str:
    rows = "; ".join(f"{', '.join(d)} {o}-{c}" for d, o, c in hours.rows)
    return f"{rows} ({hours.timezone})"


__all__ = ["BASE_CHANNELS", "add_channels", "add_schedule_channels", "config_date"]
