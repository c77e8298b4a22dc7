"""Sector defaults: what a sector's customers typically run into (`rules/data/sectors.yaml`).

The bundled table has one entry per sector with its needs (`failures` for REC-001, `proactive`
for JRN-003) and flags (`round_the_clock` for RESP-012, `order_tracking` for ACC-002). A rule
parameter may replace a needs table: a list of `{sectors: [...], needs: [{name, keywords}]}`
entries, so a consultancy's pack can use its own. A described item covers a need when one of
the need's keywords occurs in the item's name (case-insensitive substring, no regular
expressions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

Needs = list[tuple[str, tuple[str, ...]]]


@lru_cache(maxsize=1)
def bundled() -> Mapping[str, Mapping[str, Any]]:
    """Sector -> its defaults, from the table shipped in rules/data."""
    from cxaudit import resources
    from cxaudit.document.kept import bundled_yaml

    raw = bundled_yaml(resources.rules_dir() / "data" / "sectors.yaml")
    table = raw.get("sectors") if isinstance(raw, dict) else None
    return {str(k): (v if isinstance(v, dict) else {}) for k, v in (table or {}).items()}


def _needs(items: Any) -> Needs:
    out: Needs = []
    for need in items if isinstance(items, list) else []:
        if isinstance(need, dict) and need.get("name"):
            words = tuple(str(k).lower() for k in need.get("keywords") or [need["name"]])
            out.append((str(need["name"]), words))
    return out


def needs_for(table: Any, sector: str | None, kind: str) -> Needs:
    """The (name, keywords) needs of `sector`: from `table` if a rule pack gives one, else
    from the bundled `kind` table (`failures`, `proactive`); empty for an unlisted sector."""
    if isinstance(table, list) and table:
        out: Needs = []
        for entry in table:
            if isinstance(entry, dict) and sector in (entry.get("sectors") or []):
                out.extend(_needs(entry.get("needs")))
        return out
    return _needs(bundled().get(sector or "", {}).get(kind))


def flag(name: str, sector: str | None) -> bool:
    """A sector flag of the bundled table (`round_the_clock`, `order_tracking`)."""
    return bool(bundled().get(sector or "", {}).get(name, False))


def covers(name: str, keywords: Iterable[str]) -> bool:
    """Whether an item called `name` meets a need described by `keywords`."""
    low = name.lower()
    return any(k in low for k in keywords)


def uncovered(needs: Needs, names: Iterable[str]) -> list[str]:
    """The needs none of `names` covers."""
    listed = [str(n) for n in names]
    return [need for need, words in needs if not any(covers(n, words) for n in listed)]
