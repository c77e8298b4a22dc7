"""Document paths that survive edits: list items named by their key instead of their index.

`format_path` (in loading) renders a path the way users read it, `channels[2].sla`; the
fingerprint of a finding needs a name that does not change when a list is reordered or an item
is inserted before it, `channels[id=chat].sla`.
"""

from __future__ import annotations

from typing import Any

from cxaudit.document.identity import item_labels
from cxaudit.document.loading import DocPath


def stable_path(data: Any, path: DocPath) -> str:
    """`format_path` with list indices replaced by the item's identifying key where one is unique.

    Used for fingerprints (baselines, SARIF), so that reordering a list or inserting an item
    does not turn old findings into new ones; indices remain where no such key exists. Which
    key names an item is decided in `cxaudit.document.identity`.
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
    labels = item_labels(items)
    return labels[index] if index < len(labels) else str(index)
