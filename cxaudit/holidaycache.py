"""A small on-disk cache of public-holiday dates.

The `holidays` package needs ~0.15 s to import and build its first calendar, more than half
of a one-file check. Dates for a (calendar, year) never change for a given version of the
package, so we keep them in `$CXAUDIT_CACHE_DIR` (default `$XDG_CACHE_HOME/cxaudit` or
`~/.cache/cxaudit`), in a file named after that version. `CXAUDIT_NO_CACHE=1` turns it off.
A cache that cannot be read or written is simply ignored: results are the same either way.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _cache_file() -> Path | None:
    if os.environ.get("CXAUDIT_NO_CACHE"):
        return None
    try:
        ver = version("holidays")
    except PackageNotFoundError:
        return None
    base = os.environ.get("CXAUDIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "cxaudit")
    return Path(base) / f"holidays-{ver}.json"


@lru_cache(maxsize=1)
def _store() -> dict[str, list[str]]:
    path = _cache_file()
    if path is None:
        return {}
    from cxaudit.errors import InputError
    from cxaudit.loading import read_limited

    try:  # a cache that is missing, odd (a pipe, say) or larger than any real one is ignored
        data = json.loads(read_limited(path, 16 * 1_048_576, what="cache"))
        return data if isinstance(data, dict) else {}
    except (InputError, ValueError):
        return {}


def _save(store: dict[str, list[str]]) -> None:
    path = _cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".holidays-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(store, fh, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        pass


def holiday_dates(calendars: Sequence[str], years: Iterable[int]) -> frozenset[date]:
    """Like clock.holiday_dates, answered from the cache where possible."""
    from cxaudit import clock

    store = _store()
    out: set[date] = set()
    changed = False
    for cal in calendars:
        for year in years:
            key = f"{cal.upper()}:{year}"
            if key not in store:
                store[key] = sorted(d.isoformat() for d in clock.holiday_dates([cal], [year]))
                changed = True
            out.update(date.fromisoformat(d) for d in store[key])
    if changed:
        _save(store)
    return frozenset(out)
