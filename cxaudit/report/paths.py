"""File paths as CI services link them."""

from __future__ import annotations

import os
from pathlib import PurePosixPath, PureWindowsPath


def repo_path(file: str) -> str:
    """A file as CI services link it: relative to the working directory (the repository root
    in CI) when it lies inside it, with forward slashes; any other path as it is."""
    if os.path.isabs(file):
        try:
            rel = os.path.relpath(file)
        except ValueError:  # Windows: another drive
            return file
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return file
        file = rel
    if "\\" in file:
        return PurePosixPath(*PureWindowsPath(file).parts).as_posix()
    return file
