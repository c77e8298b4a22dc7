"""List items renamed and otherwise unchanged: one neutral row, not a removal plus an addition.

Renaming the SLA policy `standard` to `default` (and the channels that name it) does not change
what a customer is promised, so it must not fail CI as "SLA policy removed". Only items whose
whole content, apart from the key that names them, is equal are paired; anything more is a
removal and an addition.
"""

from __future__ import annotations

from typing import Any

from cxaudit.diff.flatten import PRESENT_MARK, Item
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


def find_renames(old: dict[str, Item], new: dict[str, Item]) -> dict[str, str]:
    """Old item key -> new item key, for list items equal in everything but their key."""
    only_new = sorted(k for k, i in new.items() if _is_item(i) and k not in old)
    out: dict[str, str] = {}
    for ko in sorted(k for k, i in old.items() if _is_item(i) and k not in new):
        sig = _signature(old, ko)
        for kn in only_new:
            if (kn not in out.values() and new[kn].generic == old[ko].generic
                    and _signature(new, kn) == sig):
                out[ko] = kn
                break
    return out


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


__all__ = ["channel_renames", "find_renames"]
