"""A small compiled JSON Schema checker for the fast path: valid or not, nothing more.

jsonschema needs ~6 ms per document and fastjsonschema ~40 ms to compile our schema (or
~60 ms to import its generated code) before it validates anything, which is most of a
one-file run. This compiles the subset of JSON Schema our own schemas use into closures
in about a millisecond; jsonschema stays the authority and explains every failure.
Unknown keywords are refused at compile time, so the subset cannot silently drift.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$defs", "default",
                          "examples", "deprecated", "$comment",
                          "x-descriptive"})  # ours: a field no rule judges
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def compile_schema(schema: dict[str, Any]) -> Check:
    """Compile a schema (with `#/$defs/...` references) into a predicate."""
    defs = schema.get("$defs", {})
    cache: dict[str, Check] = {}

    def ref(name: str) -> Check:
        def check(value: Any) -> bool:
            if name not in cache:
                cache[name] = build(defs[name])
            return cache[name](value)
        return check

    def build(node: Any) -> Check:
        if node is True or node == {}:
            return lambda v: True
        if node is False:
            return lambda v: False
        checks: list[Check] = []
        for key, arg in node.items():
            if key in _ANNOTATIONS or key in ("patternProperties", "additionalProperties"):
                continue
            checks.append(keyword(key, arg, node))
        if "properties" not in node and ("additionalProperties" in node
                                         or "patternProperties" in node):
            checks.append(keyword("properties", {}, node))
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) and second(v)

        def every(value: Any) -> bool:
            return all(c(value) for c in checks)
        return every

    def keyword(key: str, arg: Any, node: dict[str, Any]) -> Check:
        if key == "$ref":
            if not arg.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {arg}")
            return ref(arg.removeprefix("#/$defs/"))
        if key == "type":
            tests = [_TYPES[t] for t in ([arg] if isinstance(arg, str) else arg)]
            if len(tests) == 1:
                return tests[0]
            return lambda v: any(t(v) for t in tests)
        if key == "enum":
            if all(isinstance(a, str) for a in arg):
                allowed = frozenset(arg)
                return lambda v: isinstance(v, str) and v in allowed
            return lambda v: any(v == a and type(v) is type(a) for a in arg)
        if key == "const":
            return lambda v: v == arg and type(v) is type(arg)
        if key == "pattern":
            rx = re.compile(arg)
            return lambda v: not isinstance(v, str) or rx.search(v) is not None
        if key in ("minimum", "maximum"):
            lo = key == "minimum"
            return lambda v: not _TYPES["number"](v) or (v >= arg if lo else v <= arg)
        if key in ("minLength", "maxLength"):
            lo = key == "minLength"
            return lambda v: not isinstance(v, str) or (len(v) >= arg if lo else len(v) <= arg)
        if key in ("minItems", "maxItems"):
            lo = key == "minItems"
            return lambda v: not isinstance(v, list) or (len(v) >= arg if lo else len(v) <= arg)
        if key == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= arg
        if key == "uniqueItems":
            return lambda v: not arg or not isinstance(v, list) or len(
                {repr(x) for x in v}) == len(v)
        if key == "items":
            item = build(arg)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if key == "required":
            return lambda v: not isinstance(v, dict) or all(k in v for k in arg)
        if key in ("anyOf", "oneOf", "allOf"):
            subs = [build(s) for s in arg]
            if key == "anyOf":
                return lambda v: any(s(v) for s in subs)
            if key == "allOf":
                return lambda v: all(s(v) for s in subs)
            return lambda v: sum(1 for s in subs if s(v)) == 1
        if key == "not":
            sub = build(arg)
            return lambda v: not sub(v)
        if key == "properties":
            return properties(arg, node)
        raise ValueError(f"unsupported JSON Schema keyword {key!r}")

    def properties(props: dict[str, Any], node: dict[str, Any]) -> Check:
        known = {k: build(s) for k, s in props.items()}
        patterns = [(re.compile(p), build(s)) for p, s in node.get("patternProperties", {}).items()]
        extra = node.get("additionalProperties", True)
        other = build(extra) if isinstance(extra, dict) else (lambda v: extra is not False)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for k, v in value.items():
                sub = known.get(k)
                if sub is not None:
                    if not sub(v):
                        return False
                    continue
                matched = False
                for rx, pcheck in patterns:
                    if rx.search(k):
                        matched = True
                        if not pcheck(v):
                            return False
                if not matched and not other(v):
                    return False
            return True
        return check

    return build(schema)
