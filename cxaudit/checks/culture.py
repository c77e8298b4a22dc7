"""Service before acquisition: no spending on new customers while basic service fails."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, NotApplicable, Outcome, missing, violation
from cxaudit.model.findings import Kind, Severity


def service_before_acquisition(ctx: CheckContext) -> Iterator[Outcome]:
    """OWN-005: no spending on acquisition while basic service fails critically.

    Weighs the critical findings of the categories the rule names in `weighs_findings_of`.
    """
    failing = {(cat, f.rule_id) for cat, f in ctx.prior
               if f.kind is Kind.VIOLATION and f.severity is Severity.CRITICAL}
    critical = sorted({rule_id for _, rule_id in failing})
    failures = " and ".join(ctx.prior_words[c] for c in sorted(
        {cat for cat, _ in failing}, reverse=True))
    if not critical:
        raise NotApplicable  # the rule only weighs spending against critical failures
    proc = ctx.process
    if proc.applicable("marketing") is False:
        return  # the unit does no marketing of its own: nothing is spent on acquisition
    paid = proc.get(("marketing", "paid_acquisition"))
    active = proc.get(("marketing", "active_channels"))
    social = [c.id for c in proc.channels if c.enabled and c.type in ("social", "messenger")
              and "marketing" in c.purposes]
    if paid is True:
        yield violation(("marketing", "paid_acquisition"), failures=failures,
                        spending="advertising to win new customers")
    elif (isinstance(active, list) and active) or social:
        where = ("marketing", "active_channels") if isinstance(active, list) and active else \
            next(c.path for c in proc.channels if c.id == social[0])
        names = active if isinstance(active, list) and active else social
        yield violation(where, failures=failures,
                        spending="marketing on " + ", ".join(map(str, names)))
    elif paid is not False:
        yield missing(("marketing", "paid_acquisition"), rules=", ".join(critical))
