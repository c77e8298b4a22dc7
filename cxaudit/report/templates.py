"""The Jinja2 environment for human-readable reports: sandboxed, confined, strict undefined.

Templates given with `--template-dir` may come from strangers, so every template renders in
Jinja's SandboxedEnvironment (no attributes starting with `_`, no unsafe callables, so no way to
the `os` module or to `open`), templates are read only from the template directories (no `..`,
no absolute names, no symbolic link leading out, only regular files up to 1 MiB), and the
arithmetic that could exhaust memory or CPU in one step (`'x' * 10**9`, `9 ** 9 ** 9`) is refused.
Custom templates get RENDER_SECONDS to render (where the platform has interval timers and we run
in the main thread), so a loop nested too deep cannot hang an audit either.
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from cxaudit import resources
from cxaudit.errors import UsageError

MAX_TEMPLATE_BYTES = 1_048_576
MAX_SEQUENCE = 10_000_000  # characters or items one `*` may build
MAX_INT_BITS = 4_096  # bits of an integer one `*` or `**` may build
RENDER_SECONDS = 60.0  # for one report from custom templates; the built-in ones need < 1 s


class TemplateTimeout(SecurityError):
    """A custom template that did not finish rendering in time."""


class TemplateEscape(TemplateError):
    """A template name that leads out of the template directory, or names no regular file."""


class ConfinedLoader(BaseLoader):
    """Templates from one directory only: regular files, never outside it, at most 1 MiB."""

    def __init__(self, directory: str) -> None:
        self.root = os.path.realpath(directory)

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        """Read `template`; a name that is absent here falls through to the next loader."""
        if template.startswith(("/", "\\")) or ".." in template.replace("\\", "/").split("/"):
            raise TemplateEscape(f"template name {template!r} leads out of the template "
                                 "directory")
        path = os.path.realpath(os.path.join(self.root, *split_template_path(template)))
        if os.path.commonpath([path, self.root]) != self.root:
            raise TemplateEscape(f"template {template!r} is a link that leads out of the "
                                 "template directory")
        try:
            st = os.stat(path)
        except OSError:
            raise TemplateNotFound(template) from None
        if not stat.S_ISREG(st.st_mode):
            raise TemplateEscape(f"template {template!r} is not a regular file")
        if st.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateEscape(f"template {template!r} is {st.st_size:,} bytes, over "
                                 f"the limit of {MAX_TEMPLATE_BYTES:,} bytes")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_TEMPLATE_BYTES + 1)
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateEscape(f"template {template!r} is not UTF-8 text") from None
        return source, path, lambda: _mtime(path) == st.st_mtime_ns

    def list_templates(self) -> list[str]:
        """Template names under the directory (for Jinja's tooling)."""
        found = []
        for dirpath, _dirs, files in os.walk(self.root):
            for name in files:
                rel = os.path.relpath(os.path.join(dirpath, name), self.root)
                found.append(rel.replace(os.sep, "/"))
        return sorted(found)


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


class ReportSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with `*` and `**` bounded so one expression cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})
    render_seconds: float | None = None  # set for custom templates

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse a repetition or a power whose result would be huge; compute the rest."""
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    abs(left) > 1 and right * abs(left).bit_length() > MAX_INT_BITS:
                raise SecurityError(f"{left} ** {right} is too large for a report")
        elif isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError("the product is too large for a report")
        else:
            seq, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(times, int) and isinstance(seq, (str, list, tuple)) and \
                    len(seq) * times > MAX_SEQUENCE:
                raise SecurityError(f"`*` would build {len(seq) * times:,} characters or items, "
                                    "too many for a report")
        return super().call_binop(context, operator, left, right)


def environment(template_dir: str | None = None, *, autoescape: bool) -> ReportSandbox:
    """Templates from `template_dir` first (for branding), then the built-in `reports/`."""
    loaders: list[BaseLoader] = [ConfinedLoader(str(resources.reports_dir()))]
    if template_dir:
        loaders.insert(0, ConfinedLoader(template_dir))
    env = ReportSandbox(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                        autoescape=autoescape, keep_trailing_newline=True,
                        trim_blocks=False, lstrip_blocks=False, extensions=["jinja2.ext.i18n"])
    env.globals.pop("lipsum", None)  # text generator with an unbounded size; reports need none
    _speak(env)
    env.render_seconds = RENDER_SECONDS if template_dir else None
    return env


def _speak(env: ReportSandbox) -> None:
    """`_()`, `ngettext()` and `{% trans %}` in templates say the run's language (gettext
    newstyle: values are passed by name and escaped like any other value). Labels for ids go
    through filters: `severity`, `category`, `level`, `date`, `number`, `percent`."""
    from cxaudit.i18n import _, formats, ngettext, pgettext
    from cxaudit.report import labels

    env.install_gettext_callables(_, ngettext, newstyle=True, pgettext=pgettext)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(severity=labels.severity, category=labels.category, level=labels.level,
                       date=formats.date, number=formats.number, decimal=formats.decimal,
                       percent=formats.percent)
    env.globals["lang"] = current_language
    env.globals["severity_count"] = labels.severity_count


def current_language() -> str:
    """The language code of the run, for `<html lang>` (`lang()` in a template)."""
    from cxaudit.i18n import current

    return current()


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise TemplateTimeout in the rendering code once `seconds` have passed (POSIX timer)."""
    if seconds is None or not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        yield  # no timer we may own here: the sandbox's other limits still hold
        return

    def expire(signum: int, frame: Any) -> None:
        raise TemplateTimeout(f"rendering took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(exc: BaseException, fallback: str) -> tuple[str, int]:
    """The template file and line an error was raised from (Jinja rewrites the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno or 0
    return fallback, 0


def render_template(env: Environment, name: str, view: dict[str, Any]) -> str:
    """Render `name` with `view`; a broken or hostile template is a usage error, not a traceback."""
    try:
        with _deadline(env.render_seconds if isinstance(env, ReportSandbox) else None):
            return env.get_template(name).render(**view)
    except TemplateSyntaxError as exc:
        raise UsageError.at(exc.filename or name, exc.lineno or 0, 0,
                            f"template syntax error: {exc.message}",
                            "fix the template, or remove it to use the built-in one") from None
    except TemplateTimeout as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, f"template refused: {exc}",
                            "a loop in the template runs too long (nested loops over large "
                            "ranges?); simplify it") from None
    except RecursionError as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, "template refused: macros call each other too deeply",
                            "a macro that calls itself needs a condition that ends it") from None
    except SecurityError as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, f"template refused: {exc}",
                            "templates run in a sandbox: they can place the report's values "
                            "(see README.md, Branding), not reach Python, files or the "
                            "system") from None
    except TemplateEscape as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, f"template refused: {exc.message}",
                            "include and import only templates inside --template-dir (or the "
                            "built-in ones), as regular files") from None
    except UndefinedError as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, f"template uses an unknown field: {exc.message}",
                            "see the report view model in the README (Custom templates)") from None
    except TemplateError as exc:
        file, line = _template_line(exc, name)
        raise UsageError.at(file, line, 0, f"template error: {exc.message}",
                            "fix the template, or remove it to use the built-in one") from None
