"""The `cxaudit` application: its commands, registered explicitly, and the entry point."""

from __future__ import annotations

import typer
import typer.core

from cxaudit import __version__
from cxaudit.cli import baseline, check, diff, examples, init, progress, schema, sla
from cxaudit.cli.boundary import Boundary
from cxaudit.cli.history import history_app
from cxaudit.cli.imports import import_app
from cxaudit.cli.recording import OptionalRecord
from cxaudit.cli.rules import rules_app

# We print plain help (rich_markup_mode=None); typer 0.20 still escapes "[default: ...]" for
# rich's HTML export whenever rich is installed, so help showed "\[required]". Telling typer
# that rich is absent gives click's plain help, and keeps rich out of the import path.
typer.core.HAS_RICH = False

app = typer.Typer(
    name="cxaudit",
    help="Audit customer-service processes described in YAML and get a prioritized action "
         "plan.\n\nExit codes: 0 clean (nothing at or above the fail level), 1 findings at or "
         "above the fail level that no waiver or baseline covers, or an expired waiver (for "
         "diff: a regression), 2 usage or input error, 3 internal error (a bug in cxaudit: "
         "please report it).",
    cls=Boundary, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxaudit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version,
                                       is_eager=True, help="Show the version and exit.")) -> None:
    """cxaudit: customer-service policy as code."""


app.command("check", cls=OptionalRecord)(check.check)
app.command("sla")(sla.sla)
app.command("diff")(diff.diff_cmd)
app.command("schema")(schema.schema)
app.add_typer(baseline.baseline_app, name="baseline")
app.add_typer(rules_app, name="rules")
app.add_typer(import_app, name="import")
app.command("init")(init.init)
app.add_typer(examples.examples_app, name="examples")
app.add_typer(history_app, name="history")
app.command("progress")(progress.progress)


def main() -> None:
    """Console-script entry point."""
    app()
