"""The history database under stress: concurrent runs, a kill in the middle of a write, and
files that are damaged, locked, foreign or from a newer cxaudit.

Every failure is an error naming the file with exit code 2, the file is left byte for byte as
it was, and the runs recorded before are still there.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT

from cxaudit.history import History
from cxaudit.history import db as history_db
from cxaudit.history.schema import LATEST

UNITS = EXAMPLES / "units"


def _runs(path: Path) -> list[tuple[int, int]]:
    """(run, audits in it) of every run, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT r.id, (SELECT count(*) FROM audits a WHERE a.run_id = r.id) "
                            "FROM runs r ORDER BY r.id").fetchall()


def _record(path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxaudit", "check", str(UNITS), "--record",
                           str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def recorded(tmp_path: Path, cli: Any) -> Path:
    """A history with two runs of the two bundled units."""
    path = tmp_path / "history.sqlite"
    for _ in range(2):
        assert cli("check", UNITS, "--record", path).exit_code == 1
    assert _runs(path) == [(1, 2), (2, 2)]
    return path


# ------------------------------------------------------------------ concurrent and killed

def test_two_runs_recording_at_once_both_land(recorded: Path) -> None:
    holder = sqlite3.connect(recorded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both runs find the database busy and queue behind it
    procs = [subprocess.Popen([sys.executable, "-m", "cxaudit", "check", str(UNITS), "--record",
                               str(recorded)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(1.0)
    holder.execute("ROLLBACK")
    holder.close()
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [1, 1], errors
    assert _runs(recorded) == [(1, 2), (2, 2), (3, 2), (4, 2)]
    assert sorted(e.count("recorded run") for e in errors) == [1, 1]


KILLED = textwrap.dedent("""
    import sys, time
    from cxaudit.history import store
    insert = store._insert_unit

    def slow(conn, run_id, unit):  # stop inside the transaction, after the first unit
        insert(conn, run_id, unit)
        print("inside the transaction", flush=True)
        time.sleep(120)

    store._insert_unit = slow
    from cxaudit.cli import main
    sys.argv = ["cxaudit", "check", sys.argv[1], "--record", sys.argv[2]]
    main()
""")


def test_a_run_killed_mid_write_leaves_the_earlier_history_intact(recorded: Path,
                                                                   tmp_path: Path) -> None:
    script = tmp_path / "killed.py"
    script.write_text(KILLED, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(UNITS), str(recorded)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inside the transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _runs(recorded) == [(1, 2), (2, 2)]  # nothing of the killed run, nothing lost
    with closing(sqlite3.connect(recorded)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    after = _record(recorded)
    assert after.returncode == 1, after.stderr
    assert [r for r, _ in _runs(recorded)][:2] == [1, 2] and len(_runs(recorded)) == 3


# ---------------------------------------------------------------- files that cannot be used

def _refused(cli: Any, path: Path, message: str) -> None:
    before = path.read_bytes()
    for args in (("check", UNITS, "--record", path), ("check", UNITS, "--history", path),
                 ("history", "--db", path), ("progress", "--db", path),
                 ("history", "export", "-f", "csv", "--db", path)):
        r = cli(*args)
        assert r.exit_code == 2, (args, r.stdout)
        assert r.stderr.startswith(f"{path}: {message}"), (args, r.stderr)
        assert "hint: " in r.stderr and "Traceback" not in r.stderr
        assert r.stdout == ""  # no report from a run whose history cannot be used
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    _refused(cli, path, "the history database is damaged or is not a SQLite database")


def test_a_damaged_page_is_refused_and_left_alone(cli: Any, recorded: Path) -> None:
    with closing(sqlite3.connect(recorded)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(recorded.read_bytes())
    start = size * (pages // 2)  # a b-tree page in the middle of the file
    data[start:start + 64] = b"\xff" * 64
    recorded.write_bytes(bytes(data))
    _refused(cli, recorded, "the history database is damaged or is not a SQLite database")


def test_a_newer_schema_is_refused_and_left_alone(cli: Any, recorded: Path) -> None:
    with closing(sqlite3.connect(recorded)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    _refused(cli, recorded, f"the history database has schema version {LATEST + 1}; this "
                            f"cxaudit reads up to version {LATEST}")
    assert len(_runs(recorded)) == 2


def test_another_programs_database_is_refused(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    _refused(cli, path, "this SQLite file is not a cxaudit history database")


def test_a_database_locked_beyond_the_busy_timeout(cli: Any, recorded: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_HISTORY_TIMEOUT", "0.5")
    holder = sqlite3.connect(recorded, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = cli("check", UNITS, "--record", recorded, "-f", "json")
        assert r.exit_code == 2
        assert r.stderr.startswith(f"{recorded}: the history database is locked by another "
                                   "program (waited 0.5 s)")
        assert "CXAUDIT_HISTORY_TIMEOUT=SECONDS" in r.stderr and r.stdout == ""
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _runs(recorded) == [(1, 2), (2, 2)]
    assert cli("check", UNITS, "--record", recorded).exit_code == 1  # and it works again


def test_a_bad_busy_timeout_is_a_usage_error(cli: Any, recorded: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_HISTORY_TIMEOUT", "soon")
    r = cli("history", "--db", recorded)
    assert r.exit_code == 2 and "CXAUDIT_HISTORY_TIMEOUT: 'soon' is not a number" in r.stderr


def test_an_older_schema_is_migrated_in_place(recorded: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A later cxaudit adds a table: the file moves to the new version and keeps its runs."""
    monkeypatch.setattr(history_db, "LATEST", LATEST + 1)
    monkeypatch.setitem(history_db.MIGRATIONS, LATEST, ("CREATE TABLE notes (text TEXT)",))
    h = History.open(recorded, create=False)
    h.close()
    with closing(sqlite3.connect(recorded)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    assert _runs(recorded) == [(1, 2), (2, 2)]


def test_a_failed_migration_changes_nothing(recorded: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = _runs(recorded)
    monkeypatch.setattr(history_db, "LATEST", LATEST + 1)
    monkeypatch.setitem(history_db.MIGRATIONS, LATEST,
                        ("CREATE TABLE notes (text TEXT)", "THIS IS NOT SQL"))
    with pytest.raises(Exception):  # noqa: B017 - whatever the error, the file keeps its version
        History.open(recorded, create=False)
    with closing(sqlite3.connect(recorded)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'notes'"
                            ).fetchone()[0] == 0
    assert _runs(recorded) == before
