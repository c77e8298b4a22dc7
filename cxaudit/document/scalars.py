"""YAML 1.2 scalars: which tag a plain scalar has, and the parser that resolves them so.

PyYAML resolves by YAML 1.1, where `on`, `no` and `NO` are booleans and `18:00` is the
base-60 number 1080; the core schema of YAML 1.2 keeps them text.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
MAP, SEQ, DATE = _T + "map", _T + "seq", _T + "timestamp"
SAFE_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, MAP, SEQ, DATE})

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus ISO dates.
NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_RE = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_MAYBE_NOT_TEXT = frozenset("0123456789-+.~nNtTfF")


def resolve_plain(value: str) -> str:
    """Return the YAML 1.2 core-schema tag of a plain (unquoted) scalar."""
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return STR  # most scalars are words: skip the regular expressions
    if NULL_RE.match(value):
        return NULL
    if BOOL_RE.match(value):
        return BOOL
    if _INT_RE.match(value):
        return INT
    if _FLOAT_RE.match(value):
        return FLOAT
    if DATE_RE.match(value):
        return DATE
    return STR


class _Resolver12(BaseResolver):
    """Tag resolution by the YAML 1.2 core schema instead of PyYAML's YAML 1.1."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return resolve_plain(value) if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


try:  # the C parser is ~4x faster; fall back to pure Python where libyaml is missing
    # yaml._yaml is where CParser lives (yaml.cyaml re-imports it without exporting it)
    from yaml._yaml import CParser

    class Loader(CParser, _Resolver12):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver12.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    # the fallback redefines _Loader on purpose
    class Loader(Reader, Scanner, Parser, Composer, _Resolver12):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver12.__init__(self)
