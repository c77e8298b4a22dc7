"""Findings introduced and resolved, matched by rule and document path (not file or line).

The file names differ between sides (`origin/main:process.yaml` vs `process.yaml`), so the
file part of the fingerprint is left out; list items are named by their id, so reordering a
list moves no finding. A violation on both sides that got worse (a looser value at its place,
or more channels affected: cxaudit.compare.worse, the judgement `check --baseline` uses too) is
listed as introduced, with what made it worse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from cxaudit.compare.renames import renamed
from cxaudit.diff.result import FindingChange
from cxaudit.model.classes import SEVERITY_RANK
from cxaudit.model.durations import PRIORITY_ALIASES
from cxaudit.model.findings import Finding, Kind
from cxaudit.result import UnitReport

_TARGET_KEY = re.compile(r"(\.targets\.[A-Za-z_]+\.)([A-Za-z0-9_]+)")


def _where(path: str) -> str:
    """The document path with priority aliases folded (`targets.first_response.p3` is `.normal`)."""
    return _TARGET_KEY.sub(lambda m: m.group(1) + PRIORITY_ALIASES.get(m.group(2).lower(),
                                                                       m.group(2)), path)


def _key(f: Finding) -> tuple[str, str]:
    return f.rule_id, _where(f.location.anchor or f.location.path)


def _change(f: Finding) -> FindingChange:
    return FindingChange(f.rule_id, f.severity.value, f.kind.value, f.message,
                         f.location.anchor or f.location.path, f.location.line)


def compare_findings(old: UnitReport, new: UnitReport, renames: dict[str, str] | None = None,
                     as_of: date | None = None, channel_renames: Mapping[str, str] | None = None
                     ) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    """(introduced, resolved): findings on one side only, or worse than before, worst first.

    `renames` (old list-item key -> new key) moves old findings to the item's new name;
    `channel_renames` (old channel id -> new) and `as_of` are for judging what got worse.

    A needs-evidence finding is about a rule's missing input, and rules anchor it at the first
    place that lacks the fact, which moves when a list is reordered; leftover needs-evidence
    findings of the same rule on both sides are therefore the same finding.
    """
    old_by: dict[tuple[str, str], list[Finding]] = {}
    new_by: dict[tuple[str, str], list[Finding]] = {}
    for f in old.findings:
        rule, where = _key(f)
        old_by.setdefault((rule, renamed(where, renames or {})), []).append(f)
    for f in new.findings:
        new_by.setdefault(_key(f), []).append(f)
    introduced = [f for k, fs in new_by.items() for f in fs[len(old_by.get(k, [])):]]
    resolved = [f for k, fs in old_by.items() for f in fs[len(new_by.get(k, [])):]]
    for f in list(introduced):
        twin = next((g for g in resolved if g.rule_id == f.rule_id
                     and g.kind is f.kind is Kind.NEEDS_EVIDENCE), None)
        if twin is not None:
            introduced.remove(f)
            resolved.remove(twin)
    pairs = [(a, b) for k, fs in new_by.items() for a, b in zip(old_by.get(k, []), fs, strict=False)]
    worse = _worse(old, new, pairs, renames or {}, as_of, channel_renames or {})
    return (_sorted([_change(f) for f in introduced] + worse),
            _sorted([_change(f) for f in resolved]))


def _worse(old: UnitReport, new: UnitReport, pairs: list[tuple[Finding, Finding]],
           renames: dict[str, str], as_of: date | None,
           channel_renames: Mapping[str, str]) -> list[FindingChange]:
    """The violations on both sides that got worse, each with what made it worse."""
    from cxaudit.compare.flatten import choose_keys
    from cxaudit.compare.worse import fields_of, place, reason

    pairs = [(a, b) for a, b in pairs if a.kind is b.kind is Kind.VIOLATION]
    if not pairs:
        return []
    keys = choose_keys([old.document.data, new.document.data])
    fields = fields_of(old.document, keys), fields_of(new.document, keys)
    out = []
    for a, b in pairs:
        was, now = place(old.document, a, fields[0]), place(new.document, b, fields[1])
        if was is None or now is None:
            continue
        why = reason(was, now, new.document, as_of, renamed(was.key, renames),
                     (a.message, b.message), channel_renames)
        if why:
            out.append(replace(_change(b), worse=why))
    return out


def _sorted(items: list[FindingChange]) -> tuple[FindingChange, ...]:
    return tuple(sorted(items, key=lambda c: (c.kind != "violation",
                                              -SEVERITY_RANK.get(c.severity, -1),
                                              c.rule_id, c.path, c.message)))


__all__ = ["compare_findings"]
