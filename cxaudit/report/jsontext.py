"""The JSON text of a report: indented by two, keys sorted, non-ASCII kept, one final newline.

`dumps` gives exactly the bytes of `json.dumps(data, indent=2, sort_keys=True,
ensure_ascii=False) + "\\n"` (the format every golden file holds), written by orjson, which
does it in C instead of the standard library's pure-Python indenting encoder (about ten times
faster on a large report). The two agree on strings, escapes, key order, integers and the
floats a report holds (scores are integers, priorities are rounded to two places). orjson
writes a float below 1e-4 (other than 0) or one that is not finite differently, so callers
pass none; where it refuses (an integer beyond 64 bits, a key that is not a string, a type it
does not know), the standard library writes the whole text.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any, sort_keys: bool = True) -> str:
    """`data` as indented JSON text with a final newline, the same bytes as `json.dumps`."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; kept for odd platforms
        return _standard(data, sort_keys)
    option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    try:
        return orjson.dumps(data, default=_refuse, option=option).decode() + "\n"
    except TypeError:  # orjson.JSONEncodeError: a value only the standard library writes
        return _standard(data, sort_keys)


def _standard(data: Any, sort_keys: bool) -> str:
    return json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=False) + "\n"


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


__all__ = ["dumps"]
