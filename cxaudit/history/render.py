"""The history's listings as terminal text (sentences from `messages`).

Used by `cxaudit history [UNIT]`; the progress block is drawn by the reports
(`cxaudit.report.progress_text`). Values from the user's files are cleaned
(cxaudit.terminal) so they stay on their line.
"""

from __future__ import annotations

from typing import Any

from cxaudit.history.importer import source_name
from cxaudit.history.messages import MESSAGES as M
from cxaudit.history.store import AuditRow, RunRow
from cxaudit.model.classes import SEVERITIES
from cxaudit.terminal import clean, guard


def _dash(value: Any) -> str:
    return M["none"] if value is None else clean(value)


def _source(source: str) -> str:
    name = source_name(source)
    return M["source_check"] if name == source else M["source_import"].format(file=clean(name))


def runs_text(db: str, runs: list[RunRow], units: int) -> str:
    """`cxaudit history`: every run, newest first."""
    lines = [M["runs_title"].format(db=clean(db), runs=len(runs), units=units), M["runs_head"]]
    for r in runs:
        when = r.recorded_at.replace("T", " ")[:19].removesuffix("+00:00")
        as_of = r.as_of or M["as_of_each"]
        lines.append(f"{r.id:>3}  {when:<19}  {as_of:<10}  {r.units:>5}  "
                     f"{clean(r.tool_version):<6}  {_source(r.source)}")
    return guard("\n".join(lines) + "\n")


def unit_text(rows: list[AuditRow]) -> str:
    """`cxaudit history UNIT`: every audit of one unit, oldest first."""
    last = rows[-1]
    lines = [M["unit_title"].format(key=clean(last.unit), name=clean(last.name))]
    if last.keyed_by == "file":
        lines.append(M["unit_keyed_by_file"])
    lines.append(M["unit_head"])
    for a in rows:
        stage = f"{a.level} {a.stage}"[:16]
        failing = sum(a.counts.get(s, 0) for s in SEVERITIES)
        described = M["none"] if a.described is None else M["share"].format(value=a.described)
        score = M["no_score"] if a.score is None else str(a.score)
        lines.append(f"{a.run:>3}  {_dash(a.as_of):<10}  {score:>5}  {described:>9}  "
                     f"{stage:<16}  "
                     f"{failing:>7}  {a.open:>8}  {a.counts.get('needs-evidence', 0):>7}  "
                     f"{clean(a.file)}")
    return guard("\n".join(lines) + "\n")


__all__ = ["runs_text", "unit_text"]
