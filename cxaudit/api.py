"""The public entry points: audit process files and get a result model back."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from cxaudit import __version__
from cxaudit.collect import collect, read_document
from cxaudit.config import Config, shown
from cxaudit.engine import run_rules
from cxaudit.errors import CxauditError, InputError, Problem, UsageError
from cxaudit.findings import FAIL_LEVELS, Finding, Kind, RuleResult, Severity, at_or_above
from cxaudit.loading import Limits
from cxaudit.maturity import Maturity, assess
from cxaudit.model import Process, normalise
from cxaudit.notices import NOTE, Notice, warnings_of
from cxaudit.plan import Action, Plan, Question, Score, build_plan, category_scores, remark, score
from cxaudit.rulepacks import Rule, load_packs
from cxaudit.rulesettings import configure, rerate
from cxaudit.suppression import SuppressionReport, Suppressor
from cxaudit.validate import validate

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
    strict: bool = False  # unknown classification values are errors, not warnings
    exclude: tuple[str, ...] = ()  # glob patterns of paths not to audit


@dataclass(frozen=True)
class UnitReport:
    """Everything found for one service unit."""

    file: str
    name: str
    process: Process
    results: tuple[RuleResult, ...]
    plan: Plan
    score: Score
    categories: dict[str, Score]
    maturity: Maturity

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

    def marked(self, new: Mapping[Finding, Finding]) -> UnitReport:
        """This unit with some findings replaced by waived or baselined copies, everywhere."""
        return replace(self, results=tuple(
            replace(r, findings=tuple(new.get(f, f) for f in r.findings)) for r in self.results),
            plan=remark(self.plan, new))


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

    def failing(self, unit: UnitReport) -> tuple[Action, ...]:
        """Actions with a finding at or above the fail level that no waiver or baseline covers."""
        return tuple(a for a in unit.actions if a.fails(self.fail_on))

    def failing_findings(self, unit: UnitReport) -> tuple[Finding, ...]:
        """The findings that fail the run (one per rule and place, as in JSON and SARIF)."""
        return tuple(f for a in unit.actions for f in a.findings if f.fails(self.fail_on))

    @property
    def exit_code(self) -> int:
        """2 when a file could not be audited; else 1 when any unit has unsuppressed findings
        at or above the fail level, or a waiver has expired; else 0."""
        if self.errors:
            return 2
        expired = self.suppressions is not None and bool(self.suppressions.expired)
        return 1 if expired or any(self.failing(u) for u in self.units) else 0

    @property
    def failed_files(self) -> tuple[str, ...]:
        """The files that could not be audited, in the order they were given."""
        return tuple(dict.fromkeys(p.file for p in self.errors))


def collect_files(paths: Sequence[str | os.PathLike[str]],
                  exclude: Sequence[str] = ()) -> list[str]:
    """The process files under `paths` (see cxaudit.collect); refuse paths that do not exist."""
    return list(collect(paths, exclude).files)


def load_process(path: str, limits: Limits = DEFAULT_LIMITS, strict: bool = False) -> Process:
    """Load, validate and normalise one process file (`-`: standard input).

    With `strict`, an unknown classification value is an InputError instead of a warning.
    """
    doc = read_document(path, limits)
    validate(doc)
    proc = normalise(doc)
    from cxaudit.values import check_values

    check_values(proc)
    if strict and warnings_of(proc.notices):
        raise InputError([n.problem() for n in warnings_of(proc.notices)])
    return proc


def load_rules(options: Options) -> tuple[Rule, ...]:
    """The rules an audit runs with these options; none at all is an error, never a clean run."""
    loaded = load_packs(list(options.rule_dirs), builtin=options.builtin_rules)
    rules = loaded if options.config is None else configure(loaded, options.config)
    if not rules:
        raise UsageError([_no_rules(options, len(loaded))])
    return rules


def _no_rules(options: Options, loaded: int) -> Problem:
    """Say which setting left the audit without rules, at its line when it is in the config."""
    cfg = options.config if options.config is not None and options.config.file else None
    if loaded:  # the config's enable / disable selected none of them
        key = "disable" if cfg is not None and "disable" in cfg.data else "enable"
        where = cfg.problem((key,), "", "") if cfg is not None else Problem("(config)", 0, 0, "")
        return replace(where, message=f"no rules ran: `enable` and `disable` leave none of the "
                       f"{loaded} loaded rules", hint="enable at least one rule (ids or "
                       "patterns such as RESP-*), or remove the `disable` entry that "
                       "matches everything")
    dirs = options.rule_dirs
    what = ("no other rule pack is given" if not dirs else f"the rule pack {dirs[0]} holds no "
            "rules" if len(dirs) == 1 else f"the rule packs {', '.join(dirs)} hold no rules")
    if cfg is not None and cfg.data.get("builtin_rules") is False:
        return replace(cfg.problem(("builtin_rules",), "", ""),
                       message=f"no rules ran: `builtin_rules: false` turns the built-in rules "
                       f"off and {what}", hint="add a pack with `rules: [DIR]` (or --rules DIR), "
                       "or remove `builtin_rules: false`")
    return Problem("--no-builtin-rules", 0, 0, f"no rules ran: the built-in rules are off and "
                   f"{what}", "add a rule pack with --rules DIR, or drop --no-builtin-rules")


def audit_process(proc: Process, rules: Sequence[Rule], as_of: date | None = None,
                  legal_data: str | None = None,
                  severity: Mapping[str, Severity] | None = None) -> UnitReport:
    """Run the rules on one loaded unit (`severity`: configured overrides per rule id)."""
    by_id = {r.id: r for r in rules}
    results = rerate(run_rules(rules, proc, as_of, legal_data), severity or {})
    return UnitReport(proc.file, proc.name, proc, results, build_plan(results, by_id, proc.data),
                      score(results, by_id), category_scores(results, by_id), assess(results))


def audit(paths: Sequence[str | os.PathLike[str]], options: Options = Options()) -> AuditResult:
    """Audit every process file under `paths`, each as its own unit."""
    if options.fail_on not in FAIL_LEVELS:
        raise UsageError([Problem("--fail-on", 0, 0, f"unknown level {options.fail_on!r}",
                                  f"use one of {', '.join(FAIL_LEVELS)}")])
    collected = collect(paths, options.exclude)
    rules = load_rules(options)
    if options.legal_data is not None:
        from cxaudit import legal

        legal.load(options.legal_data)  # refuse a broken table once, before any unit
    severity = options.config.severity_overrides() if options.config is not None else {}
    problems: list[Problem] = []
    notices = [Notice(NOTE, "not-a-process-file", f, 0, 0,
                      "skipped: this YAML file does not declare `apiVersion: cxaudit/v1`",
                      "add the header to audit it, or --exclude it to silence this note")
               for f in collected.skipped]
    units = []
    # The audit builds many small, acyclic objects that live until the report is written;
    # cyclic garbage collection would only rescan them (it cost ~40 % of a corpus audit).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for f in collected.files:
            try:
                proc = load_process(f, options.limits, options.strict)
                units.append(audit_process(proc, rules, options.as_of, options.legal_data,
                                           severity))
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            notices.extend(proc.notices)
    finally:
        if was_enabled:
            gc.enable()
    cfg = options.config.file if options.config is not None and options.config.file else None
    result = AuditResult(__version__, options.fail_on, {r.id: r for r in rules}, tuple(units),
                         warnings=tuple(notices), errors=tuple(problems),
                         config_file=None if cfg is None else shown(cfg))
    return suppress(result, options)


def suppress(result: AuditResult, options: Options) -> AuditResult:
    """Mark the findings that waivers or the baseline cover: the one place this is decided."""
    if options.waivers is None and options.baseline is None:
        return result
    s = Suppressor.load(options.waivers, options.baseline, options.today or date.today(),
                        result.rules, options.as_of)
    units = []
    for unit in result.units:
        new = {}
        for f in unit.findings:
            mark = s.decide(unit.file, unit.name, f, unit.process)
            if mark is not None:
                new[f] = replace(f, suppression=mark)
        units.append(unit.marked(new))
    return replace(result, units=tuple(units),
                   suppressions=s.report(u.file for u in result.units))


def baseline_text(paths: Sequence[str | os.PathLike[str]], out_file: str,
                  options: Options = Options()) -> str:
    """The baseline file for today's findings under `paths` (no waivers or baseline applied)."""
    from cxaudit.baseline import dump

    result = audit(paths, replace(options, waivers=None, baseline=None))
    if result.errors:  # a baseline must not silently miss a unit
        raise InputError(list(result.errors))
    return dump(((u.process, u.findings) for u in result.units), out_file)


def sla_table(path: str, as_of: date | None = None, limits: Limits = DEFAULT_LIMITS,
              strict: bool = False) -> list[dict[str, object]]:
    """The SLA table of one process file (see `cxaudit sla`)."""
    return sla_rows_of(load_process(path, limits, strict), as_of)


def sla_rows_of(proc: Process, as_of: date | None = None) -> list[dict[str, object]]:
    """The SLA table of one loaded unit."""
    from cxaudit.engine import as_of_date
    from cxaudit.slatable import sla_rows

    start = as_of_date(proc, as_of)
    if start is None:
        line, col = proc.document.locate(("process",))
        raise InputError.at(proc.file, line, col, "no date to count the next twelve months "
                            "from", "set process.updated in the file or pass --as-of YYYY-MM-DD")
    return sla_rows(proc, start)


__all__ = ["AuditResult", "CxauditError", "Options", "UnitReport", "at_or_above", "audit",
           "audit_process", "baseline_text", "collect_files", "load_process", "load_rules",
           "sla_rows_of", "sla_table", "suppress"]
