"""Customers told first when things go wrong: the sector's typical failures announced."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.checks.sectors import needs_for, uncovered
from cxaudit.model.process import MISSING


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
