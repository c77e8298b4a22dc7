"""The gettext catalogs: every sentence of the code and templates is translated in Ukrainian and
Russian, with the same placeholders, and the catalogs are read from the `.po` files."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from cxaudit.i18n import speaking, translations
from cxaudit.i18n.catalog import po_path
from cxaudit.i18n.extract import template

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")
POT = template(ROOT)  # the checkout's sources, also when cxaudit is installed from a wheel


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_sentence_has_a_reviewed_translation(lang: str) -> None:
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in POT if m.id}
    have = {}
    for m in catalog:
        if m.id:
            have[(m.context, m.id if isinstance(m.id, str) else m.id[0])] = m
    missing = sorted(k for k in wanted if k not in have or have[k].fuzzy
                     or not all(have[k].string if isinstance(have[k].string, tuple)
                                else [have[k].string]))
    assert missing == [], "run python -m cxaudit.i18n.extract and translate these"
    assert sorted(set(have) - wanted) == [], "stale entries: run python -m cxaudit.i18n.extract"


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set(_PLACEHOLDER.findall(ids[-1])) | set(_PLACEHOLDER.findall(ids[0]))
        for s in strings:
            assert set(_PLACEHOLDER.findall(s)) <= want, (m.id, s)
            if "%(" not in ids[0] and "%" in s:  # a literal percent sign stays literal
                assert "%%" not in s


def _fields(text: str) -> set[str]:
    """The `{name}` placeholders of a sentence filled with str.format."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translations_keep_the_braced_placeholders(lang: str) -> None:
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        if not m.id or "%(" in ids[0] or "{" not in ids[0]:
            continue
        want = _fields(ids[0]) | _fields(ids[-1])
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            assert _fields(s) == want, (m.id, s)


def test_plural_forms_come_from_the_catalog_header() -> None:
    with speaking("uk"):
        forms = [translations("uk").ngettext("%(n)s regression", "%(n)s regressions", n)
                 % {"n": n} for n in (1, 2, 5, 11, 21, 22)]
    assert forms == ["1 погіршення", "2 погіршення", "5 погіршень", "11 погіршень",
                     "21 погіршення", "22 погіршення"]
    ru = translations("ru")
    assert [ru.ngettext("%(n)s neutral change", "%(n)s neutral changes", n) % {"n": n}
            for n in (1, 2, 5)] == ["1 нейтральное изменение", "2 нейтральных изменения",
                                    "5 нейтральных изменений"]


def test_every_worded_item_label_is_in_the_catalogs() -> None:
    from cxaudit.document.identity import LABELS, WORDED, label

    # a word and a number (`map 2`); `channel-3` is a name as the process model gives it
    worded = {t for templates in LABELS.values() for t in templates if " " in t}
    assert worded == set(WORDED)
    with speaking("uk"):
        assert label(("journey", "maps", 1), {}) == "карта 2"
        assert label(("escalation", "levels", 0), {"level": 1}) == "рівень 1"
    with speaking("ru"):
        assert label(("data", "systems", 2), {}) == "система 3"
    assert label(("journey", "maps", 1), {}) == "map 2"


def test_a_score_counts_its_rules_in_the_case_the_number_asks_for() -> None:
    """"з 21 оціненого правила", "з 34 оцінених правил": after "з" / "из" the count takes the
    genitive, singular where the number ends in 1 (but not 11)."""
    from cxaudit.report.text import _Out, _score_lines

    def said(lang: str, judged: int) -> str:
        out = _Out(color=False)
        with speaking(lang):
            _score_lines(out, {"score": 50, "passed": 1, "judged": judged, "applicable": judged,
                               "described": 1.0})
        return " ".join(" ".join(out.lines).split())

    assert "з 21 оціненого правила" in said("uk", 21)
    assert "з 11 оцінених правил" in said("uk", 11)
    assert "з 34 оцінених правил" in said("uk", 34)
    assert "з 71 застосовного правила" in said("uk", 71)
    assert "из 21 оценённого правила" in said("ru", 21)
    assert "из 22 оценённых правил" in said("ru", 22)
    assert "1 of 1 judged rule passed" in said("en", 1)
    assert "1 of 2 judged rules passed" in said("en", 2)
