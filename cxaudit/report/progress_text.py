"""Progress since the previous audit, in the terminal report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def progress_lines(view: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    """The progress block of the text report."""
    return []
