"""How one rule ended for one unit, in one word: what the portfolio matrices and the history
compare."""

from __future__ import annotations

from cxaudit.model.classes import SEVERITIES
from cxaudit.model.findings import Kind, RuleResult, Severity, Status

OUTCOMES = (*SEVERITIES, "pass", "needs-evidence", "not-applicable")


def outcome(result: RuleResult) -> str:
    """The worst failing severity, or pass, needs-evidence or not-applicable."""
    if result.status is Status.FAILED:
        worst: Severity = max((f.severity for f in result.findings if f.kind is Kind.VIOLATION
                               and f.severity is not Severity.INFO), key=lambda s: s.rank)
        return str(worst.value)
    return {Status.PASSED: "pass", Status.NEEDS_EVIDENCE: "needs-evidence",
            Status.NOT_APPLICABLE: "not-applicable"}[result.status]


__all__ = ["OUTCOMES", "SEVERITIES", "outcome"]
