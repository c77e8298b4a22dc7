"""The history database's tables, and the migrations that bring an older file up to date.

The schema version lives in SQLite's `user_version`; `application_id` marks the file as a
cxaudit history. MIGRATIONS[n] upgrades version n to n + 1 and runs in the same transaction
as the version bump, so a database is always at one version or the next, never in between.
A database newer than LATEST is never written to.

    runs      one audit run (check --record, or an imported JSON report): its real time, the
              as-of date it was run with, tool and rule-pack versions, language, source
    units     one service unit, keyed by its process.id (or, without one, by its file path)
    audits    one unit in one run: file, name, as-of date, score (over the rules that could
              be judged) and described share, maturity, counts, categories
    outcomes  how each rule ended for that audit (failing severity, pass, needs-evidence...)
    findings  its findings: fingerprint (rule + place, not the file), severity, message,
              document path, and the value at that path
    vals      every comparable value of the unit (fields the diff judges by direction), with
              its measure on a scale where higher is better for the customer
    waits     the worst-case wait of every channel x priority x metric target
"""

from __future__ import annotations

APPLICATION_ID = 0x63786175  # "cxau"
LATEST = 1

_V1 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        as_of TEXT,
        tool_version TEXT NOT NULL,
        rule_packs TEXT NOT NULL,
        language TEXT NOT NULL,
        source TEXT NOT NULL,
        digest TEXT,
        fail_on TEXT,
        config TEXT)""",
    "CREATE UNIQUE INDEX runs_digest ON runs(digest) WHERE digest IS NOT NULL",
    """CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        keyed_by TEXT NOT NULL CHECK (keyed_by IN ('id', 'file')))""",
    """CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        file TEXT NOT NULL,
        name TEXT NOT NULL,
        as_of TEXT,
        score INTEGER,
        passed INTEGER NOT NULL,
        applicable INTEGER NOT NULL,
        judged INTEGER,
        described INTEGER,
        maturity_level INTEGER NOT NULL,
        maturity_stage TEXT NOT NULL,
        categories TEXT NOT NULL,
        counts TEXT NOT NULL,
        UNIQUE (run_id, unit_id))""",
    "CREATE INDEX audits_unit ON audits(unit_id)",
    """CREATE TABLE outcomes (
        audit_id INTEGER NOT NULL REFERENCES audits(id),
        rule_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        PRIMARY KEY (audit_id, rule_id)) WITHOUT ROWID""",
    """CREATE TABLE findings (
        audit_id INTEGER NOT NULL REFERENCES audits(id),
        fingerprint TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        title TEXT NOT NULL,
        severity TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        path TEXT NOT NULL,
        anchor TEXT,
        value TEXT,
        field TEXT,
        suppression TEXT)""",
    "CREATE INDEX findings_audit ON findings(audit_id)",
    """CREATE TABLE vals (
        audit_id INTEGER NOT NULL REFERENCES audits(id),
        key TEXT NOT NULL,
        generic TEXT NOT NULL,
        shown TEXT NOT NULL,
        scale TEXT NOT NULL,
        measure REAL NOT NULL,
        PRIMARY KEY (audit_id, key)) WITHOUT ROWID""",
    """CREATE TABLE waits (
        audit_id INTEGER NOT NULL REFERENCES audits(id),
        channel TEXT NOT NULL,
        priority TEXT NOT NULL,
        metric TEXT NOT NULL,
        target TEXT NOT NULL,
        clock TEXT NOT NULL,
        week_hours REAL,
        year_hours REAL,
        PRIMARY KEY (audit_id, channel, priority, metric)) WITHOUT ROWID""",
)

# MIGRATIONS[n]: the statements that turn schema version n into n + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {0: _V1}

__all__ = ["APPLICATION_ID", "LATEST", "MIGRATIONS"]
