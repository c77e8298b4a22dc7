"""Findings are values: what a rule found, where, and how bad it is."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum


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
        return _RANK[self]

    @property
    def weight(self) -> int:
        """w(severity) in the priority formula."""
        return _WEIGHT[self]


_RANK = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1,
         Severity.INFO: 0}
_WEIGHT = {Severity.CRITICAL: 8, Severity.HIGH: 4, Severity.MEDIUM: 2, Severity.LOW: 1,
           Severity.INFO: 0}
FAIL_LEVELS = ("critical", "high", "medium", "low", "none")


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


@dataclass(frozen=True)
class Location:
    """Where in the user's file a finding points."""

    file: str
    line: int
    column: int
    path: str
    anchor: str = ""  # `path` with list items named by id/name where possible (see stable_path)


@dataclass(frozen=True)
class Legal:
    """The law a legal finding was measured against, and the data row it came from."""

    jurisdiction: str
    statute: str
    url: str
    data_version: str
    confidence: str = "verified"  # or "unverified" where the data table says so


@dataclass(frozen=True)
class Suppression:
    """Why a finding does not fail the run although it is still shown."""

    kind: str  # "waiver" or "baseline"
    reason: str = ""
    owner: str = ""
    expires: str = ""  # ISO date for waivers, "" otherwise


@dataclass(frozen=True)
class Finding:
    """One problem found by one rule at one place."""

    rule_id: str
    severity: Severity
    kind: Kind
    message: str
    location: Location
    legal: Legal | None = None
    suppression: Suppression | None = None

    @property
    def fingerprint(self) -> str:
        """Stable id from rule, file and document path (not the line, so edits don't move it).

        List items are named by their id/name key where they have one, so reordering channels
        or policies keeps every fingerprint.
        """
        where = self.location.anchor or self.location.path
        key = f"{self.rule_id}\0{self.location.file}\0{where}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order within a rule: by position, then message."""
        return (self.location.file, self.location.line, self.location.column, self.message)


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule on one unit."""

    rule_id: str
    status: Status
    findings: tuple[Finding, ...]
    reason: str = ""
