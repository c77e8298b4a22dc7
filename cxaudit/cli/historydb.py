"""What the history commands share: which database, opening it, the formats they print."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

if TYPE_CHECKING:
    from cxaudit.history import History

DB_HELP = ("The history database; default: .cxaudit/history.sqlite beside the configuration "
           "file, else in the working directory.")


def db_option() -> Any:
    """`--db FILE`, as every history command takes it."""
    return typer.Option(None, "--db", metavar="FILE", help=DB_HELP)


def config_option() -> Any:
    """`--config FILE`: the settings file whose folder holds the default database."""
    return typer.Option(None, "--config", metavar="FILE",
                        help="Settings file whose folder holds .cxaudit/.")


def no_config_option() -> Any:
    """`--no-config`: the default database is in the working directory."""
    return typer.Option(False, "--no-config", help="Read no settings file.")


def shown(path: Path) -> str:
    """A path as the user reads it: relative to the working directory when below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive
        return str(path)


def _config_file(config: Optional[Path], no_config: bool) -> str | None:
    from cxaudit.policy import config as configuration

    if no_config:
        return None
    cfg = configuration.load(config) if config is not None else configuration.discover()
    return cfg.file or None


def database(db: Optional[Path], config: Optional[Path], no_config: bool) -> Path:
    """--db, else the default beside the configuration (or in the working directory)."""
    from cxaudit.history import default_path

    return db if db is not None else default_path(_config_file(config, no_config))


def open_history(db: Optional[Path], config: Optional[Path], no_config: bool,
                 create: bool = False) -> History:
    """The history database the options name, checked and migrated (created when `create`)."""
    from cxaudit.history import History

    return History.open(database(db, config, no_config), create=create)


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """`fmt` when it is one of `allowed`, else a usage error saying which are."""
    from cxaudit.errors import UsageError
    from cxaudit.history.messages import MESSAGES

    if fmt not in allowed:
        raise UsageError.at("--format", 0, 0, MESSAGES["unknown_format"].format(fmt=fmt),
                            MESSAGES["unknown_format_hint"].format(allowed=" or ".join(allowed)))
    return fmt


def dump(data: Any) -> str:
    """JSON as the history commands print it: sorted keys, the same bytes for the same data."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


__all__ = ["DB_HELP", "check_format", "database", "dump", "open_history", "shown"]
