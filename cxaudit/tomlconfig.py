"""`[tool.cxaudit]` in pyproject.toml: the settings, and the line of each key for messages.

tomllib keeps no positions, so the lines come from a light scan of the text: table headers
(`[tool.cxaudit.params]`) and `key = value` lines. Keys inside inline tables or multi-line
arrays are located at the line of the key that holds them, which is enough to find them.
"""

from __future__ import annotations

import re
from typing import Any

from cxaudit.errors import InputError
from cxaudit.loading import DocPath

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
        raise InputError.at(name, line, col, f"TOML syntax error: {message}",
                            "check quoting and brackets around this position") from None
    table = data.get("tool", {}).get("cxaudit", {})
    found = positions(text)
    if not isinstance(table, dict):
        line, col = found.get((), (1, 1))
        raise InputError.at(name, line, col, "tool.cxaudit must be a table",
                            "write the settings under a `[tool.cxaudit]` header")
    found.setdefault((), (1, 1))
    return table, found
