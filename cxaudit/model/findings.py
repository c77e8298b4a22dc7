"""Findings are values: what a rule found, where, and how bad it is."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from cxaudit.model.classes import SEVERITY_RANK, SEVERITY_WEIGHT


class Severity(str, Enum):
    """How much harm a finding signals; `info` never fails a run."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: critical 4 .. info 0."""
        return _RANK[self._name_]

    @property
    def weight(self) -> int:
        """w(severity) in the priority formula."""
        return SEVERITY_WEIGHT[self.value]




# by member name (`_name_` is a plain attribute; `.value` and `.name` go through a descriptor)
_RANK = {s.name: SEVERITY_RANK[s.value] for s in Severity}
# the severities that reach each fail level, as tuples: `in` compares members by identity
_REACHING = {level.value: tuple(s for s in Severity if s is not Severity.INFO
                                and _RANK[s.name] >= _RANK[level.name]) for level in Severity}


def at_or_above(severity: Severity, level: str) -> bool:
    """Whether `severity` reaches the fail level (`none` never does)."""
    reaching = _REACHING.get(level)
    if reaching is None:
        if level == "none":
            return False
        reaching = _REACHING[Severity(level).value]  # an unknown level: ValueError
    return severity in reaching


class Kind(str, Enum):
    """A violation of practice, or a fact the process description does not give."""

    VIOLATION = "violation"
    NEEDS_EVIDENCE = "needs-evidence"


class Status(str, Enum):
    """What happened to a rule on one unit."""

    PASSED = "passed"
    FAILED = "failed"
    NEEDS_EVIDENCE = "needs-evidence"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the user's file a finding points."""

    file: str
    line: int
    column: int
    path: str
    anchor: str = ""  # `path` with list items named by id/name where possible (see stable_path)


@dataclass(frozen=True, slots=True)
class Legal:
    """The law a legal finding was measured against, and the data row it came from."""

    jurisdiction: str
    statute: str
    url: str
    data_version: str
    confidence: str = "verified"  # or "unverified" where the data table says so
    statute_local: str = ""  # the statute as it names itself, shown to readers of other languages


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding does not fail the run although it is still shown."""

    kind: str  # "waiver" or "baseline"
    reason: str = ""
    owner: str = ""
    expires: str = ""  # ISO date for waivers, "" otherwise


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule at one place."""

    rule_id: str
    severity: Severity
    kind: Kind
    message: str
    location: Location
    legal: Legal | None = None
    suppression: Suppression | None = None
    # What the finding shares with other findings of its rule (an SLA policy, the holiday
    # closures): findings of one rule with one cause are one action in the plan. "" means
    # the place itself. Neither field is part of the finding's identity or fingerprint.
    cause: str = field(default="", compare=False)
    # This finding's own part of that action (`high priority, 2h target: ... (44 h)`), or for
    # a missing fact what to describe; "" shows the message.
    affects: str = field(default="", compare=False)

    @property
    def fingerprint(self) -> str:
        """Stable id from rule, file and document path (not the line, so edits don't move it).

        List items are named by their id/name key where they have one, so reordering channels
        or policies keeps every fingerprint.
        """
        where = self.location.anchor or self.location.path
        key = f"{self.rule_id}\0{self.location.file}\0{where}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def fails(self, fail_on: str) -> bool:
        """A violation at or above the fail level that no waiver or baseline covers."""
        return (self.kind is Kind.VIOLATION and self.suppression is None
                and at_or_above(self.severity, fail_on))

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order within a rule: by position, then message."""
        return (self.location.file, self.location.line, self.location.column, self.message)


# A run's suppression decision for one finding (waiver, baseline or none), made once, when
# the finding is made (see cxaudit.policy.suppression.Suppressor.decide).
Mark = Callable[[Finding], Suppression | None]


@dataclass(frozen=True, slots=True)
class RuleResult:
    """The outcome of one rule on one unit."""

    rule_id: str
    status: Status
    findings: tuple[Finding, ...]
    reason: str = ""
