"""The whole history for BI tools: JSON (runs, audits with findings and waits) or CSV tables.

CSV comes as one table per call: audits (one row per unit per run, one column per category
score) or, with `findings`, one row per finding. A cell a spreadsheet would run as a formula
(starting with =, +, -, @) is written with a leading apostrophe. Rows are in a fixed order and
there is no time of export, so the same database gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from cxaudit.history import store
from cxaudit.history.schema import LATEST

AUDIT_COLUMNS = ("run", "recorded_at", "as_of", "source", "unit", "keyed_by", "name", "file",
                 "score", "described", "maturity_level", "maturity_stage", "critical", "high", "medium",
                 "low", "notes", "needs_evidence", "open_findings")
FINDING_COLUMNS = ("run", "as_of", "unit", "rule_id", "title", "severity", "kind", "path",
                   "value", "message", "fingerprint", "suppression")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _audits(conn: sqlite3.Connection, path: Path) -> list[dict[str, Any]]:
    """Every audit in order (by unit, then as-of date), fully loaded."""
    out = []
    for row in store.audits(conn, path):
        a = store.load(conn, path, row.id)
        out.append({
            "run": row.run, "recorded_at": row.recorded_at, "source": row.source,
            "unit": a.key, "keyed_by": a.keyed_by, "name": a.name, "file": a.file,
            "as_of": a.as_of, "score": a.score, "passed": a.passed,
            "judged": a.judged, "applicable": a.applicable, "described": a.described,
            "maturity": {"level": a.level, "stage": a.stage}, "categories": a.categories,
            "counts": a.counts, "outcomes": a.outcomes,
            "findings": [{"rule_id": f.rule_id, "title": f.title, "severity": f.severity,
                          "kind": f.kind, "path": f.path, "anchor": f.anchor,
                          "value": f.value, "message": f.message,
                          "fingerprint": f.fingerprint, "suppression": f.suppression}
                         for f in a.findings],
            "waits": [{"channel": w.channel, "priority": w.priority, "metric": w.metric,
                       "target": w.target, "clock": w.clock, "week_hours": w.week_hours,
                       "year_hours": w.year_hours} for w in a.waits]})
    return out


def to_json(conn: sqlite3.Connection, path: Path) -> str:
    """Runs and audits as one JSON document (sorted keys)."""
    runs = [{"run": r.id, "recorded_at": r.recorded_at, "as_of": r.as_of,
             "tool_version": r.tool_version, "rule_packs": r.rule_packs,
             "language": r.language, "source": r.source, "units": r.units}
            for r in reversed(store.runs(conn, path))]
    data = {"history_version": LATEST, "runs": runs, "audits": _audits(conn, path)}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value


def to_csv(conn: sqlite3.Connection, path: Path, findings: bool = False) -> str:
    """One CSV table: audits (category scores as columns), or findings."""
    audits = _audits(conn, path)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if findings:
        writer.writerow(FINDING_COLUMNS)
        for a in audits:
            for f in a["findings"]:
                writer.writerow([_cell(v) for v in (a["run"], a["as_of"], a["unit"],
                                                     *(f[c] for c in FINDING_COLUMNS[3:]))])
        return out.getvalue()
    categories = sorted({c for a in audits for c in a["categories"]})
    writer.writerow((*AUDIT_COLUMNS, *(f"score_{c}" for c in categories)))
    for a in audits:
        c = a["counts"]
        open_findings = sum(1 for f in a["findings"]
                            if f["kind"] == "violation" and f["severity"] != "info")
        row = (a["run"], a["recorded_at"], a["as_of"], a["source"], a["unit"], a["keyed_by"],
               a["name"], a["file"], a["score"], a["described"], a["maturity"]["level"],
               a["maturity"]["stage"], c.get("critical"), c.get("high"), c.get("medium"),
               c.get("low"), c.get("info"), c.get("needs-evidence"), open_findings,
               *(a["categories"].get(cat) for cat in categories))
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


__all__ = ["AUDIT_COLUMNS", "FINDING_COLUMNS", "to_csv", "to_json"]
