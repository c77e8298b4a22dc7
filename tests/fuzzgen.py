"""Hypothesis strategies for fuzzing: documents generated from our JSON Schemas, bundled files
with a few values mutated, and the awkward values real files contain."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

JSON = Any
Draw = Callable[[st.SearchStrategy[Any]], Any]

# Values that broke, or could break, something downstream of the schema.
AWKWARD_TEXT = [
    "", " ", "x", "Europe/Berln", "Kyiv", "Etc/GMT+14", "Etc/GMT-14", "UTC", "localtime",
    "Europe/" + "B" * 293, "../../etc/passwd", "9999-12-31", "0001-01-01", "2023-02-29",
    "1900-01-01", "2999-12-31", "2024-02-29", "00:00", "24:00", "23:59", "12:00", "99:99",
    "0m", "0h", "1bd", "0bd", "999999999h", "1e308h", "2d@business", "4h@calendar", "1mo", "12mo",
    "DE", "DE-BE", "DE-XX", "GB-ENG", "ZZ", "EU", "UK", "XK", "mon", "sun", "all", "weekdays",
    "null", "true", "~", "-1", "0x10", ".nan", "{{ 7*7 }}", "${HOME}", "<script>x</script>",
    "\u202etxt", "🙂" * 5, "a\tb", "ÄÖÜ ß", "Глина", "日本語", "line\nbreak", "\\", "'\"",
    "::error::x", "<!--", "| a | b |", "# heading", "a" * 2000,
]
AWKWARD_NUMBERS: list[Any] = [0, -1, 1, 7, 100, 101, -(2**63), 2**63, 2**200, 0.5, -0.0, 1e308,
                              float("inf"), float("-inf"), float("nan")]


def awkward() -> st.SearchStrategy[Any]:
    """One awkward scalar or small container."""
    scalars = st.one_of(st.sampled_from(AWKWARD_TEXT), st.sampled_from(AWKWARD_NUMBERS),
                        st.booleans(), st.none(), st.text(max_size=20),
                        st.integers(min_value=-10**6, max_value=10**6))
    return st.one_of(scalars, st.lists(scalars, max_size=3),
                     st.dictionaries(st.sampled_from(["id", "x", "name", "type", "tz"]), scalars,
                                     max_size=3))


class SchemaGen:
    """Values drawn from a JSON Schema (the subset our schemas use), depth-limited."""

    def __init__(self, schema: dict[str, Any], max_depth: int = 7) -> None:
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.max_depth = max_depth

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            extra = {k: v for k, v in node.items() if k != "$ref"}
            node = {**self.defs[node["$ref"].rsplit("/", 1)[-1]], **extra}
        return node

    def value(self, draw: Draw, node: Any, depth: int = 0) -> JSON:
        """A value for `node`, usually valid, now and then awkward."""
        node = self.resolve(node)
        if node is True or not isinstance(node, dict) or node == {}:
            return draw(awkward())
        if depth > 0 and draw(st.integers(0, 39)) == 0:
            return draw(awkward())
        for key in ("anyOf", "oneOf"):
            if key in node:
                branch = draw(st.sampled_from(node[key]))
                merged = {**{k: v for k, v in node.items() if k != key}, **self.resolve(branch)}
                return self.value(draw, merged, depth)
        if "const" in node:
            return node["const"]
        if "enum" in node:
            return draw(st.sampled_from(node["enum"]))
        kind = node.get("type")
        if isinstance(kind, list):
            kind = draw(st.sampled_from(kind))
        if kind is None:
            kind = "object" if "properties" in node else "string"
        return getattr(self, "_" + kind)(draw, node, depth)

    def _string(self, draw: Draw, node: dict[str, Any], depth: int) -> str:
        pattern = node.get("pattern")
        if pattern and draw(st.integers(0, 5)):
            return str(draw(st.from_regex(pattern, fullmatch=True).filter(
                lambda s: len(s) < 60)))
        if draw(st.booleans()):
            return str(draw(st.sampled_from(AWKWARD_TEXT)))
        return str(draw(st.text(min_size=node.get("minLength", 0), max_size=30)))

    def _integer(self, draw: Draw, node: dict[str, Any], depth: int) -> int:
        lo, hi = node.get("minimum", -10**4), node.get("maximum", 10**6)
        return int(draw(st.integers(min_value=int(lo), max_value=int(max(lo, hi)))))

    def _number(self, draw: Draw, node: dict[str, Any], depth: int) -> float | int:
        lo, hi = node.get("minimum", -10**4), node.get("maximum", 10**6)
        return draw(st.one_of(st.integers(int(lo), int(max(lo, hi))),
                              st.floats(lo, max(lo, hi), allow_nan=False)))

    def _boolean(self, draw: Draw, node: dict[str, Any], depth: int) -> bool:
        return bool(draw(st.booleans()))

    def _null(self, draw: Draw, node: dict[str, Any], depth: int) -> None:
        return None

    def _array(self, draw: Draw, node: dict[str, Any], depth: int) -> list[Any]:
        lo = node.get("minItems", 0)
        hi = max(lo, min(node.get("maxItems", 3), 3 if depth < self.max_depth else lo))
        items = node.get("items", {})
        out = [self.value(draw, items, depth + 1) for _ in range(draw(st.integers(lo, hi)))]
        if node.get("uniqueItems"):
            seen: list[Any] = []
            out = [v for v in out if not (v in seen or seen.append(v))]
        return out

    def _object(self, draw: Draw, node: dict[str, Any], depth: int) -> dict[str, Any]:
        props = node.get("properties", {})
        required = list(node.get("required", []))
        optional = [k for k in props if k not in required]
        if depth < self.max_depth and optional:
            optional = draw(st.lists(st.sampled_from(optional), unique=True,
                                     max_size=min(len(optional), 6)))
        else:
            optional = []
        out: dict[str, Any] = {}
        for key in required + optional:
            out[key] = self.value(draw, props.get(key, {}), depth + 1)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not props and depth < self.max_depth:
            for key in draw(st.lists(st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
                                     unique=True, max_size=2)):
                out[key] = self.value(draw, extra, depth + 1)
        return out


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a plain document (mapping keys and list indexes), the root excluded."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append(prefix + (k,))
            out += paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append(prefix + (i,))
            out += paths(v, prefix + (i,))
    return out


def subschema(gen: SchemaGen, path: Sequence[Any]) -> Any:
    """The schema of the value at `path`, as far as it can be followed (else {})."""
    node = gen.resolve(gen.schema)
    for part in path:
        node = gen.resolve(node)
        if not isinstance(node, dict):
            return {}
        for key in ("anyOf", "oneOf"):
            if key in node:
                typed = [gen.resolve(b) for b in node[key]]
                wanted = "array" if isinstance(part, int) else "object"
                node = next((b for b in typed if isinstance(b, dict)
                             and b.get("type") == wanted), typed[0])
        if isinstance(part, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
        else:
            props = node.get("properties", {}) if isinstance(node, dict) else {}
            node = props.get(part, node.get("additionalProperties", {})
                             if isinstance(node, dict) else {})
    return node


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: Draw, bases: Sequence[Any], gen: SchemaGen,
            within: Sequence[str] = ()) -> Any:
    """A copy of one of `bases` with one to four values replaced, removed, added or doubled
    (only under the top-level keys `within`, when given)."""
    data = copy.deepcopy(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(1, 4))):
        found = [p for p in paths(data) if not within or p[0] in within]
        if not found:
            break
        path = draw(st.sampled_from(found))
        parent, key = _parent(data, path), path[-1]
        op = draw(st.sampled_from(["schema", "schema", "awkward", "delete", "double", "add"]))
        if op == "schema":
            parent[key] = gen.value(draw, subschema(gen, path), 1)
        elif op == "awkward":
            parent[key] = draw(awkward())
        elif op == "delete":
            del parent[key]
        elif op == "double" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "add" and isinstance(parent, dict):
            name = draw(st.sampled_from(["x-note", "extra", str(key) + "s", "id", "name"]))
            parent[name] = draw(awkward())
    return data


def dump(data: Any) -> str:
    """YAML text for a plain document (any value yaml can write)."""
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|internal error")


def looks_crashed(output: str) -> bool:
    """Whether command output shows a traceback or the internal-error report."""
    return _TRACEBACK.search(output) is not None
