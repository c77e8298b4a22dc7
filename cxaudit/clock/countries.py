"""Country codes: ISO 3166-1 alpha-2 (DE), optionally with an ISO 3166-2 subdivision (GB-ENG).

The codes come from `pycountry` (the ISO 3166 database), loaded only when a file names a
country: subdivisions are looked at only when a code has one.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

# codes people write that ISO 3166-1 does not have, and what they mean
_COMMON_MISTAKES = {"EL": "GR"}
# Kosovo: in use by the EU and most software although ISO has not assigned it
_EXTRA = frozenset({"XK"})
# reserved by ISO 3166-1 for the United Kingdom, and widely written; regions are GB's
_ALIASES = {"UK": "GB"}
EXAMPLE = "an ISO 3166-1 alpha-2 code such as DE, GB, UA or US"


@lru_cache(maxsize=512)
def _country(code: str) -> str | None:
    """The country's name, or None when ISO 3166-1 has no such alpha-2 code."""
    if code in _EXTRA:
        return code
    code = _ALIASES.get(code, code)
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return None if found is None else str(found.name)


@lru_cache(maxsize=64)
def subdivisions(country: str) -> dict[str, str]:
    """ISO 3166-2 subdivision codes of a country with their names, top-level ones first."""
    import pycountry

    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    subs = sorted(found or (), key=lambda s: (s.parent_code is not None, s.code))
    return {str(s.code): str(s.name) for s in subs}


def _closest(sub: str, codes: list[str]) -> str | None:
    """The subdivision code closest to `sub` (the part after the dash), top-level first."""
    parts = [c.partition("-")[2] for c in codes]
    for i, part in enumerate(parts):
        if part.startswith(sub) or sub.startswith(part):
            return codes[i]
    for pool in ([p for p in parts if p[:1] == sub[:1]], parts):  # same first letter first
        close = difflib.get_close_matches(sub, pool, n=1, cutoff=0.5)
        if close:
            return codes[parts.index(close[0])]
    return None


def country_problem(code: str, allow_eu: bool = False) -> tuple[str, str] | None:
    """(message, hint) when `code` is not a known country or subdivision; None when it is."""
    if allow_eu and code == "EU":
        return None
    from cxaudit.clock.cache import remembered

    if remembered(f"iso:{code}", lambda: _problem(code) is None):
        return None
    return _problem(code, allow_eu)


def _problem(code: str, allow_eu: bool = False) -> tuple[str, str] | None:
    country, _, sub = code.partition("-")
    if _country(country) is None:
        better = _COMMON_MISTAKES.get(country)
        mean = f"did you mean {better + ('-' + sub if sub else '')!r}? " if better else ""
        eu = "; EU for law that applies in every member state" if allow_eu else ""
        return (f"{code!r} is not a country code", f"{mean}use {EXAMPLE}{eu}")
    if not sub or country in _EXTRA:
        return None
    subs = subdivisions(_ALIASES.get(country, country))
    if f"{_ALIASES.get(country, country)}-{sub}" in subs:
        return None
    close = _closest(sub, list(subs))
    name = _country(country)
    if close:
        hint = f"did you mean {close!r} ({subs[close]})?"
    elif subs:
        hint = f"{name}'s subdivisions include {', '.join(list(subs)[:12])}"
    else:
        hint = f"ISO 3166-2 lists no subdivisions for {name}; write {country!r}"
    return (f"{code!r} is not a subdivision of {name} (ISO 3166-2)", hint)
