"""Customer systems: the core systems kept current."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.checks.freshness import no_as_of
from cxaudit.model.durations import parse_cadence
from cxaudit.model.process import MISSING

_SINCE = re.compile(r"^\s*([0-9]{4})(?:-([0-9]{2})(?:-[0-9]{2})?)?\s*$")


def _core(role: Any, roles: list[str]) -> bool:
    low = str(role or "").lower().replace("-", "_").replace(" ", "_")
    return any(r in low for r in roles)


def systems_current(ctx: CheckContext) -> Iterator[Outcome]:
    """DAT-004: core CX systems went live or were upgraded within max_age."""
    base = ("data", "systems")
    systems = ctx.process.get(base)
    if systems is MISSING:
        yield missing(base)
        return
    roles = [str(r).lower() for r in ctx.params["core_roles"]]
    core = [(i, s) for i, s in enumerate(systems if isinstance(systems, list) else [])
            if isinstance(s, dict) and _core(s.get("role"), roles)]
    if not core:
        yield missing(base, evidence=(
            "List the helpdesk, CRM and telephony systems with the year each went live or was "
            "last upgraded (`data.systems[]`: name, role, since)."))
        return
    need = no_as_of(ctx)
    if need:
        yield need
        return
    assert ctx.as_of is not None
    max_years = parse_cadence(ctx.params["max_age"]).days / 365.25
    for i, system in core:
        if system.get("hosting") == "saas":
            continue  # the vendor upgrades it continuously
        since = system.get("since")
        months = months_since(since, ctx.as_of)
        if months is None:
            yield missing(base + (i, "since"))
            continue
        if months / 12 > max_years + 1e-9:
            yield violation(base + (i, "since"), system=system.get("name", f"system {i + 1}"),
                            role=system.get("role"), since=since, age=months // 12)


def months_since(since: Any, as_of: date) -> int | None:
    """Whole months from `since` (a year, "YYYY-MM" or a date) to the as-of date; a bare year
    counts from its January, as years were always compared. None if `since` is not a time."""
    if isinstance(since, bool):
        return None
    m = _SINCE.match(str(since)) if isinstance(since, (int, str)) else None
    if m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2) or 0)
    if not month:
        return (as_of.year - year) * 12
    return (as_of.year - year) * 12 + as_of.month - month
