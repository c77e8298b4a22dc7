"""The built-in rule files as read last time, kept on disk so a one-file check need not parse
and validate 74 YAML files again.

Reading the rule files (YAML with positions, then the rule schema) costs more than auditing a
file. Their content only changes with the files, so it is kept in `$CXAUDIT_CACHE_DIR` (as
for the holiday cache) under a name made from the cxaudit version and every rule file's name,
size and modification time: a changed file is a different cache. The copy is JSON (dates as
`{"$date": "YYYY-MM-DD"}`), never code; it is compiled like a freshly read file, and any rule
that does not compile from it is read from its file again, so mistakes are reported with their
line. Custom packs are always read from their files. `CXAUDIT_NO_CACHE=1` turns it off; a
cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cxaudit import __version__


def _file(files: Sequence[Path]) -> Path | None:
    if os.environ.get("CXAUDIT_NO_CACHE"):
        return None
    listing = [__version__]
    try:
        for p in files:
            st = p.stat()
            listing.append(f"{p}\0{st.st_size}\0{st.st_mtime_ns}")
    except OSError:
        return None
    digest = hashlib.sha256("\n".join(listing).encode()).hexdigest()[:20]
    base = os.environ.get("CXAUDIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "cxaudit")
    return Path(base) / f"rules-{digest}.json"


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: dict[str, Any]) -> Any:
    """Each object as the JSON parser makes it (innermost first): a date back to a date."""
    if len(value) == 1 and "$date" in value:
        return date.fromisoformat(value["$date"])
    return value


def load(files: Sequence[Path]) -> dict[str, Any]:
    """The content of each file as cached (by path), or nothing when there is no fresh copy."""
    path = _file(files)
    if path is None:
        return {}
    from cxaudit.document.loading import read_limited
    from cxaudit.errors import InputError

    try:
        data = json.loads(read_limited(path, 16 * 1_048_576, what="cache"), object_hook=_decode)
    except (InputError, ValueError, TypeError):  # TypeError: a "$date" that is not text
        return {}
    return data if isinstance(data, dict) else {}


def save(files: Sequence[Path], contents: dict[str, Any]) -> None:
    """Keep the content of the rule files for the next run (written atomically)."""
    path = _file(files)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({k: _encode(v) for k, v in contents.items()}, fh, sort_keys=True)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass
