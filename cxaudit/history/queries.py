"""Choosing which audits to compare: the previous one, the one by a date, or one run's."""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from cxaudit.errors import UsageError
from cxaudit.history import store
from cxaudit.history.messages import MESSAGES
from cxaudit.history.model import RunRec
from cxaudit.history.progress import block, compare
from cxaudit.history.store import AuditRow


def _trend(rows: list[AuditRow]) -> list[dict[str, Any]]:
    return [{"run": r.run, "as_of": r.as_of, "score": r.score} for r in rows]


def _since(units: list[dict[str, Any]]) -> str | None:
    dates = [u["then"]["as_of"] for u in units if u["then"] and u["then"]["as_of"]]
    return min(dates) if dates else None


def progress_of_run(conn: sqlite3.Connection, path: Path, run: RunRec,
                    run_id: int | None) -> dict[str, Any]:
    """Each unit of this run against its latest earlier audit in the history.

    `run_id`: the run's number when it was recorded (its own audits are not "earlier").
    """
    out = []
    for u in run.units:
        rows = [a for a in store.audits(conn, path, u.key) if a.run != run_id]
        prior = [a for a in rows if (a.as_of or "") <= (u.as_of or "")]
        then = store.load(conn, path, prior[-1].id) if prior else None
        now = replace(u, run=run_id)
        trend = _trend(prior) + [{"run": run_id, "as_of": u.as_of, "score": u.score}]
        out.append(compare(then, now, trend))
    return block(out, _since(out))


def resolve_unit(conn: sqlite3.Connection, path: Path, name: str) -> str:
    """The key of a unit named by its key (process.id) or by a file it was recorded from."""
    known = store.units(conn, path)
    keys = [k for k, _, _ in known]
    if name in keys:
        return name
    by_file = [k for k, f, _ in known if f == name or f.endswith("/" + name)]
    if len(by_file) == 1:
        return by_file[0]
    close = difflib.get_close_matches(name, keys, n=3)
    hint = (MESSAGES["no_unit_hint_close"].format(close=", ".join(close)) if close else
            MESSAGES["no_unit_hint"].format(known=", ".join(keys[:10]) or "-"))
    raise UsageError.at(str(path), 0, 0, MESSAGES["no_unit"].format(unit=name), hint)


def parse_since(value: str | None) -> date | int | None:
    """--since: a date (YYYY-MM-DD) or a run number."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return int(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError.at("--since", 0, 0, MESSAGES["bad_since"].format(value=value),
                            MESSAGES["bad_since_hint"]) from None


def _then(rows: list[AuditRow], since: date | int | None) -> AuditRow | None:
    earlier = rows[:-1]
    if since is None:
        return earlier[-1] if earlier else None
    if isinstance(since, int):
        found = [r for r in earlier if r.run == since]
        return found[-1] if found else None
    day = since.isoformat()
    found = [r for r in earlier if r.as_of is not None and r.as_of <= day]
    return found[-1] if found else None


def progress_since(conn: sqlite3.Connection, path: Path, since: date | int | None,
                   names: list[str]) -> dict[str, Any]:
    """Every unit's latest audit against the one `since` chose (default: the one before)."""
    keys = [resolve_unit(conn, path, n) for n in names]
    rows = store.audits(conn, path)
    if not rows:
        raise UsageError.at(str(path), 0, 0, MESSAGES["empty"], MESSAGES["empty_hint"])
    if isinstance(since, int) and since not in {r.run for r in rows}:
        raise UsageError.at(str(path), 0, 0, MESSAGES["no_run"].format(run=since),
                            MESSAGES["no_run_hint"])
    by_unit: dict[str, list[AuditRow]] = {}
    for r in rows:
        by_unit.setdefault(r.unit, []).append(r)
    out = []
    for key in sorted(by_unit) if not keys else list(dict.fromkeys(keys)):
        unit_rows = by_unit[key]
        then_row = _then(unit_rows, since)
        then = None if then_row is None else store.load(conn, path, then_row.id)
        now = store.load(conn, path, unit_rows[-1].id)
        out.append(compare(then, now, _trend(unit_rows)))
    return block(out, since.isoformat() if isinstance(since, date) else _since(out),
                 since if isinstance(since, int) else None)


__all__ = ["parse_since", "progress_of_run", "progress_since", "resolve_unit"]
