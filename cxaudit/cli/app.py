"""The `cxaudit` application: its commands, registered by name, and the entry point.

Each command's module is imported, and its click command built, only when that command runs
(or when help lists them all): `cxaudit check FILE` does not pay for the other commands'
imports and option tables, which is most of a one-file check's start-up beyond the audit.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
import typer.core
from typer.models import CommandInfo, TyperInfo

from cxaudit import __version__
from cxaudit.cli.boundary import Boundary

# We print plain help (rich_markup_mode=None); typer 0.20 still escapes "[default: ...]" for
# rich's HTML export whenever rich is installed, so help showed "\[required]". Telling typer
# that rich is absent gives click's plain help, and keeps rich out of the import path.
typer.core.HAS_RICH = False

# name: (module, attribute, command class or None; "group" for a sub-application); help lists
# the commands in this order, then the groups
COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "check": ("cxaudit.cli.check", "check", "cxaudit.cli.recording:OptionalRecord"),
    "sla": ("cxaudit.cli.sla", "sla", None),
    "diff": ("cxaudit.cli.diff", "diff_cmd", None),
    "schema": ("cxaudit.cli.schema", "schema", None),
    "baseline": ("cxaudit.cli.baseline", "baseline_app", "group"),
    "rules": ("cxaudit.cli.rules", "rules_app", "group"),
    "import": ("cxaudit.cli.imports", "import_app", "group"),
    "init": ("cxaudit.cli.init", "init", None),
    "examples": ("cxaudit.cli.examples", "examples_app", "group"),
    "history": ("cxaudit.cli.history", "history_app", "group"),
    "progress": ("cxaudit.cli.progress", "progress", None),
}


def _attribute(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class Commands(Boundary):
    """The root group: builds a command from `COMMANDS` the first time it is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(COMMANDS, key=lambda name: COMMANDS[name][2] == "group")

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _build(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: Any) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: the suggestions need every name
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


def _build(name: str) -> Any:
    module, attribute, kind = COMMANDS[name]
    target = _attribute(f"{module}:{attribute}")
    if kind == "group":
        return typer.main.get_group_from_info(
            TyperInfo(target, name=name), pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode, suggest_commands=app.suggest_commands)
    cls = _attribute(kind) if kind else None
    return typer.main.get_command_from_info(
        CommandInfo(name=name, cls=cls, callback=target),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode)


app = typer.Typer(
    name="cxaudit",
    help="Audit customer-service processes described in YAML and get a prioritized action "
         "plan.\n\nExit codes: 0 clean (nothing at or above the fail level), 1 findings at or "
         "above the fail level that no waiver or baseline covers, or an expired waiver (for "
         "diff: a regression), 2 usage or input error, 3 internal error (a bug in cxaudit: "
         "please report it).",
    cls=Commands, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]},
    # click names the close commands of a typo itself; typer would name them a second time
    suggest_commands=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxaudit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version,
                                       is_eager=True, help="Show the version and exit.")) -> None:
    """cxaudit: customer-service policy as code."""


def main() -> None:
    """Console-script entry point."""
    app()
