"""Opening the history database: SQLite in WAL mode, versioned, and every failure a clear error.

Every problem with the file (damaged, not SQLite, another program's database, written by a
newer cxaudit, locked for longer than the busy timeout, a folder we cannot write) becomes an
InputError naming the file (exit code 2). Every open checks the file (`PRAGMA quick_check`), so
damage is found before anything is read or written. Nothing here ever deletes, recreates or
rewrites a database it cannot read: earlier runs are never lost. Writes happen in one `BEGIN IMMEDIATE`
transaction each, so a run killed half-way leaves the database as it was before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from cxaudit.errors import InputError, UsageError
from cxaudit.history.messages import MESSAGES
from cxaudit.history.schema import APPLICATION_ID, LATEST, MIGRATIONS

TIMEOUT_ENV = "CXAUDIT_HISTORY_TIMEOUT"
DEFAULT_TIMEOUT = 30.0  # seconds to wait for another run's write to finish


def busy_timeout() -> float:
    """Seconds to wait for a lock: $CXAUDIT_HISTORY_TIMEOUT, else DEFAULT_TIMEOUT."""
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86_400:
        raise UsageError.at(TIMEOUT_ENV, 0, 0, MESSAGES["bad_timeout"].format(value=text),
                            MESSAGES["bad_timeout_hint"])
    return value


def _fail(path: Path, key: str, **values: object) -> InputError:
    return InputError.at(str(path), 0, 0, MESSAGES[key].format(**values),
                         MESSAGES[key + "_hint"].format(**values))


@contextlib.contextmanager
def guarded(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Turn SQLite's exceptions into errors that name the file and say what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise _fail(path, "locked", seconds=f"{busy_timeout() if timeout is None else timeout:g}",
                        env=TIMEOUT_ENV) from None
        if "readonly" in text or "read-only" in text:
            raise _fail(path, "readonly") from None
        if "unable to open" in text or "disk i/o" in text:
            raise _fail(path, "cannot_open", detail=exc) from None
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            raise _fail(path, "damaged", detail=exc) from None
        raise _fail(path, "damaged", detail=exc) from None
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        raise _fail(path, "damaged", detail=exc) from None


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a cxaudit history (0 for an empty file); refuse anything else."""
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app == 0 and version == 0 and tables == 0:
        return 0
    if app != APPLICATION_ID:
        raise _fail(path, "foreign")
    if version > LATEST:
        raise _fail(path, "newer", version=version, latest=LATEST)
    return int(version)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to LATEST in one transaction (another run may do it first)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _check_identity(conn, path)  # again, now that we hold the write lock
        while version < LATEST:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            version += 1
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """Open (with `create`: create if missing) the history at `path`, at the latest schema."""
    if path.exists() and not path.is_file():
        raise _fail(path, "not_a_file")
    if not create and not path.exists():
        raise _fail(path, "missing")
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(path, "cannot_open", detail=exc.strerror or exc) from None
    timeout = busy_timeout()
    uri = f"file:{quote(str(path.resolve()))}?mode={'rwc' if create else 'rw'}"
    with guarded(path, timeout):
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        with guarded(path, timeout):
            version = _check_identity(conn, path)
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
            if problems != ["ok"]:
                raise _fail(path, "damaged", detail="; ".join(problems))
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version < LATEST:
                _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """One write transaction: everything in it lands, or nothing does."""
    with guarded(path):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise


__all__ = ["DEFAULT_TIMEOUT", "TIMEOUT_ENV", "busy_timeout", "connect", "guarded",
           "transaction"]
