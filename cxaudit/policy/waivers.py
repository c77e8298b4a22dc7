"""Waivers: accepted exceptions with a reason, an owner and an expiry date.

A waiver names a rule and may narrow itself to a unit (a process file, relative to the waivers
file, or a unit name) and a document path (the finding's path or anything above it). Waived
findings stay in every report, marked as waived; they just stop failing the run. A waiver whose
`expires` date has passed fails the run instead, so exceptions get reviewed rather than forgotten.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxaudit import resources
from cxaudit.document.loading import Limits, load_bytes, read_limited
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import N_, _
from cxaudit.model.findings import Finding, Suppression
from cxaudit.policy.config import check_schema

DEFAULT_NAME = ".cxaudit-waivers.yaml"
WARN_DAYS = 14
_SEGMENT = re.compile(r"\[[^\]]*\]|[^.\[\]]+")


@dataclass(frozen=True)
class Waiver:
    """One accepted exception, with where it was written."""

    rule: str
    unit: str
    path: str
    reason: str
    owner: str
    expires: date
    file: str
    line: int
    column: int

    @property
    def where(self) -> str:
        """`file:line:col` of the waiver entry."""
        return f"{self.file}:{self.line}:{self.column}"

    def scope(self) -> str:
        """`RESP-001 at unit path`, as messages name a waiver."""
        at = " ".join(p for p in (self.unit, self.path) if p)
        return _("{rule} at {where}").format(rule=self.rule, where=at) if at else \
            _("{rule} (every unit)").format(rule=self.rule)

    def suppression(self) -> Suppression:
        """What a finding it covers carries."""
        return Suppression("waiver", self.reason, self.owner, self.expires.isoformat())

    def days_left(self, today: date) -> int:
        """Days until expiry (0 on the last day it holds, negative once expired)."""
        return (self.expires - today).days

    def matches(self, base: Path, unit_file: str, unit_name: str, finding: Finding) -> bool:
        """Whether this waiver covers `finding` of the unit read from `unit_file`."""
        if finding.rule_id != self.rule:
            return False
        if self.unit and not _unit_matches(self.unit, base, unit_file, unit_name):
            return False
        if not self.path:
            return True
        loc = finding.location
        return any(path_covers(self.path, p) for p in (loc.anchor, loc.path) if p)


@dataclass(frozen=True)
class WaiverFile:
    """The waivers of one file; unit paths in it are relative to its directory."""

    file: str
    waivers: tuple[Waiver, ...]

    @property
    def directory(self) -> Path:
        """Where the waivers' unit paths start."""
        return Path(self.file).parent


def _unit_matches(pattern: str, base: Path, unit_file: str, unit_name: str) -> bool:
    if pattern == unit_name:
        return True
    if os.path.abspath(base / pattern) == os.path.abspath(unit_file):
        return True
    rel = os.path.relpath(os.path.abspath(unit_file), os.path.abspath(base))
    return fnmatchcase(Path(rel).as_posix(), pattern)


def path_covers(scope: str, path: str) -> bool:
    """Whether the document path `scope` is `path` or one of its ancestors.

    `[chat]` in the scope matches an item named `[id=chat]` (or `[name=chat]`...).
    """
    want = _SEGMENT.findall(scope)
    have = _SEGMENT.findall(path)
    if len(want) > len(have):
        return False
    for w, h in zip(want, have, strict=False):
        if w == h:
            continue
        if w.startswith("[") and "=" not in w and h.startswith("[") and h.endswith(f"={w[1:-1]}]"):
            continue
        return False
    return True


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The waivers JSON Schema."""
    result: dict[str, Any] = json.loads(resources.schema_text("waivers.schema.json"))
    return result


def load(path: str | os.PathLike[str]) -> WaiverFile:
    """Load and check a waivers file; every problem is positioned."""
    name = os.fspath(path)
    if not os.path.lexists(name):
        raise InputError.at(name, 0, 0, _("waivers file not found"),
                            _("check --waivers or `waivers:` in the config, or pass "
                              "--no-waivers"))
    raw = read_limited(name, Limits().max_bytes, what=N_("waivers file"),
                       option=_("a waivers file this large is not supported; split it"))
    text = raw.decode("utf-8", errors="replace")
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return WaiverFile(name, ())
    doc = load_bytes(raw, name, kind="waivers")
    check_schema(doc, schema(), "waivers")
    out, problems = [], []
    for i, raw in enumerate(doc.data["waivers"]):
        line, col = doc.locate(("waivers", i))
        try:
            expires = date.fromisoformat(raw["expires"])
        except ValueError:
            line_e, col_e = doc.locate(("waivers", i, "expires"))
            problems.append(Problem(name, line_e, col_e, _("{value!r} is not a real date").format(
                value=raw["expires"]), _("write the last day the waiver holds as YYYY-MM-DD")))
            continue
        out.append(Waiver(raw["rule"].upper(), raw.get("unit", ""), raw.get("path", ""),
                          raw["reason"].strip(), raw["owner"].strip(), expires, name, line, col))
    if problems:
        raise InputError(problems)
    return WaiverFile(name, tuple(out))
