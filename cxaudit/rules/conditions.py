"""Declarative checks compiled once into Python closures.

A condition is data from a rule file: `all`/`any`/`not`, or a leaf such as
`{path: returns.window, at_least: {param: min_window}}`. Compiling turns it into
a closure; nothing from the rule file is ever evaluated as Python. Results are
three-valued, because a fact the user did not describe is neither a pass nor a
failure: TRUE, FALSE, or MISSING (which becomes a needs-evidence finding).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cxaudit.document.loading import DocPath
from cxaudit.model.durations import quantity
from cxaudit.model.process import MISSING, get_path

TRUE, FALSE, UNKNOWN = 1, 0, -1
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


@dataclass(frozen=True)
class Eval:
    """The outcome of a condition: state, the path it is about, and the value seen there."""

    state: int
    path: DocPath
    value: Any = None
    message: str | None = None  # the failing branch's own sentence, when it has one


Scope = Mapping[str, Any]  # {"item": value, "item_path": DocPath, "root": data, "params": {...}}
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


def _compare(op: str) -> Callable[[Any, Any], bool | None]:
    def cmp(actual: Any, expected: Any) -> bool | None:
        a, e = quantity(actual), quantity(expected)
        if a is None or e is None or isinstance(actual, str) != isinstance(expected, str):
            return None  # a bare number is never compared with a duration
        return {"at_most": a <= e, "at_least": a >= e, "less_than": a < e,
                "greater_than": a > e}[op]
    return cmp


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, (list, dict)):  # compared as text, so that sets can hold them
        return repr(value)
    return value


_RE2_HINTS = (
    (re.compile(r"escape sequence: \\[1-9k]|operator: \(\?P$"),
     ("backreferences (\\1, (?P=name)) are not supported: RE2 matches in linear time and "
      "cannot repeat an earlier group; spell the alternatives out, e.g. (ab|cd)")),
    (re.compile(r"operator: \(\?<?[=!]"),
     ("lookahead and lookbehind are not supported: RE2 matches in linear time; put the "
      "negative part in a second condition with not_matches (under all:)")),
    (re.compile(r"operator: \(\?>|repetition operator: [*+?]?\+"),
     ("atomic groups and possessive quantifiers are not needed: RE2 never backtracks; "
      "drop the (?>...) or the extra +")),
    (re.compile(r"repetition size"),
     "RE2 repeats a group at most 1000 times; use + or * for longer runs"),
)


def regex_hint(reason: str) -> str:
    """How to rewrite a pattern RE2 refuses (backreferences, lookaround, other syntax)."""
    for needle, hint in _RE2_HINTS:
        if needle.search(reason):
            return hint
    return "patterns use RE2 syntax (https://github.com/google/re2/wiki/Syntax) and match " \
           "case-insensitively"


def _regex(pattern: Any, key: str) -> Any:
    """Compile `pattern` with RE2: linear-time matching, whatever the pattern or the text."""
    if not isinstance(pattern, str):
        raise ConditionError(f"`{key}` needs a regular expression as text, not {pattern!r}",
                             (key,), hint="quote the pattern", key=key, operand=pattern)
    import re2  # google-re2; imported here so that packs without patterns never load it

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors are reported to the user below, not logged by RE2
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(
            exc.args[0], bytes) else str(exc)
        raise ConditionError(f"regular expression {pattern!r} cannot be used: {reason}",
                             (key,), hint=regex_hint(reason), key=key, operand=pattern) from None


def _leaf_ops(key: str, operand: Any) -> Callable[[Any, Any], bool | None]:
    if key in ("at_most", "at_least", "less_than", "greater_than"):
        return _compare(key)
    if key in ("matches", "not_matches"):
        rx, want = _regex(operand, key), key == "matches"
        return lambda a, _e: (isinstance(a, str) and rx.search(a[:1000]) is not None) == want \
            if not isinstance(a, list) else any(
                isinstance(x, str) and rx.search(x[:1000]) for x in a) == want
    ops: dict[str, Callable[[Any, Any], bool | None]] = {
        "equals": lambda a, e: _norm(a) == _norm(e),
        "not_equals": lambda a, e: _norm(a) != _norm(e),
        "one_of": lambda a, e: _norm(a) in [_norm(x) for x in e],
        "not_one_of": lambda a, e: _norm(a) not in [_norm(x) for x in e],
        "contains": lambda a, e: _norm(e) in [_norm(x) for x in _as_list(a)],
        "not_contains": lambda a, e: _norm(e) not in [_norm(x) for x in _as_list(a)],
        "contains_any": lambda a, e: bool({_norm(x) for x in _as_list(a)} & {_norm(x) for x in e}),
        "contains_all": lambda a, e: {_norm(x) for x in e} <= {_norm(x) for x in _as_list(a)},
        "length_at_least": lambda a, e: len(a) >= e if isinstance(a, (list, dict, str)) else None,
        "length_at_most": lambda a, e: len(a) <= e if isinstance(a, (list, dict, str)) else None,
    }
    if key not in ops:
        raise ConditionError(f"unknown operator {key!r}")
    return ops[key]


def compile_condition(cond: Mapping[str, Any], params: Mapping[str, Any]) -> Compiled:
    """Compile one condition mapping (already schema-checked) into a closure.

    A `message` beside the condition is the sentence the finding says when this branch is the
    one that fails (the innermost failing branch with a message wins over the rule's message).
    """
    if "message" not in cond:
        return _compile(cond, params)
    message = cond["message"]
    if not isinstance(message, str) or not message.strip():
        raise ConditionError("`message` needs the sentence a failing branch says, as text",
                             ("message",), key="message", operand=message)
    inner = _compile({k: v for k, v in cond.items() if k != "message"}, params)

    def say(scope: Scope) -> Eval:
        r = inner(scope)
        if r.state == FALSE and r.message is None:
            return Eval(FALSE, r.path, r.value, message)
        return r
    return say


def _compile(cond: Mapping[str, Any], params: Mapping[str, Any]) -> Compiled:
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        if len(cond) != 1:
            raise ConditionError(f"`{key}` must stand alone in its mapping")
        parts = []
        for i, c in enumerate(cond[key]):
            try:
                parts.append(compile_condition(c, params))
            except ConditionError as exc:
                raise exc.within(key, i) from None
        return _all(parts) if key == "all" else _any(parts)
    if "not" in cond:
        if len(cond) != 1:
            raise ConditionError("`not` must stand alone in its mapping")
        try:
            inner = compile_condition(cond["not"], params)
        except ConditionError as exc:
            raise exc.within("not") from None

        def negate(scope: Scope) -> Eval:
            r = inner(scope)
            return r if r.state == UNKNOWN else Eval(1 - r.state, r.path, r.value)
        return negate
    return _leaf(cond, params)


def _resolve_operand(operand: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(operand, dict) and set(operand) == {"param"}:
        name = operand["param"]
        if not isinstance(name, str):
            raise ConditionError(f"{{param: ...}} needs the name of a param, found {name!r}")
        if name not in params:
            raise ConditionError(f"condition refers to unknown param {name!r}")
        return params[name]
    return operand


def _leaf(cond: Mapping[str, Any], params: Mapping[str, Any]) -> Compiled:
    if "path" not in cond:
        raise ConditionError("a condition needs `path` (or all / any / not)")
    absolute, rel = parse_path(cond["path"])
    if "*" in rel:
        raise ConditionError(f"wildcards belong in `select`, not in a condition path: {cond['path']}")
    ops = [k for k in cond if k not in ("path", "default")]
    if len(ops) != 1:
        raise ConditionError(f"condition on {cond['path']!r} needs exactly one operator, "
                             f"found {ops or 'none'}")
    key = ops[0]
    has_default, default = "default" in cond, cond.get("default")
    if key == "exists":
        want = bool(cond[key])

        def exists(scope: Scope) -> Eval:
            base, bpath = _base(scope, absolute)
            value = get_path(base, rel)
            present = value is not MISSING and value is not None
            return Eval(TRUE if present == want else FALSE, bpath + rel, value)
        return exists
    try:
        operand = _resolve_operand(cond[key], params)
    except ConditionError as exc:
        raise exc.within(key) from None
    try:
        _check_operand(key, operand)
    except ConditionError as exc:
        ref = cond[key]
        source = f"param {ref['param']!r} ({operand!r})" if isinstance(ref, dict) and \
            set(ref) == {"param"} else repr(operand)
        raise ConditionError(f"{key} on {cond['path']!r}: {source} {exc}", (key,)) from None
    try:
        fn = _leaf_ops(key, operand)
    except ConditionError as exc:
        raise exc.within(key) from None

    def leaf(scope: Scope) -> Eval:
        base, bpath = _base(scope, absolute)
        value = get_path(base, rel)
        if value is MISSING or value is None:
            if not has_default:
                return Eval(UNKNOWN, bpath + rel)
            value = default
        ok = fn(value, operand)
        return Eval(FALSE if not ok else TRUE, bpath + rel, value)
    return leaf


_LIST_OPS = frozenset({"one_of", "not_one_of", "contains_any", "contains_all"})
_COMPARE_OPS = frozenset({"at_most", "at_least", "less_than", "greater_than"})


def _check_operand(key: str, operand: Any) -> None:
    """Refuse an operand its operator cannot use, at load time rather than mid-audit."""
    if key in _LIST_OPS:
        if not isinstance(operand, list):
            raise ConditionError("is not a list; write the values as [a, b]")
        if any(isinstance(x, (list, dict)) for x in operand):
            raise ConditionError("holds a list or mapping; list plain values only")
    elif key in _COMPARE_OPS:
        if isinstance(operand, bool) or quantity(operand) is None:
            raise ConditionError("is neither a number nor a duration such as 24h or 2bd")
    elif key in ("length_at_least", "length_at_most"):
        if not isinstance(operand, int) or isinstance(operand, bool) or operand < 0:
            raise ConditionError("is not a whole number of items (0 or more)")
    elif key in ("matches", "not_matches") and not isinstance(operand, str):
        raise ConditionError("is not a regular expression (text)")


def _base(scope: Scope, absolute: bool) -> tuple[Any, DocPath]:
    if absolute:
        return scope["root"], ()
    return scope["item"], scope["item_path"]


def _all(parts: list[Compiled]) -> Compiled:
    def all_(scope: Scope) -> Eval:
        missing: Eval | None = None
        for part in parts:
            r = part(scope)
            if r.state == FALSE:
                return r
            if r.state == UNKNOWN and missing is None:
                missing = r
        return missing or Eval(TRUE, scope["item_path"])
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
        return missing or first_false or Eval(FALSE, scope["item_path"])
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
