"""The diff as JSON: built as data, serialised with sorted keys, described by diff.schema.json."""

from __future__ import annotations

import json
from typing import Any

from cxaudit.compare.show import describe
from cxaudit.diff.result import DiffResult

DIFF_VERSION = "1"


def _round(h: float | None) -> float | None:
    return None if h is None else round(h, 4)


def diff_json(result: DiffResult) -> dict[str, Any]:
    """The diff as data, shaped as cxaudit/schema/diff.schema.json describes."""
    return {
        "diff_version": DIFF_VERSION,
        "tool": {"name": "cxaudit", "version": result.version},
        "old": {"source": result.old.name, "unit": result.old.unit},
        "new": {"source": result.new.name, "unit": result.new.unit},
        "as_of": None if result.as_of is None else result.as_of.isoformat(),
        "verdict": result.verdict, "fail_on_regression": result.fail_on_regression,
        "exit_code": result.exit_code, "counts": result.counts(),
        "changes": [{"key": c.key, "field": c.field, "label": c.label, "kind": c.kind,
                     "direction": c.direction, "severity": c.severity, "verdict": c.verdict,
                     "old": c.old, "new": c.new, "note": c.note, "line": c.line,
                     "side": c.side, "text": describe(c)} for c in result.changes],
        "waits": [{"metric": w.metric, "priority": w.priority, "channels": list(w.channels),
                   "old_target": w.old_target, "new_target": w.new_target,
                   "old_hours": _round(w.old_hours), "new_hours": _round(w.new_hours),
                   "old_week_hours": _round(w.old_week), "new_week_hours": _round(w.new_week),
                   "verdict": w.verdict, "severity": w.severity} for w in result.waits],
        "findings": {name: [{"rule_id": f.rule_id, "severity": f.severity, "kind": f.kind,
                             "message": f.message, "path": f.path, "line": f.line,
                             **({"worse": f.worse} if f.worse else {})}
                            for f in items]
                     for name, items in (("introduced", result.introduced),
                                         ("resolved", result.resolved))},
    }


def render_json(result: DiffResult) -> str:
    """The JSON report, sorted keys, no timestamps."""
    return json.dumps(diff_json(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


__all__ = ["DIFF_VERSION", "diff_json", "render_json"]
