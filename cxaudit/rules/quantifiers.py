"""Quantifiers: a condition judged on every item of a list.

`{path: channels, every: COND}`, `none: COND`, `some: COND`, and
`{path: channels, count: {where: COND, at_least: 1, at_most: 3}}`. Inside, paths are
relative to each item (`^.` reaches the item the list belongs to). An item whose fact is
missing leaves the answer open only when it could change it: `every` fails on any failing
item however many are unknown, and holds only when every item is known to hold.

A failing quantifier offers its sentence `{items}` (the items that broke it: failing ones
for `every`, matching ones for `none`, counted ones for `count`) and `{count}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cxaudit.document.loading import DocPath
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
    compile_condition,
    resolve_operand,
)

QUANTIFIERS = ("every", "none", "some", "count")


def items_of(value: Any, where: DocPath) -> list[tuple[Any, DocPath]]:
    """The items of a list (a `let` list keeps its items' own paths); a single value is one."""
    if isinstance(value, Selection):
        return list(value)
    if isinstance(value, list):
        return [(v, where + (i,)) for i, v in enumerate(value)]
    return [(value, where)]


def compile_quantifier(read: Reader, cond: Mapping[str, Any], params: Mapping[str, Any],
                       types: Mapping[str, str], label: str) -> Compiled:
    """`every`, `none`, `some` or `count` over the list `read` gives (`cond` without the keys
    that say what is read)."""
    keys = [k for k in cond if k != "default"]
    if len(keys) != 1:
        raise ConditionError(f"a quantifier over {label} stands alone with what it reads "
                             f"(and a default), found {keys}")
    key = keys[0]
    has_default, default = "default" in cond, cond.get("default")
    if key == "count":
        return _count(read, cond["count"], params, types, has_default, default)
    try:
        inner = compile_condition(cond[key], params, types)
    except ConditionError as exc:
        raise exc.within(key) from None

    def quantify(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        results = [((item, path), inner(scope.inner(item, path)))
                   for item, path in items_of(value, where)]
        return _judge(key, results, where)
    return quantify


def _judge(key: str, results: list[tuple[tuple[Any, DocPath], Eval]], where: DocPath) -> Eval:
    unknown = next((r for _, r in results if r.state == UNKNOWN), None)
    if key == "every":
        failing = [(item, r) for item, r in results if r.state == FALSE]
        if failing:
            first = failing[0][1]
            return Eval(FALSE, first.path, first.value, first.message, first.evidence,
                        {**(first.values or {}), "items": Selection(i for i, _ in failing),
                         "count": len(failing)}, first.severity)
        return unknown or Eval(TRUE, where, values={"count": len(results)})
    holding = [(item, r) for item, r in results if r.state == TRUE]
    if key == "none":
        if holding:
            first = holding[0][1]
            return Eval(FALSE, first.path, first.value, values={
                **(first.values or {}), "items": Selection(i for i, _ in holding),
                "count": len(holding)})
        return unknown or Eval(TRUE, where, values={"count": 0})
    if holding:  # some
        return Eval(TRUE, holding[0][1].path, values={"items": Selection(i for i, _ in holding),
                                                      "count": len(holding)})
    return unknown or Eval(FALSE, where, values={"items": Selection(), "count": 0})


def _count(read: Reader, spec: Any, params: Mapping[str, Any], types: Mapping[str, str],
           has_default: bool, default: Any) -> Compiled:
    if not isinstance(spec, dict) or not ({"at_least", "at_most"} & set(spec)) or \
            set(spec) - {"where", "at_least", "at_most"}:
        raise ConditionError("`count` needs `at_least` and/or `at_most` (and an optional "
                             "`where` condition the counted items meet)", ("count",))
    bounds = {}
    for k in ("at_least", "at_most"):
        if k in spec:
            n = resolve_operand(spec[k], params)
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ConditionError(f"count {k} is not a whole number (0 or more): {n!r}",
                                     ("count", k))
            bounds[k] = n
    try:
        where_fn = compile_condition(spec["where"], params, types) if "where" in spec else None
    except ConditionError as exc:
        raise exc.within("count", "where") from None
    low, high = bounds.get("at_least", 0), bounds.get("at_most")

    def fits(n: int) -> bool:
        return n >= low and (high is None or n <= high)

    def count(scope: Scope) -> Eval:
        value, where = read(scope)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, where)
            value = default
        counted: list[tuple[Any, DocPath]] = []
        unknown: Eval | None = None
        n_unknown = 0
        for item, path in items_of(value, where):
            r = where_fn(scope.inner(item, path)) if where_fn is not None else Eval(TRUE, path)
            if r.state == TRUE:
                counted.append((item, path))
            elif r.state == UNKNOWN:
                n_unknown += 1
                unknown = unknown or r
        values = {"items": Selection(counted), "count": len(counted)}
        sure, possible = len(counted), len(counted) + n_unknown
        if fits(sure) and fits(possible):
            return Eval(TRUE, where, values=values)
        if unknown is not None and any(fits(n) for n in range(sure, possible + 1)):
            return unknown
        return Eval(FALSE, where, value, values=values)
    return count
