"""`cxaudit progress [UNIT]... [--since DATE|RUN]`: what changed per unit between audits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cxaudit.cli.common import fail, lang_option, speaks
from cxaudit.cli.historydb import (
    check_format,
    config_option,
    db_option,
    dump,
    no_config_option,
    open_history,
)


@speaks
def progress(
    units: Optional[List[str]] = typer.Argument(None, metavar="[UNIT]...",
                                                help="Only these units (process.id or file)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE|RUN",
                                        help="Compare with the audit as of this date "
                                        "(YYYY-MM-DD), or with this run's; default: each "
                                        "unit's previous audit."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    db: Optional[Path] = db_option(),
    config: Optional[Path] = config_option(),
    no_config: bool = no_config_option(),
    lang: Optional[str] = lang_option(),
) -> None:
    """Per unit: the score then and now, what was fixed, what is new, what is still open, and
    which values regressed (a looser target is a regression even when the rule fired both
    times) or make customers wait longer."""
    from cxaudit.errors import CxauditError
    from cxaudit.history.queries import parse_since, progress_since
    from cxaudit.report.progress_text import progress_text

    try:
        check_format(fmt, ("text", "json"))
        when = parse_since(since)
        h = open_history(db, config, no_config)
        try:
            block = progress_since(h.conn, h.path, when, list(units or []))
        finally:
            h.close()
    except CxauditError as exc:
        fail(exc)
    sys.stdout.write(progress_text(block) if fmt == "text" else dump(block))


__all__ = ["progress"]
