"""Maturity stage: the last stage whose gating rules all hold, and what blocks the next one.

Stages are cumulative (like lint profiles): a unit stands at stage N when every rule gating
stages 1..N passed or does not apply. A violation blocks, and so does a fact the description
does not give (`needs-evidence`): a stage is shown only when the file proves it. Gating rules
that did not run (disabled, or absent from the packs) are not assessed and do not block.
The stages and gates live in `rules/data/maturity.yaml`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cxaudit.model.findings import Kind, RuleResult, Severity, Status


@dataclass(frozen=True)
class Stage:
    """One stage of the model and the rules that gate it."""

    name: str
    means: str
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    """The stage model: ordered stages and competency groups."""

    name: str
    source: str
    version: str
    note: str
    stages: tuple[Stage, ...]
    competencies: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Blocker:
    """A gating rule of the next stage that does not hold yet."""

    rule_id: str
    status: str  # "failed" or "needs-evidence"


@dataclass(frozen=True)
class Competency:
    """Findings per competency: where the work is."""

    name: str
    rules: int
    failing: int


@dataclass(frozen=True)
class Maturity:
    """The stage a unit has reached and what stands between it and the next one."""

    level: int
    stage: str
    means: str
    of: int
    next_stage: str | None
    blockers: tuple[Blocker, ...]
    competencies: tuple[Competency, ...]
    model: str
    version: str


@lru_cache(maxsize=1)
def model() -> Model:
    """The bundled stage model."""
    from cxaudit import resources
    from cxaudit.document.kept import bundled_yaml

    raw: dict[str, Any] = bundled_yaml(resources.rules_dir() / "data" / "maturity.yaml")
    stages = tuple(Stage(s["name"], " ".join(str(s["means"]).split()), tuple(s["requires"]))
                   for s in raw["stages"])
    comps = tuple((c["name"], tuple(c["rules"])) for c in raw["competencies"])
    return Model(raw["model"], raw["source"], str(raw["version"]),
                 " ".join(str(raw.get("note", "")).split()), stages, comps)


@lru_cache(maxsize=64)
def _members(m: Model, ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Rule ids per competency (patterns such as `FDB-*` expanded once per rule set)."""
    return {name: tuple(rid for rid in ids if any(_matches(rid, p) for p in pats))
            for name, pats in m.competencies}


def _matches(rule_id: str, pattern: str) -> bool:
    """fnmatch's answer; `FDB-*` and plain ids without compiling a regular expression."""
    head, star, tail = pattern.partition("*")
    if not any(c in head for c in "?[") and (not star or tail == ""):
        return rule_id.startswith(head) if star else rule_id == pattern
    return fnmatch.fnmatchcase(rule_id, pattern)


def _blocking(res: RuleResult) -> str | None:
    """Why a gating rule does not hold, or None when it does."""
    if res.status is Status.NEEDS_EVIDENCE:
        return "needs-evidence"
    if any(f.kind is Kind.VIOLATION and f.severity is not Severity.INFO for f in res.findings):
        return "failed"
    return None


def assess(results: Iterable[RuleResult], m: Model | None = None) -> Maturity:
    """Place one unit's rule results on the stage model."""
    m = m or model()
    by_id: Mapping[str, RuleResult] = {r.rule_id: r for r in results}
    level = 0
    blockers: tuple[Blocker, ...] = ()
    for i, stage in enumerate(m.stages):
        unmet = tuple(Blocker(rid, why) for rid in stage.requires if rid in by_id
                      for why in [_blocking(by_id[rid])] if why)
        if unmet:
            blockers = unmet
            break
        level = i + 1
    current = m.stages[level - 1] if level else None
    nxt = m.stages[level].name if level < len(m.stages) else None
    comps = []
    members = _members(m, tuple(by_id))
    for name, _ in m.competencies:
        ids = members[name]
        applicable = [rid for rid in ids if by_id[rid].status is not Status.NOT_APPLICABLE]
        failing = sum(1 for rid in applicable if _blocking(by_id[rid]) == "failed")
        comps.append(Competency(name, len(applicable), failing))
    return Maturity(level, current.name if current else "not placed",
                    current.means if current else "", len(m.stages), nxt, blockers,
                    tuple(comps), m.name, m.version)
