"""The one place a finding's severity is decided.

In this order, each step only ever replacing the one before:

1. a missing fact is `info` (it asks a question, it is never a violation);
2. the rule's own rating: the rating its check gives this finding (a check function may rate
   a lesser case lower, or a refinement as a note), else the first `severity_when` of the rule
   file whose condition holds on the document, else the rule's `severity`;
3. the configuration: a severity set for the rule (`.cxaudit.yaml`, `severity:`) replaces
   every rating of step 2 except `info` (a note stays a note).

Nothing after the engine changes a finding's severity.
"""

from __future__ import annotations

from collections.abc import Callable

from cxaudit.model.findings import Kind, Severity
from cxaudit.rules.conditions import TRUE, Scope
from cxaudit.rules.packs import Rule


def decide(rule: Rule, kind: Kind, rated: Severity | None,
           document: Callable[[], Scope]) -> Severity:
    """The severity of one finding of `rule` (`rated`: the check's own rating, if any;
    `document`: the scope `severity_when` conditions are judged in)."""
    if kind is Kind.NEEDS_EVIDENCE:
        return Severity.INFO
    own = rated if rated is not None else \
        _rule_rating(rule, document()) if rule.severity_when else rule.severity
    if rule.configured_severity is not None and own is not Severity.INFO:
        return rule.configured_severity
    return own


def _rule_rating(rule: Rule, document: Scope) -> Severity:
    for cond, sev in rule.severity_when:
        if cond(document).state == TRUE:
            return sev
    return rule.severity
