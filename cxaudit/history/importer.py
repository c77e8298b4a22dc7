"""Earlier JSON reports (`cxaudit check -f json`) as runs of the history.

A report gives each unit's score, maturity, counts and findings (with their document paths),
and, since this version, its process id and as-of date; older reports need `--as-of`, and a
unit without an id is matched to the unit last recorded from the same file, else kept under its
file path. A report keeps no values and no waits, so progress against an imported run compares
findings only. Each report is imported once (by the digest of its bytes).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from typing import Any

from cxaudit.document.loading import read_limited
from cxaudit.engine.outcomes import SEVERITIES
from cxaudit.errors import InputError
from cxaudit.history.messages import MESSAGES
from cxaudit.history.model import FILE, ID, LANGUAGE, FindingRec, RunRec, UnitAudit
from cxaudit.history.snapshot import fingerprint
from cxaudit.i18n import N_

MAX_REPORT_BYTES = 256 * 1024 * 1024
_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES), 1)}


def _error(file: str, key: str, line: int = 0, column: int = 0, **values: object) -> InputError:
    return InputError.at(file, line, column, MESSAGES[key].format(**values),
                         MESSAGES[key + "_hint"])


def read_report(file: str) -> tuple[dict[str, Any], str]:
    """The report's data and the digest of its bytes; anything else is an InputError."""
    raw = read_limited(file, MAX_REPORT_BYTES, what=N_("JSON report"),
                       option="a report this large was not written by cxaudit check")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _error(file, "not_json",
                     detail=MESSAGES["not_utf8"].format(reason=exc.reason)) from None
    except json.JSONDecodeError as exc:
        raise _error(file, "not_json", exc.lineno, exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise _error(file, "not_json", detail=MESSAGES["too_deep"]) from None
    if not (isinstance(data, dict) and data.get("report_version") == "1"
            and isinstance(data.get("tool"), dict) and data["tool"].get("name") == "cxaudit"):
        raise InputError.at(file, 0, 0, MESSAGES["not_a_report"], MESSAGES["not_a_report_hint"])
    return data, hashlib.sha256(raw).hexdigest()


def _outcomes(unit: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, str]:
    out = {r: "pass" for r in unit["passed_rules"]}
    out.update({r: "not-applicable" for r in unit["not_applicable"]})
    for f in findings:
        rule, severity = f["rule_id"], f["severity"]
        if f["kind"] == "violation" and severity in _RANK:
            if _RANK.get(out.get(rule, ""), 0) < _RANK[severity]:
                out[rule] = severity
        elif f["kind"] == "needs-evidence" and out.get(rule) not in _RANK:
            out[rule] = "needs-evidence"
        else:
            out.setdefault(rule, "pass")  # a note only: the rule passed
    return out


def _finding(f: dict[str, Any]) -> FindingRec:
    path = str(f["location"]["path"])
    mark = f.get("suppression")
    return FindingRec(fingerprint(f["rule_id"], path), str(f["rule_id"]), str(f["title"]),
                      str(f["severity"]), str(f["kind"]), str(f["message"]), path, None,
                      suppression=mark.get("kind") if isinstance(mark, dict) else None)


def _count(value: Any) -> int | None:
    """A number a report may give (reports written before the described share have none)."""
    return None if value is None else int(value)


def _unit(unit: dict[str, Any], findings: list[dict[str, Any]], key: str, keyed_by: str,
          as_of: str) -> UnitAudit:
    m = unit["maturity"]
    return UnitAudit(
        key=key, keyed_by=keyed_by, file=str(unit["file"]), name=str(unit["name"]),
        as_of=as_of, score=unit["score"], passed=int(unit["passed"]),
        applicable=int(unit["applicable"]), judged=_count(unit.get("judged")),
        described=_count(unit.get("described")), level=int(m["level"]), stage=str(m["stage"]),
        categories=dict(unit["categories"]), counts=dict(unit["counts"]),
        outcomes=_outcomes(unit, findings), findings=tuple(_finding(f) for f in findings),
        measured=False)


def report_run(file: str, data: dict[str, Any], digest: str, as_of: date | None,
               key_of_file: Any, recorded_at: datetime) -> RunRec:
    """The run a report describes. `key_of_file(file)` names the unit last recorded from a
    file (None if none), for units the report gives no id."""
    try:
        units, notes = [], []
        ids = [u.get("id") for u in data["units"]]
        for unit in data["units"]:
            pid = unit.get("id")
            mine = [f for f in data["findings"] if f["unit"] == unit["file"]]
            when = unit.get("as_of") or (as_of.isoformat() if as_of else None)
            if when is None:
                raise InputError.at(file, 0, 0, MESSAGES["no_as_of"].format(unit=unit["file"]),
                                    MESSAGES["no_as_of_hint"])
            if isinstance(pid, str) and pid and ids.count(pid) == 1:
                key, by = pid, ID
            else:
                key = key_of_file(unit["file"]) or unit["file"]
                by = FILE if key == unit["file"] else ID
                notes.append(MESSAGES["import_by_file"].format(file=file, unit=unit["file"]))
            units.append(_unit(unit, mine, key, by, str(when)))
        return RunRec(recorded_at=recorded_at.isoformat(timespec="seconds"),
                      as_of=None if as_of is None else as_of.isoformat(),
                      tool_version=str(data["tool"].get("version", "")), rule_packs=(),
                      language=LANGUAGE, source=f"import:{os.path.basename(file)}",
                      units=tuple(units), digest=digest, fail_on=data.get("fail_on"),
                      config=data.get("config"), notes=tuple(notes))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = MESSAGES["missing_field"].format(field=exc) if isinstance(exc, KeyError) \
            else str(exc)
        raise _error(file, "bad_report", detail=detail) from None


def source_name(source: str) -> str:
    """`import:report.json` -> `report.json`; `check` stays."""
    return source.split(":", 1)[1] if source.startswith("import:") else source


__all__ = ["MAX_REPORT_BYTES", "read_report", "report_run", "source_name"]
