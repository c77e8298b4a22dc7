"""Baselines: the findings a project already had, so that CI fails only on new or worse ones.

An entry is the fingerprint of a finding (rule id, file and document path, with list items named
by their id or name; never the line number), so reformatting, reordering or commenting a process
file keeps its findings baselined. Files are stored relative to the baseline's directory, so the
same baseline works from any working directory. The file is sorted JSON without timestamps.

Version 2 also keeps what a finding was about, so that one that got worse counts as new
(cxaudit.policy.baseline_match judges it the way `cxaudit diff` does): per entry the judged field at
its place (`field`, a diff key) and the value it held (`value`), and the channels whose SLA
targets it concerned (`channels`); per unit file a digest of every list item (`items`), so that
a renamed SLA policy or channel is recognised as `diff` recognises it. Version 1 files are still
read; their entries match by fingerprint only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cxaudit.errors import InputError
from cxaudit.i18n import N_, _
from cxaudit.model.findings import Finding, Kind, Severity
from cxaudit.model.process import MISSING, Process

BASELINE_VERSION = 2
READABLE_VERSIONS = (1, 2)
DEFAULT_NAME = ".cxaudit-baseline.json"
MAX_BASELINE_BYTES = 64 * 1_048_576  # written by cxaudit; about 10 KB per audited unit


@dataclass(frozen=True)
class Entry:
    """One baselined finding; `message` is what the rule said about it then."""

    fingerprint: str
    rule: str
    file: str
    path: str
    message: str
    field: str = ""  # the judged field at the finding's place (a diff key), "" for none
    value: Any = MISSING  # what that field held
    channels: tuple[str, ...] = ()  # channels whose SLA targets the finding concerned


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline and the directory its file names are relative to."""

    file: str
    entries: tuple[Entry, ...]
    version: int = BASELINE_VERSION
    # unit file (relative to the baseline) -> list item key -> digest (see compare.renames)
    items: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

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


def dump(units: Iterable[tuple[Process, Iterable[Finding]]],
         out_file: str | os.PathLike[str]) -> str:
    """The baseline text for each unit's findings, file names relative to `out_file`'s
    directory."""
    from cxaudit.policy.baseline_match import describe_unit

    base = Path(out_file).parent
    entries: dict[str, Entry] = {}
    items: dict[str, dict[str, str]] = {}
    for proc, findings in units:
        counted = [f for f in findings if counts(f)]
        places, items[relative_path(proc.file, base)] = describe_unit(proc, counted)
        for f, (key, value, channels) in zip(counted, places, strict=True):
            e = Entry(relative_fingerprint(f, base), f.rule_id,
                      relative_path(f.location.file, base),
                      f.location.anchor or f.location.path, f.message, key, value, channels)
            entries.setdefault(e.fingerprint, e)
    rows = sorted(entries.values(), key=lambda e: (e.file, e.rule, e.path, e.fingerprint))
    data = {"baseline_version": BASELINE_VERSION, "tool": "cxaudit",
            "entries": [_row(e) for e in rows], "units": {k: {"items": v}
                                                          for k, v in sorted(items.items())}}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _row(e: Entry) -> dict[str, Any]:
    row: dict[str, Any] = {"fingerprint": e.fingerprint, "rule": e.rule, "file": e.file,
                           "path": e.path, "message": e.message}
    if e.field:
        row.update(field=e.field, value=e.value)
    if e.channels:
        row["channels"] = list(e.channels)
    return row


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file written by `cxaudit baseline create`."""
    name = os.fspath(path)
    hint = _("write it again with `cxaudit baseline create PATHS -o FILE`")
    if not os.path.lexists(name):
        raise InputError.at(name, 0, 0, _("baseline file not found"),
                            _("create it with `cxaudit baseline create PATHS -o FILE`"))
    from cxaudit.document.loading import read_limited

    raw = read_limited(name, MAX_BASELINE_BYTES, what=N_("baseline"),
                       option=_("a baseline this large is not supported; split the portfolio "
                                "into several baselines"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.at(name, 0, 0, _("cannot read baseline: {error}").format(error=exc),
                            hint) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(name, exc.lineno, exc.colno, _("invalid JSON: {error}").format(
            error=exc.msg), hint) from None
    except RecursionError:  # json's parser recurses once per level of nesting
        raise InputError.at(name, 1, 1, _("the JSON is nested too deeply to be a baseline"),
                            hint) from None
    return _entries(name, text, data, hint)


def _entries(name: str, text: str, data: Any, hint: str) -> Baseline:
    if not isinstance(data, dict) or data.get("baseline_version") not in READABLE_VERSIONS:
        raise InputError.at(name, 1, 1, _("not a cxaudit baseline (version {versions} "
                                          "expected)").format(
            versions=_(" or ").join(map(str, READABLE_VERSIONS))), hint)
    rows = data.get("entries")
    if not isinstance(rows, list):
        raise InputError.at(name, 1, 1, _("the baseline has no `entries` list"), hint)
    out = []
    fields = ("fingerprint", "rule", "file", "path", "message")
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in fields) \
                or not _extras_ok(row):
            line, col = _locate(name, text, ("entries", i))
            raise InputError.at(name, line, col, _("entries[{i}] must have the text fields "
                                                   "{fields} (and may have field, value and a "
                                                   "list of channels)").format(
                i=i, fields=", ".join(fields)), hint)
        out.append(Entry(row["fingerprint"], row["rule"], row["file"], row["path"],
                         row["message"], row.get("field", ""),
                         row.get("value", MISSING) if row.get("field") else MISSING,
                         tuple(row.get("channels", ()))))
    units = data.get("units", {})
    if not isinstance(units, dict) or not all(_items_ok(u) for u in units.values()):
        line, col = _locate(name, text, ("units",))
        raise InputError.at(name, line, col, _("`units` must map each file to its `items` "
                                               "(list item -> digest)"), hint)
    return Baseline(name, tuple(out), data["baseline_version"],
                    {f: dict(u.get("items", {})) for f, u in units.items()})


def _items_ok(unit: Any) -> bool:
    items = unit.get("items", {}) if isinstance(unit, dict) else None
    return isinstance(items, dict) and all(isinstance(v, str) for v in items.values())


def _extras_ok(row: dict[str, Any]) -> bool:
    channels = row.get("channels", [])
    return (isinstance(row.get("field", ""), str) and isinstance(channels, list)
            and all(isinstance(c, str) for c in channels))


def _locate(name: str, text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of `path` (JSON is YAML, and our YAML loader keeps positions)."""
    from cxaudit.document.loading import load_text

    try:
        return load_text(text, name).locate(path)
    except InputError:
        return 0, 0
