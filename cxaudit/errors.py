"""The one exception tree cxaudit raises for problems the user can fix.

    CxauditError                 anything we report as "file:line:col: message" + hint, exit 2
     +-- InputError              a process document that cannot be read or is invalid
     +-- RulePackError           a rule pack that cannot be loaded
     +-- UsageError              bad command-line use (unknown format, missing path...)

Everything else that escapes is a bug in cxaudit, never the user's fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self


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
        from cxaudit.terminal import clean, guard

        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{clean(where)}: {clean(self.message)}"
        if self.hint:
            text += f"\n  hint: {clean(self.hint)}"
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
