"""Read classification values the way an auditor would: known, synonym, or unknown.

Before the model is built, every classification field (see cxaudit.vocab_terms) is looked up:

- a known value, in any case or spelling of separators (`On-Call`), is used as the known value;
- a well-known synonym (`whatsapp`, `hotline`, `toll_free`) is read as its known value, with a
  note saying so;
- anything else is hidden from the rules, which then see the field as not stated and ask for
  evidence instead of guessing; a warning names the value, its position and the closest known
  value. An unknown item of a list is left out of the list (a list left empty is not stated).

The document given to the rules is a copy with those values replaced or removed; positions stay
those of the file, so findings still point at the line the user wrote.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cxaudit.document.loading import DocPath, Document, format_path
from cxaudit.document.notices import NOTE, WARNING, Notice
from cxaudit.i18n import _
from cxaudit.model.terms import TERMS, Term

_DROP: Any = object()
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def key(value: str) -> str:
    """The comparison form of a value: lower case, any run of separators as one `_`."""
    return _SEPARATORS.sub("_", value.strip().lower()).strip("_")


@dataclass(frozen=True)
class _Compiled:
    term: Term
    steps: tuple[tuple[str, bool], ...]  # (key, every item of a list)
    known: frozenset[str]
    synonyms: dict[str, str]


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Compiled, ...]:
    out = []
    for t in TERMS:
        steps = tuple((part.removesuffix("[]"), part.endswith("[]")) for part in t.path.split("."))
        synonyms = {key(k): v for k, v in t.synonyms.items()}
        out.append(_Compiled(t, steps, frozenset(t.known), synonyms))
    return tuple(out)


def _values(data: Any, steps: tuple[tuple[str, bool], ...]) -> Iterator[tuple[DocPath, str]]:
    nodes: list[tuple[DocPath, Any]] = [((), data)]
    for name, many in steps:
        found: list[tuple[DocPath, Any]] = []
        for path, node in nodes:
            if not isinstance(node, dict) or name not in node:
                continue
            value, here = node[name], path + (name,)
            if not many:
                found.append((here, value))
            elif isinstance(value, list):
                found.extend((here + (i,), v) for i, v in enumerate(value))
        nodes = found
    return ((p, v) for p, v in nodes if isinstance(v, str))


def closest(term: Term, value: str) -> tuple[str, bool]:
    """The known value nearest to `value` (by meaning where we know one, else by spelling),
    and whether it is really close rather than merely the least far."""
    return _closest(term.path, key(value))


@lru_cache(maxsize=4096)  # a portfolio repeats its unknown words; difflib is not cheap
def _closest(path: str, k: str) -> tuple[str, bool]:
    term = next(t for t in TERMS if t.path == path)
    if k in term.near:
        return term.near[k], True
    pool = {**{v: v for v in term.known}, **{key(s): v for s, v in term.synonyms.items()}}
    for cutoff in (0.6, 0.0):
        match = difflib.get_close_matches(k, list(pool), n=1, cutoff=cutoff)
        if match:
            return pool[match[0]], cutoff > 0
    return term.known[0], False


def _read(c: _Compiled, value: str) -> tuple[str | None, bool]:
    """(the known value `value` stands for or None, whether it was a synonym)."""
    k = key(value)
    if k in c.known:
        return k, False
    if k in c.synonyms:
        return c.synonyms[k], True
    return None, False


def read(path: str, value: str) -> str | None:
    """The known value `value` stands for in the field at `path` (`channels[].type`), or None."""
    c = next(c for c in _compiled() if c.term.path == path)
    return value if value in c.known else _read(c, value)[0]


def apply(doc: Document) -> tuple[Document, list[Notice]]:
    """The document the rules see, and the notes and warnings about its classification values."""
    changes: dict[DocPath, Any] = {}
    notices: list[Notice] = []
    for c in _compiled():
        for path, value in _values(doc.data, c.steps):
            if value in c.known:
                continue
            canon, synonym = _read(c, value)
            line, col = doc.locate(path)
            where = format_path(path)
            if canon is not None:
                changes[path] = canon
                if synonym:
                    notices.append(Notice(NOTE, "synonym", doc.file, line, col, _(
                        "{where}: {value} is read as the {label} {canon}").format(
                        where=where, value=repr(value), label=_(c.term.label),
                        canon=repr(canon)), path=where, value=value, read_as=canon))
                continue
            changes[path] = _DROP
            near, close = closest(c.term, value)
            said = _("{where}: {value} is not a known {label}, so it is left out of the audit") \
                if isinstance(path[-1], int) else \
                _("{where}: {value} is not a known {label}, so it is audited as not stated")
            lead = _("the closest known value is {near}") if close else \
                _("no known value is close (the nearest by spelling is {near})")
            notices.append(Notice(
                WARNING, "unknown-value", doc.file, line, col,
                said.format(where=where, value=repr(value), label=_(c.term.label)),
                _("{lead}; known values: {known}").format(
                    lead=lead.format(near=repr(near)), known=", ".join(c.term.known)),
                path=where, value=value, closest=near))
    notices.sort(key=lambda n: (n.line, n.column))
    if not changes:
        return doc, notices
    _keep_channel_names(doc.data, changes)
    data, positions = _rewrite(doc, changes)
    return Document(doc.file, data, positions), notices


def _keep_channel_names(data: dict[str, Any], changes: dict[DocPath, Any]) -> None:
    """A channel without an id is named by its type: keep the name the user wrote, and let
    `applies_to.channels` that name a type by a synonym find the channel."""
    channels = data.get("channels")
    if not isinstance(channels, list):
        return
    names = set()
    for i, ch in enumerate(channels):
        if not isinstance(ch, dict):
            continue
        if ("channels", i, "type") in changes and "id" not in ch:
            changes[("channels", i, "id")] = ch["type"]
        names.add(str(ch.get("id", ch.get("type"))))
    ctype = next(c for c in _compiled() if c.term.path == "channels[].type")
    for path, value in _values(data, (("sla_policies", True), ("applies_to", False),
                                      ("channels", True))):
        canon = ctype.synonyms.get(key(value))
        if value not in names and canon is not None:
            changes[path] = canon


def _rewrite(doc: Document, changes: dict[DocPath, Any]
             ) -> tuple[dict[str, Any], dict[DocPath, tuple[int, int]]]:
    """Copy-on-write: only the containers on a changed path are copied."""
    data: dict[str, Any] = dict(doc.data)
    copied = {id(data)}
    shrunk: set[DocPath] = set()
    for path, new in changes.items():
        parent: Any = data
        for step in path[:-1]:
            child = parent[step]
            if id(child) not in copied:
                child = dict(child) if isinstance(child, dict) else list(child)
                parent[step] = child
                copied.add(id(child))
            parent = child
        if new is _DROP and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = new
            if new is _DROP:
                shrunk.add(path[:-1])
    positions = doc.positions
    if shrunk:
        positions = dict(positions)
        items: dict[DocPath, dict[int, tuple[int, int]]] = {}
        for p, pos in positions.items():  # one pass, however many lists shrink
            if p and isinstance(p[-1], int) and p[:-1] in shrunk:
                items.setdefault(p[:-1], {})[p[-1]] = pos
        for lpath in shrunk:
            _shrink(data, lpath, items.get(lpath, {}), positions)
    return data, positions


def _shrink(data: dict[str, Any], lpath: DocPath, old: dict[int, tuple[int, int]],
            positions: dict[DocPath, tuple[int, int]]) -> None:
    """Remove dropped items from the list at `lpath`, renumbering their positions (`old`)."""
    owner: Any = data
    for step in lpath[:-1]:
        owner = owner[step]
    values = owner[lpath[-1]]
    kept = [i for i, v in enumerate(values) if v is not _DROP]
    if kept:
        owner[lpath[-1]] = [values[i] for i in kept]
    else:
        del owner[lpath[-1]]  # nothing known is left: the list is not stated
    for i in old:
        del positions[lpath + (i,)]
    for new, i in enumerate(kept):
        if i in old:
            positions[lpath + (new,)] = old[i]


def vocabulary_table() -> str:
    """The README's vocabulary table: each field, its known values and its synonyms."""
    lines = ["| field | known values | read as a known value (synonyms) |", "|---|---|---|"]
    for t in TERMS:
        by_known: dict[str, list[str]] = {}
        for synonym, known in t.synonyms.items():
            by_known.setdefault(known, []).append(synonym)
        synonyms = "; ".join(f"{', '.join(sorted(s))} → `{k}`" for k, s in by_known.items())
        lines.append(f"| `{t.path}` | {', '.join(f'`{v}`' for v in t.known)} | "
                     f"{synonyms or '-'} |")
    return "\n".join(lines) + "\n"


__all__ = ["apply", "closest", "key", "read", "vocabulary_table"]


if __name__ == "__main__":  # python -m cxaudit.model.vocabulary > table.md
    print(vocabulary_table(), end="")
