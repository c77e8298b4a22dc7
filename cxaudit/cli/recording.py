"""What `check --record [DB]` and `check --history DB` do around an audit: open the database
before the run, record the run after it, and hand the reports their progress block.

Recording never changes the audit's exit code; a database that cannot be used stops the run
before any work (exit code 2).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import click
import typer
import typer.core

from cxaudit.cli.historydb import shown

if TYPE_CHECKING:
    from cxaudit.history import History
    from cxaudit.policy.config import Config
    from cxaudit.result import AuditResult


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


def record_option() -> Any:
    """`--record [DB]` of `cxaudit check` (needs the command class OptionalRecord)."""
    return typer.Option(None, "--record", metavar="[DB]",
                        help="Record this run in a history database (default "
                        ".cxaudit/history.sqlite beside the configuration); reports gain a "
                        "progress section. Write it after the paths, or as --record=DB.")


def history_option() -> Any:
    """`--history DB` of `cxaudit check`: progress against a database, without recording."""
    return typer.Option(None, "--history", metavar="DB",
                        help="Show progress against this history database without recording "
                        "the run.")


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
    if record is None and read is None:  # before the imports: a plain check never loads them
        return None
    from cxaudit.errors import UsageError
    from cxaudit.history import History, default_path
    from cxaudit.history.messages import MESSAGES

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
    if ch is None:  # before the imports: a plain check never loads them
        return None
    from cxaudit.history import now
    from cxaudit.history.messages import MESSAGES
    from cxaudit.history.snapshot import run_snapshot
    from cxaudit.terminal import clean

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


__all__ = ["CheckHistory", "OptionalRecord", "history_option", "open_for_check",
           "progress_for_check", "record_option"]
