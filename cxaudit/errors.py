"""The one exception tree cxaudit raises for problems the user can fix.

    CxauditError                 anything we report as "file:line:col: message" + hint, exit 2
     +-- InputError              a process document that cannot be read or is invalid
     +-- RulePackError           a rule pack that cannot be loaded
     +-- UsageError              bad command-line use (unknown format, missing path...)

Everything else that escapes is a bug in cxaudit, never the user's fault: the command line
catches it at one boundary and prints `internal_error_report` (exit code 3).
"""

from __future__ import annotations

import shlex
import traceback
from dataclasses import dataclass
from pathlib import PurePath
from typing import Self

REPORT_URL = "https://github.com/cxaudit/cxaudit/issues"


@dataclass(frozen=True)
class Problem:
    """One positioned problem: where it is, what is wrong, how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def render(self) -> str:
        """Format as `file:line:col: message` with the hint on the next line."""
        from cxaudit.i18n import _
        from cxaudit.terminal import clean, guard

        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{clean(where)}: {clean(self.message)}"
        if self.hint:
            text += "\n  " + _("hint: %(hint)s") % {"hint": clean(self.hint)}
        return guard(text)  # a file name or value cannot start a CI workflow command


class CxauditError(Exception):
    """A problem the user can fix; carries one or more positioned problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems

    @classmethod
    def at(cls, file: str, line: int, column: int, message: str, hint: str = "") -> Self:
        """Build an error with a single problem."""
        return cls([Problem(file, line, column, message, hint)])


class InputError(CxauditError):
    """A process document (or config, waivers, baseline file) is unreadable or invalid."""


class RulePackError(CxauditError):
    """A rule pack file is unreadable or invalid."""


class UsageError(CxauditError):
    """The command line asks for something impossible."""


def _frame(fs: traceback.FrameSummary) -> str:
    parts = PurePath(fs.filename).parts
    # cxaudit's own files by their package path; anything else by its file name only
    name = "/".join(parts[len(parts) - 1 - parts[::-1].index("cxaudit"):]) \
        if "cxaudit" in parts else parts[-1] if parts else fs.filename
    return f"{name}:{fs.lineno} in {fs.name}"


def internal_error_report(exc: BaseException, argv: list[str], frames: int = 4) -> str:
    """What the user sees when cxaudit has a bug: version, command, a short summary, where to
    report it. No full traceback (set CXAUDIT_DEBUG=1 for that)."""
    from cxaudit import __version__

    stack = traceback.extract_tb(exc.__traceback__)[-frames:]
    detail = str(exc).splitlines()[0][:300] if str(exc) else ""
    lines = [f"cxaudit {__version__}: internal error, please report it at {REPORT_URL}",
             "  This is a bug in cxaudit, not a problem with your files.",
             f"  command: {shlex.join(argv)}",
             f"  error: {type(exc).__name__}" + (f": {detail}" if detail else "")]
    lines += [f"    at {_frame(fs)}" for fs in reversed(stack)]
    lines.append("  Please include the command, these lines and, if you can, the file that "
                 "caused it; CXAUDIT_DEBUG=1 shows the full traceback.")
    return "\n".join(lines)
