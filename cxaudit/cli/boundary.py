"""The command line's one boundary: what happens when something goes wrong outside the audit.

An exception that escapes a command is a bug in cxaudit: it is reported in a few lines
(`errors.internal_error_report`) and exits 3, never 1, which CI would read as findings. Output
that cannot be written (a closed pipe, a full disk) and streams that cannot spell a character
(a Latin-1 or C locale) are handled here too, so that no command has to.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import typer
import typer.core


def _unicode_safe_streams() -> None:
    """Never fail on a locale that cannot spell a character (LC_ALL=C, Latin-1, EUC-JP).

    A report piped or redirected is written as UTF-8, the encoding every format declares; on a
    terminal that cannot show a character it appears as an escape such as \\u0416. Messages
    on stderr are escaped the same way.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not hasattr(stream, "reconfigure") or encoding in ("utf-8", "utf8"):
            continue
        try:
            if name == "stdout" and not stream.isatty():
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="backslashreplace")
        except (OSError, ValueError):  # a stream that cannot change any more: leave it
            continue


class Boundary(typer.core.TyperGroup):
    """The one place an unexpected exception is caught: a short report and exit code 3."""

    argv: tuple[str, ...] = ()

    def main(self, args: Any = None, *pargs: Any, **kwargs: Any) -> Any:
        self.argv = tuple(str(a) for a in (sys.argv[1:] if args is None else args))
        _unicode_safe_streams()
        return super().main(args, *pargs, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        import click

        try:
            result = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            _flush_stdout()
            raise
        except Exception as exc:  # the boundary: anything else is a bug in cxaudit
            import errno
            import os

            if isinstance(exc, BrokenPipeError):  # `cxaudit check ... | head`: reader gone
                _stdout_gone()
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG,
                                                          errno.EDQUOT):
                typer.echo(f"cxaudit: cannot write the output: {exc.strerror}", err=True)
                _stdout_gone()
            if os.environ.get("CXAUDIT_DEBUG"):
                raise
            from cxaudit.errors import internal_error_report

            typer.echo(internal_error_report(exc, ["cxaudit", *self.argv]), err=True)
            raise typer.Exit(3) from None
        _flush_stdout()
        return result


def _stdout_gone() -> NoReturn:
    """The output was closed early: stop quietly (exit 2, the report could not be written)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not fail again
    except (OSError, ValueError, AttributeError):  # no real file behind stdout
        pass
    raise typer.Exit(2)


def _flush_stdout() -> None:
    """Write out what is buffered while errors can still be reported (a full disk: exit 2)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_gone()
    except OSError as exc:
        typer.echo(f"cxaudit: cannot write the output: {exc.strerror or exc}", err=True)
        _stdout_gone()
