"""Writing reports and baselines: never over an input, always whole or not at all.

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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cxaudit.config import Config
from cxaudit.errors import UsageError


def _files_under(path: str | os.PathLike[str]) -> list[str]:
    """`path` itself when it is a file, every file below it when it is a directory."""
    p = Path(path)
    if p.is_dir():
        return [str(f) for f in p.rglob("*") if f.is_file()]
    return [str(p)] if p.exists() else []


def run_inputs(paths: Iterable[str | os.PathLike[str]], settings: Mapping[str, Any],
               template_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Every existing file a run with these paths, settings (`config.option_values`) and
    templates may read."""
    found: list[str] = []
    for p in paths:
        found += _files_under(p)
    cfg = settings.get("config")
    if isinstance(cfg, Config) and cfg.file:
        found.append(cfg.file)
    for key in ("waivers", "baseline", "legal_data"):
        if settings.get(key):
            found += _files_under(settings[key])
    for d in settings.get("rule_dirs", ()):
        found += _files_under(d)
    if template_dir is not None:
        found += _files_under(template_dir)
    return found


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(outputs: Sequence[str | os.PathLike[str]], inputs: Iterable[str]) -> None:
    """UsageError when an output names one of the inputs (by identity, links included)."""
    targets = [o for o in outputs if os.fspath(o) != "-" and os.path.lexists(o)]
    if not targets:
        return
    for source in inputs:
        for out in targets:
            if _same(out, source):
                raise UsageError.at(os.fspath(out), 0, 0, f"-o would overwrite {source}, which "
                                    "this run reads", "write the report to another file, e.g. "
                                    "cxaudit-report.md")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically; OSError when that is impossible."""
    target = Path(path)
    data = text.encode("utf-8")
    try:
        st = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISLNK(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(target))
        with open(target, "wb") as fh:  # a device or a pipe: there is nothing to rename over
            fh.write(data)
        return
    mode = stat.S_IMODE(st.st_mode) if st is not None and stat.S_ISREG(st.st_mode) \
        else 0o666 & ~_umask()
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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


def write_report(path: str | os.PathLike[str], text: str, what: str = "report") -> None:
    """`write_atomic`, with a failure turned into a usage error naming the file."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError.at(os.fspath(path), 0, 0, f"cannot write {what}: {exc.strerror}",
                            "check the directory exists and is writable") from None
