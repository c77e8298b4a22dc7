"""A run as the history keeps it, built from the audit's result model.

Each unit is keyed by its `process.id` (a unit without one, or sharing it with another file of
the run, by its file path, and the run says so). Its findings get a fingerprint of rule and
place (list items by id or name), not of the file, so moving or renaming a file keeps them.
Every comparable value (the fields `cxaudit diff` judges by direction) is kept with a measure
on a scale where higher is better for the customer, and so is the value at each finding's
path; with the worst-case wait of every target, a loosened value shows even when the same
rule fired both times.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, datetime
from typing import Any

from cxaudit.compare.fields import METRIC_SEVERITY, Row
from cxaudit.compare.flatten import Item, canonical, choose_keys, flatten
from cxaudit.compare.judge import measure
from cxaudit.compare.show import show
from cxaudit.document.loading import format_path
from cxaudit.engine.outcomes import outcome
from cxaudit.history.messages import MESSAGES
from cxaudit.history.model import (
    FILE,
    ID,
    LANGUAGE,
    FindingRec,
    RunRec,
    UnitAudit,
    ValueRec,
    WaitRec,
)
from cxaudit.model.durations import Duration
from cxaudit.model.findings import Finding
from cxaudit.model.process import Process
from cxaudit.result import AuditResult, UnitReport

LIMIT = 1e300  # "no deadline at all" is stored as the end of the scale, not as infinity


def fingerprint(rule_id: str, place: str) -> str:
    """Rule and place within the unit (not the file): the same finding in every run."""
    return hashlib.sha256(f"{rule_id}\0{place}".encode()).hexdigest()[:16]


def scale(row: Row, item: Item) -> str:
    """What a value is measured in; two measures compare only on one scale."""
    v = item.value
    if row.kind == "duration":
        if isinstance(v, Duration):
            return f"{'bd' if v.unit == 'bd' else 'min'}@{item.clock or 'calendar'}"
        return "duration"  # "none": no deadline, worse than any deadline on any clock
    if row.kind == "amount":
        text = str(v).strip()
        currency = text.lstrip("0123456789. ").strip()
        return f"amount:{currency}"
    return row.kind


def _values(proc: Process) -> tuple[tuple[ValueRec, ...], dict[str, Item]]:
    """Every comparable value, and every flattened field by its document path."""
    items = flatten(proc, choose_keys([proc.data]))
    values, by_path = [], {}
    for item in items.values():
        by_path[format_path(item.path)] = item
        row = item.row
        if row is None:
            continue
        m = measure(row, item)
        if m is None:
            continue
        values.append(ValueRec(item.key, item.generic, show(row, item) or "", scale(row, item),
                               max(-LIMIT, min(LIMIT, m))))
    return tuple(sorted(values, key=lambda v: v.key)), by_path


def _finding(f: Finding, title: str, by_path: dict[str, Item]) -> FindingRec:
    loc = f.location
    item = by_path.get(loc.path)
    value = None
    if item is not None:
        value = show(item.row, item) if item.row is not None else canonical(item.value)
    place = loc.anchor or loc.path
    return FindingRec(fingerprint(f.rule_id, place), f.rule_id, title, f.severity.value,
                      f.kind.value, f.message, loc.path, place, value,
                      None if item is None else item.key,
                      None if f.suppression is None else f.suppression.kind)


def _target_text(duration: Duration, clock: str) -> str:
    return duration.text if duration.unit == "bd" or "@" in duration.text \
        else f"{duration.text}@{clock}"


def _waits(proc: Process, as_of: date | None) -> tuple[WaitRec, ...]:
    from cxaudit.clock.facts import Facts

    facts = Facts.build(proc, as_of)  # one schedule per channel and calendar set, kept
    out = []
    for t in proc.targets:
        if METRIC_SEVERITY.get(t.metric, "medium") == "-":
            continue  # agent work time is internal, not a customer's wait
        week = facts.wait(t)
        year = facts.wait(t, year=True) if as_of is not None else None
        out.append(WaitRec(t.channel, t.priority, t.metric, _target_text(t.duration, t.clock),
                           t.clock, None if week is None else round(week.hours, 4),
                           None if year is None else round(year.hours, 4)))
    unique = {(w.channel, w.priority, w.metric): w for w in out}
    return tuple(unique[k] for k in sorted(unique))


def unit_audit(result: AuditResult, unit: UnitReport, key: str, keyed_by: str) -> UnitAudit:
    """One unit of the run, as the history keeps it."""
    as_of = result.as_of_of(unit)
    values, by_path = _values(unit.document)
    findings = tuple(_finding(f, result.rules[f.rule_id].title, by_path) for f in unit.findings)
    return UnitAudit(
        key=key, keyed_by=keyed_by, file=unit.file, name=unit.name,
        as_of=None if as_of is None else as_of.isoformat(), score=unit.score.value,
        passed=unit.score.passed, applicable=unit.score.applicable,
        judged=unit.score.judged, described=unit.score.described,
        level=unit.maturity.level, stage=unit.maturity.stage,
        categories={c: s.value for c, s in unit.categories.items()}, counts=unit.counts(),
        outcomes={r.rule_id: outcome(r) for r in unit.results}, findings=findings,
        values=values, waits=_waits(unit.document, as_of))


def unit_keys(units: list[tuple[str | None, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """(key, keyed_by) per (process id, file), and what to tell the user about file keys."""
    ids = Counter(pid for pid, _ in units if pid is not None)
    out, notes = [], []
    for pid, file in units:
        if pid is not None and ids[pid] == 1:
            out.append((pid, ID))
            continue
        out.append((file, FILE))
        if pid is None:
            notes.append(MESSAGES["keyed_by_file"].format(file=file))
    for pid, count in sorted(ids.items()):
        if count > 1:
            files = ", ".join(f for p, f in units if p == pid)
            notes.append(MESSAGES["duplicate_id"].format(key=pid, count=count, files=files))
    return out, notes


def rule_packs(result: AuditResult) -> tuple[dict[str, Any], ...]:
    """Each rule pack with its number of rules and a digest of their definitions."""
    packs: dict[str, list[Any]] = {}
    for rule_id in sorted(result.rules):
        rule = result.rules[rule_id]
        packs.setdefault(rule.pack or "(unnamed)", []).append(rule.raw)
    return tuple({"pack": name, "rules": len(raws),
                  "digest": hashlib.sha256(json.dumps(raws, sort_keys=True, default=str)
                                           .encode()).hexdigest()[:12]}
                 for name, raws in sorted(packs.items()))


def run_snapshot(result: AuditResult, recorded_at: datetime) -> RunRec:
    """The whole run, ready to be stored in one transaction."""
    keys, notes = unit_keys([(u.process_id, u.file) for u in result.units])
    units = tuple(unit_audit(result, u, key, by) for u, (key, by) in zip(result.units, keys, strict=True))
    return RunRec(recorded_at=recorded_at.isoformat(timespec="seconds"),
                  as_of=None if result.as_of is None else result.as_of.isoformat(),
                  tool_version=result.version, rule_packs=rule_packs(result),
                  language=LANGUAGE, source="check", units=units, fail_on=result.fail_on,
                  config=result.config_file, notes=tuple(notes))


__all__ = ["fingerprint", "rule_packs", "run_snapshot", "scale", "unit_audit", "unit_keys"]
