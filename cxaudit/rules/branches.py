"""Checks that can find several things at once: `each`, `for_each`, `if`, and `let` lists.

A rule's `check` is a condition (one finding at most per selected item) or one of:

- `each: [check, ...]`: every branch is judged on its own; each failing branch is a
  finding, each missing fact a question, so one bad answer never hides another;
- `for_each: SELECTOR` with `check:` (and `where:`): the check on every item the selector
  finds below the current item (`journey.maps[*]`, `@policies`, `%support`); a missing list
  is asked for, unless `default: []` says it means none. Sentences name the item as
  `{each}` (`{each.name}`) and its position in its list as `{number}` (1 for the first);
- `if: condition`, `then: check`, `else: check`: a guard; when the guard's fact is missing it
  is asked for and neither branch runs (give the guard a `default` to decide otherwise); the
  sentences of both branches may name what the guard found (`{items}`, `{found}`, `{age}`).

`let: {name: {select: SELECTOR, where: condition}}` names a list once per selected item:
conditions read it as `%name` and sentences as `{name}` (`{name.id:and}`). `max_by: PATH` or
`min_by: PATH` keeps the one item with the largest or smallest value there, or of a fact
(`min_by: {fact: rank}`; durations and numbers by size, other values as text; ties: the
first), `first: true` the first item.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cxaudit.document.loading import DocPath
from cxaudit.model.durations import quantity
from cxaudit.model.process import MISSING
from cxaudit.rules.conditions import (
    TRUE,
    UNKNOWN,
    Compiled,
    ConditionError,
    Eval,
    Scope,
    Selection,
    compile_condition,
    reader,
    select,
)

Check = Callable[[Scope], list[Eval]]  # what is wrong or missing, in order (empty: all holds)
_CHECK_KEYS = ("each", "for_each", "if")


def select_in(scope: Scope, selector: Any) -> tuple[list[tuple[Any, DocPath]], DocPath | None]:
    """The items `selector` finds from `scope` (relative, `$.` absolute, `@`, `%`, or a fact
    reader that gives a list), and the missing prefix when the list is not described."""
    if callable(selector):
        value, where = selector(scope)
        if value is MISSING:
            return [], where
        return list(value) if isinstance(value, Selection) else [(value, where)], None
    if selector.startswith(("@", "%")):
        value, where = reader(selector)(scope)
        if value is MISSING:
            return [], where
        return list(value) if isinstance(value, Selection) else [(value, where)], None
    if selector.startswith("$"):
        return select(scope.root, selector[1:].lstrip("."))
    items, missing = select(scope.item, selector)
    return ([(v, scope.path + p) for v, p in items],
            None if missing is None else scope.path + missing)


def compile_check(node: Any, params: Mapping[str, Any], types: Mapping[str, str]) -> Check:
    """Compile a rule's `check` (a condition, or each / for_each / if) into a closure."""
    if isinstance(node, dict) and any(k in node for k in _CHECK_KEYS):
        if "each" in node:
            return _each(node, params, types)
        if "for_each" in node:
            return _for_each(node, params, types)
        return _if(node, params, types)
    cond = compile_condition(node, params, types)

    def one(scope: Scope) -> list[Eval]:
        r = cond(scope)
        return [] if r.state == TRUE else [r]
    return one


def _each(node: Mapping[str, Any], params: Mapping[str, Any],
          types: Mapping[str, str]) -> Check:
    if set(node) != {"each"} or not isinstance(node["each"], list) or not node["each"]:
        raise ConditionError("`each` stands alone with a list of checks", ("each",))
    parts = []
    for i, part in enumerate(node["each"]):
        try:
            parts.append(compile_check(part, params, types))
        except ConditionError as exc:
            raise exc.within("each", i) from None

    def each(scope: Scope) -> list[Eval]:
        out: list[Eval] = []
        for part in parts:
            out += part(scope)
        return out
    return each


def _sub(node: Mapping[str, Any], key: str, params: Mapping[str, Any],
         types: Mapping[str, str]) -> Any:
    try:
        if key in ("where", "if"):
            return compile_condition(node[key], params, types)
        return compile_check(node[key], params, types)
    except ConditionError as exc:
        raise exc.within(key) from None


def _for_each(node: Mapping[str, Any], params: Mapping[str, Any],
              types: Mapping[str, str]) -> Check:
    extra = set(node) - {"for_each", "where", "check", "default"}
    spec = node["for_each"]
    if extra or "check" not in node or not (isinstance(spec, str) or (
            isinstance(spec, dict) and "fact" in spec)):
        raise ConditionError("`for_each: SELECTOR` (or a fact that is a list, such as "
                             "{fact: by_priority}) goes with `check:` (and optionally `where:` "
                             "and `default: []`)", ("for_each",))
    selector: Any = spec
    if isinstance(spec, dict):
        from cxaudit.rules.factleaves import fact_reader

        try:
            selector, used = fact_reader(spec, params)
        except ConditionError as exc:
            raise exc.within("for_each") from None
        if set(spec) - used:
            raise ConditionError("a fact to iterate over takes only its arguments",
                                 ("for_each",))
    if "default" in node and node["default"] != []:
        raise ConditionError("a for_each `default` can only be [] (a missing list is none)",
                             ("default",))
    where: Compiled | None = _sub(node, "where", params, types) if "where" in node else None
    check: Check = _sub(node, "check", params, types)
    skip_missing = "default" in node

    def for_each(scope: Scope) -> list[Eval]:
        items, missing = select_in(scope, selector)
        if missing is not None:
            return [] if skip_missing else [Eval(UNKNOWN, missing)]
        out: list[Eval] = []
        for item, path in items:
            inner = scope.inner(item, path)
            if where is not None:
                w = where(inner)
                if w.state == UNKNOWN:
                    out.append(w)
                if w.state != TRUE:
                    continue
            found = check(inner)
            if found:
                number = path[-1] + 1 if path and isinstance(path[-1], int) else 1
                named = {"each": Selection(((item, path),)), "number": number}
                out += [r._replace(values={**named, **r.values} if r.values else named)
                        for r in found]
        return out
    return for_each


def _if(node: Mapping[str, Any], params: Mapping[str, Any], types: Mapping[str, str]) -> Check:
    extra = set(node) - {"if", "then", "else"}
    if extra or not ({"then", "else"} & set(node)):
        raise ConditionError("`if: condition` goes with `then:` and/or `else:` checks", ("if",))
    guard: Compiled = _sub(node, "if", params, types)
    then: Check | None = _sub(node, "then", params, types) if "then" in node else None
    other: Check | None = _sub(node, "else", params, types) if "else" in node else None

    def if_(scope: Scope) -> list[Eval]:
        g = guard(scope)
        if g.state == UNKNOWN:
            return [g]
        branch = then if g.state == TRUE else other
        if branch is None:
            return []
        found = branch(scope)
        if not found or not g.values:
            return found
        # the guard's values ({items}, {age}) serve its branches' sentences too
        return [r._replace(values={**g.values, **r.values} if r.values else g.values)
                for r in found]
    return if_


def compile_lets(spec: Any, params: Mapping[str, Any],
                 types: Mapping[str, str]) -> dict[str, Callable[[Scope], Selection]]:
    """The rule's `let` lists, each a function of the selected item's scope."""
    if not isinstance(spec, dict):
        raise ConditionError("`let` maps names to {select: ..., where: ...}")
    out: dict[str, Callable[[Scope], Selection]] = {}
    for name, body in spec.items():
        if not isinstance(body, dict) or "select" not in body or \
                set(body) - {"select", "where", "max_by", "min_by", "first"} or \
                len({"max_by", "min_by", "first"} & set(body)) > 1:
            raise ConditionError(f"`let` {name}: give `select:` (and optionally `where:`, and "
                                 "one of `max_by`, `min_by` or `first`)", (name,))
        try:
            where = compile_condition(body["where"], params, types) if "where" in body else None
        except ConditionError as exc:
            raise exc.within(name, "where") from None
        pick = next(((k, body[k]) for k in ("max_by", "min_by", "first") if k in body), None)
        if pick is not None and pick[0] != "first":
            pick = (pick[0], _by(pick[1], params))
        out[name] = _let(str(body["select"]), where, pick)
    return out


def _by(spec: Any, params: Mapping[str, Any]) -> Any:
    """What max_by / min_by compare: a path, or a fact (`{fact: rank}`)."""
    if isinstance(spec, dict) and "fact" in spec:
        from cxaudit.rules.factleaves import fact_reader

        return fact_reader(spec, params)[0]
    return reader(spec)


def _let(selector: str, where: Compiled | None,
         pick: tuple[str, Any] | None) -> Callable[[Scope], Selection]:
    def compute(scope: Scope) -> Selection:
        items, _ = select_in(scope, selector)
        if where is not None:
            items = [(v, p) for v, p in items if where(scope.inner(v, p)).state == TRUE]
        if pick is None or not items:
            return Selection(items)
        if pick[0] == "first":
            return Selection(items[:1])
        read = pick[1]
        values = [read(scope.inner(v, p))[0] for v, p in items]
        numbers = [quantity(x) for x in values]
        keys: list[Any] = numbers if all(n is not None for n in numbers) else [str(x) for x in values]
        pos = range(len(items))
        best = max(pos, key=keys.__getitem__) if pick[0] == "max_by" else \
            min(pos, key=keys.__getitem__)
        return Selection((items[best],))
    return compute
