"""What a comparison of two process descriptions finds: changed fields and changed waits.

Shared by `cxaudit diff` and by the baseline, which judges whether a finding got worse the way
diff does.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxaudit.model.classes import SEVERITY_RANK

REGRESSION, IMPROVEMENT, CHANGED = "regression", "improvement", "neutral"
VERDICTS = (REGRESSION, IMPROVEMENT, CHANGED)


def severity_rank(severity: str) -> int:
    """critical 4 .. low 1, neutral 0."""
    return SEVERITY_RANK.get(severity, 0)

@dataclass(frozen=True)
class Change:
    """One field that differs between the two sides."""

    key: str  # document path with list items named by their key: channels[id=chat].enabled
    field: str  # the direction-table pattern it was judged by
    label: str
    kind: str
    direction: str
    severity: str  # of the regression this field can be; "-" for neutral fields
    verdict: str  # regression | improvement | neutral
    old: str | None  # None: not described on that side
    new: str | None
    note: str = ""
    line: int = 0  # in the new file, or in the old one for something removed
    side: str = "new"


@dataclass(frozen=True)
class WaitChange:
    """The worst-case real wait of one target, on one or more channels, before and after."""

    metric: str
    priority: str
    channels: tuple[str, ...]
    old_target: str | None
    new_target: str | None
    old_hours: float | None  # over the twelve months from the as-of date (with holidays)
    new_hours: float | None
    old_week: float | None  # over an ordinary week
    new_week: float | None
    verdict: str
    severity: str
