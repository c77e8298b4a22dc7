"""`cxaudit history [UNIT]`, `history import`, `history export`, `cxaudit progress`, and what
`check --record [DB]` and `check --history DB` do around an audit."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, NoReturn, Optional

import click
import typer
import typer.core

if TYPE_CHECKING:
    from cxaudit.api import AuditResult
    from cxaudit.config import Config
    from cxaudit.history import History


class _ListByDefault(typer.core.TyperGroup):
    """`cxaudit history` and `cxaudit history UNIT` list; other words name subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Read `history [UNIT] [OPTIONS]` as `history list [UNIT] [OPTIONS]`."""
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


class OptionalRecord(typer.core.TyperCommand):
    """A command whose `--record` may come without its value: `--record` alone records into
    the default database (typer 0.20 does not pass click's `flag_value` on, so it is set
    here)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.name == "record":
                param._flag_needs_value = True  # the next word is a value unless it is an option
                param.flag_value = ""


history_app = typer.Typer(cls=_ListByDefault, rich_markup_mode=None,
                          help="The audits recorded with `check --record`: list them (`history "
                          "[UNIT]`), import earlier JSON reports, export for BI tools.")

DB_HELP = ("The history database; default: .cxaudit/history.sqlite beside the configuration "
           "file, else in the working directory.")


def _fail(exc: Exception) -> NoReturn:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


def shown(path: Path) -> str:
    """A path as the user reads it: relative to the working directory when below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive
        return str(path)


def _config_file(config: Optional[Path], no_config: bool) -> str | None:
    from cxaudit import config as configuration

    if no_config:
        return None
    cfg = configuration.load(config) if config is not None else configuration.discover()
    return cfg.file or None


def database(db: Optional[Path], config: Optional[Path], no_config: bool) -> Path:
    """--db, else the default beside the configuration (or in the working directory)."""
    from cxaudit.history import default_path

    return db if db is not None else default_path(_config_file(config, no_config))


def _open(db: Optional[Path], config: Optional[Path], no_config: bool,
          create: bool = False) -> History:
    from cxaudit.history import History

    return History.open(database(db, config, no_config), create=create)


def _format(fmt: str, allowed: tuple[str, ...]) -> str:
    from cxaudit.errors import UsageError
    from cxaudit.history.messages import MESSAGES

    if fmt not in allowed:
        raise UsageError.at("--format", 0, 0, MESSAGES["unknown_format"].format(fmt=fmt),
                            MESSAGES["unknown_format_hint"].format(allowed=" or ".join(allowed)))
    return fmt


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@history_app.command("list")
def history_list(
    unit: Optional[str] = typer.Argument(None, help="A unit (its process.id, or a file it was "
                                         "recorded from): list its audits."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file whose folder holds .cxaudit/."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
) -> None:
    """List the recorded runs, or with UNIT every audit of that unit."""
    from cxaudit.errors import CxauditError
    from cxaudit.history import store
    from cxaudit.history.queries import resolve_unit
    from cxaudit.history.render import runs_text, unit_text

    try:
        _format(fmt, ("text", "json"))
        h = _open(db, config, no_config)
        try:
            if unit is None:
                runs = store.runs(h.conn, h.path)
                count = len(store.units(h.conn, h.path))
                text = runs_text(shown(h.path), runs, count) if fmt == "text" else _dump(
                    {"database": shown(h.path), "units": count,
                     "runs": [r.__dict__ for r in runs]})
            else:
                rows = store.audits(h.conn, h.path, resolve_unit(h.conn, h.path, unit))
                text = unit_text(rows) if fmt == "text" else _dump(
                    {"database": shown(h.path), "unit": rows[-1].unit,
                     "audits": [r.__dict__ for r in rows]})
        finally:
            h.close()
    except CxauditError as exc:
        _fail(exc)
    sys.stdout.write(text)


@history_app.command("import")
def history_import(
    reports: List[Path] = typer.Argument(..., help="JSON reports written by `cxaudit check -f "
                                         "json`, each imported as one run."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="The date of reports that do not give one "
                                        "(written before cxaudit recorded it)."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file whose folder holds .cxaudit/."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
) -> None:
    """Load earlier JSON reports into the history (each once)."""
    from cxaudit.dates import parse_as_of
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
        h = _open(db, config, no_config, create=True)
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
        _fail(exc)


@history_app.command("export")
def history_export(
    fmt: str = typer.Option(..., "--format", "-f", help="json (runs, audits, findings, waits) "
                            "or csv (one table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE (atomically); default stdout."),
    findings: bool = typer.Option(False, "--findings", help="csv: one row per finding instead "
                                  "of one row per unit audit."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file whose folder holds .cxaudit/."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
) -> None:
    """Write the whole history as JSON or CSV, for BI tools."""
    from cxaudit.errors import CxauditError
    from cxaudit.history.export import to_csv, to_json
    from cxaudit.writing import refuse_inputs, write_report

    try:
        _format(fmt, ("json", "csv"))
        path = database(db, config, no_config)
        if output is not None:
            refuse_inputs([output], [str(path)])
        h = _open(path, None, True)
        try:
            text = to_json(h.conn, h.path) if fmt == "json" else to_csv(h.conn, h.path, findings)
        finally:
            h.close()
        if output is None:
            sys.stdout.write(text)
        else:
            write_report(output, text, "export")
    except CxauditError as exc:
        _fail(exc)


def progress_cmd(
    units: Optional[List[str]] = typer.Argument(None, metavar="[UNIT]...",
                                                help="Only these units (process.id or file)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE|RUN",
                                        help="Compare with the audit as of this date "
                                        "(YYYY-MM-DD), or with this run's; default: each "
                                        "unit's previous audit."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Settings file whose folder holds .cxaudit/."),
    no_config: bool = typer.Option(False, "--no-config", help="Read no settings file."),
) -> None:
    """Per unit: the score then and now, what was fixed, what is new, what is still open, and
    which values regressed (a looser target is a regression even when the rule fired both
    times) or make customers wait longer."""
    from cxaudit.errors import CxauditError
    from cxaudit.history.queries import parse_since, progress_since
    from cxaudit.history.render import progress_text

    try:
        _format(fmt, ("text", "json"))
        when = parse_since(since)
        h = _open(db, config, no_config)
        try:
            block = progress_since(h.conn, h.path, when, list(units or []))
        finally:
            h.close()
    except CxauditError as exc:
        _fail(exc)
    sys.stdout.write(progress_text(block) if fmt == "text" else _dump(block))


# --------------------------------------------------------------- around `cxaudit check`

@dataclass
class CheckHistory:
    """The database a check records into (`record`) or only reads its progress from."""

    history: History
    record: bool


def _refuse_output(path: Path, outputs: List[Path]) -> None:
    """An -o naming the database (existing or about to be created) would destroy the history."""
    from cxaudit.errors import UsageError
    from cxaudit.history.messages import MESSAGES

    for out in outputs:
        same = os.path.abspath(out) == os.path.abspath(path)
        if not same and out.exists() and path.exists():
            same = os.path.samefile(out, path)
        if same:
            raise UsageError.at(str(out), 0, 0, MESSAGES["overwrite_db"].format(db=path),
                                MESSAGES["overwrite_db_hint"])


def open_for_check(record: Optional[str], read: Optional[Path], config: Optional[Config],
                   outputs: List[Path]) -> CheckHistory | None:
    """Open the database of `--record [DB]` or `--history DB` before the audit runs, so a
    damaged, locked or newer database stops the run before any work (exit code 2); an -o
    (in `outputs`) that names it is refused first."""
    from cxaudit.errors import UsageError
    from cxaudit.history import History, default_path
    from cxaudit.history.messages import MESSAGES

    if record is None and read is None:
        return None
    target = None
    if record is not None:
        target = Path(record) if record else default_path(config.file if config else None)
    if target is not None and read is not None and \
            os.path.abspath(target) != os.path.abspath(read):
        raise UsageError.at("--history", 0, 0, MESSAGES["two_databases"],
                            MESSAGES["two_databases_hint"])
    path = target if target is not None else read
    assert path is not None
    _refuse_output(path, outputs)
    return CheckHistory(History.open(path, create=target is not None), target is not None)


def progress_for_check(ch: CheckHistory | None, result: AuditResult) -> dict[str, Any] | None:
    """Record the run (with --record) and return its progress block; None without a history."""
    from cxaudit.history import now
    from cxaudit.history.messages import MESSAGES
    from cxaudit.history.snapshot import run_snapshot
    from cxaudit.terminal import clean

    if ch is None:
        return None
    if not result.units:  # nothing could be audited: nothing to record or compare
        ch.history.close()
        return None
    try:
        run = run_snapshot(result, now())
        run_id = None
        if ch.record:
            run_id = ch.history.record(run)
            for note in run.notes:
                typer.echo(clean(note), err=True)
            typer.echo(MESSAGES["recorded"].format(run=run_id, units=len(run.units),
                                                   db=clean(shown(ch.history.path))), err=True)
        return ch.history.progress_of_run(run, run_id)
    finally:
        ch.history.close()


__all__ = ["CheckHistory", "OptionalRecord", "history_app", "open_for_check", "progress_cmd",
           "progress_for_check"]
