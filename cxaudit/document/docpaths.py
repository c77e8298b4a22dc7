"""Document paths that survive edits: list items named by their key instead of their index.

`format_path` (in loading) renders a path the way users read it, `channels[2].sla`; the
fingerprint of a finding needs a name that does not change when a list is reordered or an item
is inserted before it, `channels[id=chat].sla`.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Any

from cxaudit.document.loading import DocPath

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
    labels = _labels(items)
    return labels[index] if index < len(labels) else str(index)


# The labels of the lists seen last, by identity: a unit's findings point into the same few
# lists (channels, levels, surveys...), and computing a list's labels reads the whole list, so
# doing it once per list instead of once per finding keeps large files linear.
_CACHE: OrderedDict[int, tuple[list[Any], int, list[str]]] = OrderedDict()
_CACHE_SIZE = 64


def _labels(items: list[Any]) -> list[str]:
    """Every item's label: `key=value` for the first identifying key unique in the list."""
    hit = _CACHE.get(id(items))
    if hit is not None and hit[0] is items and hit[1] == len(items):
        _CACHE.move_to_end(id(items))
        return hit[2]
    counts: Counter[tuple[str, Any]] = Counter(
        (key, item[key]) for item in items if isinstance(item, dict) for key in _ITEM_KEYS
        if isinstance(item.get(key), (str, int, float)))  # only these can equal a str or int
    labels = []
    for index, item in enumerate(items):
        label = str(index)
        if isinstance(item, dict):
            for key in _ITEM_KEYS:
                value = item.get(key)
                if isinstance(value, (str, int)) and not isinstance(value, bool) \
                        and counts[(key, value)] == 1:
                    label = f"{key}={value}"
                    break
        labels.append(label)
    _CACHE[id(items)] = (items, len(items), labels)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return labels
