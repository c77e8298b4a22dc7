"""The public entry points: audit process files and get a result model back."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from cxaudit import __version__
from cxaudit.config import Config
from cxaudit.engine import run_rules
from cxaudit.errors import CxauditError, InputError, Problem, UsageError
from cxaudit.findings import FAIL_LEVELS, Finding, Kind, RuleResult, Severity
from cxaudit.loading import Limits, load_file
from cxaudit.maturity import Maturity, assess
from cxaudit.model import Process, normalise
from cxaudit.plan import Action, Score, build_plan, category_scores, score
from cxaudit.rulepacks import Rule, load_packs
from cxaudit.rulesettings import configure, rerate
from cxaudit.suppression import SuppressionReport, Suppressor
from cxaudit.validate import validate

_SUFFIXES = (".yaml", ".yml")
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Options:
    """How to audit: which rules, which limits, which fail level."""

    fail_on: str = "high"
    as_of: date | None = None
    legal_data: str | None = None  # directory of legal tables; None: the bundled ones
    rule_dirs: tuple[str, ...] = ()
    builtin_rules: bool = True
    limits: Limits = field(default_factory=Limits)
    config: Config | None = None  # rule settings (enable, disable, severity, params)
    waivers: str | None = None  # waivers file
    baseline: str | None = None  # baseline file
    today: date | None = None  # the date waivers expire against; None: the real date


@dataclass(frozen=True)
class UnitReport:
    """Everything found for one service unit."""

    file: str
    name: str
    process: Process
    results: tuple[RuleResult, ...]
    actions: tuple[Action, ...]
    score: Score
    categories: dict[str, Score]
    maturity: Maturity

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
        """Violations per severity (critical..low), plus notes and needs-evidence."""
        out = {s.value: 0 for s in Severity if s is not Severity.INFO}
        for a in self.actions:
            out[a.finding.severity.value] += 1
        out["info"] = len(self.notes)
        out["needs-evidence"] = len(self.needs_evidence)
        return out


@dataclass(frozen=True)
class AuditResult:
    """The result model every renderer reads."""

    version: str
    fail_on: str
    rules: dict[str, Rule]
    units: tuple[UnitReport, ...]
    suppressions: SuppressionReport | None = None  # set when waivers or a baseline were used

    def failing(self, unit: UnitReport) -> tuple[Action, ...]:
        """Actions at or above the fail level that no waiver or baseline covers."""
        return tuple(a for a in unit.actions if a.finding.suppression is None
                     and at_or_above(a.finding.severity, self.fail_on))

    @property
    def exit_code(self) -> int:
        """1 when any unit has unsuppressed findings at or above the fail level, or a waiver
        has expired; else 0."""
        expired = self.suppressions is not None and bool(self.suppressions.expired)
        return 1 if expired or any(self.failing(u) for u in self.units) else 0


def at_or_above(severity: Severity, level: str) -> bool:
    """Whether `severity` reaches the fail level (`none` never does)."""
    if level == "none":
        return False
    return severity is not Severity.INFO and severity.rank >= Severity(level).rank


def collect_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Expand directories into their YAML files (sorted); refuse paths that do not exist."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.suffix in _SUFFIXES and f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise UsageError([Problem(str(p), 0, 0, "no .yaml or .yml files in this directory",
                                          "pass process files or a directory that holds them")])
            out.extend(found)
        elif p.exists():
            out.append(str(p))
        else:
            raise UsageError([Problem(str(p), 0, 0, "no such file or directory",
                                      "check the path")])
    return list(dict.fromkeys(out))


def load_process(path: str, limits: Limits = DEFAULT_LIMITS) -> Process:
    """Load, validate and normalise one process file."""
    from cxaudit.values import check_values

    doc = load_file(path, limits)
    validate(doc)
    proc = normalise(doc)
    check_values(proc)
    return proc


def load_rules(options: Options) -> tuple[Rule, ...]:
    """The rules an audit runs with these options."""
    rules = load_packs(list(options.rule_dirs), builtin=options.builtin_rules)
    return rules if options.config is None else configure(rules, options.config)


def audit_process(proc: Process, rules: Sequence[Rule], as_of: date | None = None,
                  legal_data: str | None = None,
                  severity: Mapping[str, Severity] | None = None) -> UnitReport:
    """Run the rules on one loaded unit (`severity`: configured overrides per rule id)."""
    by_id = {r.id: r for r in rules}
    results = rerate(run_rules(rules, proc, as_of, legal_data), severity or {})
    return UnitReport(proc.file, proc.name, proc, results, build_plan(results, by_id),
                      score(results, by_id), category_scores(results, by_id), assess(results))


def audit(paths: Sequence[str | os.PathLike[str]], options: Options = Options()) -> AuditResult:
    """Audit every process file under `paths`, each as its own unit."""
    if options.fail_on not in FAIL_LEVELS:
        raise UsageError([Problem("--fail-on", 0, 0, f"unknown level {options.fail_on!r}",
                                  f"use one of {', '.join(FAIL_LEVELS)}")])
    files = collect_files(paths)
    rules = load_rules(options)
    if options.legal_data is not None:
        from cxaudit import legal

        legal.load(options.legal_data)  # refuse a broken table once, before any unit
    severity = options.config.severity_overrides() if options.config is not None else {}
    problems: list[Problem] = []
    units = []
    # The audit builds many small, acyclic objects that live until the report is written;
    # cyclic garbage collection would only rescan them (it cost ~40 % of a corpus audit).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for f in files:
            try:
                units.append(audit_process(load_process(f, options.limits), rules,
                                           options.as_of, options.legal_data, severity))
            except InputError as exc:
                problems.extend(exc.problems)
    finally:
        if was_enabled:
            gc.enable()
    if problems:
        raise InputError(problems)
    result = AuditResult(__version__, options.fail_on, {r.id: r for r in rules}, tuple(units))
    return suppress(result, options)


def suppress(result: AuditResult, options: Options) -> AuditResult:
    """Mark the findings that waivers or the baseline cover: the one place this is decided."""
    if options.waivers is None and options.baseline is None:
        return result
    s = Suppressor.load(options.waivers, options.baseline, options.today or date.today(),
                        result.rules)
    units = []
    for unit in result.units:
        new = {}
        for f in unit.findings:
            mark = s.decide(unit.file, unit.name, f)
            if mark is not None:
                new[f] = replace(f, suppression=mark)
        units.append(replace(
            unit, results=tuple(replace(r, findings=tuple(new.get(f, f) for f in r.findings))
                                for r in unit.results),
            actions=tuple(replace(a, finding=new.get(a.finding, a.finding))
                          for a in unit.actions)))
    return replace(result, units=tuple(units),
                   suppressions=s.report(u.file for u in result.units))


def baseline_text(paths: Sequence[str | os.PathLike[str]], out_file: str,
                  options: Options = Options()) -> str:
    """The baseline file for today's findings under `paths` (no waivers or baseline applied)."""
    from cxaudit.baseline import dump

    result = audit(paths, replace(options, waivers=None, baseline=None))
    return dump((f for u in result.units for f in u.findings), out_file)


def sla_table(path: str, as_of: date | None = None,
              limits: Limits = DEFAULT_LIMITS) -> list[dict[str, object]]:
    """The SLA table of one process file (see `cxaudit sla`)."""
    from cxaudit.engine import as_of_date
    from cxaudit.slatable import sla_rows

    proc = load_process(path, limits)
    start = as_of_date(proc, as_of)
    if start is None:
        line, col = proc.document.locate(("process",))
        raise InputError.at(path, line, col, "no date to count the next twelve months from",
                            "set process.updated in the file or pass --as-of YYYY-MM-DD")
    return sla_rows(proc, start)


__all__ = ["AuditResult", "CxauditError", "Options", "UnitReport", "at_or_above", "audit",
           "audit_process", "baseline_text", "collect_files", "load_process", "load_rules",
           "sla_table", "suppress"]
