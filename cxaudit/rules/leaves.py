"""Leaf conditions: one value (at a path, or a derived fact), one operator.

`{path: window, at_least: 30d}`, `{path: last_reviewed, not_older_than: 12mo}`,
`{fact: worst_case, metric: first_response, priority: normal, at_most: 24h}`, and the
quantifiers over a list (`every`, `none`, `some`, `count`), compiled in `quantifiers`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date
from typing import Any

from cxaudit.i18n import ENGLISH, current, formats
from cxaudit.model.process import MISSING
from cxaudit.rules.conditions import (
    FALSE,
    TRUE,
    UNKNOWN,
    Compiled,
    ConditionError,
    Eval,
    Reader,
    Scope,
    Selection,
    reader,
    resolve_operand,
)
from cxaudit.rules.operators import (
    AGE_OPS,
    COMPARE_OPS,
    LIST_OPS,
    OPERATORS,
    RUNTIME_OPS,
    WORD_OPS,
    Hours,
    Op,
    both_cadences,
    check_operand,
    mentions,
    only_cadence,
    operator,
)

# The placeholder names the sentences of the rule being compiled use (None: any name), so that
# a fact leaf hands its value on to the sentences only where one of them names it.
SAID: ContextVar[frozenset[str] | None] = ContextVar("SAID", default=None)
AS_OF_EVIDENCE = ("State when the description was last updated (`process.updated`) or pass "
                  "--as-of, so the age of dated facts can be judged.")
_MODIFIERS = frozenset({"default", "word_start"})
_DATE = re.compile(r"^\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\s*$")


def compile_leaf(cond: Mapping[str, Any], params: Mapping[str, Any],
                 types: Mapping[str, str]) -> Compiled:
    """A leaf, a fact leaf or a quantifier (the mapping has no all / any / not)."""
    from cxaudit.rules.quantifiers import QUANTIFIERS, compile_quantifier

    if "fact" in cond:
        from cxaudit.rules.factleaves import fact_reader

        read, used = fact_reader(cond, params)
        label = f"fact {cond['fact']!r}"
        if any(q in cond for q in QUANTIFIERS):
            return compile_quantifier(read, {k: v for k, v in cond.items() if k not in used},
                                      params, types, label)
    elif "path" in cond:
        read, used, label = reader(cond["path"]), {"path"}, repr(cond["path"])
        if any(q in cond for q in QUANTIFIERS):
            return compile_quantifier(read, {k: v for k, v in cond.items() if k != "path"},
                                      params, types, label)
    else:
        raise ConditionError("a condition needs `path` or `fact` (or all / any / not)")
    ops = [k for k in cond if k not in used and k not in _MODIFIERS]
    if len(ops) != 1 or ops[0] not in OPERATORS:
        unknown = [k for k in ops if k not in OPERATORS]
        if unknown:
            raise ConditionError(f"unknown operator {unknown[0]!r}", (unknown[0],),
                                 hint=f"operators: {', '.join(sorted(OPERATORS))}")
        raise ConditionError(f"condition on {label} needs exactly one operator, "
                             f"found {ops or 'none'}")
    if "word_start" in cond and ops[0] not in WORD_OPS:
        raise ConditionError("`word_start` goes with mentions_any or mentions_none")
    leaf = apply(read, ops[0], cond, params, types, label)
    if "fact" not in cond:
        return leaf
    name = str(cond["fact"])
    said = SAID.get()
    if said is not None and name not in said:
        return leaf  # no sentence of the rule names the fact: nothing to hand on

    def named(scope: Scope) -> Eval:  # the sentences may name the fact: `{critical_failures}`
        r = leaf(scope)
        if r.state == UNKNOWN or r.value is None:
            return r
        return r._replace(values={name: r.value, **r.values} if r.values else {name: r.value})
    return named


def apply(read: Reader, key: str, cond: Mapping[str, Any], params: Mapping[str, Any],
          types: Mapping[str, str], label: str) -> Compiled:
    """The closure applying operator `key` of `cond` to what `read` gives."""
    ref = cond[key]
    if isinstance(ref, dict) and set(ref) == {"path"}:
        if key not in COMPARE_OPS and key not in RUNTIME_OPS:
            raise ConditionError(f"`{key}` takes a value or a param, not another path; "
                                 f"these take a path: {', '.join(sorted(COMPARE_OPS | RUNTIME_OPS))}",
                                 (key,))
        try:
            other = reader(ref["path"])
        except ConditionError as exc:
            raise exc.within(key) from None
        return _against(read, key, other, cond)
    try:
        operand = resolve_operand(ref, params)
    except ConditionError as exc:
        raise exc.within(key) from None
    try:
        check_operand(key, operand)
    except ConditionError as exc:
        source = f"param {ref['param']!r} ({operand!r})" if isinstance(ref, dict) and \
            set(ref) == {"param"} else repr(operand)
        raise ConditionError(f"{key} on {label}: {source} {exc}", (key,)) from None
    has_default, default = "default" in cond, cond.get("default")
    if key == "exists":
        return _exists(read, bool(operand))
    if key in ("fail", "ask", "stated"):
        return _special(read, key, bool(operand))
    if key in AGE_OPS:
        return _age(read, key, operand, has_default, default)
    if key in WORD_OPS:
        return _words(read, key, operand, bool(cond.get("word_start")), has_default, default)
    param_type = types.get(ref["param"]) if isinstance(ref, dict) and "param" in ref else None
    cadence = key in COMPARE_OPS and (param_type == "cadence" or (
        param_type is None and only_cadence(operand)))
    try:
        fn = operator(key, operand, cadence)
    except ConditionError as exc:
        raise exc.within(key) from None

    def leaf(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        return Eval(TRUE if fn(value, operand) else FALSE, where, value,
                    values=value.words if isinstance(value, Hours) else None)
    return leaf


def _against(read: Reader, key: str, other: Reader, cond: Mapping[str, Any]) -> Compiled:
    """A comparison with the value at another path (two cadences compare on the calendar)."""
    has_default, default = "default" in cond, cond.get("default")
    by_number = operator(key, None) if key in COMPARE_OPS else None
    by_calendar = operator(key, None, cadence=True) if key in COMPARE_OPS else None

    def against(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        limit, limit_at = other(scope)
        if limit is MISSING or limit is None:
            return Eval(UNKNOWN, limit_at)
        fn: Op | None
        if key in COMPARE_OPS:
            fn = by_calendar if both_cadences(value, limit) else by_number
        else:
            limit = list(limit.values) if isinstance(limit, Selection) else limit
            if key in LIST_OPS and not isinstance(limit, list):
                limit = [limit]
            fn = operator(key, limit)
        assert fn is not None
        return Eval(TRUE if fn(value, limit) else FALSE, where, value)
    return against


def _exists(read: Reader, want: bool) -> Compiled:
    def exists(scope: Scope) -> Eval:
        value, where = read(scope)
        present = value is not MISSING and value is not None
        return Eval(TRUE if present == want else FALSE, where, value)
    return exists


def _blank(value: Any) -> bool:
    return value is MISSING or value is None or (isinstance(value, str) and not value.strip()) \
        or (isinstance(value, (list, tuple, dict)) and not value)


def _special(read: Reader, key: str, want: bool) -> Compiled:
    def special(scope: Scope) -> Eval:
        value, where = read(scope)
        shown = None if value is MISSING else value
        if key == "fail":
            return Eval(FALSE, where, shown)
        if key == "ask":
            return Eval(UNKNOWN, where, shown)
        if not want:  # `stated: false`: a test for a blank, never unknown
            return Eval(TRUE if _blank(value) else FALSE, where, shown)
        return Eval(UNKNOWN if _blank(value) else TRUE, where, shown)
    return special


def _words(read: Reader, key: str, operand: list[str], word_start: bool, has_default: bool,
           default: Any) -> Compiled:
    found_in = mentions([str(w) for w in operand], word_start)
    want = key == "mentions_any"

    def words(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        found = found_in(value)
        return Eval(TRUE if bool(found) == want else FALSE, where, value, values={"found": found})
    return words


def age_of(value: Any, as_of: date) -> tuple[float, bool] | None:
    """(age, in_months) of a date (days) or of a year or year-month (whole months, a bare year
    counted from its January) on the as-of date; None when `value` is not a date."""
    if isinstance(value, date):
        return float((as_of - value).days), False
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    m = _DATE.match(str(value))
    if m is None:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if day is not None:
        try:
            return float((as_of - date(year, month, int(day))).days), False
        except ValueError:
            return None
    if not month:
        return float((as_of.year - year) * 12), True
    return float((as_of.year - year) * 12 + as_of.month - month), True


def months_words(days: float) -> str:
    """`20 months`, `1 month`, or `3 weeks` for short spans (`20 місяців` in Ukrainian)."""
    if current() != ENGLISH:
        return formats.quantity(max(1, round(days / 7)), "w") if days < 45 else \
            formats.quantity(round(days / 30.4375), "mo")
    if days < 45:
        weeks = max(1, round(days / 7))
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    n = round(days / 30.4375)
    return f"{n} month{'s' if n != 1 else ''}"


def _limit_days(operand: str) -> float:
    from cxaudit.model.durations import DurationError, parse_cadence, quantity

    try:
        return parse_cadence(operand).days
    except DurationError:
        return (quantity(operand) or 0.0) / 24


def _age(read: Reader, key: str, operand: str, has_default: bool, default: Any) -> Compiled:
    limit = _limit_days(operand)
    older = key == "older_than"

    def age(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        as_of = scope.facts.as_of if scope.facts is not None else None
        if as_of is None:
            return Eval(UNKNOWN, ("process", "updated"), evidence=AS_OF_EVIDENCE)
        found = age_of(value, as_of)
        if found is None:
            return Eval(UNKNOWN, where, value)
        n, in_months = found
        too_old = n > limit * 12 / 365.25 + 1e-9 if in_months else n > limit
        years = int(n // 12) if in_months else int(n // 365.25)
        english = current() == ENGLISH
        words = (months_words(n) if not in_months else f"{int(n)} month{'s' if n != 1 else ''}"
                 if english else formats.quantity(int(n), "mo"))
        return Eval(TRUE if too_old == older else FALSE, where, value,
                    values={"age": words, "age_years": years,
                            "as_of": as_of.isoformat() if english else formats.date(as_of)})
    return age
