"""Languages: which one a run speaks, and the one way code says a sentence in it.

A run speaks one language, chosen by `--lang` or `language:` in the configuration (never by the
machine's locale, so the same input gives the same bytes everywhere) and held in a context
variable for the duration of a command (`speaking`). Code marks every sentence a person reads
with `_`, `ngettext` or `pgettext`; the translations live in gettext catalogs,
`cxaudit/locales/<lang>/LC_MESSAGES/cxaudit.po`, read by `catalog` only when the language is
not English. Numbers, dates, durations and plural forms go through `formats`, which uses
Babel's CLDR data for every language but English. Imports nothing of cxaudit, so every layer
may use it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from gettext import NullTranslations

ENGLISH = "en"
LANGUAGES = ("en", "uk", "ru")  # the languages cxaudit ships; a rule pack may add its own texts
NAMES = {"en": "English", "uk": "українська", "ru": "русский"}

_language: ContextVar[str] = ContextVar("cxaudit_language", default=ENGLISH)


def current() -> str:
    """The language of this run (`en` unless a command said otherwise)."""
    return _language.get()


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Speak `lang` (None: English) inside the block; the previous language comes back after."""
    token = _language.set(lang or ENGLISH)
    try:
        yield lang or ENGLISH
    finally:
        _language.reset(token)


def adopt(lang: str | None) -> None:
    """Speak `lang` from now on in this thread: a worker process of a run takes its language."""
    _language.set(lang or ENGLISH)


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The gettext catalog of `lang`; English (and a language without a catalog) says the
    English text as written."""
    if lang == ENGLISH:
        return NullTranslations()
    from cxaudit.i18n.catalog import load

    return load(lang)


def _(message: str) -> str:
    """`message` in the run's language."""
    lang = _language.get()
    return message if lang == ENGLISH else translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a sentence that fits the count `n` in the run's language (1 година, 2
    години, 5 годин); the sentence itself places the number (`%(n)s` or `{n}`)."""
    lang = _language.get()
    if lang == ENGLISH:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the run's language, told apart by `context` (a word used in two senses:
    `pgettext("severity", "high")` and `pgettext("priority", "high")`)."""
    lang = _language.get()
    return message if lang == ENGLISH else translations(lang).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it here (a table of labels that is
    translated where it is shown)."""
    return message


def did_you_mean(name: object) -> str:
    """`did you mean 'email'?` in the run's language, the hint every near miss gets."""
    return _("did you mean {name!r}?").format(name=name)


def nN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a sentence with a plural form for the catalogs (the count chooses the form)."""
    return singular, plural


class Phrases(Mapping[str, str]):
    """A table of sentences read in the run's language."""

    def __init__(self, raw: Mapping[str, str | tuple[str, str]]) -> None:
        self._raw = raw

    def __getitem__(self, key: str) -> str:
        text = self._raw[key]
        return _(text) if isinstance(text, str) else ngettext(*text, 2)

    def n(self, key: str, n: int) -> str:
        """The sentence `key` in the form that fits the count `n`."""
        text = self._raw[key]
        return _(text) if isinstance(text, str) else ngettext(text[0], text[1], n)

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


__all__ = ["ENGLISH", "LANGUAGES", "NAMES", "N_", "Phrases", "_", "adopt", "current", "did_you_mean", "nN_", "ngettext",
           "pgettext", "speaking", "translations"]
