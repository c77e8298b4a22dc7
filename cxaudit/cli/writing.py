"""Writing what cxaudit produces: atomically, and never over a file the run reads.

`refuse_inputs` stops a run whose `-o` names a file the run reads (the process files, the
configuration, waivers, baseline, rule packs, legal tables and templates), compared by identity
(same file, also through a symbolic or hard link), before anything is audited.

`write_atomic` writes a regular file through a temporary file in the same directory, flushed to
disk and renamed over the target, so a crash or a kill leaves the old file or the new one, never
a truncated one. An existing file keeps its permission bits; a symbolic link at the target is
replaced (its target is not written through). Devices and pipes (`/dev/stdout`, a FIFO) are
written directly, since they cannot be renamed over.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cxaudit.errors import UsageError
from cxaudit.i18n import _
from cxaudit.policy.config import Config


def _files_under(path: str | os.PathLike[str], pattern: str = "*") -> Iterator[str]:
    """`path` itself when it is a file, the files below it matching `pattern` when a directory."""
    p = Path(path)
    if p.is_dir():
        yield from (str(f) for f in p.rglob(pattern) if f.is_file())
    elif p.exists():
        yield str(p)


def run_inputs(paths: Iterable[str | os.PathLike[str]], settings: Mapping[str, Any],
               template_dir: str | os.PathLike[str] | None = None) -> Iterator[str]:
    """Every existing file a run with these paths, settings (`config.option_values`) and
    templates may read (process directories as the audit collects them)."""
    from cxaudit.api import collect_files

    for p in paths:
        if Path(p).is_dir():
            with contextlib.suppress(UsageError):  # a directory without process files
                yield from collect_files([p])
        else:
            yield from _files_under(p)
    cfg = settings.get("config")
    if isinstance(cfg, Config) and cfg.file:
        yield cfg.file
    for key in ("waivers", "baseline"):
        if settings.get(key):
            yield from _files_under(settings[key])
    for d in (*settings.get("rule_dirs", ()), *([settings["legal_data"]]
                                               if settings.get("legal_data") else [])):
        yield from _files_under(d, "*.yaml")
    if template_dir is not None:
        yield from _files_under(template_dir)


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """The file `path` names (device and inode, through links), or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(outputs: Sequence[str | os.PathLike[str]], inputs: Iterable[str]) -> None:
    """UsageError when an output names one of the inputs (the same file, links included)."""
    targets: dict[tuple[int, int], str] = {}
    for out in outputs:
        ident = None if os.fspath(out) == "-" else _identity(out)
        if ident is not None:
            targets.setdefault(ident, os.fspath(out))
    if not targets:  # no output exists yet, so none can be an input
        return
    for source in inputs:
        hit = targets.get(_identity(source) or (-1, -1))
        if hit is not None:
            raise UsageError.at(hit, 0, 0, _("-o would overwrite {source}, which this run "
                                             "reads").format(source=source),
                                _("write the report to another file, e.g. cxaudit-report.md"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write `text` (UTF-8; a string or its pieces) to `path` atomically; OSError when that
    is impossible."""
    target = Path(path)
    data = _pieces(text)
    try:
        st = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISLNK(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(target))
        with open(target, "wb") as fh:  # a device or a pipe: there is nothing to rename over
            fh.writelines(data)
        return
    mode = stat.S_IMODE(st.st_mode) if st is not None and stat.S_ISREG(st.st_mode) \
        else 0o666 & ~_umask()
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    """Flush the rename to disk (POSIX); harmless to skip where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pieces(text: str | Iterable[str]) -> Iterator[bytes]:
    for piece in (text,) if isinstance(text, str) else text:
        yield piece.encode("utf-8")


def write_report(path: str | os.PathLike[str], text: str | Iterable[str],
                 what: str = "report") -> None:
    """`write_atomic`, with a failure turned into a usage error naming the file."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError.at(os.fspath(path), 0, 0, _("cannot write {what}: {error}").format(
            what=_(what), error=exc.strerror),
            _("check the directory exists and is writable")) from None
