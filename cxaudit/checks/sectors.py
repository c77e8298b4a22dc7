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
        sectors = entry.get("sectors") if isinstance(entry, dict) else None
        if not isinstance(sectors, list) or sector not in sectors:
            continue
        needs = entry.get("needs")
        for need in needs if isinstance(needs, list) else []:
            if isinstance(need, dict) and need.get("name"):
                keywords = need.get("keywords")
                words = tuple(str(k).lower() for k in (
                    keywords if isinstance(keywords, list) and keywords else [need["name"]]))
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
