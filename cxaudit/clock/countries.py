"""Country codes: ISO 3166-1 alpha-2 (DE), optionally with an ISO 3166-2 subdivision (GB-ENG).

The codes come from `pycountry` (the ISO 3166 database), loaded only when a file names a
country: subdivisions are looked at only when a code has one.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from cxaudit.i18n import ENGLISH, N_, _, current, did_you_mean

# codes people write that ISO 3166-1 does not have, and what they mean
_COMMON_MISTAKES = {"EL": "GR"}
# Kosovo: in use by the EU and most software although ISO has not assigned it
_EXTRA = frozenset({"XK"})
# reserved by ISO 3166-1 for the United Kingdom, and widely written; regions are GB's
_ALIASES = {"UK": "GB"}
EXAMPLE = N_("an ISO 3166-1 alpha-2 code such as DE, GB, UA or US")


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
    country, _sep, sub = code.partition("-")
    if _country(country) is None:
        better = _COMMON_MISTAKES.get(country)
        mean = did_you_mean(better + ("-" + sub if sub else "")) + " " if better else ""
        use = (_("use {example}; EU for law that applies in every member state") if allow_eu
               else _("use {example}")).format(example=_(EXAMPLE))
        return (_("{code!r} is not a country code").format(code=code), mean + use)
    if not sub or country in _EXTRA:
        return None
    subs = subdivisions(_ALIASES.get(country, country))
    if f"{_ALIASES.get(country, country)}-{sub}" in subs:
        return None
    close = _closest(sub, list(subs))
    name = _name(country)
    if close:
        hint = _("did you mean {code!r} ({name})?").format(code=close, name=subs[close])
    elif subs:
        hint = _("{country}'s subdivisions include {codes}").format(
            country=name, codes=", ".join(list(subs)[:12]))
    else:
        hint = _("ISO 3166-2 lists no subdivisions for {country}; write {code!r}").format(
            country=name, code=country)
    return (_("{code!r} is not a subdivision of {country} (ISO 3166-2)").format(
        code=code, country=name), hint)


def _name(country: str) -> str:
    """The country's name in the run's language (CLDR's, through Babel), else ISO's English."""
    lang = current()
    if lang != ENGLISH:
        from babel import Locale

        local = Locale.parse(lang).territories.get(_ALIASES.get(country, country))
        if local:
            return str(local)
    return _country(country) or country
