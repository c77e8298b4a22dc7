"""Reading one exported JSON file, and pointing at a value in it by its JSON path.

Errors name the file, the line and column, and the JSON path of the offending value
(`sla_policies[2].policy_metrics[0].metric`), so a consultant can open the export and see it.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from typing import Any

from cxaudit.errors import InputError, Problem

JsonPath = tuple[str | int, ...]
MAX_BYTES = 16 * 1024 * 1024


class ExportError(InputError):
    """A helpdesk export that cannot be read or mapped; exit 2 with file, position and hint."""


@dataclass(frozen=True)
class JsonFile:
    """One parsed export file: its name as the user gave it, its text and its data."""

    name: str
    text: str
    data: Any

    def problem(self, path: JsonPath, message: str, hint: str = "") -> Problem:
        """A problem at the value `path` points to: `file:line:col: path: message`."""
        line, col = locate(self.text, path)
        where = format_json_path(path)
        return Problem(self.name, line, col, f"{where}: {message}" if where else message, hint)

    def error(self, path: JsonPath, message: str, hint: str = "") -> ExportError:
        """The same problem as an exception."""
        return ExportError([self.problem(path, message, hint)])


def format_json_path(path: JsonPath) -> str:
    """`('sla_policies', 2, 'metric')` -> `sla_policies[2].metric`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_json(path: str, name: str | None = None) -> JsonFile:
    """Read and parse an export file; exit-2 errors for unreadable, oversized or broken JSON."""
    shown = name or path
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ExportError.at(shown, 0, 0, f"cannot read: {exc.strerror}",
                             "check the path of the export") from None
    if not stat.S_ISREG(st.st_mode):
        raise ExportError.at(shown, 0, 0, "is not a regular file",
                             "pass the JSON files of the export or the directory holding them")
    if st.st_size > MAX_BYTES:
        raise ExportError.at(shown, 0, 0, f"is {st.st_size:,} bytes, more than an SLA export "
                             f"can be ({MAX_BYTES:,})", "pass the endpoint responses only")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ExportError.at(shown, 0, 0, f"cannot read: {exc.strerror}",
                             "check the file's permissions") from None
    return parse_json(raw, shown)


def parse_json(raw: bytes, name: str) -> JsonFile:
    """Parse bytes of one endpoint response."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExportError.at(name, 0, 0, f"is not UTF-8 text (byte {exc.start})",
                             "save the API response as it came (JSON is UTF-8)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        truncated = not text[exc.pos:].strip() or _unclosed(text)
        message = ("the JSON ends before it is complete (the file is truncated)" if truncated
                   else f"the JSON is malformed: {exc.msg}")
        hint = ("export it again; a download that stopped early leaves a cut-off file"
                if truncated else "save the API response unchanged; it is not valid JSON")
        raise ExportError.at(name, exc.lineno, exc.colno, message, hint) from None
    return JsonFile(name, text, data)


def _unclosed(text: str) -> bool:
    """Whether the text ends inside a string or with objects or lists still open."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
    return in_string or depth > 0


def locate(text: str, path: JsonPath) -> tuple[int, int]:
    """Line and column (1-based) of the value at `path`; (0, 0) if it cannot be found."""
    try:
        pos = _Locator(text).find(path)
    except (IndexError, ValueError):
        return 0, 0
    if pos < 0:
        return 0, 0
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class _Locator:
    """A minimal JSON scanner that walks to one path and returns the offset of its value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def ws(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t\r\n\ufeff":
            self.i += 1

    def find(self, path: JsonPath) -> int:
        self.ws()
        for part in path:
            ch = self.text[self.i]
            if ch == "{" and isinstance(part, str):
                if not self.enter_key(part):
                    return -1
            elif ch == "[" and isinstance(part, int):
                if not self.enter_index(part):
                    return -1
            else:
                return -1
            self.ws()
        return self.i

    def enter_key(self, key: str) -> bool:
        self.i += 1
        while True:
            self.ws()
            if self.text[self.i] == "}":
                return False
            name = self.string()
            self.ws()
            self.i += 1  # ':'
            self.ws()
            if name == key:
                return True
            self.skip()
            self.ws()
            if self.text[self.i] == ",":
                self.i += 1

    def enter_index(self, index: int) -> bool:
        self.i += 1
        n = 0
        while True:
            self.ws()
            if self.text[self.i] == "]":
                return False
            if n == index:
                return True
            self.skip()
            self.ws()
            if self.text[self.i] == ",":
                self.i += 1
            n += 1

    def string(self) -> str:
        start = self.i
        self.i += 1
        while self.text[self.i] != '"':
            self.i += 2 if self.text[self.i] == "\\" else 1
        self.i += 1
        value: str = json.loads(self.text[start:self.i])
        return value

    def skip(self) -> None:
        ch = self.text[self.i]
        if ch == '"':
            self.string()
        elif ch in "{[":
            close = "}" if ch == "{" else "]"
            self.i += 1
            while True:
                self.ws()
                if self.text[self.i] == close:
                    self.i += 1
                    return
                self.skip()
                self.ws()
                if self.text[self.i] == ":":
                    self.i += 1
                    self.ws()
                    self.skip()
                    self.ws()
                if self.text[self.i] == ",":
                    self.i += 1
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]} \t\r\n":
                self.i += 1


__all__ = ["MAX_BYTES", "ExportError", "JsonFile", "JsonPath", "format_json_path", "locate",
           "parse_json", "read_json"]
