"""Writing what `cxaudit init` and `cxaudit examples copy` produce: never over a file without
being told to, always atomically, and with the editor schema beside the process file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from cxaudit.errors import UsageError
from cxaudit.i18n import N_, _

SCHEMA_NAME = "cxaudit.schema.json"


def _temp_beside(target: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    return tmp


def replace(path: Path, text: str, what: str = N_("file")) -> None:
    """Write `text` to `path` atomically, replacing what is there (keeping its permissions)."""
    try:
        mode = os.stat(path).st_mode & 0o7777 if path.is_file() else None
        tmp = _temp_beside(path, text.encode("utf-8"))
        try:
            if mode is not None:
                os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise UsageError.at(str(path), 0, 0, _("cannot write the {what}: {error}").format(
            what=_(what), error=exc.strerror),
            _("check the directory exists and is writable")) from None


def write_new(path: Path, text: str, force: bool = False, what: str = N_("file")) -> None:
    """Write `text` to `path` atomically; refuse to replace an existing file unless `force`.

    Without `force` the file appears by a hard link of a finished temporary file, which fails
    when something is already there, so a file that appears meanwhile is not overwritten either.
    """
    if path.is_dir():
        raise UsageError.at(str(path), 0, 0, _("is a directory"), _("name a file to write"))
    if not path.parent.is_dir():
        raise UsageError.at(str(path), 0, 0, _("cannot write the {what}: no such directory "
                                               "{folder!r}").format(what=_(what),
                                                                    folder=str(path.parent)),
                            _("create the directory first"))
    if force:
        replace(path, text, what)
        return
    if path.exists() or path.is_symlink():
        raise UsageError.at(str(path), 0, 0, _("{path} already exists").format(path=path),
                            _("pass --force to replace it, or name another file with -o"))
    try:
        tmp = _temp_beside(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError.at(str(path), 0, 0, _("cannot write the {what}: {error}").format(
            what=_(what), error=exc.strerror),
            _("check the directory exists and is writable")) from None
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UsageError.at(str(path), 0, 0, _("{path} already exists").format(path=path),
                            _("pass --force to replace it, or name another file with -o")) \
            from None
    except OSError:  # a file system without hard links: the check above must do
        os.replace(tmp, path)
        tmp = ""
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def schema_beside(process_file: Path) -> tuple[Path, str]:
    """Put the process schema next to `process_file` as cxaudit.schema.json, so the file's
    `$schema=./cxaudit.schema.json` line works wherever it is copied. An existing schema file
    is never replaced. Returns (path, "written" | "same" | "kept")."""
    from cxaudit import resources

    target = process_file.parent / SCHEMA_NAME
    text = resources.schema_text("process.schema.json")
    if target.exists():
        try:
            same = target.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        return target, "same" if same else "kept"
    try:
        write_new(target, text, what=N_("schema"))
    except UsageError:  # appeared meanwhile: keep it
        return target, "kept"
    return target, "written"


def backup(path: Path) -> Path:
    """Copy `path` to the first free `path.bak`, `path.1.bak`, ... and return the copy."""
    data = path.read_bytes()
    for n in range(1000):
        candidate = path.with_name(f"{path.name}.bak" if n == 0 else f"{path.name}.{n}.bak")
        try:
            write_new(candidate, data.decode("utf-8"), what=N_("backup"))
        except UsageError:
            continue
        return candidate
    raise UsageError.at(str(path), 0, 0, _("too many backups beside this file"),
                        _("remove old .bak files and run again"))
