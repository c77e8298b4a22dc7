"""Which fields of a process file the rules actually read, found by watching them read.

A document's data is wrapped in mappings and lists that note every key asked for by name
(`d[key]`, `d.get(key)`, `key in d`). Walking a whole mapping (`items()`, `values()`, iterating)
is not a read: the model's duration parser walks everything, and that does not mean a rule
looks at it. Targets are read through the model (`Process.targets`, `SlaPolicy.targets`), so
those are wrapped too and note the target's own path when a rule takes its duration.

Paths are noted in schema form: list indices become `[]` and priority aliases (`p1`,
`critical`, ...) their canonical name, so `sla_policies[0].targets.resolution.p2` is noted as
`sla_policies[].targets.resolution.high`. `field()` then folds what is one field to a reader:
every priority of a target (`targets.resolution.*`), and a channel's inline `sla`, which the
model reads exactly as a named policy (`sla_policies[]`).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cxaudit.document.loading import DocPath, Document
from cxaudit.model.durations import DurationError, normalise_priority
from cxaudit.model.normalise import normalise
from cxaudit.model.process import Process, SlaPolicy, Target

SchemaPath = tuple[str, ...]


def schema_path(path: DocPath) -> SchemaPath:
    """`("channels", 2, "sla", "targets", "first_response", "p1")` -> `channels[].sla...urgent`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append("[]")
        elif len(out) >= 2 and out[-2] == "targets":
            try:
                out.append(normalise_priority(part))
            except DurationError:
                out.append(part)
        else:
            out.append(part)
    return tuple(out)


class Reads:
    """The set of schema paths read so far."""

    def __init__(self) -> None:
        self.paths: set[SchemaPath] = set()
        self.quiet = False

    def note(self, path: DocPath) -> None:
        """Record that `path` (a document path) was asked for."""
        if not self.quiet:
            self.paths.add(schema_path(path))


@contextlib.contextmanager
def labels_unwatched(reads: Reads) -> Iterator[None]:
    """Naming a list item in a finding's location (`channels[name=Chat]`) reads its `id` or
    `name`; that is where a finding points, not what a rule judges, so it is not noted."""
    from cxaudit.document import docpaths

    real = docpaths.item_labels

    def quiet(items: list[Any]) -> list[str]:
        was, reads.quiet = reads.quiet, True
        try:
            return real(items)
        finally:
            reads.quiet = was

    docpaths.item_labels = quiet
    try:
        yield
    finally:
        docpaths.item_labels = real


def _wrap(value: Any, path: DocPath, reads: Reads) -> Any:
    if isinstance(value, dict):
        return _Dict(value, path, reads)
    if isinstance(value, list):
        return _List(value, path, reads)
    return value


class _Dict(dict):  # type: ignore[type-arg]
    """A mapping that notes every key asked for by name."""

    def __init__(self, data: Mapping[str, Any], path: DocPath, reads: Reads) -> None:
        super().__init__({k: _wrap(v, (*path, k), reads) for k, v in data.items()})
        self._path, self._reads = path, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.note((*self._path, key))
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.note((*self._path, key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._reads.note((*self._path, key))
        return super().__contains__(key)


class _List(list):  # type: ignore[type-arg]
    """A list whose items are wrapped (indices become `[]` in the noted paths)."""

    def __init__(self, data: Iterable[Any], path: DocPath, reads: Reads) -> None:
        super().__init__(_wrap(v, (*path, i), reads) for i, v in enumerate(data))


@dataclasses.dataclass(frozen=True)
class _Target(Target):
    """A resolved target that notes its path when a rule takes its duration."""

    reads: Reads = dataclasses.field(default_factory=Reads, compare=False, hash=False)

    def __getattribute__(self, name: str) -> Any:
        if name == "duration":
            object.__getattribute__(self, "reads").note(object.__getattribute__(self, "path"))
        return object.__getattribute__(self, name)


class _Targets(Mapping[str, Any]):
    """A policy's `{metric: {priority: (duration, path)}}` that notes each target fetched."""

    def __init__(self, data: Mapping[str, Mapping[str, Any]], reads: Reads) -> None:
        self._data, self._reads = data, reads

    def __getitem__(self, metric: str) -> Mapping[str, Any]:
        by_prio = self._data[metric]
        for _, path in by_prio.values():
            self._reads.note(path)
        return by_prio

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def watched(doc: Document, reads: Reads) -> Process:
    """The Process of `doc`, built and read through wrappers that note into `reads`."""
    data = _Dict(doc.data, (), reads)
    proc = normalise(dataclasses.replace(doc, data=data))
    channels = tuple(dataclasses.replace(c, raw=data["channels"][c.path[1]])
                     for c in proc.channels)
    policies = tuple(_policy(p, reads) for p in proc.policies)
    targets = tuple(_Target(**{f.name: getattr(t, f.name) for f in dataclasses.fields(Target)},
                            reads=reads) for t in proc.targets)
    return dataclasses.replace(proc, channels=channels, policies=policies, targets=targets)


def _policy(pol: SlaPolicy, reads: Reads) -> SlaPolicy:
    return dataclasses.replace(pol, targets=_Targets(pol.targets, reads))


def _resolve(node: dict[str, Any], defs: Mapping[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def schema_leaves(schema: Mapping[str, Any]) -> dict[SchemaPath, bool]:
    """Every field a process file can hold, with whether the schema marks it descriptive.

    A field is a property whose value is not an object with properties of its own; a list of
    objects contributes its items' fields under `[]`. Alternatives that are a single word
    (`none`, `never`) are values of their field, not fields. `x-descriptive: true` on a
    property marks it and everything below it.
    """
    defs = schema.get("$defs", {})
    out: dict[SchemaPath, bool] = {}

    def walk(node: dict[str, Any], path: SchemaPath, descriptive: bool) -> None:
        node = _resolve(node, defs)
        descriptive = descriptive or node.get("x-descriptive") is True
        branches = [_resolve(b, defs) for b in node.get("anyOf", ())]
        shaped = [b for b in branches if "properties" in b or "items" in b]
        if "properties" in node:
            for key, sub in node["properties"].items():
                walk(sub, (*path, _alias(path, key)), descriptive)
        elif "items" in node and "properties" in _resolve(node["items"], defs):
            walk(node["items"], (*path, "[]"), descriptive)
        elif shaped and any("properties" in b or "properties" in _resolve(
                b.get("items", {}), defs) for b in shaped):
            for b in shaped:
                walk({**b, "x-descriptive": descriptive or b.get("x-descriptive", False)},
                     path, descriptive)
        elif path:
            out[path] = out.get(path, False) or descriptive

    walk(dict(schema), (), False)
    return out


def _alias(parent: SchemaPath, key: str) -> str:
    if len(parent) >= 2 and parent[-2] == "targets":
        try:
            return normalise_priority(key)
        except DurationError:
            return key
    return key


def field(path: SchemaPath) -> SchemaPath:
    """The field a path belongs to: priorities folded into `*`, inline SLAs into policies."""
    if path[:3] == ("channels", "[]", "sla"):
        path = ("sla_policies", "[]", *path[3:])
    if len(path) >= 3 and path[-3] == "targets":
        path = (*path[:-1], "*")
    return path
