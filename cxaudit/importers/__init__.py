"""Importing a helpdesk's configuration (Zendesk, Freshdesk) as a process file.

One module per job: `exportdir` finds the endpoint responses of an export, `jsonfile` reads
them and points at values by JSON path, `zendesk` and `freshdesk` map them to a neutral
`account.Account` (with `timezones`, `hours` and `channels` for the vendor vocabularies),
`writer` writes the commented process file, `fetch` reads a live account over HTTPS and
`drift` builds the helpdesk side of `cxaudit diff process.yaml zendesk:PATH`.

This package imports from the clock, model and document layers only; nothing but the CLI and
the diff's side loader imports it.
"""

from __future__ import annotations

from pathlib import Path

from cxaudit.importers.account import Account

VENDORS = ("zendesk", "freshdesk")


def load_account(vendor: str, paths: list[str], name: str | None = None) -> Account:
    """Read an export (directories or files) of one account."""
    from cxaudit.importers import freshdesk, zendesk
    from cxaudit.importers.exportdir import read_export

    export = read_export(vendor, paths)
    label = name or _default_name(vendor, paths)
    reader = zendesk.read_account if vendor == "zendesk" else freshdesk.read_account
    return reader(export, label)


def _default_name(vendor: str, paths: list[str]) -> str:
    first = Path(paths[0]).resolve() if paths else Path(".")
    stem = first.name if first.is_dir() else first.parent.name
    return f"{stem} ({vendor.title()})" if stem else vendor.title()


def render_checked(account: Account) -> str:
    """The process file text, after checking it loads, validates and normalises."""
    from cxaudit.document.loading import load_text
    from cxaudit.importers.writer import render
    from cxaudit.model.normalise import normalise
    from cxaudit.model.validate import validate

    text = render(account)
    doc = load_text(text, "<import>")
    validate(doc)
    normalise(doc)
    return text


__all__ = ["VENDORS", "load_account", "render_checked"]
