"""Small YAML emitter for generated process files: safe scalars, flow items, comments.

Every string that is not a plain word is written double-quoted (JSON escaping, which YAML
reads the same), so text from a helpdesk (policy titles, holiday names) can never change
the document's structure; comments carry no line breaks or control characters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from cxaudit.document.scalars import STR, resolve_plain

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./+@-]*$")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


@dataclass(frozen=True)
class Date:
    """An ISO date written unquoted (YAML reads it back as the same text)."""

    iso: str


def scalar(value: Any) -> str:
    """One scalar in YAML: plain where that is unambiguous, else double-quoted."""
    if isinstance(value, Date):
        return value.iso
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return "null"
    text = str(value)
    if (_PLAIN.match(text) and resolve_plain(text) == STR
            and text.lower() not in _YAML11_WORDS):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for ch, esc in (("\x85", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")):
        quoted = quoted.replace(ch, esc)
    return quoted


def flow(value: Any) -> str:
    """A value on one line: `{days: [mon, tue], open: "09:00"}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def comment(text: str) -> str:
    """Text safe inside a `# ...` comment: one line, no control characters."""
    return _CONTROL.sub(" ", str(text)).strip()


class Lines:
    """A growing list of output lines with helpers for keys, items and comments."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def note(self, indent: int, text: str, width: int = 96) -> None:
        """A comment, wrapped at `width` columns; a line break starts a line kept whole."""
        head, _, quoted = str(text).partition("\n")
        self._wrapped(indent, head, width)
        for line in quoted.split("\n") if quoted else []:
            self.out.append(" " * indent + "#   " + comment(line))

    def _wrapped(self, indent: int, text: str, width: int) -> None:
        words = comment(text).split(" ")
        line = ""
        for w in words:
            if line and len(line) + len(w) + 1 > width - indent - 2:
                self.out.append(" " * indent + "# " + line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        if line:
            self.out.append(" " * indent + "# " + line)

    def key(self, indent: int, name: str, value: Any = None, trailing: str = "") -> None:
        """`name: value` (a flow value), or `name:` opening a block when value is None."""
        text = " " * indent + f"{scalar(name)}:" + ("" if value is None else f" {flow(value)}")
        self.out.append(text + (f"  # {comment(trailing)}" if trailing else ""))

    def item(self, indent: int, value: Any, trailing: str = "") -> None:
        """`- value` on one line."""
        self.out.append(" " * indent + f"- {flow(value)}"
                        + (f"  # {comment(trailing)}" if trailing else ""))

    def raw(self, text: str) -> None:
        """A line as it is."""
        self.out.append(text)

    def text(self) -> str:
        """The document."""
        return "\n".join(self.out) + "\n"


__all__ = ["Date", "Lines", "comment", "flow", "scalar"]
