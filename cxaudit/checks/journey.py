"""Journey checks: maps that lead to change, and customers told first when things go wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.checks.freshness import age_days, limit_days, months, no_as_of
from cxaudit.checks.sectors import needs_for, uncovered
from cxaudit.model.process import MISSING


def _map_name(m: Any, i: int) -> str:
    return str(m.get("name")) if isinstance(m, dict) and m.get("name") else f"map {i + 1}"


def maps_in_use(ctx: CheckContext) -> Iterator[Outcome]:
    """JRN-001: a recently reviewed map whose pain points have owners and dates; personas."""
    proc = ctx.process
    base = ("journey", "maps")
    maps = proc.get(base)
    if maps is MISSING:
        yield missing(base)
    elif not isinstance(maps, list) or not maps:
        yield violation(base, problem="No customer journey is mapped, so nobody sees the "
                        "experience from end to end")
    else:
        yield from _latest_review(ctx, maps)
        for i, m in enumerate(maps):
            if isinstance(m, dict):
                yield from _pain_points(base + (i,), _map_name(m, i), m)
    personas = proc.get(("journey", "personas"))
    if personas is MISSING:
        yield missing(("journey", "personas"))
    elif not personas:
        yield violation(("journey", "personas"), problem="No personas are described, so the "
                        "maps are drawn for an average customer nobody actually is")


def _latest_review(ctx: CheckContext, maps: list[Any]) -> Iterator[Outcome]:
    dated = [(str(m["last_reviewed"]), i) for i, m in enumerate(maps)
             if isinstance(m, dict) and m.get("last_reviewed")]
    if not dated:
        yield missing(("journey", "maps", 0, "last_reviewed"))
        return
    need = no_as_of(ctx)
    if need:
        yield need
        return
    assert ctx.as_of is not None
    latest, i = max(dated)
    age = age_days(ctx.as_of, latest)
    undated = [k for k, m in enumerate(maps) if isinstance(m, dict) and not m.get("last_reviewed")]
    if age is not None and age > limit_days(ctx, "max_age") and undated:
        # a map whose review date is not given may be the recent one: ask, do not assume
        yield missing(("journey", "maps", undated[0], "last_reviewed"))
    elif age is not None and age > limit_days(ctx, "max_age"):
        yield violation(("journey", "maps", i, "last_reviewed"), problem=(
            f"The most recently reviewed journey map ('{_map_name(maps[i], i)}') was looked at "
            f"on {latest}, {months(age)} before {ctx.as_of.isoformat()}: the maps describe a "
            "journey customers may no longer have"))


def _pain_points(path: tuple[Any, ...], name: str, m: dict[str, Any]) -> Iterator[Outcome]:
    points = m.get("pain_points", MISSING)
    if points is MISSING:
        yield missing(path + ("pain_points",), evidence=(
            f"List the pain points found on the '{name}' journey, each with an owner and a due "
            "date (`pain_points`)."))
    elif not points:
        yield violation(path + ("pain_points",), problem=(
            f"The '{name}' map names no pain points, so it is a drawing that changes nothing"))
    else:
        loose = [str(p.get("id") or p.get("description") or f"#{k + 1}")
                 for k, p in enumerate(points) if isinstance(p, dict)
                 and not (p.get("owner") and p.get("due"))]
        if loose:
            yield violation(path + ("pain_points",), problem=(
                f"On the '{name}' map, pain point(s) {', '.join(loose)} have no owner or no "
                "due date, so nobody is committed to fixing them by a set date"))


def proactive_triggers(ctx: CheckContext) -> Iterator[Outcome]:
    """JRN-003: customers hear about the sector's typical failures before they have to ask."""
    proc = ctx.process
    path = ("journey", "proactive_notifications")
    notes = proc.get(path)
    if notes is MISSING:
        yield missing(path)
        return
    names = [str(n) for n in notes] if isinstance(notes, list) else []
    if not names:
        yield violation(path, problem="Customers are told about nothing before they have to "
                        "ask: every delay or outage is discovered by the customer")
        return
    sector = proc.organization.sector
    if sector is None:
        yield missing(("organization", "sector"))
        return
    gaps = uncovered(needs_for(ctx.params["sector_triggers"], sector, "proactive"), names)
    if gaps:
        yield violation(path, problem=(
            f"Customers are not told first about {' or '.join(gaps)}, the problems customers "
            f"in the {sector.replace('_', ' ')} sector most often have to chase themselves "
            f"(announced today: {', '.join(names)})"))
