"""What cxaudit keeps between runs: plain JSON files in one cache folder.

The folder is `$CXAUDIT_CACHE_DIR`, else `$XDG_CACHE_HOME/cxaudit`, else `~/.cache/cxaudit`;
`CXAUDIT_NO_CACHE=1` turns every cache off. A kept file is JSON (dates as
`{"$date": "YYYY-MM-DD"}`), never code; one that is missing, odd (a pipe, say), larger than any
real one or unreadable is ignored, and one that cannot be written is not written: results are
the same either way. Files are written atomically. Used for the holiday dates
(`cxaudit.clock.cache`), the built-in rule files (`cxaudit.rules.cache`) and the bundled data
tables (`bundled_yaml`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cxaudit import __version__

_MISSING = object()


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("CXAUDIT_NO_CACHE"):
        return None
    return Path(os.environ.get("CXAUDIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "cxaudit"))


def named_for(kind: str, files: Iterable[Path]) -> Path | None:
    """The kept file for the content of `files`: named after the cxaudit version and each
    file's path, size and modification time, so a changed file is a different cache."""
    base = cache_dir()
    if base is None:
        return None
    listing = [__version__]
    try:
        for p in files:
            st = p.stat()
            listing.append(f"{p}\0{st.st_size}\0{st.st_mtime_ns}")
    except OSError:
        return None
    return base / f"{kind}-{hashlib.sha256(chr(10).join(listing).encode()).hexdigest()[:20]}.json"


def encode(value: Any) -> Any:
    """Dates as `{"$date": ...}` objects, everything else as it is."""
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def _decode(value: dict[str, Any]) -> Any:
    """Each object as the JSON parser makes it (innermost first): a date back to a date."""
    if len(value) == 1 and "$date" in value:
        return date.fromisoformat(value["$date"])
    return value


def read(path: Path | None, default: Any = None) -> Any:
    """The content of a kept file, or `default` when there is none that can be used."""
    if path is None:
        return default
    from cxaudit.document.loading import read_limited
    from cxaudit.errors import InputError

    try:
        return json.loads(read_limited(path, 16 * 1_048_576, what="cache"), object_hook=_decode)
    except (InputError, ValueError, TypeError):  # TypeError: a "$date" that is not text
        return default


def write(path: Path | None, data: Any) -> None:
    """Keep `data` in `path` (atomically; nothing happens when it cannot be written)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(encode(data), fh, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        pass


def bundled_yaml(path: Path, parse: Callable[[Path], Any] | None = None) -> Any:
    """A data file shipped with cxaudit, parsed the first time (by `parse`, else PyYAML's C
    loader) and then read back from its kept JSON copy: several times faster for the small
    tables every run reads."""
    kept = named_for("data" if parse is None else "data-read", [path])
    data = read(kept, _MISSING)
    if data is not _MISSING:
        return data
    if parse is None:
        import yaml

        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    else:
        data = parse(path)
    if plain(data):  # JSON would give back what YAML gave
        write(kept, data)
    return data


def plain(value: Any) -> bool:
    """Whether JSON (with dates as above) gives `value` back unchanged: text keys only, and no
    other types than text, numbers, booleans, null, dates, lists and mappings."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or (isinstance(value, (str, int, date))
                             and not isinstance(value, datetime))
