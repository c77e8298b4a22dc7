"""`[tool.cxaudit]` in pyproject.toml: the settings, and the line of each key for messages.

tomllib keeps no positions, so the lines come from a light scan of the text: table headers
(`[tool.cxaudit.params]`) and `key = value` lines. Keys inside inline tables or multi-line
arrays are located at the line of the key that holds them, which is enough to find them.
"""

from __future__ import annotations

import re
from typing import Any

from cxaudit.document.loading import DocPath
from cxaudit.errors import InputError
from cxaudit.i18n import _

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^(\s*)((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
                  r"(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def positions(text: str) -> dict[DocPath, tuple[int, int]]:
    """Line and column of every key under [tool.cxaudit], as paths relative to that table."""
    out: dict[DocPath, tuple[int, int]] = {}
    table: tuple[str, ...] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            name = _split_key(header.group(1))
            table = name[2:] if name[:2] == ("tool", "cxaudit") else None
            if table is not None:
                col = line.index("[") + 1
                out.setdefault(table, (number, col))
            continue
        if table is None:
            continue
        key = _KEY.match(line)
        if key:
            path = table + _split_key(key.group(2))
            out.setdefault(path, (number, len(key.group(1)) + 1))
    return out


def load_pyproject(text: str, name: str) -> tuple[dict[str, Any], dict[DocPath, tuple[int, int]]]:
    """The [tool.cxaudit] table (empty when absent) and its key positions."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _AT.search(str(exc))
        line, col = (int(at.group(1)), int(at.group(2))) if at else (0, 0)
        message = _AT.sub("", str(exc)).strip()
        raise InputError.at(name, line, col, _("TOML syntax error: {problem}").format(
            problem=message), _("check quoting and brackets around this position")) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise InputError.at(name, 1, 1, _("the TOML is nested too deeply to read"),
                            _("a cxaudit configuration nests a few levels at most: flatten it")
                            ) from None
    tool = data.get("tool", {})
    found = positions(text)
    if not isinstance(tool, dict):
        line, col = _line_of(text, "tool")
        raise InputError.at(name, line, col, _("tool must be a table, found {kind}").format(
            kind=_kind(tool)), _("write the settings under a `[tool.cxaudit]` header"))
    table = tool.get("cxaudit", {})
    if not isinstance(table, dict):
        line, col = found.get((), _line_of(text, "cxaudit"))
        raise InputError.at(name, line, col, _("tool.cxaudit must be a table, found "
                                               "{kind}").format(kind=_kind(table)),
                            _("write the settings under a `[tool.cxaudit]` header"))
    found.setdefault((), (1, 1))
    return table, found


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list (write [tool.cxaudit], not [[tool.cxaudit]])" \
            if all(isinstance(v, dict) for v in value) and value else "a list"
    return f"{type(value).__name__} {value!r}"[:80]


def _line_of(text: str, key: str) -> tuple[int, int]:
    """The first line that assigns or opens `key` (a best effort for messages)."""
    pattern = re.compile(rf"^\s*(\[+\s*)?(tool\s*\.\s*)?{key}\b")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1
