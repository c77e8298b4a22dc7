"""Markdown escaping for user text: a value stays inside its line, its table cell or its span.

Markdown is line-based: a carriage return or newline inside a unit name or a file name would
start a new line, and a line that starts with `#`, `>`, `-`, `|`, `<!--` or a backtick fence
becomes a heading, a quote, a list, a table row, an HTML comment that swallows the rest of the
report, or a code block. So every value is first made one line (each line break becomes a
space, other control characters are shown as escapes), then escaped for where it goes:

- `inline`: text anywhere (table cells, lists, headings): markup characters are backslash-escaped
  and a value that would begin a line cannot begin a block;
- `prose`: rule texts, which keep their `code` spans; HTML and table pipes are neutralised;
- `ticks`: a finding's sentence, whose `code` spans (facts and paths the rules name) stay
  code spans while everything around them is escaped as `inline`;
- `code`: text inside a code span;
- `url`: a link destination.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from cxaudit.terminal import clean

_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What makes a line a block when it is the first thing on it (CommonMark and GitHub tables):
# headings, quotes, tables, HTML, bullets, setext underlines, thematic breaks, fences and
# numbered lists (`1.` or `1)`).
_BLOCK_START = re.compile(
    r"^[ \t]*(?:#{1,6}(?=[ \t]|$)|[>|<]|[-+*](?=[ \t]|$)|=+[ \t]*$|(?:[-*_][ \t]*){3,}$"
    r"|`{3,}|~{3,}|\d{1,9}[.)](?=[ \t]|$))")
_INLINE = str.maketrans({c: "\\" + c for c in "\\|<>*_`[]#&"})
_URL_SAFE = ":/?#[]@!$&*+,;=%~-._"


def one_line(value: Any) -> str:
    """`value` as one line: line breaks become spaces, other controls visible escapes."""
    return clean(_BREAKS.sub(" ", str(value)))


def _lead(text: str) -> str:
    """Backslash-escape the marker that would open a block if `text` began a line."""
    if _BLOCK_START.match(text) is None:
        return text
    start = len(text) - len(text.lstrip(" \t"))
    end = start
    while text[end].isdigit():  # `1.` -> `1\.`
        end += 1
    return text[:end] + "\\" + text[end:]


def inline(value: Any) -> str:
    """User text for anywhere in Markdown: no markup, no line break, no block at a line start."""
    return _lead(one_line(value).translate(_INLINE))


def prose(value: Any) -> str:
    """Rule texts: keep their `code` spans; neutralise HTML, table pipes and block starts."""
    text = one_line(value).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return _lead(text)


_SPAN = re.compile(r"`([^`]+)`")


def ticks(value: Any) -> str:
    """A sentence with `code` spans: the spans stay code (`code`), the rest is `inline`."""
    parts = _SPAN.split(one_line(value))
    return _lead("".join(f"`{code(p)}`" if i % 2 else p.translate(_INLINE)
                         for i, p in enumerate(parts)))


def code(value: Any) -> str:
    """Text for inside a code span (in a table): no backticks, no bare pipes, one line."""
    return one_line(value).replace("`", "'").replace("|", "\\|")


def url(value: Any) -> str:
    """A link destination: spaces, brackets, quotes and controls percent-encoded."""
    return quote(one_line(value), safe=_URL_SAFE)
