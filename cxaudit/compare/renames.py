"""List items renamed and otherwise unchanged: one neutral row, not a removal plus an addition.

Renaming the SLA policy `standard` to `default` (and the channels that name it) does not change
what a customer is promised, so it must not fail CI as "SLA policy removed". Only items whose
whole content, apart from the key that names them, is equal are paired; anything more is a
removal and an addition.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from cxaudit.compare.flatten import PRESENT_MARK, Item
from cxaudit.model.durations import Duration
from cxaudit.model.process import Process


def _is_item(item: Item) -> bool:
    return (item.row is not None and item.row.kind == "presence"
            and item.generic.endswith("[]") and item.value == PRESENT_MARK)


def _norm(value: Any) -> Any:
    if isinstance(value, Duration):
        return ("duration", value.minutes, value.business_days)
    if isinstance(value, (frozenset, set)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, dict):
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    return value


def _signature(items: dict[str, Item], key: str) -> tuple[Any, ...]:
    label = key[key.rindex("[") + 1:-1]
    names = {part.split("=", 1)[0] for part in label.split(",")}
    sub = []
    for k, item in items.items():
        if k.startswith((key + ".", key + "[")):
            rel = k[len(key):]
            if rel.lstrip(".") not in names:
                sub.append((rel, repr(_norm(item.value)), item.clock))
    return tuple(sorted(sub))


def list_items(items: Mapping[str, Item]) -> list[str]:
    """The keys of the list items (`channels[id=chat]`) among flattened fields, sorted."""
    return sorted(k for k, i in items.items() if _is_item(i))


def signatures(items: dict[str, Item], keys: Iterable[str]) -> dict[str, str]:
    """List item key -> a digest of its kind and everything in it but the key naming it.

    Two items with equal digests differ at most in their name: a rename.
    """
    return {k: hashlib.sha256(repr((items[k].generic, _signature(items, k))).encode())
            .hexdigest()[:16] for k in keys}


def pair(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """Old item key -> new item key for the items of one side only whose digests are equal."""
    only_new = sorted(k for k in new if k not in old)
    out: dict[str, str] = {}
    for ko in sorted(k for k in old if k not in new):
        for kn in only_new:
            if kn not in out.values() and new[kn] == old[ko]:
                out[ko] = kn
                break
    return out


def find_renames(old: dict[str, Item], new: dict[str, Item]) -> dict[str, str]:
    """Old item key -> new item key, for list items equal in everything but their key."""
    old_keys, new_keys = list_items(old), list_items(new)
    only_old = [k for k in old_keys if k not in new]
    only_new = [k for k in new_keys if k not in old]
    # items on both sides need no digest: `pair` only compares those of one side
    return pair({**dict.fromkeys(old_keys, ""), **signatures(old, only_old)},
                {**dict.fromkeys(new_keys, ""), **signatures(new, only_new)})


def renamed(path: str, renames: Mapping[str, str]) -> str:
    """`path` with a renamed item's old key replaced by its new one."""
    for ko, kn in renames.items():
        if path == ko or path.startswith((ko + ".", ko + "[")):
            return kn + path[len(ko):]
    return path


def channel_renames(renames: dict[str, str], old: dict[str, Item], new: dict[str, Item],
                    old_proc: Process, new_proc: Process) -> dict[str, str]:
    """Old channel id -> new channel id for renamed channels."""
    def channel_id(proc: Process, item: Item) -> str | None:
        return next((c.id for c in proc.channels if c.path == item.path), None)

    out = {}
    for ko, kn in renames.items():
        if old[ko].generic == "channels[]":
            a, b = channel_id(old_proc, old[ko]), channel_id(new_proc, new[kn])
            if a is not None and b is not None:
                out[a] = b
    return out


__all__ = ["channel_renames", "find_renames", "list_items", "pair", "renamed", "signatures"]
