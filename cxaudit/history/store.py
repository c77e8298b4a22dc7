"""Writing runs into the history (one transaction each) and reading audits back.

Audits of a unit are ordered by their as-of date, then by when they were recorded: an older
report imported today still takes its place in the past.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxaudit.history.db import guarded, transaction
from cxaudit.history.model import FindingRec, RunRec, UnitAudit, ValueRec, WaitRec

ORDER = "COALESCE(a.as_of, ''), r.recorded_at, r.id"


@dataclass(frozen=True)
class RunRow:
    """One run as `cxaudit history` lists it."""

    id: int
    recorded_at: str
    as_of: str | None
    tool_version: str
    source: str
    units: int
    rule_packs: list[dict[str, Any]]
    language: str


@dataclass(frozen=True)
class AuditRow:
    """One audit of a unit, without its findings: enough to list and to order."""

    id: int
    run: int
    unit: str
    keyed_by: str
    file: str
    name: str
    as_of: str | None
    score: int | None
    described: int | None
    level: int
    stage: str
    counts: dict[str, int]
    open: int
    recorded_at: str
    source: str


def _unit_id(conn: sqlite3.Connection, key: str, keyed_by: str) -> int:
    conn.execute("INSERT OR IGNORE INTO units (key, keyed_by) VALUES (?, ?)", (key, keyed_by))
    row = conn.execute("SELECT id FROM units WHERE key = ?", (key,)).fetchone()
    return int(row[0])


def _insert_unit(conn: sqlite3.Connection, run_id: int, u: UnitAudit) -> None:
    audit_id = conn.execute(
        "INSERT INTO audits (run_id, unit_id, file, name, as_of, score, passed, applicable, "
        "judged, described, maturity_level, maturity_stage, categories, counts) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (run_id, _unit_id(conn, u.key, u.keyed_by), u.file, u.name, u.as_of, u.score,
         u.passed, u.applicable, u.judged, u.described, u.level, u.stage,
         json.dumps(u.categories, sort_keys=True),
         json.dumps(u.counts, sort_keys=True))).lastrowid
    conn.executemany("INSERT INTO outcomes VALUES (?, ?, ?)",
                     [(audit_id, r, o) for r, o in sorted(u.outcomes.items())])
    conn.executemany(
        "INSERT INTO findings (audit_id, fingerprint, rule_id, title, severity, kind, message, "
        "path, anchor, value, field, suppression) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(audit_id, f.fingerprint, f.rule_id, f.title, f.severity, f.kind, f.message, f.path,
          f.anchor, f.value, f.field, f.suppression) for f in u.findings])
    conn.executemany("INSERT INTO vals VALUES (?, ?, ?, ?, ?, ?)",
                     [(audit_id, v.key, v.generic, v.shown, v.scale, v.measure)
                      for v in u.values])
    conn.executemany("INSERT INTO waits VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(audit_id, w.channel, w.priority, w.metric, w.target, w.clock,
                       w.week_hours, w.year_hours) for w in u.waits])


def record(conn: sqlite3.Connection, path: Path, run: RunRec) -> int:
    """Store a whole run in one transaction and return its number."""
    with transaction(conn, path):
        run_id = conn.execute(
            "INSERT INTO runs (recorded_at, as_of, tool_version, rule_packs, language, source, "
            "digest, fail_on, config) VALUES (?,?,?,?,?,?,?,?,?)",
            (run.recorded_at, run.as_of, run.tool_version,
             json.dumps(list(run.rule_packs), sort_keys=True), run.language, run.source,
             run.digest, run.fail_on, run.config)).lastrowid
        assert run_id is not None
        for u in run.units:
            _insert_unit(conn, run_id, u)
    return run_id


def imported_as(conn: sqlite3.Connection, path: Path, digest: str) -> int | None:
    """The run a report with this digest was imported as, if it was."""
    with guarded(path):
        row = conn.execute("SELECT id FROM runs WHERE digest = ?", (digest,)).fetchone()
    return None if row is None else int(row[0])


def runs(conn: sqlite3.Connection, path: Path) -> list[RunRow]:
    """Every run, newest first."""
    with guarded(path):
        rows = conn.execute(
            "SELECT r.id, r.recorded_at, r.as_of, r.tool_version, r.source, "
            "(SELECT count(*) FROM audits a WHERE a.run_id = r.id), r.rule_packs, r.language "
            "FROM runs r ORDER BY r.id DESC").fetchall()
    return [RunRow(i, t, a, v, s, n, json.loads(p), lang) for i, t, a, v, s, n, p, lang in rows]


_AUDIT = ("SELECT a.id, a.run_id, u.key, u.keyed_by, a.file, a.name, a.as_of, a.score, "
          "a.described, a.maturity_level, a.maturity_stage, a.counts, "
          "(SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.kind = 'violation' "
          "AND f.severity != 'info'), r.recorded_at, r.source "
          "FROM audits a JOIN units u ON u.id = a.unit_id JOIN runs r ON r.id = a.run_id ")


def _audit_row(row: tuple[Any, ...]) -> AuditRow:
    i, run, key, by, file, name, as_of, score, described, level, stage, counts, n, at, \
        source = row
    return AuditRow(i, run, key, by, file, name, as_of, score, described, level, stage,
                    json.loads(counts), n, at, source)


def audits(conn: sqlite3.Connection, path: Path, unit: str | None = None) -> list[AuditRow]:
    """Every audit (of one unit, by its key), in order: oldest first."""
    where, args = ("WHERE u.key = ? ", (unit,)) if unit is not None else ("", ())
    with guarded(path):
        rows = conn.execute(_AUDIT + where + f"ORDER BY u.key, {ORDER}", args).fetchall()
    return [_audit_row(r) for r in rows]


def units(conn: sqlite3.Connection, path: Path) -> list[tuple[str, str, str]]:
    """(key, latest file, latest name) of every unit, by key."""
    out = {}
    for a in audits(conn, path):
        out[a.unit] = (a.unit, a.file, a.name)  # ordered: the last one is the latest
    return [out[k] for k in sorted(out)]


def load(conn: sqlite3.Connection, path: Path, audit_id: int) -> UnitAudit:
    """One audit with its outcomes, findings, values and waits."""
    with guarded(path):
        a = conn.execute(
            "SELECT u.key, u.keyed_by, a.file, a.name, a.as_of, a.score, a.passed, a.applicable, "
            "a.judged, a.described, a.maturity_level, a.maturity_stage, a.categories, a.counts, a.run_id, r.source "
            "FROM audits a JOIN units u ON u.id = a.unit_id JOIN runs r ON r.id = a.run_id "
            "WHERE a.id = ?", (audit_id,)).fetchone()
        outcomes = dict(conn.execute("SELECT rule_id, outcome FROM outcomes WHERE audit_id = ?",
                                     (audit_id,)).fetchall())
        findings = tuple(FindingRec(*r) for r in conn.execute(
            "SELECT fingerprint, rule_id, title, severity, kind, message, path, anchor, value, "
            "field, suppression FROM findings WHERE audit_id = ? ORDER BY rowid",
            (audit_id,)).fetchall())
        values = tuple(ValueRec(*r) for r in conn.execute(
            "SELECT key, generic, shown, scale, measure FROM vals WHERE audit_id = ? "
            "ORDER BY key", (audit_id,)).fetchall())
        waits = tuple(WaitRec(*r) for r in conn.execute(
            "SELECT channel, priority, metric, target, clock, week_hours, year_hours FROM waits "
            "WHERE audit_id = ? ORDER BY channel, priority, metric", (audit_id,)).fetchall())
    (key, by, file, name, as_of, score, passed, applicable, judged, described, level, stage,
     cats, counts, run, source) = a
    return UnitAudit(key, by, file, name, as_of, score, passed, applicable, level, stage,
                     json.loads(cats), json.loads(counts), outcomes, findings, values, waits,
                     judged=judged, described=described,
                     measured=not str(source).startswith("import"), run=run)


def latest_file_key(conn: sqlite3.Connection, path: Path, file: str) -> str | None:
    """The unit last recorded from `file`, if any (to match an imported unit without id)."""
    with guarded(path):
        row = conn.execute(
            "SELECT u.key FROM audits a JOIN units u ON u.id = a.unit_id JOIN runs r "
            f"ON r.id = a.run_id WHERE a.file = ? ORDER BY {ORDER} DESC LIMIT 1",
            (file,)).fetchone()
    return None if row is None else str(row[0])


__all__ = ["AuditRow", "RunRow", "audits", "imported_as", "latest_file_key", "load", "record",
           "runs", "units"]
