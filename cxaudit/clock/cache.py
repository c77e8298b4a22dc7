"""A small on-disk cache of public-holiday dates.

The `holidays` package needs ~0.15 s to import and build its first calendar, more than half
of a one-file check. Dates for a (calendar, year) never change for a given version of the
package, so we keep them in `$CXAUDIT_CACHE_DIR` (default `$XDG_CACHE_HOME/cxaudit` or
`~/.cache/cxaudit`), in a file named after that version. `CXAUDIT_NO_CACHE=1` turns it off.
A cache that cannot be read or written is simply ignored: results are the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path


def holidays_version() -> str | None:
    """The installed `holidays` package's version, from its dist-info folder's name (which
    pip writes as `holidays-VERSION.dist-info`), else from its files' size and time; None
    when it is not installed. Without importlib.metadata, which costs a one-file check ~7 ms
    to import and more to scan every installed distribution."""
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    init = Path(spec.origin)
    try:
        with os.scandir(init.parent.parent) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("holidays-") and name.endswith(".dist-info"):
                    return name[len("holidays-"):-len(".dist-info")]
        st = init.stat()
    except OSError:
        return None
    return f"{st.st_mtime_ns:x}-{st.st_size:x}"


def _cache_file() -> Path | None:
    from cxaudit.document.kept import cache_dir

    base = cache_dir()
    ver = holidays_version() if base is not None else None
    return None if base is None or ver is None else base / f"holidays-{ver}.json"


@lru_cache(maxsize=1)
def _store() -> dict[str, list[str]]:
    from cxaudit.document.kept import read

    data = read(_cache_file(), {})
    return data if isinstance(data, dict) else {}


def _save(store: dict[str, list[str]]) -> None:
    from cxaudit.document.kept import write

    write(_cache_file(), store)


def remembered(key: str, check: Callable[[], bool]) -> bool:
    """`check()`, with a True answer remembered on disk under `key` (country and calendar
    codes: looking them up costs more than the rest of a one-file check)."""
    store = _store()
    if store.get(key):
        return True
    if not check():
        return False
    store[key] = [key]
    _save(store)
    return True


def _known(name: str) -> bool:
    """Whether the holidays package has this calendar."""
    def check() -> bool:
        import holidays as hol

        country, _, subdiv = name.upper().partition("-")
        try:
            hol.country_holidays(country, subdiv=subdiv or None, years=[])
        except Exception:
            return False
        return True

    return remembered(f"valid:{name.upper()}", check)


def calendar_problem(name: str) -> tuple[str, str] | None:
    """(message, hint) when no public-holiday calendar has this name; None when one does."""
    if _known(name):
        return None
    import difflib

    import holidays as hol

    from cxaudit.i18n import _, did_you_mean

    supported = hol.list_supported_countries()
    country, _sep, subdiv = name.upper().partition("-")
    if country not in supported:
        close = difflib.get_close_matches(country, list(supported), n=1, cutoff=0.5)
        mean = did_you_mean(close[0]) + " " if close else ""
        return (_("no public-holiday calendar is known for {name!r}").format(name=name),
                mean + _("use a country code such as DE, GB or UA, optionally with a region "
                         "(DE-BE); or list the closed days under business_hours.holidays"))
    subs = [s for s in supported[country] if s.isupper() or s.isdigit()]
    close = difflib.get_close_matches(subdiv, subs, n=1, cutoff=0.4)
    mean = did_you_mean(f"{country}-{close[0]}") + " " if close else ""
    listed = ", ".join(f"{country}-{s}" for s in subs[:20]) + (", ..." if len(subs) > 20 else "")
    return (_("{country} has no holiday calendar for the region {region!r}").format(
        country=country, region=subdiv), mean + _("known: {names}").format(
            names=listed or country))


def usable_calendar(jurisdiction: str) -> str | None:
    """The calendar for a jurisdiction: itself, else its country's, else none (EU, or a place
    the holidays package does not cover)."""
    for name in (jurisdiction, jurisdiction.partition("-")[0]):
        if name != "EU" and _known(name):
            return name
    return None


def holiday_dates(calendars: Sequence[str], years: Iterable[int]) -> frozenset[date]:
    """Like clock.holiday_dates, answered from the cache where possible."""
    from cxaudit.clock import worstcase as clock

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
