"""How a report cites a seed passage: in English by its id, in other languages in the original.

The seed articles behind the built-in rules are Russian and Ukrainian texts indexed in
`rules/data/seeds.yaml` (each passage with an English summary and an exact `quote`). An English
report names the passage and our note on it; a report in any other language quotes the
article's own title and the passage's words as they were written, untranslated. Other sources
(standards, laws, studies) keep their own titles, which are English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from cxaudit import resources
from cxaudit.i18n import ENGLISH, current
from cxaudit.rules.packs import Source


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, Any]]:
    """Seed file -> its original title and its passages' quotes."""
    path = resources.rules_dir() / "data" / "seeds.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(s["file"]): {"title": " ".join(str(s.get("original_title", "")).split()),
                             "quotes": {str(k): " ".join(str(v.get("quote", "")).split())
                                        for k, v in (s.get("passages") or {}).items()}}
            for s in data.get("seeds") or []}


def source_label(source: Source) -> str:
    """The citation a reader of the run's language sees."""
    if current() == ENGLISH or not source.seed:
        return source.label()
    seed = _index().get(source.seed)
    if seed is None or not seed["title"]:
        return source.label()
    quote = seed["quotes"].get(source.passage or "", "")
    return f"{seed['title']}" + (f": «{quote}»" if quote else "")


__all__ = ["source_label"]
