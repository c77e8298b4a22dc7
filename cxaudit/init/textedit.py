"""Add keys to a YAML text without touching a character of what is already there.

ruamel.yaml's round-trip loader tells where every mapping and key is (line and column); the new
key is then written as text at the end of the mapping it belongs to: a line at the mapping's
indentation for a block mapping, `, key: value` before the closing brace of a flow mapping.
Comments, blank lines, alignment and quoting elsewhere stay byte for byte, which re-dumping the
whole document would not guarantee (it joins multi-line flow mappings, for one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxaudit.init.emit import Block, Entry, Flow, Seq, _lines, flow

Parts = tuple[str | int, ...]


def _load(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(text)


def _styled(value: Any) -> Any:
    """An answer's value in the emitter's terms: lists of maps as block lists, the rest inline."""
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return Seq([Flow(v) if isinstance(v, dict) else v for v in value])
    if isinstance(value, (dict, list)):
        return Flow(value)
    return value


def _nested(keys: Sequence[str | int], value: Any, comment: str = "") -> Any:
    """`("refund", "within")`, "3d" -> a block `refund:` holding `within: 3d` (the comment
    goes above the innermost key, the one the answer gives)."""
    if not keys:
        return _styled(value)
    b = Block()
    b.add(str(keys[0]), _nested(keys[1:], value, comment), "" if keys[1:] else comment)
    return b


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _end_of_block(lines: list[str], last_key_line: int, child: int) -> int:
    """The last line that belongs to the mapping whose last key is on `last_key_line`."""
    end = last_key_line
    for j in range(last_key_line + 1, len(lines)):
        line = lines[j]
        stripped = line.strip()
        if not stripped:
            continue
        ind = _indent(line)
        if stripped.startswith("#"):
            if ind > child:
                continue
            break
        if ind > child or (ind == child and stripped.startswith("- ")):
            end = j
            continue
        break
    return end


def _closing_brace(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """(line, column) of the `}` that closes the flow mapping opening at (line, col)."""
    depth, quote = 0, ""
    i, j = line, col
    while i < len(lines):
        text = lines[i]
        while j < len(text):
            ch = text[j]
            if quote:
                if ch == "\\" and quote == '"':
                    j += 1
                elif ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == "#" and j and text[j - 1] in " \t":
                break  # a comment to the end of the line
            elif ch in "{[":
                depth += 1
            elif ch in "}]":
                depth -= 1
                if depth == 0:
                    return i, j
            j += 1
        i, j = i + 1, 0
    raise ValueError("unbalanced flow mapping")


def add(text: str, parts: Parts, value: Any, comment: str = "") -> str:
    """`text` with `value` added at document path `parts`, creating the missing mappings on the
    way. An existing key is never replaced: its missing sub-keys are added instead."""
    root = _load(text)
    node: Any = root
    depth = 0
    while depth < len(parts) - 1:
        key = parts[depth]
        if isinstance(key, int) or (isinstance(node, dict) and node.get(key) is not None):
            node = node[key]
        else:
            break
        depth += 1
    key = parts[depth]
    if depth == len(parts) - 1 and isinstance(node, dict) and node.get(key) is not None:
        if isinstance(value, dict) and isinstance(node[key], dict):
            for k, v in value.items():
                if node[key].get(k) is None:
                    text = add(text, (*parts, k), v, "")
        return text  # what the file already says stays as it is
    if not isinstance(node, dict) or (key in node and node[key] is None):
        return text  # a null or a non-mapping in the way: leave the user's text alone
    inner = parts[depth + 1:]
    new_value = _nested(inner, value, comment)
    lines = text.split("\n")
    mapping: Any = node
    if mapping.fa.flow_style() and node is not root:
        at_line, at_col = _closing_brace(lines, mapping.lc.line, mapping.lc.col)
        piece = f"{key!s}: {flow(_flat(new_value))}"
        sep = ", " if len(node) else ""
        row = lines[at_line]
        lines[at_line] = row[:at_col].rstrip() + sep + piece + row[at_col:] \
            if len(node) else row[:at_col] + piece + row[at_col:]
        return "\n".join(lines)
    if len(node):
        keys = list(node)
        child = mapping.lc.key(keys[0])[1]
        end = _end_of_block(lines, mapping.lc.key(keys[-1])[0], child)
    else:  # an empty document: only comments so far
        child, end = 0, len(lines) - 1
        while end > 0 and not lines[end].strip():
            end -= 1
    b = Block()
    b.add(str(key), new_value, "" if inner else comment)
    new_lines = [(" " * child + ln) if ln else ln for ln in _lines(b, "")]
    return "\n".join([*lines[:end + 1], *new_lines, *lines[end + 1:]])


def _flat(value: Any) -> Any:
    """A nested block turned back into plain data for a flow mapping."""
    if isinstance(value, Block):
        return {e.key: _flat(e.value) for e in value.items if isinstance(e, Entry)}
    if isinstance(value, Seq):
        return [_flat(v) for v in value.items]
    if isinstance(value, Flow):
        return value.value
    return value
