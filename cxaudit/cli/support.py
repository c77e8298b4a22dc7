"""What the command line says on stderr about a run besides the reports themselves."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any

import typer

from cxaudit.cli.outputs import use_color
from cxaudit.document.notices import Notice, warnings_of
from cxaudit.i18n import ngettext


def notices(items: Iterable[Notice]) -> None:
    """Warnings and notes about how a file was read, on stderr."""
    for n in items:
        typer.echo(n.render(), err=True)


def diagnostics(result: Any, shown: bool) -> None:
    """Files that could not be audited, always on stderr; warnings too, and a count of the
    notes, unless the text report on stdout (`shown`) carries them already."""
    if not shown:
        warned = warnings_of(result.warnings)
        notices(warned)
        notes = len(result.warnings) - len(warned)
        if notes:
            typer.echo("cxaudit: " + ngettext(
                "%(n)s note(s) in the report say how values were read (synonyms) or which YAML "
                "files were skipped.", "%(n)s note(s) in the report say how values were read "
                "(synonyms) or which YAML files were skipped.", notes) % {"n": notes}, err=True)
    if result.errors:
        for p in result.errors:
            typer.echo(p.render(), err=True)
        failed, done = len(result.failed_files), len(result.units)
        typer.echo("cxaudit: " + ngettext(
            "%(n)s file(s) could not be audited (exit code 2); the report covers the %(done)s "
            "unit(s) that could.", "%(n)s file(s) could not be audited (exit code 2); the "
            "report covers the %(done)s unit(s) that could.", failed) % {"n": failed,
                                                                          "done": done},
            err=True)


def text_color(flag: bool | None, to_stdout: bool) -> bool:
    """Whether a text report is coloured: --color/--no-color, else NO_COLOR and FORCE_COLOR
    and a terminal for stdout; a report file only with an explicit --color."""
    return use_color(flag, sys.stdout.isatty(), os.environ) if to_stdout else bool(flag)


__all__ = ["diagnostics", "notices", "text_color"]
