"""How a report cites a source: by its title and where it was published, never by a file name.

The seed articles behind the built-in rules are Russian and Ukrainian texts indexed in
`rules/data/seeds.yaml` (each with its title, language and year, each passage with an English
summary and an exact `quote`). An English report names the article by its English title, its
language and year, and our note on the passage; a report in any other language quotes the
article's own title and the passage's words as they were written, untranslated. Other sources
(standards, laws, studies) keep their own titles, which name their author, followed by the site
that publishes them. An address on a staging or temporary host is never shown (`public_url`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import yaml

from cxaudit import resources
from cxaudit.i18n import ENGLISH, _, current
from cxaudit.rules.packs import Source

# Host names (or parts of them) that mark a page not meant for readers: staging copies,
# temporary or test hosts, the reserved example and local domains.
_PRIVATE_HOST = re.compile(
    r"(^|[.-])(localhost|tmp|temp|test|dev|preview)([.-]|$)|stag(e|ing)|stg|"
    r"\.(local|test|example|invalid|localhost|internal)$|^example\.|^[\d.]+$|^\[")


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, Any]]:
    """Seed file -> its titles, language, year and its passages' quotes."""
    path = resources.rules_dir() / "data" / "seeds.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(s["file"]): {"title": " ".join(str(s.get("original_title", "")).split()),
                             "english": " ".join(str(s.get("title", "")).split()),
                             "language": str(s.get("language", "")),
                             "year": str(s.get("year", "") or ""),
                             "quotes": {str(k): " ".join(str(v.get("quote", "")).split())
                                        for k, v in (s.get("passages") or {}).items()}}
            for s in data.get("seeds") or []}


def public_url(url: str | None) -> str:
    """`url` when it is a public http(s) address, else "": staging and temporary hosts, local
    and example domains and bare IP addresses are not for a client's report."""
    url = (url or "").strip()
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    if not re.match(r"https?://", url, re.IGNORECASE) or not host or _PRIVATE_HOST.search(host):
        return ""
    return url


def site(url: str | None) -> str:
    """The site a public address belongs to (`hbr.org`), or ""."""
    url = public_url(url)
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return host.removeprefix("www.")


def _article(seed: dict[str, Any]) -> str:
    """`article in Russian, 2020`."""
    language = {"ru": _("article in Russian"), "uk": _("article in Ukrainian")}.get(
        seed["language"], _("article"))
    return language + (f", {seed['year']}" if seed["year"] else "")


def source_label(source: Source) -> str:
    """The citation a reader of the run's language sees: a title and who published it."""
    seed = _index().get(source.seed or "") if source.seed else None
    if source.seed and seed is None:
        return source.label()  # a pack's own seed file: cited as the pack wrote it
    if seed is None:
        where = site(source.url)
        title = source.title or ""
        return title + (f" — {where}" if where and where not in title.lower() else "") + \
            (f": {source.note}" if source.note else "")
    if current() == ENGLISH or not seed["title"]:
        title = seed["english"] or seed["title"]
        return f"“{title}” ({_article(seed)})" + (f": {source.note}" if source.note else "")
    quote = seed["quotes"].get(source.passage or "", "")
    return f"{seed['title']}" + (f": «{quote}»" if quote else "")


__all__ = ["public_url", "site", "source_label"]
