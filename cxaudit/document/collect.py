"""Which files a run audits: the paths given, directories searched for process files, `-`.

A file named on the command line is always audited. A directory is searched recursively for
`*.yaml` and `*.yml` files (hidden ones skipped), and only those that declare themselves process
files (`apiVersion: cxaudit/...` or `kind: CustomerServiceProcess`) are audited; the other YAML
files (docker-compose.yml, CI settings) are listed as skipped. `--exclude GLOB` removes paths
from both. `-` reads one process file from standard input, named `<stdin>` in every location.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from cxaudit.document.loading import Document, Limits, load_bytes, load_file
from cxaudit.errors import Problem, UsageError
from cxaudit.i18n import _, ngettext

STDIN = "-"
STDIN_NAME = "<stdin>"
_SUFFIXES = (".yaml", ".yml")
_SNIFF_BYTES = 65_536
_MARKER = re.compile(rb"""(?:^|[\s{,])["']?(?:apiVersion["']?\s*:\s*["']?cxaudit/"""
                     rb"""|kind["']?\s*:\s*["']?CustomerServiceProcess\b)""", re.MULTILINE)


@dataclass(frozen=True)
class Collected:
    """The files to audit, and the YAML files found in directories that are not process files."""

    files: tuple[str, ...]
    skipped: tuple[str, ...]


def is_process_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file declares itself a cxaudit process file (an unreadable one counts, so
    that its error is reported rather than hidden)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return True
    return _MARKER.search(head) is not None


def excluded(path: PurePosixPath, patterns: Iterable[str]) -> bool:
    """Whether `path` (relative to the directory searched, or as given) or any of its parent
    directories matches one of the glob patterns (`drafts`, `*/old/*`, `docker-compose.yml`)."""
    parts = path.parts
    for pattern in patterns:
        pat = pattern.rstrip("/") or pattern
        for i in range(len(parts)):
            if fnmatchcase(parts[i], pat) or fnmatchcase("/".join(parts[: i + 1]), pat):
                return True
    return False


def collect(paths: Sequence[str | os.PathLike[str]], exclude: Sequence[str] = ()) -> Collected:
    """Expand directories into their process files (sorted); refuse paths that do not exist."""
    files: list[str] = []
    skipped: list[str] = []
    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN:
            files.append(STDIN)
            continue
        p = Path(name)
        if p.is_dir():
            found, other = _search(p, exclude)
            if not found:
                raise UsageError([Problem(str(p), 0, 0, _empty(other, exclude),
                                          _("pass process files, or a directory that holds "
                                            "files starting with `apiVersion: cxaudit/v1`"))])
            files.extend(found)
            skipped.extend(other)
        elif p.exists():
            if not excluded(PurePosixPath(p.as_posix()), exclude):
                files.append(str(p))
        else:
            raise UsageError([Problem(str(p), 0, 0, _("no such file or directory"),
                                      _("check the path"))])
    if not files:
        raise UsageError([Problem("--exclude", 0, 0, _("every path given is excluded, so there "
                                                       "is nothing to audit"),
                                  _("check the --exclude patterns and the config's exclude "
                                    "list"))])
    return Collected(tuple(dict.fromkeys(files)), tuple(dict.fromkeys(skipped)))


def _search(root: Path, exclude: Sequence[str]) -> tuple[list[str], list[str]]:
    found: list[str] = []
    other: list[str] = []
    for f in sorted(root.rglob("*"), key=str):
        if f.suffix not in _SUFFIXES or not f.is_file():
            continue
        rel = PurePosixPath(f.relative_to(root).as_posix())
        if any(part.startswith(".") for part in rel.parts) or excluded(rel, exclude):
            continue
        (found if is_process_file(f) else other).append(str(f))
    return found, other


def _empty(other: list[str], exclude: Sequence[str]) -> str:
    if other:
        names = ", ".join(Path(o).name for o in other[:5]) + (", ..." if len(other) > 5 else "")
        return ngettext("no process files in this directory (skipped {n} other YAML file(s): "
                        "{names})", "no process files in this directory (skipped {n} other YAML "
                        "file(s): {names})", len(other)).format(n=len(other), names=names)
    return _("no .yaml or .yml files in this directory (after --exclude)") if exclude else \
        _("no .yaml or .yml files in this directory")


def read_document(path: str, limits: Limits) -> Document:
    """Load a process file, or standard input for `-`."""
    if path != STDIN:
        return load_file(path, limits)
    raw = sys.stdin.buffer.read(limits.max_bytes + 1)
    return load_bytes(raw, STDIN_NAME, limits)


__all__ = ["STDIN", "STDIN_NAME", "Collected", "collect", "excluded", "is_process_file",
           "read_document"]
