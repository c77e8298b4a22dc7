"""The shape of a legal table: which fields a row may have and what type each one is.

A wrongly typed field (`sectors: bank`, `minimum: 14`, `members: 5`) would otherwise reach a
rule mid-audit; every field is checked when the table is loaded, and unknown fields are
refused with the closest known name, as typos in a process file are.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from cxaudit.model.durations import DurationError, parse_cadence, parse_duration

TEXT, TEXTS, DURATION, FLAG, DATE = "text", "a list of text", "a duration", "true or false", \
    "a date"
FIELDS = {
    "topic": TEXT, "statute": TEXT, "url": TEXT, "valid_from": DATE, "valid_until": DATE,
    "confidence": TEXT, "minimum": DURATION, "within": DURATION, "extended_within": DURATION,
    "counted_from": TEXT, "may_wait_for": TEXT, "extension_needs": TEXT, "field": TEXT,
    "body": TEXT, "same_means_of_payment": FLAG, "outbound_delivery_refunded": FLAG,
    "sectors": TEXTS, "customers": TEXTS, "sells": TEXTS, "if_not_informed": "a mapping",
    "note": TEXT, "statute_local": TEXT, "not_sectors": TEXTS, "about": TEXT,
    "after_deadline": TEXT, "verified": "a mapping", "checked": "a mapping",
}
TABLE = {"area": TEXT, "version": TEXT, "members": TEXTS, "rows": "a list of rows"}
Found = tuple[tuple[Any, ...], str, str]  # (path, message, hint)
_EXAMPLES = {"sectors": "[bank, telecom]", "customers": "[b2c, mixed]",
             "sells": "[physical_goods]", "members": "[DE, AT]"}


def _hint(key: str, kind: str) -> str:
    if kind == TEXTS:
        return f"write a list, e.g. {key}: {_EXAMPLES.get(key, '[a, b]')}"
    if kind == FLAG:
        return f"write {key}: true or {key}: false"
    if kind == DATE:
        return "write the date as YYYY-MM-DD, e.g. 2014-06-13"
    if kind == TEXT:
        return "write it as text (quote it if it contains ': ')"
    return "see rules/data/legal/README.md"


def _is(kind: str, value: Any) -> bool:
    if kind in (TEXT, DATE):
        return isinstance(value, str)
    if kind == TEXTS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == FLAG:
        return isinstance(value, bool)
    if kind == "a list of rows":
        return isinstance(value, list)
    if kind == "a mapping":
        return isinstance(value, dict)
    return True  # durations are parsed below


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def table_problems(data: dict[str, Any]) -> Iterator[Found]:
    """Wrongly typed top-level fields of a table (area, version, members, rows)."""
    for key, kind in TABLE.items():
        value = data.get(key)
        if key == "version" and isinstance(value, (int, float)) and not isinstance(value, bool):
            continue
        if key in data and not _is(kind, value):
            yield ((key,), f"{key} must be {kind}, found {_shown(value)}", _hint(key, kind))
    for key in data:
        if key not in TABLE and not key.startswith("x-"):
            close = difflib.get_close_matches(key, list(TABLE), n=1)
            yield ((key,), f"unknown field {key!r} in a legal table",
                   f"did you mean {close[0]!r}?" if close else
                   f"known fields: {', '.join(TABLE)}; prefix custom fields with x-")


def row_problems(raw: dict[str, Any]) -> Iterator[Found]:
    """Unknown and wrongly typed fields of one row (paths relative to the row)."""
    for key, value in raw.items():
        if key.startswith("x-"):
            continue
        kind = FIELDS.get(key)
        if kind is None:
            close = difflib.get_close_matches(key, list(FIELDS), n=1)
            yield ((key,), f"unknown field {key!r} in a legal row",
                   f"did you mean {close[0]!r}?" if close else
                   "see rules/data/legal/README.md; prefix custom fields with x-")
        elif not _is(kind, value):
            yield ((key,), f"{key} must be {kind}, found {_shown(value)}", _hint(key, kind))
        elif kind == DURATION:
            yield from _duration((key,), value, parse_duration)
        elif key == "if_not_informed":
            yield from _if_not_informed(value)


def _duration(path: tuple[Any, ...], value: Any, *parsers: Any) -> Iterator[Found]:
    hint = ""
    for parse in parsers:
        try:
            parse(str(value))
            return
        except DurationError as exc:
            hint = hint or exc.hint
    yield (path, f"{_shown(value)} is not a duration", hint or "write it like 14d or 8w")


def _if_not_informed(value: dict[str, Any]) -> Iterator[Found]:
    keys = [k for k in value if not str(k).startswith("x-")]
    if sorted(keys) not in (["window"], ["extended_by"]):
        yield (("if_not_informed",), "if_not_informed needs exactly one of window or extended_by",
               "e.g. if_not_informed: {extended_by: 12mo}")
        return
    key = keys[0]
    yield from _duration(("if_not_informed", key), value[key], parse_duration, parse_cadence)
