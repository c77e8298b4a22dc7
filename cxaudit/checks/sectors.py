"""Sector defaults kept in rule parameters: what a sector's customers typically run into.

A table is a list of `{sectors: [...], needs: [{name, keywords: [...]}]}` entries, written in
the rule file so a pack can override it. A described item covers a need when one of the need's
keywords occurs in the item's name (case-insensitive substring, no regular expressions).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def needs_for(table: Any, sector: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """The (name, keywords) needs a sector has under `table`; empty for unlisted sectors."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for entry in table if isinstance(table, list) else []:
        if not isinstance(entry, dict) or sector not in (entry.get("sectors") or []):
            continue
        for need in entry.get("needs") or []:
            if isinstance(need, dict) and need.get("name"):
                words = tuple(str(k).lower() for k in need.get("keywords") or [need["name"]])
                out.append((str(need["name"]), words))
    return out


def covers(name: str, keywords: Iterable[str]) -> bool:
    """Whether an item called `name` meets a need described by `keywords`."""
    low = name.lower()
    return any(k in low for k in keywords)


def uncovered(needs: list[tuple[str, tuple[str, ...]]], names: Iterable[str]) -> list[str]:
    """The needs none of `names` covers."""
    listed = [str(n) for n in names]
    return [need for need, words in needs if not any(covers(n, words) for n in listed)]
