"""Where an export lives: one JSON file per endpoint response, under its path below /api/v2.

A directory holds what `curl --create-dirs -o DIR/<endpoint>.json` gives for each endpoint:

    Zendesk    slas/policies.json, business_hours/schedules.json,
               business_hours/schedules/{id}/holidays.json
    Freshdesk  sla_policies.json, business_hours.json

(an `api/v2/` prefix inside the directory is accepted). A response that came in several pages
is several files beside each other: `policies.json` is page 1, then `policies.2.json`,
`policies-2.json` or `policies.page2.json` and so on, read in page order. Files passed one by
one are recognised by their content (and, for Zendesk holidays, by the schedule id in their
path: `.../schedules/{id}/holidays.json`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxaudit.importers.jsonfile import ExportError, JsonFile, read_json

ZENDESK_FILES = ("slas/policies.json", "business_hours/schedules.json",
                 "business_hours/schedules/{id}/holidays.json")
FRESHDESK_FILES = ("sla_policies.json", "business_hours.json")


@dataclass
class Export:
    """The responses of one account, grouped by endpoint, each a list of pages."""

    source: str
    pages: dict[str, list[JsonFile]] = field(default_factory=dict)
    holidays: dict[str, list[JsonFile]] = field(default_factory=dict)  # Zendesk schedule id

    def add(self, endpoint: str, page: JsonFile) -> None:
        """Append a page of an endpoint."""
        self.pages.setdefault(endpoint, []).append(page)


def _page_files(folder: Path, stem: str) -> list[Path]:
    """`stem.json` and its further pages in `folder`, page 1 first."""
    pattern = re.compile(rf"^{re.escape(stem)}(?:[._-]?page[._-]?(\d+)|[._-](\d+))?\.json$")
    found: list[tuple[int, str, Path]] = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = pattern.match(p.name)
            if m and p.is_file():
                found.append((int(m.group(1) or m.group(2) or 1), p.name, p))
    return [p for _, _, p in sorted(found)]


def _root(folder: Path) -> Path:
    return folder / "api" / "v2" if (folder / "api" / "v2").is_dir() else folder


def read_export(vendor: str, paths: list[str]) -> Export:
    """Read directories and single files of one account's export."""
    if not paths:
        raise ExportError.at("PATH", 0, 0, "no export given",
                             "pass the export directory or its JSON files")
    export = Export(", ".join(paths))
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            (_zendesk_dir if vendor == "zendesk" else _freshdesk_dir)(_root(p), arg, export)
        elif p.exists():
            _single(vendor, read_json(str(p), arg), export)
        else:
            raise ExportError.at(arg, 0, 0, "no such file or directory",
                                 "pass the directory the export was saved in, or its files")
    if not export.pages and not export.holidays:
        expected = ZENDESK_FILES if vendor == "zendesk" else FRESHDESK_FILES
        raise ExportError.at(export.source, 0, 0, f"no {vendor.title()} API response found",
                             f"the export holds {', '.join(expected)} (paths below /api/v2)")
    return export


def _shown(base: str, root: Path, p: Path, folder: Path) -> str:
    return str(Path(base) / p.relative_to(folder)) if p.is_relative_to(folder) else str(p)


def _zendesk_dir(root: Path, base: str, export: Export) -> None:
    top = Path(base)
    for endpoint, folder, stem in (("policies", root / "slas", "policies"),
                                   ("schedules", root / "business_hours", "schedules")):
        for f in _page_files(folder, stem):
            export.add(endpoint, read_json(str(f), _shown(base, root, f, top)))
    sched_dir = root / "business_hours" / "schedules"
    if sched_dir.is_dir():
        for sub in sorted(sched_dir.iterdir(), key=lambda s: s.name):
            if sub.is_dir():
                for f in _page_files(sub, "holidays"):
                    export.holidays.setdefault(sub.name, []).append(
                        read_json(str(f), _shown(base, root, f, top)))


def _freshdesk_dir(root: Path, base: str, export: Export) -> None:
    top = Path(base)
    for endpoint in ("sla_policies", "business_hours"):
        for f in _page_files(root, endpoint):
            export.add(endpoint, read_json(str(f), _shown(base, root, f, top)))


def _single(vendor: str, page: JsonFile, export: Export) -> None:
    kind = _zendesk_kind(page) if vendor == "zendesk" else _freshdesk_kind(page)
    if kind is None:
        expected = ZENDESK_FILES if vendor == "zendesk" else FRESHDESK_FILES
        raise page.error((), f"is not a {vendor.title()} response this import reads",
                         f"pass the responses of {', '.join(expected)}")
    if kind == "holidays":
        m = re.search(r"schedules[/\\]([^/\\]+)[/\\]holidays[^/\\]*\.json$", page.name)
        export.holidays.setdefault(m.group(1) if m else "", []).append(page)
    else:
        export.add(kind, page)


def _zendesk_kind(page: JsonFile) -> str | None:
    data: Any = page.data
    if not isinstance(data, dict):
        return None
    for key, kind in (("sla_policies", "policies"), ("sla_policy", "policies"),
                      ("schedules", "schedules"), ("schedule", "schedules"),
                      ("holidays", "holidays")):
        if key in data:
            return kind
    return None


def _freshdesk_kind(page: JsonFile) -> str | None:
    data: Any = page.data
    items = data if isinstance(data, list) else [data]
    name = Path(page.name).name
    if not items or not isinstance(items[0], dict):
        for stem in ("sla_policies", "business_hours"):
            if name.startswith(stem) and isinstance(data, list):
                return stem
        return None
    if "sla_target" in items[0]:
        return "sla_policies"
    if "business_hours" in items[0] or "time_zone" in items[0]:
        return "business_hours"
    return None


def zendesk_items(pages: list[JsonFile], key: str, single: str) -> list[tuple[JsonFile, int | None,
                                                                            dict[str, Any]]]:
    """Items of a Zendesk list endpoint over its pages: (file, index in the page, item).

    Refuses an export whose last page says another page follows.
    """
    out: list[tuple[JsonFile, int | None, dict[str, Any]]] = []
    for page in pages:
        data = page.data
        if single in data:
            if isinstance(data[single], dict):
                out.append((page, None, data[single]))
            continue
        items = data.get(key)
        if not isinstance(items, list):
            raise page.error((key,), f"{key} must be a list", "save the API response unchanged")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise page.error((key, i), "must be an object", "save the API response unchanged")
            out.append((page, i, item))
    if pages:
        _check_last_page(pages[-1])
    return out


def _check_last_page(page: JsonFile) -> None:
    data = page.data
    if not isinstance(data, dict):
        return
    nxt = data.get("next_page")
    meta, links = data.get("meta"), data.get("links")
    if isinstance(meta, dict) and meta.get("has_more") is True:
        nxt = (links or {}).get("next") if isinstance(links, dict) else None
        nxt = nxt or "the next cursor page"
    if nxt:
        raise page.error(("next_page",) if data.get("next_page") else ("meta", "has_more"),
                         f"this is not the last page: the response points to {nxt}, which is not "
                         "in the export",
                         "save every page beside the first (name.2.json, name.3.json...), or "
                         "fetch with --url, which follows the pages")


__all__ = ["FRESHDESK_FILES", "ZENDESK_FILES", "Export", "read_export", "zendesk_items"]
