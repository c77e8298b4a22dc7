"""Every sentence the history commands print, in one place (errors, listings, imports).

The progress block is drawn by the reports, so its sentences are in
`cxaudit.report.phrases.PROGRESS`. Placeholders are filled with str.format; values from the
user's files are cleaned before they are printed (cxaudit.terminal), never here.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # the database
    "missing": "no history database here",
    "missing_hint": "record an audit first with `cxaudit check PATHS --record`, or name the "
                    "database with --db FILE",
    "not_a_file": "the history database is not a file",
    "not_a_file_hint": "name a file, e.g. .cxaudit/history.sqlite",
    "damaged": "the history database is damaged or is not a SQLite database ({detail})",
    "damaged_hint": "cxaudit leaves the file as it is: restore it from a backup, or record "
                    "into a new file with --record FILE",
    "foreign": "this SQLite file is not a cxaudit history database",
    "foreign_hint": "name another file; cxaudit never writes into another program's database",
    "newer": "the history database has schema version {version}; this cxaudit reads up to "
             "version {latest}",
    "newer_hint": "upgrade cxaudit to read it; the database was not changed",
    "locked": "the history database is locked by another program (waited {seconds} s)",
    "locked_hint": "let the other run finish and try again, or wait longer with "
                   "{env}=SECONDS",
    "readonly": "the history database cannot be written (read-only file or folder)",
    "readonly_hint": "record into a file you may write, with --record FILE",
    "cannot_open": "cannot open the history database: {detail}",
    "cannot_open_hint": "check that its folder exists and that you may write to it",
    "bad_timeout": "{value!r} is not a number of seconds between 0 and 86400",
    "bad_timeout_hint": "write e.g. CXAUDIT_HISTORY_TIMEOUT=60, or unset it (default 30)",
    # recording and options
    "recorded": "cxaudit: recorded run {run} ({units} unit(s)) in {db}",
    "keyed_by_file": "cxaudit: {file} has no process.id, so its history is kept under its "
                     "file path; give it `process: {{id: ...}}` to keep it when the file moves",
    "duplicate_id": "cxaudit: process.id {key!r} is used by {count} files in this run ({files}): "
                    "each is kept under its file path; give every unit its own id",
    "overwrite_db": "-o would overwrite {db}, the history database this run records into or "
                    "reads",
    "overwrite_db_hint": "write the report to another file, e.g. cxaudit-report.html",
    "unknown_format": "unknown format {fmt!r}",
    "unknown_format_hint": "use {allowed}",
    "two_databases": "--record and --history name different databases",
    "two_databases_hint": "use one: --record DB records and reads it, --history DB only reads",
    # import
    "imported": "cxaudit: imported {file} as run {run} ({units} unit(s), as of {as_of})",
    "already_imported": "cxaudit: {file} was already imported as run {run}; skipped",
    "not_json": "not a JSON report: {detail}",
    "not_json_hint": "import the file `cxaudit check -f json` wrote",
    "not_utf8": "not UTF-8 text ({reason})",
    "too_deep": "nested too deeply",
    "missing_field": "missing or wrong field {field}",
    "not_a_report": "not a cxaudit JSON report (no report_version 1 and tool cxaudit)",
    "not_a_report_hint": "import the file `cxaudit check -f json` wrote",
    "bad_report": "the report is not what `cxaudit check -f json` writes: {detail}",
    "bad_report_hint": "import an unmodified report",
    "no_as_of": "the report does not say which date unit {unit} was audited as of",
    "no_as_of_hint": "reports written before cxaudit recorded it need --as-of YYYY-MM-DD",
    "import_by_file": "cxaudit: {file}: unit {unit} has no process id in the report, so it is "
                      "matched by its file path",
    # queries
    "no_unit": "no unit {unit!r} in the history",
    "no_unit_hint": "units are named by process.id or file path; known: {known}",
    "no_unit_hint_close": "did you mean {close}?",
    "no_run": "no run {run} in the history",
    "no_run_hint": "`cxaudit history` lists the runs",
    "bad_since": "--since {value!r} is neither a date (YYYY-MM-DD) nor a run number",
    "bad_since_hint": "write --since 2025-07-01 or --since 3 (see `cxaudit history`)",
    "empty": "the history holds no audit yet",
    "empty_hint": "record one with `cxaudit check PATHS --record`",
    # listings
    "runs_title": "History in {db}: {runs} run(s), {units} unit(s)",
    "runs_head": "run  recorded (UTC)       as of       units  tool    source",
    "unit_title": "{key}  {name}",
    "unit_keyed_by_file": "  (no process.id: kept under its file path)",
    "unit_head": "run  as of       score  described  stage             actions  findings  missing  "
                 "file",
    "share": "{value} %",
    "no_score": "n/a",
    "as_of_each": "per unit",
    "source_check": "check",
    "source_import": "import {file}",
    "none": "-",
}

__all__ = ["MESSAGES"]
