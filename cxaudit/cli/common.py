"""What every command shares: the settings file under the options, dates, the one way to fail."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, List, NoReturn, Optional

import typer


def parse_date(text: Optional[str]) -> Optional[date]:
    """Parse --as-of; a bad date is a usage error."""
    from cxaudit.document.dates import parse_as_of

    return None if text is None else parse_as_of(text, "--as-of")


def path_text(path: Optional[Path]) -> Optional[str]:
    return None if path is None else str(path)


def today() -> Optional[date]:
    """The date waivers expire against: $CXAUDIT_TODAY (for tests and replays), else None."""
    import os

    from cxaudit.errors import UsageError

    text = os.environ.get("CXAUDIT_TODAY")
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError.at("CXAUDIT_TODAY", 0, 0, f"{text!r} is not a date",
                            "write it as YYYY-MM-DD or unset it") from None


def settings_of(config: Optional[Path], no_config: bool, cli: Any) -> dict[str, Any]:
    """Options from the settings file (found, named or none) with the command line on top."""
    from cxaudit.policy import config as configuration

    if no_config:
        cfg = configuration.Config()
    elif config is not None:
        cfg = configuration.load(config)
    else:
        cfg = configuration.discover()
    if cfg.note:
        typer.echo(cfg.note, err=True)
    return configuration.option_values(cfg, cli)


def named_outputs(fmt: List[str], output: List[Path]) -> list[Path]:
    """Every file the options name for writing: `-o FILE` and `-f FORMAT=FILE`."""
    return [*output, *(Path(f.split("=", 1)[1]) for f in fmt if "=" in f)]


def fail(exc: Exception) -> NoReturn:
    """The one place user-facing errors are printed; exit code 2."""
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)

