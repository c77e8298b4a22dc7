"""`cxaudit sla`: the SLA table of one process file, with the real worst-case waits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from cxaudit.cli.common import (
    configuration_of,
    fail,
    lang_option,
    language_of,
    parse_date,
    settings_of,
)
from cxaudit.cli.support import notices


def sla(
    path: Path = typer.Argument(..., help="A process file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Start of the twelve months searched for the worst "
                                        "case; default: process.updated."),
    strict: bool = typer.Option(False, "--strict", help="Unknown classification values are "
                                "errors (exit 2); default: the config's."),
    lang: Optional[str] = lang_option(),
) -> None:
    """Show every SLA target with the longest real wait it allows and when that happens."""
    import json

    from cxaudit.api import load_process, sla_rows_of
    from cxaudit.clock.slatable import render_table
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.i18n import _, speaking
    from cxaudit.policy.config import CommandLine

    try:
        cfg = configuration_of(None, False)
        language = language_of(lang, cfg=cfg)
    except CxauditError as exc:
        fail(exc)
    with speaking(language):
        try:
            if fmt not in ("text", "json"):
                raise UsageError.at("--format", 0, 0, _("unknown format {value!r}").format(
                    value=fmt), _("use text or json"))
            settings = settings_of(None, False, CommandLine(strict=strict), cfg)
            proc = load_process(str(path), strict=settings["strict"])
            notices(proc.notices)
            rows = sla_rows_of(proc, parse_date(as_of))
        except CxauditError as exc:
            fail(exc)
        if fmt == "json":
            sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render_table(rows))
