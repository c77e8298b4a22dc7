"""The result model every renderer reads, and the exit policy: what fails a run.

`AuditResult` holds one `UnitReport` per audited file; `exit_code` is the only place the
exit code of `check` is decided. Imports the layers below it (engine, policy, rules, model);
renderers, the diff and the API import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from cxaudit.document.notices import Notice
from cxaudit.engine.maturity import Maturity
from cxaudit.engine.plan import Action, Plan, Question, Score
from cxaudit.errors import Problem
from cxaudit.model.classes import FAIL_LEVELS
from cxaudit.model.findings import Finding, Kind, RuleResult, Severity, at_or_above
from cxaudit.model.process import Process, as_of_date
from cxaudit.rules.packs import Rule

if TYPE_CHECKING:  # waivers and baselines are read only by runs that use them
    from cxaudit.policy.suppression import SuppressionReport


@dataclass(frozen=True)
class UnitReport:
    """Everything found for one service unit."""

    file: str
    name: str
    process: Process | None  # None when the audit dropped the document (no renderer reads it)
    results: tuple[RuleResult, ...]
    plan: Plan
    score: Score
    categories: dict[str, Score]
    maturity: Maturity
    process_id: str | None = None  # `process.id` as written: the key a history tracks it by
    updated: date | None = None  # `process.updated`: the as-of date when --as-of is not given

    @property
    def document(self) -> Process:
        """The unit's process, for a caller whose audit kept the documents (the default of
        `cxaudit.api.audit`; `check` drops them unless it records a history)."""
        if self.process is None:
            raise RuntimeError(f"the audit of {self.file} did not keep its document")
        return self.process

    @classmethod
    def of(cls, proc: Process, results: tuple[RuleResult, ...], plan: Plan, score: Score,
           categories: dict[str, Score], maturity: Maturity) -> UnitReport:
        """The report of the unit `proc`, with its id and date read from it."""
        head = proc.data.get("process")
        value = head.get("id") if isinstance(head, dict) else None
        pid = None if value is None or isinstance(value, (dict, list)) else str(value)
        return cls(proc.file, proc.name, proc, results, plan, score, categories, maturity,
                   pid, as_of_date(proc, None))

    @property
    def actions(self) -> tuple[Action, ...]:
        """The plan: one action per rule and cause, in priority order."""
        return self.plan.actions

    @property
    def questions(self) -> tuple[Question, ...]:
        """Missing facts, each once with the rules that wait for it."""
        return self.plan.questions

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of the unit, in rule order."""
        return tuple(f for r in self.results for f in r.findings)

    @property
    def needs_evidence(self) -> tuple[Finding, ...]:
        """Facts the description does not give."""
        return tuple(f for f in self.findings if f.kind is Kind.NEEDS_EVIDENCE)

    @property
    def notes(self) -> tuple[Finding, ...]:
        """Informational violations (not part of the plan)."""
        return tuple(f for f in self.findings
                     if f.kind is Kind.VIOLATION and f.severity is Severity.INFO)

    def counts(self) -> dict[str, int]:
        """What the plan shows: actions per (worst) severity, note groups, missing facts."""
        out = {s.value: 0 for s in Severity if s is not Severity.INFO}
        for a in self.plan.actions:
            out[a.severity.value] += 1
        out["info"] = len(self.plan.notes)
        out["needs-evidence"] = len(self.plan.questions)
        return out


@dataclass(frozen=True)
class AuditResult:
    """The result model every renderer reads."""

    version: str
    fail_on: str
    rules: dict[str, Rule]
    units: tuple[UnitReport, ...]
    suppressions: SuppressionReport | None = None  # set when waivers or a baseline were used
    warnings: tuple[Notice, ...] = ()  # warnings and notes: unknown values, synonyms, skipped
    errors: tuple[Problem, ...] = ()  # files that could not be audited, each problem positioned
    config_file: str | None = None  # the configuration used, relative to the working directory
    language: str = "en"  # the language of the rule texts and of the reports (en, uk, ru)
    as_of: date | None = None  # --as-of of the run; None: each unit's process.updated
    # each unit's failing actions, worked out once (the summary, the portfolio and every unit's
    # entry ask for them), by the unit's identity; the entry holds the unit
    _failing: dict[int, tuple[UnitReport, tuple[Action, ...]]] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    def failing(self, unit: UnitReport) -> tuple[Action, ...]:
        """Actions with a finding at or above the fail level that no waiver or baseline covers."""
        kept = self._failing.get(id(unit))
        if kept is not None and kept[0] is unit:
            return kept[1]
        actions = tuple(a for a in unit.actions if a.fails(self.fail_on))
        self._failing[id(unit)] = (unit, actions)
        return actions

    def failing_findings(self, unit: UnitReport) -> tuple[Finding, ...]:
        """The findings that fail the run (one per rule and place, as in JSON and SARIF)."""
        return tuple(f for a in self.failing(unit) for f in a.findings if f.fails(self.fail_on))

    @property
    def exit_code(self) -> int:
        """2 when a file could not be audited; else 1 when any unit has unsuppressed findings
        at or above the fail level, or a waiver has expired; else 0."""
        if self.errors:
            return 2
        expired = self.suppressions is not None and bool(self.suppressions.expired)
        return 1 if expired or any(self.failing(u) for u in self.units) else 0

    def as_of_of(self, unit: UnitReport) -> date | None:
        """The date the unit's time-relative checks counted from: --as-of, else its
        process.updated (None when neither is given)."""
        return self.as_of if self.as_of is not None else unit.updated

    @property
    def failed_files(self) -> tuple[str, ...]:
        """The files that could not be audited, in the order they were given."""
        return tuple(dict.fromkeys(p.file for p in self.errors))


__all__ = ["FAIL_LEVELS", "AuditResult", "UnitReport", "at_or_above"]
