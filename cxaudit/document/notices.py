"""Notices: what a user should know about a run that does not stop it.

A warning says a value could not be used (an unknown classification value, audited as not
stated); `--strict` turns warnings into errors. A note says how something was read (a synonym)
or what was left aside (a YAML file in a directory that is not a process file).
"""

from __future__ import annotations

from dataclasses import dataclass

from cxaudit.errors import Problem

WARNING, NOTE = "warning", "note"


@dataclass(frozen=True)
class Notice:
    """One warning or note, positioned like a Problem."""

    level: str  # WARNING or NOTE
    code: str  # "unknown-value", "synonym" or "not-a-process-file"
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    path: str = ""  # the document path, e.g. "channels[2].type" ("" for a whole file)
    value: str | None = None  # the value as written
    closest: str | None = None  # for an unknown value: the closest known value
    read_as: str | None = None  # for a synonym: the known value it was read as

    @property
    def where(self) -> str:
        """`file:line:col`, or the file alone when there is no position."""
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def render(self) -> str:
        """`file:line:col: warning: message` with the hint on the next line."""
        from cxaudit.i18n import _, pgettext

        level = {WARNING: pgettext("level", "warning"), NOTE: pgettext("level", "note")}.get(
            self.level, self.level)
        text = f"{self.where}: {level}: {self.message}"
        return text + ("\n  " + _("hint: %(hint)s") % {"hint": self.hint} if self.hint else "")

    def problem(self) -> Problem:
        """The notice as an error (for --strict)."""
        hint = self.hint + ("; " if self.hint else "") + "--strict refuses unknown values"
        return Problem(self.file, self.line, self.column, self.message, hint)


def warnings_of(notices: tuple[Notice, ...] | list[Notice]) -> list[Notice]:
    """The warnings among `notices` (what --strict refuses)."""
    return [n for n in notices if n.level == WARNING]


__all__ = ["NOTE", "WARNING", "Notice", "warnings_of"]
