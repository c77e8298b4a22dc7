"""Which baseline entry a finding is, and whether it got worse since the baseline was taken.

A finding matches an entry by its fingerprint; failing that, through the list items renamed
since (an SLA policy renamed `standard` -> `default` and otherwise unchanged), found exactly as
`cxaudit diff` finds them (cxaudit.compare.renames). A matched finding that got worse counts as
new: a looser value at its place, or its target now applying to more channels, while the rule
says something else about it (cxaudit.compare.worse, the judgement `diff` uses for the findings it
lists as worse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cxaudit.compare.flatten import Item, choose_keys, flatten
from cxaudit.compare.renames import list_items, pair, renamed, signatures
from cxaudit.compare.worse import Place, judged, place, reason
from cxaudit.document.loading import DocPath
from cxaudit.model.findings import Finding
from cxaudit.model.process import MISSING, Process
from cxaudit.policy.baseline import Baseline, Entry, relative_fingerprint, relative_path

_CHANNEL = re.compile(r"^channels\[(?:id|type)=(.*)\]$")


def describe_unit(proc: Process, findings: list[Finding]
                  ) -> tuple[list[tuple[str, Any, tuple[str, ...]]], dict[str, str]]:
    """What a baseline keeps of one unit: per finding its field, value and channels, and a
    digest of every list item."""
    items = flatten(proc, choose_keys([proc.data]))
    fields = judged(items)
    places = []
    for f in findings:
        p = place(proc, f, fields)
        places.append(("", MISSING, ()) if p is None else
                      (p.key, p.value if p.key else MISSING, p.channels))
    return places, signatures(items, list_items(items))


@dataclass(frozen=True)
class _Unit:
    """One audited unit as the matcher sees it."""

    fields: dict[DocPath, Item]
    renames: dict[str, str]  # list item key in the baseline -> its key now
    channel_renames: dict[str, str]  # channel id in the baseline -> its id now
    as_of: date | None


class Matcher:
    """Matches the findings of a run against one baseline."""

    def __init__(self, baseline: Baseline, as_of: date | None = None) -> None:
        self.baseline = baseline
        self.as_of = as_of
        self.entries = {e.fingerprint: e for e in baseline.entries}
        self._units: dict[int, tuple[Process, _Unit]] = {}

    def match(self, finding: Finding, proc: Process | None = None) -> tuple[Entry | None, str]:
        """(the entry `finding` is, or None; why it is worse than that entry, or "")."""
        entry = self.entries.get(self.baseline.fingerprint(finding))
        if proc is None or self.baseline.version < 2:
            return entry, ""  # a version 1 baseline knows fingerprints only
        if entry is None:
            entry = self._through_renames(finding, self._unit(proc))
            if entry is None:
                return None, ""
        if entry.message == finding.message:
            return entry, ""  # the rule says what it said then: not worse (and no need to look)
        unit = self._unit(proc)
        now = place(proc, finding, unit.fields)
        if now is None:
            return entry, ""
        was = Place(now.path, entry.field, entry.value, entry.channels)
        return entry, reason(was, now, proc, unit.as_of, renamed(entry.field, unit.renames),
                             (entry.message, finding.message), unit.channel_renames)

    def _through_renames(self, finding: Finding, unit: _Unit) -> Entry | None:
        loc = finding.location
        anchor = loc.anchor or loc.path
        old = renamed(anchor, {new: old for old, new in unit.renames.items()})
        if old == anchor:
            return None
        before = replace(finding, location=replace(loc, anchor=old))
        return self.entries.get(relative_fingerprint(before, self.baseline.directory))

    def _unit(self, proc: Process) -> _Unit:
        hit = self._units.get(id(proc))
        if hit is not None and hit[0] is proc:
            return hit[1]
        from cxaudit.model.process import as_of_date

        items = flatten(proc, choose_keys([proc.data]))
        stored = self.baseline.items.get(relative_path(proc.file, self.baseline.directory), {})
        keys = list_items(items)
        now = {**dict.fromkeys(keys, ""), **signatures(items, [k for k in keys
                                                               if k not in stored])}
        renames = pair(stored, now) if stored else {}
        channels = {}
        for old, new in renames.items():
            a, b = _CHANNEL.match(old), _CHANNEL.match(new)
            if a and b:
                channels[a.group(1)] = b.group(1)
        unit = _Unit(judged(items), renames, channels, as_of_date(proc, self.as_of))
        self._units[id(proc)] = (proc, unit)
        return unit


__all__ = ["Matcher", "describe_unit"]
