"""Text for a terminal or a CI log: what the user wrote is shown, never obeyed.

A unit name, a file name or a rule text can hold escape sequences (window titles, hyperlinks,
cursor moves), carriage returns and newlines. On a terminal they rewrite what is shown; in a
GitHub Actions log a line that starts with `::` (after blanks) or holds `##[` anywhere is run as
a workflow command (`::error::`, `::add-mask::`, `##[stop-commands]`). So:

- `clean` shows every control, format (invisible) and line-separator character of one value as
  an escape (`\\n`, `\\x1b`, `\\u202e`), so a value always stays on its line;
- `guard` makes sure no line of a whole output can be read as a workflow command.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls, DEL, and the invisible format characters terminals and log viewers act on
# or skip (bidi overrides, zero-width, soft hyphen, BOM), plus the Unicode line separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
_UNSAFE_KEEP_NEWLINE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))
_COMMAND_START = re.compile(r"^([^\S\n]*)(?=::)", re.MULTILINE)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value: Any) -> str:
    """One value as one printable line: controls and invisible characters shown as escapes."""
    text = str(value)
    return text if _UNSAFE.search(text) is None else _UNSAFE.sub(_escape, text)


def guard(text: str) -> str:
    """A whole output in which no line can start a GitHub Actions workflow command.

    `##[` anywhere becomes `##\\[`, and a line whose first non-blank characters are `::` gets a
    backslash before them. Our own output never contains either, so only user text changes.
    """
    if "##[" in text:
        text = text.replace("##[", "##\\[")
    if "::" in text:
        text = _COMMAND_START.sub(r"\1\\", text)
    return text


def lines(rows: Iterable[str]) -> str:
    """Single-line rows (each cleaned) joined into a guarded output ending in a newline."""
    return guard("\n".join(clean(r) for r in rows)) + "\n"


def safe(text: str) -> str:
    """A finished multi-line text: controls other than newline escaped, then guarded."""
    return guard(_UNSAFE_KEEP_NEWLINE.sub(_escape, text))


def clean_tree(value: Any) -> Any:
    """Every string in a tree of dicts, lists and tuples cleaned (for view models)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(clean_tree(v) for v in value)
    return value
