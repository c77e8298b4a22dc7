"""A list item's identity: which key names it, for findings and for the diff.

One table (`identity.yaml` beside this module) and one reading of a key's value. Two uses:

- `item_labels`: the name of each item in its list for a finding's stable path
  (`channels[id=chat]`), item by item, from the generic `ITEM_KEYS` (fingerprints of
  baselines and SARIF results are built from it, so its order never changes);
- `list_labels`: the names of the items of one of the lists in `LIST_KEYS`, all by the same
  candidate key, for comparing two versions of a file (`cxaudit diff`); `unique` says whether
  a candidate names every item of a list;
- `label`: how a sentence names an item (`map 2`, `level 1`), from the templates of `LABELS`.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any

from cxaudit.document.kept import bundled_yaml
from cxaudit.document.loading import DocPath
from cxaudit.i18n import ENGLISH, current, pgettext


def _load() -> dict[str, Any]:
    data: dict[str, Any] = bundled_yaml(Path(__file__).with_name("identity.yaml"))
    return data


_DATA = _load()

ITEM_KEYS: tuple[str, ...] = tuple(_DATA["item_keys"])
LIST_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    path: tuple(tuple(keys) for keys in candidates)
    for path, candidates in _DATA["list_keys"].items()}


LABELS: dict[str, tuple[str, ...]] = {
    path: tuple(templates) for path, templates in _DATA["labels"].items()}
_FIELD = re.compile(r"\{([a-z_]+)\}")
# the label templates that hold words, marked for the catalogs (`label` says them in the
# run's language); a test keeps this list equal to identity.yaml's
WORDED = (pgettext("item", "map {number}"), pgettext("item", "level {level}"),
          pgettext("item", "level {number}"), pgettext("item", "system {number}"),
          pgettext("item", "entry {number}"), pgettext("item", "survey {number}"))


def generic_path(path: DocPath) -> str:
    """`("journey", "maps", 2)` -> `journey.maps[]`."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else ("." if out else "") + part
    return out


def label(path: DocPath, item: Any) -> str:
    """How a sentence names the list item at `path` (`map 2`, `the 'Returns' map` is the
    rule's wording around it): the first template of `LABELS` the item states."""
    number = path[-1] + 1 if path and isinstance(path[-1], int) else 1
    for template in LABELS.get(generic_path(path), ("{number}",)):
        values = {k: number if k == "number" else item.get(k) if isinstance(item, dict) else None
                  for k in _FIELD.findall(template)}
        if all(_stated(v) for v in values.values()):
            return _fill(template if current() == ENGLISH else pgettext("item", template),
                         values)
    return str(number)


def _fill(template: str, values: dict[str, Any]) -> str:
    return _FIELD.sub(lambda m: str(values[m.group(1)]), template)


def _stated(value: Any) -> bool:
    return value is not None and not isinstance(value, (dict, list)) and str(value).strip() != ""


def key_value(generic: str, item: Any, key: str) -> Any:
    """The value of `key` naming `item` of the list `generic` (`channels[]`), or None.

    A channel without an id is named by its type, as the process model names it.
    """
    value = item.get(key) if isinstance(item, dict) else None
    if value is None and generic == "channels[]" and key == "id" and isinstance(item, dict):
        value = item.get("type")
    return None if isinstance(value, (dict, list)) else value


def unique(generic: str, items: list[Any], candidate: tuple[str, ...]) -> bool:
    """Whether `candidate` keys name every item of the list, each differently."""
    seen = set()
    for item in items:
        values = tuple(key_value(generic, item, k) for k in candidate)
        if any(v is None for v in values) or values in seen:
            return False
        seen.add(values)
    return True


def list_labels(generic: str, items: list[Any], candidate: tuple[str, ...] | None) -> list[str]:
    """`key=value` (`a=1,b=2` for several keys) per item, or `#n` when the keys name no item."""
    if candidate is None or not unique(generic, items, candidate):
        return [f"#{i + 1}" for i in range(len(items))]
    return [",".join(f"{k}={key_value(generic, item, k)}" for k in candidate) for item in items]


# The labels of the lists seen last, by identity: a unit's findings point into the same few
# lists (channels, levels, surveys...), and computing a list's labels reads the whole list, so
# doing it once per list instead of once per finding keeps large files linear.
_CACHE: OrderedDict[int, tuple[list[Any], int, list[str]]] = OrderedDict()
_CACHE_SIZE = 64


def item_labels(items: list[Any]) -> list[str]:
    """Every item's label: `key=value` for the first of `ITEM_KEYS` unique in the list, else
    its index."""
    hit = _CACHE.get(id(items))
    if hit is not None and hit[0] is items and hit[1] == len(items):
        _CACHE.move_to_end(id(items))
        return hit[2]
    counts: Counter[tuple[str, Any]] = Counter(
        (key, item[key]) for item in items if isinstance(item, dict) for key in ITEM_KEYS
        if isinstance(item.get(key), (str, int, float)))  # only these can equal a str or int
    labels = []
    for index, item in enumerate(items):
        label = str(index)
        if isinstance(item, dict):
            for key in ITEM_KEYS:
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
