"""Wrapping terminal text to the width the run asked for: the terminal's, or none at all.

The text report is read in a terminal (wrap to its width, between words only) or piped to a
file or another program (one line per paragraph, so `grep` and `less -S` see whole sentences).
The CLI decides the width; renderers ask for it through `wrap`, so the text report, the
portfolio and the progress block agree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT = 100  # columns, when no one says otherwise (the API, tests)
NARROWEST = 40  # a narrower terminal still gets lines this long: indents need room
_WIDTH: ContextVar[int | None] = ContextVar("cxaudit_text_width", default=DEFAULT)


@contextmanager
def width(columns: int | None) -> Iterator[None]:
    """Wrap at `columns` (None: never) while the block runs."""
    token = _WIDTH.set(None if columns is None else max(columns, NARROWEST))
    try:
        yield
    finally:
        _WIDTH.reset(token)


def wrap(text: str, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` as lines no wider than the current width, broken between words only (a word
    longer than a line keeps its own line); one line when the width is None."""
    columns = _WIDTH.get()
    if columns is None:
        text = " ".join(text.splitlines())
        return [initial_indent + text] if text.strip() else []
    return textwrap.wrap(text, columns, initial_indent=initial_indent,
                         subsequent_indent=subsequent_indent, break_long_words=False,
                         break_on_hyphens=False)


__all__ = ["DEFAULT", "width", "wrap"]
