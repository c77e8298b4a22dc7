"""`cxaudit history [UNIT]`, `history import REPORT.json...` and `history export -f json|csv`:
the audits recorded with `check --record`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import click
import typer
import typer.core

from cxaudit.cli.common import fail, lang_option, speaks
from cxaudit.cli.historydb import (
    check_format,
    config_option,
    database,
    db_option,
    dump,
    no_config_option,
    open_history,
    shown,
)


class _ListByDefault(typer.core.TyperGroup):
    """`cxaudit history` and `cxaudit history UNIT` list; other words name subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Read `history [UNIT] [OPTIONS]` as `history list [UNIT] [OPTIONS]`."""
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


history_app = typer.Typer(cls=_ListByDefault, rich_markup_mode=None,
                          help="The audits recorded with `check --record`: list them (`history "
                          "[UNIT]`), import earlier JSON reports, export for BI tools.")


@history_app.command("list")
@speaks
def history_list(
    unit: Optional[str] = typer.Argument(None, help="A unit (its process.id, or a file it was "
                                         "recorded from): list its audits."),
    db: Optional[Path] = db_option(),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    config: Optional[Path] = config_option(),
    no_config: bool = no_config_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """List the recorded runs, or with UNIT every audit of that unit."""
    from cxaudit.errors import CxauditError
    from cxaudit.history import store
    from cxaudit.history.queries import resolve_unit
    from cxaudit.history.render import runs_text, unit_text

    try:
        check_format(fmt, ("text", "json"))
        h = open_history(db, config, no_config)
        try:
            if unit is None:
                runs = store.runs(h.conn, h.path)
                count = len(store.units(h.conn, h.path))
                text = runs_text(shown(h.path), runs, count) if fmt == "text" else dump(
                    {"database": shown(h.path), "units": count,
                     "runs": [r.__dict__ for r in runs]})
            else:
                rows = store.audits(h.conn, h.path, resolve_unit(h.conn, h.path, unit))
                text = unit_text(rows) if fmt == "text" else dump(
                    {"database": shown(h.path), "unit": rows[-1].unit,
                     "audits": [r.__dict__ for r in rows]})
        finally:
            h.close()
    except CxauditError as exc:
        fail(exc)
    sys.stdout.write(text)


@history_app.command("import")
@speaks
def history_import(
    reports: List[Path] = typer.Argument(..., help="JSON reports written by `cxaudit check -f "
                                         "json`, each imported as one run."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="The date of reports that do not give one "
                                        "(written before cxaudit recorded it)."),
    db: Optional[Path] = db_option(),
    config: Optional[Path] = config_option(),
    no_config: bool = no_config_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Load earlier JSON reports into the history (each once)."""
    from cxaudit.document.dates import parse_as_of
    from cxaudit.errors import CxauditError
    from cxaudit.history import now, store
    from cxaudit.history.importer import read_report, report_run
    from cxaudit.history.messages import MESSAGES
    from cxaudit.terminal import clean

    try:
        day = None if as_of is None else parse_as_of(as_of, "--as-of")
        loaded = [(str(r), *read_report(str(r))) for r in reports]  # all readable, or none
        for file, data, digest in loaded:  # and each one a report, before anything is written
            report_run(file, data, digest, day, lambda f: None, now())
        h = open_history(db, config, no_config, create=True)
        try:
            for file, data, digest in loaded:
                known = store.imported_as(h.conn, h.path, digest)
                if known is not None:
                    typer.echo(MESSAGES["already_imported"].format(file=clean(file), run=known),
                               err=True)
                    continue
                run = report_run(file, data, digest, day,
                                 lambda f: store.latest_file_key(h.conn, h.path, f), now())
                for note in run.notes:
                    typer.echo(clean(note), err=True)
                run_id = h.record(run)
                dates = sorted({u.as_of for u in run.units if u.as_of})
                typer.echo(MESSAGES["imported"].format(
                    file=clean(file), run=run_id, units=len(run.units),
                    as_of=", ".join(dates) or "-"), err=True)
        finally:
            h.close()
    except CxauditError as exc:
        fail(exc)


@history_app.command("export")
@speaks
def history_export(
    fmt: str = typer.Option(..., "--format", "-f", help="json (runs, audits, findings, waits) "
                            "or csv (one table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE (atomically); default stdout."),
    findings: bool = typer.Option(False, "--findings", help="csv: one row per finding instead "
                                  "of one row per unit audit."),
    db: Optional[Path] = db_option(),
    config: Optional[Path] = config_option(),
    no_config: bool = no_config_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Write the whole history as JSON or CSV, for BI tools."""
    from cxaudit.cli.writing import refuse_inputs, write_report
    from cxaudit.errors import CxauditError
    from cxaudit.history.export import to_csv, to_json

    try:
        check_format(fmt, ("json", "csv"))
        path = database(db, config, no_config)
        if output is not None:
            refuse_inputs([output], [str(path)])
        h = open_history(path, None, True)
        try:
            text = to_json(h.conn, h.path) if fmt == "json" else to_csv(h.conn, h.path, findings)
        finally:
            h.close()
        if output is None:
            sys.stdout.write(text)
        else:
            write_report(output, text, "export")
    except CxauditError as exc:
        fail(exc)


__all__ = ["history_app"]
