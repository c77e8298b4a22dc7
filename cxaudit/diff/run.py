"""`cxaudit diff OLD NEW`: load both sides, compare the policy, the waits and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cxaudit import __version__
from cxaudit.diff.result import FAIL_LEVELS, DiffResult, Side
from cxaudit.document.loading import Limits
from cxaudit.errors import CxauditError, Problem, UsageError
from cxaudit.i18n import _
from cxaudit.model.classes import SEVERITY_RANK
from cxaudit.model.process import Process
from cxaudit.policy.config import Config


@dataclass(frozen=True)
class DiffOptions:
    """How to compare: the fail level for regressions, the as-of date, the rules to audit with."""

    fail_on_regression: str = "low"
    as_of: date | None = None
    rule_dirs: tuple[str, ...] = ()
    builtin_rules: bool = True
    legal_data: str | None = None
    limits: Limits = field(default_factory=Limits)
    config: Config | None = None  # rule settings from .cxaudit.yaml (enable, severity, params)
    strict: bool = False  # unknown classification values are errors, not warnings
    language: str = "en"  # of the rule texts in the findings introduced and resolved


def load_side(arg: str, limits: Limits | None = None, strict: bool = False) -> Process:
    """Read, validate and normalise one side (a file, `REV:path` or `-` for stdin)."""
    from cxaudit.clock.values import check_values
    from cxaudit.diff.sides import read_side
    from cxaudit.document.notices import warnings_of
    from cxaudit.errors import InputError
    from cxaudit.model.normalise import normalise
    from cxaudit.model.validate import validate

    doc = read_side(arg, limits or Limits())
    validate(doc)
    proc = normalise(doc)
    check_values(proc)
    if strict and warnings_of(proc.notices):
        raise InputError([n.problem() for n in warnings_of(proc.notices)])
    return proc


def _updated(proc: Process) -> date | None:
    value = proc.get(("process", "updated"))
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def diff(old_arg: str, new_arg: str, options: DiffOptions = DiffOptions()) -> DiffResult:
    """Compare two process descriptions; raises CxauditError on bad input (both sides at once)."""
    from cxaudit.api import Options, audit_process, load_rules
    from cxaudit.compare.flatten import choose_keys, flatten
    from cxaudit.compare.judge import Context, compare_fields
    from cxaudit.compare.renames import channel_renames, find_renames
    from cxaudit.compare.waitdiff import compare_waits, unit_hours
    from cxaudit.diff.findingdiff import compare_findings

    if options.fail_on_regression not in FAIL_LEVELS:
        raise UsageError([Problem("--fail-on-regression", 0, 0,
                                  _("unknown level {level!r}").format(
                                      level=options.fail_on_regression),
                                  _("use one of {names}").format(names=", ".join(FAIL_LEVELS)))])
    from cxaudit.diff.sides import helpdesk_pair

    pair = helpdesk_pair(old_arg, new_arg, options.limits)  # zendesk:PATH or freshdesk:PATH
    procs: list[Process] = list(pair) if pair else []
    errors: list[CxauditError] = []
    for arg in () if pair else (old_arg, new_arg):
        try:
            procs.append(load_side(arg, options.limits, options.strict))
        except CxauditError as exc:  # a bad file or a bad revision: report both sides at once
            errors.append(exc)
    if errors:
        raise type(errors[0])([p for exc in errors for p in exc.problems])
    old, new = procs
    as_of = options.as_of or _updated(new) or _updated(old)
    keys = choose_keys([old.data, new.data])
    old_items, new_items = flatten(old, keys), flatten(new, keys)
    renames = find_renames(old_items, new_items)
    changes = compare_fields(old_items, new_items, Context(old, new, as_of, unit_hours), renames)
    renamed_channels = channel_renames(renames, old_items, new_items, old, new)
    waits = compare_waits(old, new, as_of, renamed_channels)
    rules = load_rules(Options(rule_dirs=options.rule_dirs, builtin_rules=options.builtin_rules,
                               language=options.language,
                               config=options.config))
    if options.legal_data is not None:
        from cxaudit.legal import tables as legal

        legal.load(options.legal_data)
    units = [audit_process(p, rules, as_of, options.legal_data) for p in (old, new)]
    introduced, resolved = compare_findings(units[0], units[1], renames, as_of, renamed_channels)
    order = {"regression": 0, "improvement": 1, "neutral": 2}
    changes.sort(key=lambda c: (order[c.verdict], -SEVERITY_RANK.get(c.severity, 0), c.key,
                                c.note))
    return DiffResult(__version__, Side(old_arg, old.name), Side(new_arg, new.name), as_of,
                      options.fail_on_regression, tuple(changes), tuple(waits), introduced,
                      resolved, old.notices + new.notices)


__all__ = ["DiffOptions", "diff", "load_side"]
