"""Ownership and culture checks that look at the whole audit."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.findings import Kind, Severity

_SERVICE_CATEGORIES = frozenset({"responsiveness", "complaints"})


def service_before_acquisition(ctx: CheckContext) -> Iterator[Outcome]:
    """OWN-005: no spending on acquisition while basic service fails critically."""
    critical = sorted({f.rule_id for cat, f in ctx.prior if cat in _SERVICE_CATEGORIES
                       and f.kind is Kind.VIOLATION and f.severity is Severity.CRITICAL})
    if not critical:
        raise NotApplicable  # the rule only weighs spending against critical failures
    proc = ctx.process
    paid = proc.get(("marketing", "paid_acquisition"))
    active = proc.get(("marketing", "active_channels"))
    social = [c.id for c in proc.channels if c.enabled and c.type in ("social", "messenger")
              and "marketing" in c.purposes]
    if paid is True:
        yield violation(("marketing", "paid_acquisition"), rules=", ".join(critical),
                        spending="advertising to win new customers")
    elif (isinstance(active, list) and active) or social:
        where = ("marketing", "active_channels") if isinstance(active, list) and active else \
            next(c.path for c in proc.channels if c.id == social[0])
        names = active if isinstance(active, list) and active else social
        yield violation(where, rules=", ".join(critical),
                        spending="marketing on " + ", ".join(map(str, names)))
    elif paid is not False:
        yield missing(("marketing", "paid_acquisition"), rules=", ".join(critical))
