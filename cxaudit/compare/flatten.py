"""A process as a flat map of comparable fields, keyed so that reordering changes nothing.

`channels[id=chat].hours.schedule` names the same field on both sides whatever the list order;
priority aliases are folded (`p3` is `normal`); durations and cadences come from the
normalised model, so `24h` and `1d` are the same value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cxaudit.compare.fields import WHOLE_KINDS, Row, lookup
from cxaudit.document.identity import LIST_KEYS, list_labels, unique
from cxaudit.document.loading import DocPath
from cxaudit.model.durations import DurationError, normalise_priority
from cxaudit.model.process import Process

PRESENT_MARK, NOT_APPLICABLE = "present", "not applicable"
EXPLICIT_NO = frozenset({"none", "never"})  # `cx_owner: none`, `reviewed: never`: said not to exist
SLA_PARENTS = frozenset({"sla_policies[]", "channels[].sla"})
_TARGETS = re.compile(r"(?:sla_policies\[\]|channels\[\]\.sla)\.targets\.[^.]+\Z")


@dataclass(frozen=True)
class Item:
    """One comparable field of one side."""

    key: str  # sla_policies[id=standard].targets.first_response.normal
    generic: str  # sla_policies[].targets.first_response.normal
    row: Row | None
    value: Any
    path: DocPath  # where it is in that side's document
    clock: str | None = None  # durations: the clock the value runs on


Keys = dict[str, "tuple[str, ...] | None"]


def choose_keys(datas: Sequence[Any]) -> Keys:
    """For each keyed list, the first key candidate that is unique on every side."""
    instances: dict[str, list[list[Any]]] = {}

    def visit(node: Any, generic: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if not str(k).startswith("x-"):
                    visit(v, f"{generic}.{k}" if generic else str(k))
        elif isinstance(node, list):
            g = generic + "[]"
            if g in LIST_KEYS:
                instances.setdefault(g, []).append(node)
            for item in node:
                visit(item, g)

    for data in datas:
        visit(data, "")
    return {g: next((c for c in cands if all(unique(g, items, c)
                                             for items in instances.get(g, []))), None)
            for g, cands in LIST_KEYS.items()}


def flatten(proc: Process, keys: Keys) -> dict[str, Item]:
    """Every comparable field of `proc`, by stable key."""
    out: dict[str, Item] = {}

    def visit(node: Any, path: DocPath, key: str, generic: str, clock: str | None) -> None:
        row = lookup(generic) if generic else None
        if row is not None and row.kind == "presence":
            na = isinstance(node, dict) and node.get("applicable") is False
            no = isinstance(node, str) and node in EXPLICIT_NO
            out[key] = Item(key, generic, row,
                            node if no else NOT_APPLICABLE if na else PRESENT_MARK, path)
            if na or no:
                return
        whole = row is not None and row.kind in WHOLE_KINDS
        if isinstance(node, dict) and not whole:
            if generic in SLA_PARENTS:
                clock = node.get("clock") if isinstance(node.get("clock"), str) else None
            for k, v in node.items():
                if k.startswith("x-") or (k == "applicable" and row is not None
                                          and row.kind == "presence"):
                    continue
                name = _priority(k) if _TARGETS.match(generic) else k
                visit(v, path + (k,), f"{key}.{name}" if key else name,
                      f"{generic}.{name}" if generic else name, clock)
        elif (isinstance(node, list) and not whole
              and any(isinstance(i, dict) for i in node)):
            g = generic + "[]"
            for i, (item, label) in enumerate(zip(node, list_labels(g, node, keys.get(g)), strict=False)):
                visit(item, path + (i,), f"{key}[{label}]", g, clock)
        else:
            out[key] = _leaf(proc, key, generic, row, node, path, clock)

    visit(proc.data, (), "", "", None)
    return out


def _priority(name: str) -> str:
    try:
        return normalise_priority(name)
    except DurationError:
        return name


def _leaf(proc: Process, key: str, generic: str, row: Row | None, node: Any, path: DocPath,
          clock: str | None) -> Item:
    kind = row.kind if row is not None else ""
    value: Any = node
    eff: str | None = None
    if kind == "duration" and path in proc.durations:
        value = proc.durations[path]
        eff = value.clock_or(clock)
    elif kind == "cadence" and path in proc.cadences:
        value = proc.cadences[path]
    elif kind == "set" or (not kind and isinstance(node, list)):
        items = node if isinstance(node, list) else [node]
        value = frozenset(canonical(v) for v in items)
    elif kind == "schedule":
        value = weekly(node)
    elif kind == "closures":
        value = closures(node)
    elif isinstance(node, (dict, list)):
        value = canonical(node)
    return Item(key, generic, row, value, path, eff)


def canonical(value: Any) -> str:
    """A stable text form of any YAML value (mappings with sorted keys)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def weekly(rows: Any) -> tuple[tuple[int, int, int], ...] | str:
    """Schedule rows as weekly (weekday, open minute, close minute) intervals."""
    from cxaudit.clock.schedules import weekly_from_rows

    if not isinstance(rows, list):
        return canonical(rows)  # e.g. owner hours given as text: compared as text
    try:
        return weekly_from_rows([r for r in rows if isinstance(r, dict)])
    except (TypeError, ValueError):
        return canonical(rows)


def closures(rows: Any) -> dict[str, str]:
    """Closed dates (ISO) with their names, from `holidays` entries (single days and periods)."""
    out: dict[str, str] = {}
    for h in rows if isinstance(rows, list) else []:
        if not isinstance(h, dict) or h.get("closed") is False:
            continue
        name = str(h.get("name", ""))
        try:
            if "date" in h:
                out[date.fromisoformat(str(h["date"])).isoformat()] = name
            elif "from" in h and "to" in h:
                day, end = date.fromisoformat(str(h["from"])), date.fromisoformat(str(h["to"]))
                while day <= end:
                    out[day.isoformat()] = name
                    day += timedelta(days=1)
        except ValueError:
            continue  # validation has already refused impossible dates
    return out


__all__ = [
    "EXPLICIT_NO",
    "NOT_APPLICABLE",
    "PRESENT_MARK",
    "Item",
    "canonical",
    "choose_keys",
    "closures",
    "flatten",
    "weekly",
]
