"""The two sides of a diff: a process file, `REV:path` read from git in the current repo, or
a helpdesk export (`zendesk:PATH`, `freshdesk:PATH`) read as the other side's process as that
helpdesk enforces it (cxaudit.importers.drift)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from cxaudit.document.loading import Document, Limits, load_bytes, load_file
from cxaudit.errors import InputError, UsageError
from cxaudit.i18n import _
from cxaudit.i18n.formats import grouped

if TYPE_CHECKING:
    from cxaudit.model.process import Process

def _hint() -> str:
    return _("name a file, or a git revision and path as REV:path (e.g. "
             "origin/main:process.yaml)")


def read_side(arg: str, limits: Limits | None = None) -> Document:
    """Load one side: a path that exists is a file (even with a ':' in it), else `REV:path`."""
    limits = limits or Limits()
    if arg == "-":
        from cxaudit.document.collect import read_document

        return read_document(arg, limits)
    path = Path(arg)
    if path.is_dir():
        raise UsageError.at(arg, 0, 0, _("is a directory; diff compares two process files"),
                            _hint())
    if os.path.lexists(arg):  # pipes and devices too: load_file refuses them at once
        return load_file(arg, limits)
    rev, sep, rel = arg.partition(":")
    if not sep:
        raise InputError.at(arg, 0, 0, _("no such file"), _hint())
    if not rev or not rel or rev.startswith("-"):
        raise UsageError.at(arg, 0, 0, _("not a file, and not a git REV:path either"), _hint())
    kind = _git(["cat-file", "-t", f"{rev}:{rel}"], arg).decode().strip()
    if kind != "blob":
        raise UsageError.at(arg, 0, 0, _("is a {kind} in git, not a file").format(kind=kind),
                            _("name the process file inside it, e.g. REV:dir/process.yaml"))
    # The object id names immutable content: the size checked is the size read.
    oid = _git(["rev-parse", f"{rev}:{rel}"], arg).decode().strip()
    size = int(_git(["cat-file", "-s", oid], arg).decode().strip() or 0)
    if size > limits.max_bytes:
        raise InputError.at(arg, 0, 0, _("file is {size} bytes in git, over the limit of {limit} "
                                         "bytes").format(size=grouped(size),
                                                         limit=grouped(limits.max_bytes)),
                            _("split it into one file per service unit, or raise "
                              "--max-file-size"))
    return load_bytes(_git(["cat-file", "blob", oid], arg), arg, limits)


def helpdesk_pair(old_arg: str, new_arg: str,
                  limits: Limits | None = None) -> tuple[Process, Process] | None:
    """Both sides when one of them is `zendesk:PATH` or `freshdesk:PATH`, else None."""
    from cxaudit.diff.run import load_side
    from cxaudit.importers.drift import helpdesk_arg, helpdesk_side

    vendor = [helpdesk_arg(a) is not None for a in (old_arg, new_arg)]
    if not any(vendor):
        return None
    if all(vendor):
        raise UsageError.at(new_arg, 0, 0, _("both sides are helpdesk exports"),
                            _("compare a process file with a helpdesk: cxaudit diff "
                              "process.yaml zendesk:EXPORT_DIR"))
    declared = load_side(new_arg if vendor[0] else old_arg, limits)
    side = helpdesk_side(old_arg if vendor[0] else new_arg, declared, limits)
    return (side, declared) if vendor[0] else (declared, side)


def _git(args: list[str], arg: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], capture_output=True, timeout=60, check=False,
                              stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise UsageError.at(arg, 0, 0, _("cannot read a git revision: git is not installed"),
                            _("install git, or compare two files")) from None
    except subprocess.TimeoutExpired:
        raise UsageError.at(arg, 0, 0, _("git did not answer within 60 s"),
                            _("check the repository")) from None
    if proc.returncode != 0:
        lines = proc.stderr.decode(errors="replace").strip().splitlines() or ["git failed"]
        reason = lines[0].removeprefix("fatal: ").strip()
        raise UsageError.at(arg, 0, 0, _("cannot read from git: {reason}").format(reason=reason),
                            _git_hint(reason))
    return proc.stdout


def _git_hint(reason: str) -> str:
    if "not a git repository" in reason:
        return _("run cxaudit diff inside the repository, or compare two files")
    if "does not exist in" in reason or "exists on disk, but not in" in reason:
        return _("paths after ':' start at the repository root; write REV:./file for a path "
                 "relative to the current directory")
    if "invalid object name" in reason or "unknown revision" in reason:
        return _("check the revision (git log --oneline); in CI fetch it first, e.g. "
                 "git fetch origin main")
    return _hint()


__all__ = ["helpdesk_pair", "read_side"]
