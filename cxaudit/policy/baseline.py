"""Baselines: the findings a project already had, so that CI fails only on new ones.

An entry is the fingerprint of a finding (rule id, file and document path, with list items named
by their id or name; never the line number), so reformatting, reordering or commenting a process
file keeps its findings baselined. Files are stored relative to the baseline's directory, so the
same baseline works from any working directory. The file is sorted JSON without timestamps.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cxaudit.errors import InputError
from cxaudit.model.findings import Finding, Kind, Severity

BASELINE_VERSION = 1
DEFAULT_NAME = ".cxaudit-baseline.json"
MAX_BASELINE_BYTES = 64 * 1_048_576  # written by cxaudit; about 10 KB per audited unit


@dataclass(frozen=True)
class Entry:
    """One baselined finding; `message` is only there for people reading the file."""

    fingerprint: str
    rule: str
    file: str
    path: str
    message: str


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline and the directory its file names are relative to."""

    file: str
    entries: tuple[Entry, ...]

    @property
    def directory(self) -> Path:
        """Where the entries' file names start."""
        return Path(self.file).parent

    def fingerprint(self, finding: Finding) -> str:
        """The fingerprint `finding` has relative to this baseline's directory."""
        return relative_fingerprint(finding, self.directory)


def relative_path(file: str, base: Path) -> str:
    """`file` relative to `base`, with forward slashes (absolute when on another drive)."""
    try:
        rel = os.path.relpath(os.path.abspath(file), os.path.abspath(base))
    except ValueError:  # Windows: another drive
        rel = os.path.abspath(file)
    return Path(rel).as_posix()


def relative_fingerprint(finding: Finding, base: Path) -> str:
    """Finding.fingerprint computed with the file named relative to `base`."""
    loc = replace(finding.location, file=relative_path(finding.location.file, base))
    return replace(finding, location=loc).fingerprint


def counts(finding: Finding) -> bool:
    """Whether a finding belongs in a baseline: violations that could fail a run."""
    return finding.kind is Kind.VIOLATION and finding.severity is not Severity.INFO


def dump(findings: Iterable[Finding], out_file: str | os.PathLike[str]) -> str:
    """The baseline text for `findings`, with file names relative to `out_file`'s directory."""
    base = Path(out_file).parent
    entries: dict[str, Entry] = {}
    for f in findings:
        if not counts(f):
            continue
        e = Entry(relative_fingerprint(f, base), f.rule_id,
                  relative_path(f.location.file, base),
                  f.location.anchor or f.location.path, f.message)
        entries.setdefault(e.fingerprint, e)
    rows = sorted(entries.values(), key=lambda e: (e.file, e.rule, e.path, e.fingerprint))
    data = {"baseline_version": BASELINE_VERSION, "tool": "cxaudit",
            "entries": [{"fingerprint": e.fingerprint, "rule": e.rule, "file": e.file,
                         "path": e.path, "message": e.message} for e in rows]}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file written by `cxaudit baseline create`."""
    name = os.fspath(path)
    hint = "write it again with `cxaudit baseline create PATHS -o FILE`"
    if not os.path.lexists(name):
        raise InputError.at(name, 0, 0, "baseline file not found",
                            "create it with `cxaudit baseline create PATHS -o FILE`")
    from cxaudit.document.loading import read_limited

    raw = read_limited(name, MAX_BASELINE_BYTES, what="baseline",
                       option="a baseline this large is not supported; split the portfolio "
                              "into several baselines")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.at(name, 0, 0, f"cannot read baseline: {exc}", hint) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(name, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}",
                            hint) from None
    except RecursionError:  # json's parser recurses once per level of nesting
        raise InputError.at(name, 1, 1, "the JSON is nested too deeply to be a baseline",
                            hint) from None
    return Baseline(name, _entries(name, text, data, hint))


def _entries(name: str, text: str, data: Any, hint: str) -> tuple[Entry, ...]:
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise InputError.at(name, 1, 1, "not a cxaudit baseline (version "
                            f"{BASELINE_VERSION} expected)", hint)
    rows = data.get("entries")
    if not isinstance(rows, list):
        raise InputError.at(name, 1, 1, "the baseline has no `entries` list", hint)
    out = []
    fields = ("fingerprint", "rule", "file", "path", "message")
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in fields):
            line, col = _locate(name, text, ("entries", i))
            raise InputError.at(name, line, col, f"entries[{i}] must have the text fields "
                                f"{', '.join(fields)}", hint)
        out.append(Entry(*(row[k] for k in fields)))
    return tuple(out)


def _locate(name: str, text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of `path` (JSON is YAML, and our YAML loader keeps positions)."""
    from cxaudit.document.loading import load_text

    try:
        return load_text(text, name).locate(path)
    except InputError:
        return 0, 0
