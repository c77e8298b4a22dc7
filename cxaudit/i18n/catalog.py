"""The gettext catalogs: `cxaudit/locales/<lang>/LC_MESSAGES/cxaudit.po`, read with Babel.

The `.po` files are the only form in the repository and in the wheel: Babel reads one (about
10 ms for a full catalog, only when a run speaks that language) and compiles it in memory to
the `.mo` form the standard library's gettext answers from, plural forms included. Entries
marked fuzzy (a translation to review after the English changed) are left out, so the English
text shows until a translator confirms them.
"""

from __future__ import annotations

from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

DOMAIN = "cxaudit"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


def po_path(lang: str) -> Path:
    """Where the catalog of `lang` lives."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> NullTranslations:
    """The catalog of `lang` ready for gettext; a language without one falls back to English."""
    path = po_path(lang)
    if not path.is_file():
        return NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return GNUTranslations(buf)
