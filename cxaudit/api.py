"""The public entry points: audit process files and get a result model back."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from cxaudit import __version__
from cxaudit.document.collect import collect, read_document
from cxaudit.document.loading import Limits
from cxaudit.document.notices import NOTE, Notice, warnings_of
from cxaudit.engine.maturity import assess
from cxaudit.engine.plan import (
    build_plan,
    category_scores,
    score,
)
from cxaudit.engine.run import run_rules
from cxaudit.engine.workers import Progress, effective_jobs, ordered
from cxaudit.errors import CxauditError, InputError, Problem, UsageError
from cxaudit.i18n import _
from cxaudit.model.classes import FAIL_LEVELS
from cxaudit.model.findings import Mark, Severity, at_or_above
from cxaudit.model.normalise import normalise
from cxaudit.model.process import Process
from cxaudit.model.validate import validate
from cxaudit.policy.config import Config, shown
from cxaudit.policy.settings import configure
from cxaudit.result import AuditResult, UnitReport
from cxaudit.rules.packs import Rule, load_packs

if TYPE_CHECKING:  # waivers and baselines are read only by runs that use them
    from cxaudit.policy.suppression import Suppressor, Used

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
    language: str = "en"  # the language of rule texts and reports (en, uk, ru)


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
    from cxaudit.clock.values import check_values

    check_values(proc)
    if strict and warnings_of(proc.notices):
        raise InputError([n.problem() for n in warnings_of(proc.notices)])
    return proc


def load_rules(options: Options) -> tuple[Rule, ...]:
    """The rules an audit runs with these options; none at all is an error, never a clean run."""
    loaded = load_packs(list(options.rule_dirs), builtin=options.builtin_rules,
                        language=options.language)
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
        return replace(where, message=_("no rules ran: `enable` and `disable` leave none of the "
                                        "{n} loaded rules").format(n=loaded),
                       hint=_("enable at least one rule (ids or patterns such as RESP-*), or "
                              "remove the `disable` entry that matches everything"))
    dirs = options.rule_dirs
    what = (_("no other rule pack is given") if not dirs else
            _("the rule pack {pack} holds no rules").format(pack=dirs[0]) if len(dirs) == 1
            else _("the rule packs {packs} hold no rules").format(packs=", ".join(dirs)))
    if cfg is not None and cfg.data.get("builtin_rules") is False:
        return replace(cfg.problem(("builtin_rules",), "", ""),
                       message=_("no rules ran: `builtin_rules: false` turns the built-in rules "
                                 "off and {what}").format(what=what),
                       hint=_("add a pack with `rules: [DIR]` (or --rules DIR), or remove "
                              "`builtin_rules: false`"))
    return Problem("--no-builtin-rules", 0, 0, _("no rules ran: the built-in rules are off and "
                                                 "{what}").format(what=what),
                   _("add a rule pack with --rules DIR, or drop --no-builtin-rules"))


def audit_process(proc: Process, rules: Sequence[Rule], as_of: date | None = None,
                  legal_data: str | None = None,
                  severity: Mapping[str, Severity] | None = None,
                  mark: Mark | None = None) -> UnitReport:
    """Run the rules on one loaded unit.

    `severity` (configured severities per rule id) is for callers that did not configure the
    rules themselves; rules loaded with `load_rules` carry their configured severity already.
    `mark` decides each finding's waiver or baseline mark as the finding is made.
    """
    if severity:
        rules = [replace(r, severity=severity[r.id], configured_severity=severity[r.id])
                 if r.id in severity else r for r in rules]
    by_id = {r.id: r for r in rules}
    results = run_rules(rules, proc, as_of, legal_data, mark)
    return UnitReport.of(proc, results, build_plan(results, by_id, proc.data),
                         score(results, by_id), category_scores(results, by_id), assess(results))


def audit(paths: Sequence[str | os.PathLike[str]], options: Options = Options(),
          jobs: int | None = 1, progress: Progress | None = None,
          keep_documents: bool = True) -> AuditResult:
    """Audit every process file under `paths`, each as its own unit.

    Waivers and the baseline are applied in one pass: each finding is marked as it is made,
    before the plan is built, so the plan and the results hold the same findings. Without
    `keep_documents`, units stream: each is audited and only its report is kept
    (`UnitReport.process` is None; no renderer reads it), so memory does not grow with the
    documents, and `jobs` worker processes share the files (None: one per core when there
    are many files), the result the same as with one, in the same order. `progress(done,
    total)` is called after each file.
    """
    if options.fail_on not in FAIL_LEVELS:
        raise UsageError([Problem("--fail-on", 0, 0, _("unknown level {level!r}").format(
            level=options.fail_on), _("use one of {names}").format(names=", ".join(FAIL_LEVELS)))])
    collected = collect(paths, options.exclude)
    rules = load_rules(options)
    if options.legal_data is not None:
        from cxaudit.legal import tables as legal

        legal.load(options.legal_data)  # refuse a broken table once, before any unit
    suppressor = suppressor_for(options, [r.id for r in rules])
    problems: list[Problem] = []
    notices = [Notice(NOTE, "not-a-process-file", f, 0, 0,
                      "skipped: this YAML file does not declare `apiVersion: cxaudit/v1`",
                      "add the header to audit it, or --exclude it to silence this note")
               for f in collected.skipped]
    units = []
    files = list(collected.files)
    # The audit makes no cyclic garbage (each unit is freed by reference counting once its
    # report is made), so the cyclic collector, which would only rescan the growing result,
    # is off while it runs.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        workers = 1 if keep_documents else effective_jobs(jobs, files)
        _RUN[:] = [_Run(options, rules, suppressor, workers > 1, keep_documents)]
        for unit, bad, said, used in ordered(_audit_file, files, workers,
                                             {r.id: r for r in rules}, _prepare, options,
                                             progress):
            problems.extend(bad)
            notices.extend(said)
            if unit is not None:
                units.append(unit)
            if used is not None and suppressor is not None:
                suppressor.add(used)
    finally:
        _RUN.clear()
        if was_enabled:
            gc.enable()
    cfg = options.config.file if options.config is not None and options.config.file else None
    return AuditResult(__version__, options.fail_on, {r.id: r for r in rules}, tuple(units),
                       None if suppressor is None else suppressor.report(u.file for u in units),
                       warnings=tuple(notices), errors=tuple(problems),
                       config_file=None if cfg is None else shown(cfg),
                       language=options.language, as_of=options.as_of)


@dataclass(frozen=True)
class _Run:
    """What auditing one file of a run needs (in a worker: its own copy)."""

    options: Options
    rules: tuple[Rule, ...]
    suppressor: Suppressor | None
    in_worker: bool  # send what the suppressor used back with each unit
    keep_documents: bool = False


_RUN: list[_Run] = []  # the run under way in this process


def _prepare(options: Options) -> None:
    """A worker's set-up: a forked worker has the parent's run; a spawned one loads it, and
    speaks the run's language (a spawned process starts in English)."""
    from cxaudit.i18n import adopt

    adopt(options.language)
    if _RUN and _RUN[0].options == options:
        return
    rules = load_rules(options)
    if options.legal_data is not None:
        from cxaudit.legal import tables as legal

        legal.load(options.legal_data)
    _RUN[:] = [_Run(options, rules, suppressor_for(options, [r.id for r in rules]), True)]


def _audit_file(f: str) -> tuple[UnitReport | None, Sequence[Problem], Sequence[Notice],
                                 Used | None]:
    """One file of the run: its report (without its document, unless the run keeps them) or
    its problems, its notices, and what it used of the waivers and baseline (in a worker)."""
    run = _RUN[0]
    options, suppressor = run.options, run.suppressor
    try:
        proc = load_process(f, options.limits, options.strict)
        unit = audit_process(proc, run.rules, options.as_of, options.legal_data,
                             mark=None if suppressor is None else suppressor.marker(proc))
    except InputError as exc:
        return None, exc.problems, (), None
    used = suppressor.take() if run.in_worker and suppressor is not None else None
    return (unit if run.keep_documents else replace(unit, process=None)), (), proc.notices, used


def suppressor_for(options: Options, rule_ids: Sequence[str]) -> Suppressor | None:
    """The run's waivers and baseline, read once (None when neither is used)."""
    if options.waivers is None and options.baseline is None:
        return None
    from cxaudit.policy.suppression import Suppressor

    return Suppressor.load(options.waivers, options.baseline, options.today or date.today(),
                           rule_ids, options.as_of)


def baseline_text(paths: Sequence[str | os.PathLike[str]], out_file: str,
                  options: Options = Options()) -> str:
    """The baseline file for today's findings under `paths` (no waivers or baseline applied)."""
    from cxaudit.policy.baseline import dump

    result = audit(paths, replace(options, waivers=None, baseline=None))
    if result.errors:  # a baseline must not silently miss a unit
        raise InputError(list(result.errors))
    return dump(((u.document, u.findings) for u in result.units), out_file)


def sla_table(path: str, as_of: date | None = None, limits: Limits = DEFAULT_LIMITS,
              strict: bool = False) -> list[dict[str, object]]:
    """The SLA table of one process file (see `cxaudit sla`)."""
    return sla_rows_of(load_process(path, limits, strict), as_of)


def sla_rows_of(proc: Process, as_of: date | None = None) -> list[dict[str, object]]:
    """The SLA table of one loaded unit."""
    from cxaudit.clock.slatable import sla_rows
    from cxaudit.model.process import as_of_date

    start = as_of_date(proc, as_of)
    if start is None:
        line, col = proc.document.locate(("process",))
        raise InputError.at(proc.file, line, col, _("no date to count the next twelve months "
                                                    "from"),
                            _("set process.updated in the file or pass --as-of YYYY-MM-DD"))
    return sla_rows(proc, start)


__all__ = ["AuditResult", "CxauditError", "Options", "UnitReport", "at_or_above", "audit",
           "audit_process", "baseline_text", "collect_files", "load_process", "load_rules",
           "sla_rows_of", "sla_table", "suppressor_for"]
