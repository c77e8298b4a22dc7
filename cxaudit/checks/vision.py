"""The service vision: written down, known to every employee, repeated, and felt."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.checks.freshness import age_days, limit_days, months, no_as_of
from cxaudit.model.process import MISSING

_EVERYONE = re.compile(r"\b(all|every|everyone|everybody|whole|entire|company)\b", re.IGNORECASE)


def service_vision(ctx: CheckContext) -> Iterator[Outcome]:
    """OWN-003: a written vision, shared with all staff at onboarding and yearly; eNPS measured."""
    proc = ctx.process
    base = ("ownership", "service_vision")
    vision = proc.get(base)
    if not isinstance(vision, dict):
        yield missing(base)
        return
    statement = vision.get("statement", MISSING)
    if statement is MISSING:
        yield missing(base + ("statement",))
    elif not str(statement).strip():
        yield violation(base + ("statement",), problem="The service vision is not written "
                        "down, so everyone carries their own version of it")
    reached = vision.get("communicated_to", MISSING)
    if reached is MISSING:
        yield missing(base + ("communicated_to",))
    elif not _EVERYONE.search(str(reached).replace("_", " ")):
        yield violation(base + ("communicated_to",), problem=(
            f"The service vision has reached only {reached}, not every employee, although the "
            "warehouse, finance and IT shape the experience as much as the front line"))
    onboarding = vision.get("in_onboarding", MISSING)
    if onboarding is False:
        yield violation(base + ("in_onboarding",), problem="New employees do not learn the "
                        "service vision when they join, so they learn the rules before what "
                        "the rules are for")
    elif onboarding is MISSING:
        yield missing(base + ("in_onboarding",))
    yield from _last_told(ctx, base, vision.get("last_communicated", MISSING))
    enps = proc.get(("ownership", "employee_feedback", "enps"))
    if enps is False:
        yield violation(("ownership", "employee_feedback", "enps"), problem="Nobody measures "
                        "how connected employees feel (eNPS or pulse surveys), so a vision "
                        "nobody believes goes unnoticed")
    elif enps is MISSING:
        yield missing(("ownership", "employee_feedback", "enps"))


def _last_told(ctx: CheckContext, base: tuple[str, ...], when: object) -> Iterator[Outcome]:
    if when is MISSING:
        yield missing(base + ("last_communicated",))
        return
    need = no_as_of(ctx)
    if need:
        yield need
        return
    assert ctx.as_of is not None
    age = age_days(ctx.as_of, when)
    if age is not None and age > limit_days(ctx, "max_age"):
        yield violation(base + ("last_communicated",), problem=(
            f"The service vision was last shared on {when}, {months(age)} before "
            f"{ctx.as_of.isoformat()}: people who joined since may never have heard it"))
