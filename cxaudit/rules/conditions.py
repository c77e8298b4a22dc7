"""Declarative checks compiled once into Python closures.

A condition is data from a rule file: `all`/`any`/`not`, a leaf such as
`{path: returns.window, at_least: {param: min_window}}`, a quantifier over a list
(`every`, `none`, `some`, `count`) or a leaf on a derived fact (`{fact: worst_case, ...}`).
Compiling turns it into a closure; nothing from the rule file is ever evaluated as Python.
Results are three-valued, because a fact the user did not describe is neither a pass nor a
failure: TRUE, FALSE, or UNKNOWN (which becomes a needs-evidence finding).

Paths are relative to the item being checked; `$.` starts at the document root, `^.` at the
enclosing item (inside a quantifier or `for_each`), `%name` names a list the rule computed
with `let`, and `@policies` / `@targets` are collections the derived facts provide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from cxaudit.clock.facts import Facts
from cxaudit.document.loading import DocPath
from cxaudit.model.process import MISSING, get_path

TRUE, FALSE, UNKNOWN = 1, 0, -1
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")
_BRANCH_KEYS = ("message", "evidence", "severity", "cause", "affects", "anchor")


class Eval(NamedTuple):
    """The outcome of a condition: state, the path it is about, and the value seen there.

    `message` / `evidence` are the failing branch's own sentence for a violation or a missing
    fact, `values` the named values it offers to the sentence (`{age}`, `{found}`, `{items}`),
    `severity` the branch's own rating.
    """

    state: int
    path: DocPath
    value: Any = None
    message: Any = None  # text, or value -> text (the sentence per value found)
    evidence: str | None = None
    values: Mapping[str, Any] | None = None
    severity: str | None = None
    cause: str | None = None  # what the finding shares with others (one plan action)
    affects: str | None = None  # what this finding adds to that action
    anchor: DocPath | None = None  # what the finding is about, for its fingerprint


class Selection(tuple[tuple[Any, DocPath], ...]):
    """Items of a list with the document path of each (a `let` list, a fact collection)."""

    __slots__ = ()

    @property
    def values(self) -> list[Any]:
        """The items themselves."""
        return [v for v, _ in self]


@dataclass(slots=True)
class Lets:
    """The named lists of one selected item (`let`), computed on first use."""

    defs: Mapping[str, Callable[[Scope], Selection]]
    cache: dict[str, Selection] = field(default_factory=dict)
    home: Scope | None = None

    def get(self, name: str) -> Selection:
        """The list called `name`, as the rule's selected item sees it."""
        if name not in self.cache:
            assert self.home is not None
            self.cache[name] = self.defs[name](self.home)
        return self.cache[name]


class Scope:
    """What a condition is evaluated on: an item, where it is, the document, the facts, the
    enclosing item's scope, the rule's `let` lists, and the findings a rule weighs
    (`weighed`: words and rule id of each critical failure). Made once per item evaluated and
    never changed (a plain slotted class: built for every list item, it must be cheap)."""

    __slots__ = ("facts", "item", "lets", "outer", "path", "root", "weighed")

    def __init__(self, item: Any, path: DocPath, root: Any, facts: Facts | None = None,
                 outer: Scope | None = None, lets: Lets | None = None,
                 weighed: tuple[tuple[str, str], ...] = ()) -> None:
        self.item, self.path, self.root, self.facts = item, path, root, facts
        self.outer, self.lets, self.weighed = outer, lets, weighed

    def inner(self, item: Any, path: DocPath) -> Scope:
        """The scope of an item inside this one (a list item of a quantifier or for_each)."""
        return Scope(item, path, self.root, self.facts, self, self.lets, self.weighed)


Compiled = Callable[[Scope], Eval]


class ConditionError(ValueError):
    """A condition in a rule file that cannot be compiled.

    `path` is where, inside the condition, the fault is; `hint` says how to fix it; `key` and
    `operand` (when set) name the operator and value at fault.
    """

    def __init__(self, message: str, path: DocPath = (), *, hint: str = "", key: str = "",
                 operand: Any = None) -> None:
        super().__init__(message)
        self.path, self.hint, self.key, self.operand = path, hint, key, operand

    def within(self, *prefix: str | int) -> ConditionError:
        """The same error, placed inside an enclosing condition."""
        return ConditionError(str(self), tuple(prefix) + self.path, hint=self.hint,
                              key=self.key, operand=self.operand)


@lru_cache(maxsize=1024)
def parse_path(text: str) -> tuple[bool, tuple[str | int, ...]]:
    """Split `$.a.b[0].c` into (absolute, parts); `*` parts are kept for selectors."""
    absolute = text.startswith("$")
    body = text[1:].lstrip(".") if absolute else text
    parts: list[str | int] = []
    pos = 0
    while pos < len(body):
        if body[pos] == ".":
            pos += 1
            continue
        m = _PATH_PART.match(body, pos)
        if not m:
            raise ConditionError(f"cannot read path {text!r} at {body[pos:]!r}")
        name, index = m.groups()
        parts.append(name if name is not None else ("*" if index == "*" else int(index)))
        pos = m.end()
    return absolute, tuple(parts)


Reader = Callable[[Scope], tuple[Any, DocPath]]


def reader(text: Any) -> Reader:
    """Compile a path into a function giving (value, its document path) in a scope."""
    if not isinstance(text, str) or not text:
        raise ConditionError(f"a path must be text such as `returns.window`, not {text!r}")
    if text.startswith("%"):
        name = text[1:]
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ConditionError(f"`{text}` does not name a list computed with `let`")

        def let(scope: Scope) -> tuple[Any, DocPath]:
            if scope.lets is None or name not in scope.lets.defs:
                return MISSING, scope.path
            return scope.lets.get(name), scope.path
        return let
    if text.startswith("@"):
        from cxaudit.rules.factsets import collection

        return collection(text)
    outer = text.startswith("^")
    absolute, rel = parse_path(text[1:].lstrip(".") if outer else text)
    if "*" in rel:
        raise ConditionError(f"wildcards belong in `select` or `for_each`, not in a "
                             f"condition path: {text}")

    if not absolute and not outer and len(rel) <= 1 and all(isinstance(p, str) for p in rel):
        return _read_key(rel)  # `.` or `name`: most paths, read without walking

    def read(scope: Scope) -> tuple[Any, DocPath]:
        bpath: DocPath
        if absolute:
            base, bpath = scope.root, ()
        elif outer and scope.outer is not None:
            base, bpath = scope.outer.item, scope.outer.path
        else:
            base, bpath = scope.item, scope.path
        return get_path(base, rel), bpath + rel
    return read


def _read_key(rel: tuple[str | int, ...]) -> Reader:
    """A reader of the item itself (`.`) or of one key of it, as `get_path` reads it."""
    if not rel:
        return lambda scope: (scope.item, scope.path)
    key = rel[0]

    def read_key(scope: Scope) -> tuple[Any, DocPath]:
        item = scope.item
        return (item.get(key, MISSING) if isinstance(item, dict) else MISSING), scope.path + rel
    return read_key


def resolve_operand(operand: Any, params: Mapping[str, Any]) -> Any:
    """A `{param: name}` operand replaced by the param's value; other operands as written."""
    if isinstance(operand, dict) and set(operand) == {"param"}:
        name = operand["param"]
        if not isinstance(name, str):
            raise ConditionError(f"{{param: ...}} needs the name of a param, found {name!r}")
        if name not in params:
            raise ConditionError(f"condition refers to unknown param {name!r}")
        return params[name]
    return operand


def compile_condition(cond: Any, params: Mapping[str, Any],
                      types: Mapping[str, str] | None = None) -> Compiled:
    """Compile one condition mapping (already schema-checked) into a closure.

    `message`, `evidence` and `severity` beside a condition belong to it as a branch: when
    this branch is the one that fails, the finding says its `message` (or asks with its
    `evidence`) and takes its `severity`; the innermost failing branch that has one wins.
    """
    if not isinstance(cond, dict) or not cond:
        raise ConditionError(f"a condition is a mapping such as {{path: ..., equals: ...}}, "
                             f"not {cond!r}")
    branch = {k: cond[k] for k in _BRANCH_KEYS if k in cond}
    body = {k: v for k, v in cond.items() if k not in _BRANCH_KEYS}
    inner = _compile(body, params, types or {})
    if not branch:
        return inner
    return _branch(inner, branch)


def _branch(inner: Compiled, branch: Mapping[str, Any]) -> Compiled:
    message = branch.get("message")
    if message is not None and not (isinstance(message, str) and message.strip()) and not (
            isinstance(message, dict) and message
            and all(isinstance(v, str) and v.strip() for v in message.values())):
        raise ConditionError("`message` needs the sentence a failing branch says, as text "
                             "(or a mapping from the value found to its sentence)",
                             ("message",), key="message", operand=message)
    evidence = branch.get("evidence")
    if evidence is not None and not (isinstance(evidence, str) and evidence.strip()):
        raise ConditionError("`evidence` needs the sentence that asks for a missing fact",
                             ("evidence",), key="evidence", operand=evidence)
    severity, cause, affects = branch.get("severity"), branch.get("cause"), branch.get("affects")
    anchor = reader(branch["anchor"]) if "anchor" in branch else None

    def say(scope: Scope) -> Eval:
        r = inner(scope)
        if r.state == TRUE:
            return r
        at = r.anchor if r.anchor is not None or anchor is None else anchor(scope)[1]
        if r.state == FALSE:
            return r._replace(message=r.message if r.message is not None else message,
                         severity=r.severity or severity, cause=r.cause or cause,
                         affects=r.affects or affects, anchor=at)
        if evidence is None and at is r.anchor:
            return r
        return r._replace(evidence=r.evidence if r.evidence is not None else evidence, anchor=at)
    return say


def _compile(cond: Mapping[str, Any], params: Mapping[str, Any],
             types: Mapping[str, str]) -> Compiled:
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        if len(cond) != 1:
            raise ConditionError(f"`{key}` must stand alone in its mapping")
        if not isinstance(cond[key], list) or not cond[key]:
            raise ConditionError(f"`{key}` needs a list of conditions", (key,))
        parts = []
        for i, c in enumerate(cond[key]):
            try:
                parts.append(compile_condition(c, params, types))
            except ConditionError as exc:
                raise exc.within(key, i) from None
        return _all(parts) if key == "all" else _any(parts)
    if "not" in cond:
        if len(cond) != 1:
            raise ConditionError("`not` must stand alone in its mapping")
        try:
            inner = compile_condition(cond["not"], params, types)
        except ConditionError as exc:
            raise exc.within("not") from None

        def negate(scope: Scope) -> Eval:
            r = inner(scope)
            return r if r.state == UNKNOWN else Eval(1 - r.state, r.path, r.value,
                                                     values=r.values)
        return negate
    from cxaudit.rules.leaves import compile_leaf

    return compile_leaf(cond, params, types)


def _all(parts: list[Compiled]) -> Compiled:
    def all_(scope: Scope) -> Eval:
        missing: Eval | None = None
        for part in parts:
            r = part(scope)
            if r.state == FALSE:
                return r
            if r.state == UNKNOWN and missing is None:
                missing = r
        return missing or Eval(TRUE, scope.path)
    return all_


def _any(parts: list[Compiled]) -> Compiled:
    def any_(scope: Scope) -> Eval:
        first_false: Eval | None = None
        missing: Eval | None = None
        for part in parts:
            r = part(scope)
            if r.state == TRUE:
                return r
            if r.state == UNKNOWN:
                missing = missing or r
            else:
                first_false = first_false or r
        return missing or first_false or Eval(FALSE, scope.path)
    return any_


def select(root: Any, selector: str) -> tuple[list[tuple[Any, DocPath]], DocPath | None]:
    """Items matched by a selector such as `channels[*]`, and the missing prefix if any."""
    _, parts = parse_path(selector) if selector else (True, ())
    items: list[tuple[Any, DocPath]] = [(root, ())]
    for part in parts:
        nxt: list[tuple[Any, DocPath]] = []
        for value, path in items:
            if part == "*":
                if isinstance(value, list):
                    nxt.extend((v, path + (i,)) for i, v in enumerate(value))
                elif isinstance(value, dict):
                    nxt.extend((v, path + (k,)) for k, v in value.items() if not k.startswith("x-"))
            else:
                v = get_path(value, (part,))
                if v is not MISSING and v is not None:
                    nxt.append((v, path + (part,)))
                elif len(items) == 1 and not any(p == "*" for p in path):
                    return [], path + (part,)
        items = nxt
    return items, None
