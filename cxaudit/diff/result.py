"""The diff result model every renderer reads: changes, wait changes, finding changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxaudit.compare.changes import (
    CHANGED,
    IMPROVEMENT,
    REGRESSION,
    VERDICTS,
    Change,
    WaitChange,
    severity_rank,
)
from cxaudit.document.notices import Notice
from cxaudit.model.classes import FAIL_LEVELS as CLASSES_FAIL_LEVELS

FAIL_LEVELS = CLASSES_FAIL_LEVELS


@dataclass(frozen=True)
class FindingChange:
    """A finding present on one side only (matched by rule and document path), or on both
    and worse on the new side."""

    rule_id: str
    severity: str
    kind: str
    message: str
    path: str
    line: int
    worse: str = ""  # on both sides, worse now: what made it so (a looser value, more channels)


@dataclass(frozen=True)
class Side:
    """One side of the comparison: what the user named and the unit's name."""

    name: str
    unit: str


@dataclass(frozen=True)
class DiffResult:
    """Everything `cxaudit diff` found."""

    version: str
    old: Side
    new: Side
    as_of: date | None
    fail_on_regression: str
    changes: tuple[Change, ...]
    waits: tuple[WaitChange, ...]
    introduced: tuple[FindingChange, ...]
    resolved: tuple[FindingChange, ...]
    warnings: tuple[Notice, ...] = ()  # how both sides' classification values were read

    def by_verdict(self, verdict: str) -> tuple[Change, ...]:
        """Field changes with this verdict, worst first."""
        return tuple(c for c in self.changes if c.verdict == verdict)

    def waits_by_verdict(self, verdict: str) -> tuple[WaitChange, ...]:
        """Wait changes with this verdict."""
        return tuple(w for w in self.waits if w.verdict == verdict)

    def counts(self) -> dict[str, int]:
        """Regressions, improvements and neutral changes (fields and waits), findings."""
        out = {v: len(self.by_verdict(v)) + len(self.waits_by_verdict(v)) for v in VERDICTS}
        out.update(introduced=len(self.introduced), resolved=len(self.resolved))
        return out

    def failing(self) -> int:
        """How many regressions reach --fail-on-regression."""
        if self.fail_on_regression == "none":
            return 0
        floor = severity_rank(self.fail_on_regression)
        sevs = [c.severity for c in self.by_verdict(REGRESSION)]
        sevs += [w.severity for w in self.waits_by_verdict(REGRESSION)]
        return sum(1 for s in sevs if severity_rank(s) >= floor)

    @property
    def exit_code(self) -> int:
        """1 when a regression reaches the fail level, else 0."""
        return 1 if self.failing() else 0

    @property
    def verdict(self) -> str:
        """worse | better | changed | unchanged (the policy, not the findings)."""
        counts = self.counts()
        if counts[REGRESSION]:
            return "worse"
        if counts[IMPROVEMENT]:
            return "better"
        return "changed" if counts[CHANGED] else "unchanged"


__all__ = [
    "CHANGED",
    "FAIL_LEVELS",
    "IMPROVEMENT",
    "REGRESSION",
    "VERDICTS",
    "Change",
    "DiffResult",
    "FindingChange",
    "Side",
    "WaitChange",
    "severity_rank",
]
