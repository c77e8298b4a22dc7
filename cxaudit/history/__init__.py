"""The history of audits in an embedded SQLite database: record runs, compare them, export.

    check --record  -> snapshot.run_snapshot(result) -> store.record (one transaction)
                    -> queries.progress_of_run -> the reports' progress sections and block
    history         -> store.runs / store.audits
    progress        -> queries.progress_since -> progress.compare (findings, values, waits)
    history import  -> importer.read_report / report_run -> store.record
    history export  -> export.to_json / to_csv

The database (`schema`, opened by `db.connect`) uses WAL so readers never wait for a writer,
and every run is written in one transaction. The default file is `.cxaudit/history.sqlite`
beside the configuration file, else in the working directory.

Sits beside `cxaudit.api` and `cxaudit.report` and imports neither: it may import
`cxaudit.result` and below (the comparison directions of `cxaudit.compare`, the waits of
`cxaudit.clock`). The progress block it computes is plain data that the reports draw.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cxaudit.history import db, queries, store
from cxaudit.history.model import RunRec

DEFAULT_NAME = Path(".cxaudit") / "history.sqlite"


def default_path(config_file: str | None) -> Path:
    """`.cxaudit/history.sqlite` beside the configuration file, else in the working directory."""
    base = Path(config_file).parent if config_file else Path()
    return base / DEFAULT_NAME


def now() -> datetime:
    """The real time, in UTC: stored with each run, never shown in a report."""
    return datetime.now(UTC)


@dataclass
class History:
    """An open history database."""

    path: Path
    conn: sqlite3.Connection

    @classmethod
    def open(cls, path: Path, *, create: bool) -> History:
        """Open the database at `path` (creating it when `create`), checked and migrated."""
        return cls(path, db.connect(path, create=create))

    def close(self) -> None:
        """Close the connection (WAL files are kept tidy by SQLite)."""
        self.conn.close()

    def record(self, run: RunRec) -> int:
        """Store a run in one transaction; its number."""
        return store.record(self.conn, self.path, run)

    def progress_of_run(self, run: RunRec, run_id: int | None) -> dict[str, Any]:
        """The progress block for the units of `run` (recorded as `run_id`, or not at all)."""
        return queries.progress_of_run(self.conn, self.path, run, run_id)


__all__ = ["DEFAULT_NAME", "History", "default_path", "now"]
