"""`cxaudit examples list | show | copy`: the example process files shipped in the package."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from cxaudit.cli.common import fail, lang_option, speaks

examples_app = typer.Typer(help="The example process files that ship with cxaudit: list them, "
                           "show one, copy one to start from.", no_args_is_help=True,
                           rich_markup_mode=None)


@examples_app.command("list")
@speaks
def examples_list(lang: Optional[str] = lang_option()) -> None:
    """List the bundled examples with what each describes."""
    from cxaudit.init.examples import catalogue
    from cxaudit.terminal import clean

    items = catalogue()
    width = max(len(e.name) for e in items)
    for e in items:
        typer.echo(f"{e.name:<{width}}  {clean(e.title)}")


@examples_app.command("show")
@speaks
def examples_show(name: str = typer.Argument(..., help="An example's name (see `list`)."),
                  lang: Optional[str] = lang_option()) -> None:
    """Print an example process file."""
    from cxaudit.errors import CxauditError
    from cxaudit.init.examples import show

    try:
        sys.stdout.write(show(name))
    except CxauditError as exc:
        fail(exc)


@examples_app.command("copy")
@speaks
def examples_copy(
    name: str = typer.Argument(..., help="An example's name (see `list`)."),
    directory: Path = typer.Argument(Path("."), help="Where to put it (default: here)."),
    force: bool = typer.Option(False, "--force", help="Replace files that exist."),
    lang: Optional[str] = lang_option(),
) -> None:
    """Copy an example to DIRECTORY, with the editor schema beside it."""
    from cxaudit.errors import CxauditError
    from cxaudit.i18n import _
    from cxaudit.init.examples import copy

    try:
        written = copy(name, directory, force)
    except CxauditError as exc:
        fail(exc)
    for path in written:
        typer.echo(_("wrote {path}").format(path=path))
    first = written[0]
    typer.echo(_("Audit it: cxaudit check {path}").format(
        path=first if len(written) <= 2 else first.parent))
