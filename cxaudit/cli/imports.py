"""`cxaudit import zendesk|freshdesk`: a helpdesk's SLA configuration as a process file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from cxaudit.importers.account import Account
    from cxaudit.importers.exportdir import Export

import_app = typer.Typer(help="Write a process file from a helpdesk's SLA policies, business "
                         "hours and holidays (an export directory, or a live account).",
                         no_args_is_help=True, rich_markup_mode=None)


def _fail(exc: Exception) -> NoReturn:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


def _secret(var: Optional[str], flag: str) -> str:
    """The credential in environment variable `var` (never echoed)."""
    from cxaudit.errors import UsageError

    if not var:
        raise UsageError.at(flag, 0, 0, "is required with a live account",
                            f"name the environment variable holding the secret: {flag} VAR")
    value = os.environ.get(var, "")
    if not value.strip():
        raise UsageError.at(flag, 0, 0, f"the environment variable {var} is not set or empty",
                            f"export {var}=... in the shell first (credentials are read from "
                            "the environment only)")
    return value.strip()


def _run(vendor: str, paths: List[Path], live: Optional[str], fetch: Callable[[], Export],
         output: Optional[Path], force: bool, name: Optional[str], save: Optional[Path]) -> None:
    from cxaudit.errors import CxauditError, UsageError
    from cxaudit.importers import render_checked
    from cxaudit.importers.exportdir import read_export
    from cxaudit.importers.writer import write_atomic

    try:
        if paths and live:
            raise UsageError.at(str(paths[0]), 0, 0, "give an export or a live account, not "
                                "both", "drop PATH, or drop the live-account options")
        if not paths and not live:
            raise UsageError.at("PATH", 0, 0, "nothing to import",
                                "pass the export directory (or its JSON files), or a live "
                                "account (see --help)")
        if save is not None and not live:
            raise UsageError.at("--save", 0, 0, "only saves what a live account returned",
                                "the export you pass is already saved")
        if live:
            export = fetch()
            if save is not None:
                _save(vendor, export, save, force)
        else:
            export = read_export(vendor, [str(p) for p in paths])
        account = _account(vendor, export, name or _label(vendor, paths, live))
        text = render_checked(account)
        if output is None or str(output) == "-":
            sys.stdout.write(text)
        else:
            write_atomic(output, text, force, [str(p) for p in paths])
    except CxauditError as exc:
        _fail(exc)
    if output is not None and str(output) != "-":
        policies = len(account.policies)
        typer.echo(f"wrote {output}: {policies} SLA polic{'ies' if policies != 1 else 'y'}, "
                   f"{len(account.channels)} channel(s)"
                   + (f", business hours in {account.hours.timezone}" if account.hours else "")
                   + f"; next: cxaudit check {output}", err=True)


def _account(vendor: str, export: Export, name: str) -> Account:
    from cxaudit.importers import freshdesk, zendesk

    reader = zendesk.read_account if vendor == "zendesk" else freshdesk.read_account
    return reader(export, name)


def _label(vendor: str, paths: List[Path], live: Optional[str]) -> str:
    from cxaudit.importers import _default_name

    if live:
        return f"{live.split('://')[-1].rstrip('/')} ({vendor.title()})"
    return _default_name(vendor, [str(p) for p in paths])


def _save(vendor: str, export: Export, folder: Path, force: bool) -> None:
    from cxaudit.importers.fetch import saved_files
    from cxaudit.importers.writer import write_atomic

    for rel, text in saved_files(vendor, export):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text, force, [])


# Options both importers take, declared once.
_OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE",
                       help="Process file to write (stdout if absent).")
_FORCE = typer.Option(False, "--force", help="Replace FILE (and saved files) if they exist.")
_NAME = typer.Option(None, "--name", help="The unit's name in reports.")
_SAVE = typer.Option(None, "--save", metavar="DIR",
                     help="Also save the live responses as an export directory.")


@import_app.command("zendesk")
def zendesk_cmd(
    paths: List[Path] = typer.Argument(None, metavar="[PATH]...",
                                       help="The export directory (slas/policies.json, "
                                       "business_hours/schedules.json, business_hours/"
                                       "schedules/ID/holidays.json) or those JSON files."),
    output: Optional[Path] = _OUTPUT,
    force: bool = _FORCE,
    name: Optional[str] = _NAME,
    url: Optional[str] = typer.Option(None, "--url", metavar="URL",
                                      help="Read a live account, e.g. https://acme.zendesk.com."),
    email: Optional[str] = typer.Option(None, "--email", help="Agent e-mail for the API token."),
    token_env: Optional[str] = typer.Option(None, "--token-env", metavar="VAR",
                                            help="Environment variable holding the API token."),
    save: Optional[Path] = _SAVE,
) -> None:
    """Import Zendesk SLA policies, schedules and holidays as a process file."""
    from cxaudit.errors import CxauditError, UsageError

    def fetch() -> Export:
        from cxaudit.importers.fetch import fetch_zendesk

        if not email:
            raise UsageError.at("--email", 0, 0, "is required with --url",
                                "the e-mail of the agent whose API token you use")
        return fetch_zendesk(str(url), email, _secret(token_env, "--token-env"))

    try:
        _run("zendesk", paths or [], url, fetch, output, force, name, save)
    except CxauditError as exc:  # raised while fetching
        _fail(exc)


@import_app.command("freshdesk")
def freshdesk_cmd(
    paths: List[Path] = typer.Argument(None, metavar="[PATH]...",
                                       help="The export directory (sla_policies.json, "
                                       "business_hours.json) or those JSON files."),
    output: Optional[Path] = _OUTPUT,
    force: bool = _FORCE,
    name: Optional[str] = _NAME,
    domain: Optional[str] = typer.Option(None, "--domain", metavar="DOMAIN",
                                         help="Read a live account, e.g. acme.freshdesk.com."),
    api_key_env: Optional[str] = typer.Option(None, "--api-key-env", metavar="VAR",
                                              help="Environment variable holding the API key."),
    save: Optional[Path] = _SAVE,
) -> None:
    """Import Freshdesk SLA policies and business hours as a process file."""
    from cxaudit.errors import CxauditError

    def fetch() -> Export:
        from cxaudit.importers.fetch import fetch_freshdesk

        return fetch_freshdesk(str(domain), _secret(api_key_env, "--api-key-env"))

    try:
        _run("freshdesk", paths or [], domain, fetch, output, force, name, save)
    except CxauditError as exc:
        _fail(exc)
