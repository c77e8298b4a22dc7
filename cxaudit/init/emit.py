"""A small YAML writer for the files `cxaudit init` writes: block layout, comments, stable bytes.

Values are plain Python data wrapped where the layout matters: `Block` (a mapping, one key a
line, with comments), `Seq` (a block list), `Flow` (an inline `{...}` or `[...]`), `Comment`
(lines of `#` text inside a block) and `Raw` (a scalar written as is, such as a date). Every
string a user typed is written so that YAML 1.1 and 1.2 readers both read it back as that
same string: plain only when nothing can mistake it, else double-quoted with escapes.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cxaudit.document.scalars import STR, resolve_plain

WIDTH = 100
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@/+\-]*(?: [A-Za-z0-9_.@/+()\-]+)*")
# words that YAML 1.1 readers (PyYAML, many editors) take for booleans or null
_YAML11 = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


@dataclass(frozen=True)
class Raw:
    """A scalar written exactly as given (a date, a number the caller formatted)."""

    text: str


@dataclass(frozen=True)
class Comment:
    """Comment lines inside a block; each entry of `lines` is one paragraph, wrapped."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    """A mapping or list written inline: `{days: [mon, tue], open: "09:00"}`."""

    value: Any


@dataclass
class Entry:
    """`key: value`, with an optional comment above it and one after it on the same line."""

    key: str
    value: Any
    comment: str = ""
    trailing: str = ""


@dataclass
class Block:
    """A block mapping: entries and comments, one per line."""

    items: list[Entry | Comment] = field(default_factory=list)

    def add(self, key: str, value: Any, comment: str = "", trailing: str = "") -> Entry:
        """Append `key: value` and return the entry."""
        entry = Entry(key, value, comment, trailing)
        self.items.append(entry)
        return entry

    def note(self, *lines: str) -> None:
        """Append comment lines."""
        self.items.append(Comment(tuple(lines)))


@dataclass
class Seq:
    """A block list; items are Blocks (one mapping per item), Flows or scalars."""

    items: list[Any] = field(default_factory=list)


def _escape(text: str) -> str:
    """A double-quoted YAML scalar for `text`: JSON escapes, and every character YAML would
    fold or refuse (line and paragraph separators, C1 controls) escaped too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(ch if ch.isprintable() or ch == " " else
                   f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
                   for ch in quoted)


def scalar(value: Any) -> str:
    """One scalar as YAML text."""
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    text = str(value)
    if (_PLAIN.fullmatch(text) and resolve_plain(text) == STR
            and text.lower() not in _YAML11 and not text.endswith(":")):
        return text
    return _escape(text)


def flow(value: Any) -> str:
    """A value in flow style."""
    if isinstance(value, Flow):
        value = value.value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _comment(text: str, indent: str) -> list[str]:
    width = max(40, WIDTH - len(indent) - 2)
    return [f"{indent}# {line}".rstrip() for line in textwrap.wrap(text, width) or [""]]


def _inline(value: Any) -> bool:
    return not isinstance(value, (Block, Seq))


def _entry(e: Entry, indent: str) -> list[str]:
    out: list[str] = []
    if e.comment:
        out += _comment(e.comment, indent)
    head = f"{indent}{scalar(e.key)}:"
    if _inline(e.value):
        line = f"{head} {flow(e.value)}"
        if e.trailing:
            line += f"  # {e.trailing}"
        return [*out, line]
    if e.trailing:
        head += f"  # {e.trailing}"
    return [*out, head, *_lines(e.value, indent + "  ")]


def _lines(value: Block | Seq, indent: str) -> list[str]:
    out: list[str] = []
    if isinstance(value, Block):
        for item in value.items:
            if isinstance(item, Comment):
                for paragraph in item.lines:
                    out += _comment(paragraph, indent)
            else:
                out += _entry(item, indent)
        return out
    for item in value.items:
        if isinstance(item, Block):
            inner = _lines(item, indent + "  ")
            first = next(i for i, ln in enumerate(inner) if not ln.lstrip().startswith("#"))
            # comments of the item go above its dash; the first key goes on the dash line
            out += [ln.replace(indent + "  ", indent, 1) for ln in inner[:first]]
            out.append(f"{indent}- {inner[first].lstrip()}")
            out += inner[first + 1:]
        else:
            out.append(f"{indent}- {flow(item)}")
    return out


def dump(doc: Block, header: Iterable[str] = ()) -> str:
    """The document as YAML text: `header` lines first (already `#`-prefixed), then `doc`."""
    return "\n".join([*header, *_lines(doc, "")]) + "\n"
