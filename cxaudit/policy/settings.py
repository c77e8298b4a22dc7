"""Rule settings from the configuration: which rules run, their severity and their parameters.

The settings produce adjusted copies of the loaded rules (the engine and the built-in rules
stay untouched, so rule examples always run with the defaults written in the rule files).
Every rule id and parameter is checked against the loaded rules and reported at its line in
the configuration with a did-you-mean.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fnmatch import fnmatchcase
from typing import Any

from cxaudit.document.loading import DocPath, format_path
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import _
from cxaudit.model.durations import DurationError, parse_cadence, parse_duration
from cxaudit.policy.config import Config
from cxaudit.rules.packs import Rule

_PARAM_TYPES: dict[str, Callable[[Any], bool]] = {
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
}


def configure(rules: Sequence[Rule], cfg: Config) -> tuple[Rule, ...]:
    """The rules as configured: selected, severities replaced, params merged (all checked)."""
    if not cfg.data:
        return tuple(rules)
    by_id = {r.id: r for r in rules}
    problems: list[Problem] = []
    selected = set(by_id)
    if "enable" in cfg.data:
        selected = set()
        for i, pattern in enumerate(cfg.data["enable"]):
            selected |= _matching(cfg, ("enable", i), pattern, by_id, problems)
    for i, pattern in enumerate(cfg.data.get("disable", ())):
        selected -= _matching(cfg, ("disable", i), pattern, by_id, problems)
    out = dict(by_id)
    for rule_id, overrides in (cfg.data.get("params") or {}).items():
        rule = _known(cfg, ("params", rule_id), rule_id, by_id, problems)
        if rule is not None and _params_ok(cfg, rule, rule_id, overrides, problems):
            out[rule.id] = rule.with_params(overrides)
    for rule_id, sev in cfg.severity_overrides().items():
        key = next(k for k in cfg.data["severity"] if k.upper() == rule_id)
        rule = _known(cfg, ("severity", key), key, by_id, problems)
        if rule is not None:
            out[rule.id] = replace(out[rule.id], severity=sev, configured_severity=sev)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    return tuple(out[i] for i in sorted(selected))


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = suggest(word, known)
    return _("did you mean {close}?").format(close=close) if close else ""


def suggest(word: str, known: Sequence[str]) -> str | None:
    """The closest known name; rule ids with the same prefix and number come first
    (RESP-01 and RESP-0001 mean RESP-001, not RESP-010)."""
    m = re.fullmatch(r"([A-Za-z]+)-?0*(\d+)", word)
    if m:
        for k in known:
            n = re.fullmatch(r"([A-Za-z]+)-0*(\d+)", k)
            if n and n.group(1).upper() == m.group(1).upper() and n.group(2) == m.group(2):
                return k
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _known(cfg: Config, where: DocPath, rule_id: str, by_id: Mapping[str, Rule],
           problems: list[Problem]) -> Rule | None:
    rule = by_id.get(rule_id.upper())
    if rule is None:
        hint = _did_you_mean(rule_id.upper(), sorted(by_id)) or \
            _("`cxaudit rules list` shows every rule id (custom packs: add --rules DIR)")
        problems.append(cfg.problem(where, _("{where}: unknown rule id {id!r}").format(
            where=format_path(where[:1]), id=rule_id), hint))
    return rule


def _matching(cfg: Config, where: DocPath, pattern: str, by_id: Mapping[str, Rule],
              problems: list[Problem]) -> set[str]:
    if not any(ch in pattern for ch in "*?["):
        rule = _known(cfg, where, pattern, by_id, problems)
        return {rule.id} if rule else set()
    found = {i for i in by_id if fnmatchcase(i, pattern.upper())}
    if not found:
        problems.append(cfg.problem(where, _("{where}: pattern {pattern!r} matches no "
                                             "rule").format(where=where[0], pattern=pattern),
                                    _("`cxaudit rules list` shows every rule id")))
    return found


def _params_ok(cfg: Config, rule: Rule, key: str, overrides: Mapping[str, Any],
               problems: list[Problem]) -> bool:
    before = len(problems)
    for name, value in overrides.items():
        where = ("params", key, name)
        kind = rule.param_types.get(name)
        if kind is None:
            known = sorted(rule.params)
            hint = _did_you_mean(name, known) or (
                _("{rule} has the parameters {names}").format(rule=rule.id,
                                                              names=", ".join(known))
                if known else _("{rule} has no parameters").format(rule=rule.id))
            problems.append(cfg.problem(where, _("params.{key}: rule {rule} has no parameter "
                                                 "{name!r}").format(key=key, rule=rule.id,
                                                                    name=name), hint))
            continue
        error = _param_error(kind, value)
        if error is not None:
            problems.append(cfg.problem(where, _("params.{key}.{name}: {value!r} is not a valid "
                                                 "{kind}").format(key=key, name=name,
                                                                  value=value, kind=kind),
                                        error))
    return len(problems) == before


def _param_error(kind: str, value: Any) -> str | None:
    """None when `value` has the parameter type `kind`, else a hint."""
    if kind in ("duration", "cadence"):
        parse = parse_duration if kind == "duration" else parse_cadence
        if not isinstance(value, str):
            return _("write a {kind} as text, for example 8h, 2bd or 30d").format(kind=kind)
        try:
            parse(value)
        except DurationError as exc:
            return exc.hint
        return None
    check = _PARAM_TYPES.get(kind)
    if check is None or check(value):
        return None
    return _("give a {kind} value (`cxaudit rules show` lists each parameter's default)").format(
        kind=kind)
