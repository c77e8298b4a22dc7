"""Every sentence the history commands print, in one place (errors, listings, imports).

The progress block is drawn by the reports, so its sentences are in
`cxaudit.report.phrases.PROGRESS`. Each is said in the run's language when looked up; placeholders are filled with str.format; values from the
user's files are cleaned before they are printed (cxaudit.terminal), never here.
"""

from __future__ import annotations

from cxaudit.i18n import N_, Phrases

MESSAGES: Phrases = Phrases({
    # the database
    "missing": N_("no history database here"),
    "missing_hint": N_("record an audit first with `cxaudit check PATHS --record`, or name the "
                    "database with --db FILE"),
    "not_a_file": N_("the history database is not a file"),
    "not_a_file_hint": N_("name a file, e.g. .cxaudit/history.sqlite"),
    "damaged": N_("the history database is damaged or is not a SQLite database ({detail})"),
    "damaged_hint": N_("cxaudit leaves the file as it is: restore it from a backup, or record "
                    "into a new file with --record FILE"),
    "foreign": N_("this SQLite file is not a cxaudit history database"),
    "foreign_hint": N_("name another file; cxaudit never writes into another program's database"),
    "newer": N_("the history database has schema version {version}; this cxaudit reads up to "
             "version {latest}"),
    "newer_hint": N_("upgrade cxaudit to read it; the database was not changed"),
    "locked": N_("the history database is locked by another program (waited {seconds} s)"),
    "locked_hint": N_("let the other run finish and try again, or wait longer with "
                   "{env}=SECONDS"),
    "readonly": N_("the history database cannot be written (read-only file or folder)"),
    "readonly_hint": N_("record into a file you may write, with --record FILE"),
    "cannot_open": N_("cannot open the history database: {detail}"),
    "cannot_open_hint": N_("check that its folder exists and that you may write to it"),
    "bad_timeout": N_("{value!r} is not a number of seconds between 0 and 86400"),
    "bad_timeout_hint": N_("write e.g. CXAUDIT_HISTORY_TIMEOUT=60, or unset it (default 30)"),
    # recording and options
    "recorded": N_("cxaudit: recorded run {run} ({units} unit(s)) in {db}"),
    "keyed_by_file": N_("cxaudit: {file} has no process.id, so its history is kept under its "
                     "file path; give it `process: {{id: ...}}` to keep it when the file moves"),
    "duplicate_id": N_("cxaudit: process.id {key!r} is used by {count} files in this run ({files}): "
                    "each is kept under its file path; give every unit its own id"),
    "overwrite_db": N_("-o would overwrite {db}, the history database this run records into or "
                    "reads"),
    "overwrite_db_hint": N_("write the report to another file, e.g. cxaudit-report.html"),
    "unknown_format": N_("unknown format {fmt!r}"),
    "unknown_format_hint": N_("use {allowed}"),
    "two_databases": N_("--record and --history name different databases"),
    "two_databases_hint": N_("use one: --record DB records and reads it, --history DB only reads"),
    # import
    "imported": N_("cxaudit: imported {file} as run {run} ({units} unit(s), as of {as_of})"),
    "already_imported": N_("cxaudit: {file} was already imported as run {run}; skipped"),
    "not_json": N_("not a JSON report: {detail}"),
    "not_json_hint": N_("import the file `cxaudit check -f json` wrote"),
    "not_utf8": N_("not UTF-8 text ({reason})"),
    "too_deep": N_("nested too deeply"),
    "missing_field": N_("missing or wrong field {field}"),
    "not_a_report": N_("not a cxaudit JSON report (no report_version 1 and tool cxaudit)"),
    "not_a_report_hint": N_("import the file `cxaudit check -f json` wrote"),
    "bad_report": N_("the report is not what `cxaudit check -f json` writes: {detail}"),
    "bad_report_hint": N_("import an unmodified report"),
    "no_as_of": N_("the report does not say which date unit {unit} was audited as of"),
    "no_as_of_hint": N_("reports written before cxaudit recorded it need --as-of YYYY-MM-DD"),
    "import_by_file": N_("cxaudit: {file}: unit {unit} has no process id in the report, so it is "
                      "matched by its file path"),
    # queries
    "no_unit": N_("no unit {unit!r} in the history"),
    "no_unit_hint": N_("units are named by process.id or file path; known: {known}"),
    "no_unit_hint_close": N_("did you mean {close}?"),
    "no_run": N_("no run {run} in the history"),
    "no_run_hint": N_("`cxaudit history` lists the runs"),
    "bad_since": N_("--since {value!r} is neither a date (YYYY-MM-DD) nor a run number"),
    "bad_since_hint": N_("write --since 2025-07-01 or --since 3 (see `cxaudit history`)"),
    "empty": N_("the history holds no audit yet"),
    "empty_hint": N_("record one with `cxaudit check PATHS --record`"),
    # listings
    "runs_title": N_("History in {db}: {runs} run(s), {units} unit(s)"),
    "runs_head": N_("run  recorded (UTC)       as of       units  tool    source"),
    "unit_title": "{key}  {name}",
    "unit_keyed_by_file": N_("  (no process.id: kept under its file path)"),
    "unit_head": N_("run  as of       score  described  stage             actions  findings  missing  "
                 "file"),
    "share": "{value} %",
    "no_score": N_("n/a"),
    "as_of_each": N_("per unit"),
    "source_check": N_("check"),
    "source_import": N_("import {file}"),
    "none": "-",
})

__all__ = ["MESSAGES"]
