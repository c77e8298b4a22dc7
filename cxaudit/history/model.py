"""What the history keeps: plain, frozen records, the same whether built from a run or loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ID, FILE = "id", "file"  # how a unit is keyed: by its process.id, or by its file path
LANGUAGE = "en"  # the language reports were written in; one for now


@dataclass(frozen=True)
class FindingRec:
    """One finding of one audit; `fingerprint` is rule + place, so it survives a moved file."""

    fingerprint: str
    rule_id: str
    title: str
    severity: str
    kind: str
    message: str
    path: str  # as reports show it: channels[2].hours
    anchor: str | None  # list items by id or name: channels[id=chat].hours (None: imported)
    value: str | None = None  # the value at `path` as a reader sees it (None: not a value)
    field: str | None = None  # the comparable field at `path` (a key of `values`)
    suppression: str | None = None  # waiver or baseline

    @property
    def counts(self) -> bool:
        """A finding the plan shows (a violation that is not just a note)."""
        return self.kind == "violation" and self.severity != "info"


@dataclass(frozen=True)
class ValueRec:
    """A comparable value of the unit, measured so that higher is better for the customer."""

    key: str  # channels[id=chat].sla.targets.first_response.normal
    generic: str  # channels[].sla.targets.first_response.normal: the row that judges it
    shown: str  # 15m@business
    scale: str  # what it is measured in; measures compare only on one scale
    measure: float


@dataclass(frozen=True)
class WaitRec:
    """The longest real wait one target allows: in an ordinary week and over the year."""

    channel: str
    priority: str
    metric: str
    target: str
    clock: str
    week_hours: float | None
    year_hours: float | None


@dataclass(frozen=True)
class UnitAudit:
    """One unit in one run."""

    key: str
    keyed_by: str  # ID or FILE
    file: str
    name: str
    as_of: str | None
    score: int | None  # over the rules that could be judged; None when none could
    passed: int
    applicable: int
    level: int
    stage: str
    categories: dict[str, int | None]
    counts: dict[str, int]
    outcomes: dict[str, str]  # rule id -> critical..low, pass, needs-evidence, not-applicable
    findings: tuple[FindingRec, ...]
    values: tuple[ValueRec, ...] = ()
    waits: tuple[WaitRec, ...] = ()
    judged: int | None = None  # applicable rules that could be judged (None: not recorded)
    described: int | None = None  # share of what the rules need that the file gives
    measured: bool = True  # values and waits were recorded (not an imported report)
    run: int | None = None  # set once stored


@dataclass(frozen=True)
class RunRec:
    """One run: a `check --record`, or an imported JSON report."""

    recorded_at: str  # the real time, UTC; kept in the database only, never in a report
    as_of: str | None  # --as-of of the run; None: each unit's process.updated
    tool_version: str
    rule_packs: tuple[dict[str, Any], ...]
    language: str
    source: str  # "check", or "import:<file name>"
    units: tuple[UnitAudit, ...]
    digest: str | None = None  # of an imported report, so it is imported once
    fail_on: str | None = None
    config: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)  # said on stderr when recorded


__all__ = ["FILE", "ID", "LANGUAGE", "FindingRec", "RunRec", "UnitAudit", "ValueRec",
           "WaitRec"]
