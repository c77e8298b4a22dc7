"""Document paths that survive edits: list items named by their key instead of their index.

`format_path` (in loading) renders a path the way users read it, `channels[2].sla`; the
fingerprint of a finding needs a name that does not change when a list is reordered or an item
is inserted before it, `channels[id=chat].sla`.
"""

from __future__ import annotations

from typing import Any

from cxaudit.loading import DocPath

# Keys that name a list item, in the order tried: `channels[id=chat]` survives reordering.
_ITEM_KEYS = ("id", "name", "level", "type", "tz", "failure", "date")


def stable_path(data: Any, path: DocPath) -> str:
    """`format_path` with list indices replaced by the item's identifying key where one is unique.

    Used for fingerprints (baselines, SARIF), so that reordering a list or inserting an item
    does not turn old findings into new ones; indices remain where no such key exists.
    """
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            label = str(part)
            if isinstance(node, list) and 0 <= part < len(node):
                label = _item_label(node, part)
                node = node[part]
            else:
                node = None
            out += f"[{label}]"
        else:
            node = node.get(part) if isinstance(node, dict) else None
            out += ("." if out else "") + part
    return out or "(document)"


def _item_label(items: list[Any], index: int) -> str:
    item = items[index]
    if not isinstance(item, dict):
        return str(index)
    for key in _ITEM_KEYS:
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            same = sum(1 for other in items
                       if isinstance(other, dict) and other.get(key) == value)
            if same == 1:
                return f"{key}={value}"
    return str(index)
