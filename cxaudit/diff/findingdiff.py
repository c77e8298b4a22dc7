"""Findings introduced and resolved, matched by rule and document path (not file or line).

The file names differ between sides (`origin/main:process.yaml` vs `process.yaml`), so the
file part of the fingerprint is left out; list items are named by their id, so reordering a
list moves no finding.
"""

from __future__ import annotations

import re

from cxaudit.diff.result import FindingChange
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


def _renamed(path: str, renames: dict[str, str]) -> str:
    for ko, kn in renames.items():
        if path == ko or path.startswith((ko + ".", ko + "[")):
            return kn + path[len(ko):]
    return path


def compare_findings(old: UnitReport, new: UnitReport, renames: dict[str, str] | None = None
                     ) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    """(introduced, resolved): findings on one side only, worst first.

    `renames` (old list-item key -> new key) moves old findings to the item's new name.

    A needs-evidence finding is about a rule's missing input, and rules anchor it at the first
    place that lacks the fact, which moves when a list is reordered; leftover needs-evidence
    findings of the same rule on both sides are therefore the same finding.
    """
    old_by: dict[tuple[str, str], list[Finding]] = {}
    new_by: dict[tuple[str, str], list[Finding]] = {}
    for f in old.findings:
        rule, where = _key(f)
        old_by.setdefault((rule, _renamed(where, renames or {})), []).append(f)
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
    return _sorted([_change(f) for f in introduced]), _sorted([_change(f) for f in resolved])


def _sorted(items: list[FindingChange]) -> tuple[FindingChange, ...]:
    rank = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
    return tuple(sorted(items, key=lambda c: (c.kind != "violation", rank.get(c.severity, 5),
                                              c.rule_id, c.path, c.message)))


__all__ = ["compare_findings"]
