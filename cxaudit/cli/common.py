"""What every command shares: the settings file under the options, dates, the one way to fail."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, List, NoReturn, Optional, TypeVar

import typer

from cxaudit.i18n import _


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
        raise UsageError.at("CXAUDIT_TODAY", 0, 0, _("{text!r} is not a date").format(text=text),
                            _("write it as YYYY-MM-DD or unset it")) from None


def configuration_of(config: Optional[Path], no_config: bool) -> Any:
    """The settings file the command reads: named, found from here up, or none."""
    from cxaudit.policy import config as configuration

    if no_config:
        return configuration.Config()
    if config is not None:
        return configuration.load(config)
    return configuration.discover()


def settings_of(config: Optional[Path], no_config: bool, cli: Any,
                cfg: Any = None) -> dict[str, Any]:
    """Options from the settings file (found, named or none; `cfg` when already read) with the
    command line on top."""
    from cxaudit.policy import config as configuration

    if cfg is None:
        cfg = configuration_of(config, no_config)
    if cfg.note:
        typer.echo(cfg.note, err=True)
    return configuration.option_values(cfg, cli)


def lang_option() -> Any:
    """`--lang`, the same on every command that prints for people."""
    return typer.Option(None, "--lang", metavar="en|uk|ru",
                        help="Language of the output: en (English, the default), uk "
                        "(Ukrainian) or ru (Russian); default: the config's `language`.")


def checked_language(text: Optional[str]) -> Optional[str]:
    """`--lang` as a language cxaudit speaks (None when not given); a usage error otherwise."""
    from cxaudit.errors import UsageError
    from cxaudit.i18n import LANGUAGES

    if text is None:
        return None
    code = text.strip().lower().replace("_", "-").split("-")[0]
    if code in LANGUAGES:
        return code
    hint = _("use one of {names}").format(names=", ".join(LANGUAGES))
    if code == "ua":
        hint = _("UA is Ukraine's country code; the language code of Ukrainian is uk: --lang uk")
    raise UsageError.at("--lang", 0, 0, _("cxaudit does not speak {text!r}").format(text=text),
                        hint)


def language_of(lang: Optional[str], config: Optional[Path] = None, no_config: bool = False,
                cfg: Any = None) -> str:
    """The language of the run: --lang, else the config's `language`, else English. Never the
    machine's locale: the same input gives the same bytes everywhere."""
    chosen = checked_language(lang)
    if chosen is not None:
        return chosen
    if cfg is None:
        cfg = configuration_of(config, no_config)
    return str(cfg.language or "en")


F = TypeVar("F", bound=Callable[..., Any])


def speaks(command: F) -> F:
    """Run a command in the language its `lang` option (else its configuration's `language`)
    names: every sentence it prints, errors included, is said in that language. The command
    keeps its signature, so typer still sees `--lang`."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from cxaudit.errors import CxauditError
        from cxaudit.i18n import speaking

        try:
            language = language_of(kwargs.get("lang"), kwargs.get("config"),
                                   bool(kwargs.get("no_config")))
        except CxauditError as exc:
            fail(exc)
        with speaking(language):
            return command(*args, **kwargs)

    return run  # type: ignore[return-value]


def named_outputs(fmt: List[str], output: List[Path]) -> list[Path]:
    """Every file the options name for writing: `-o FILE` and `-f FORMAT=FILE`."""
    return [*output, *(Path(f.split("=", 1)[1]) for f in fmt if "=" in f)]


def fail(exc: Exception) -> NoReturn:
    """The one place user-facing errors are printed; exit code 2."""
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)

