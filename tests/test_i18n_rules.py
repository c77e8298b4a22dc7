"""Rule texts in other languages: the built-in translations are complete and keep every
placeholder; a pack's own translation file is checked, falls back to English and reports gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, Cli

from cxaudit.errors import RulePackError
from cxaudit.rules.packs import builtin_rules, load_pack
from cxaudit.rules.said import is_words, names, sentences
from cxaudit.rules.translations import (
    english_texts,
    gaps,
    load_translation,
    placeholders,
    translated_texts,
)

CORE = ROOT / "rules" / "core"
ENGLISH = {r.id: r for r in builtin_rules()}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_built_in_text_is_translated_with_the_same_placeholders(lang: str) -> None:
    translation = load_translation(CORE / "i18n" / f"{lang}.yaml", lang)
    assert set(translation.rules) == set(ENGLISH)
    for rule_id, rule in ENGLISH.items():
        english = english_texts(rule)
        texts = translated_texts(translation.rules[rule_id])
        assert set(english) <= set(texts), rule_id
        # beyond the English texts, only words for vocabulary values English shows as written
        assert all(is_words(k) for k in set(texts) - set(english)), rule_id
        for key, text in texts.items():
            if key not in english:
                continue
            if key in ("title", "why", "fix", "evidence") or key.startswith(("param.", "default.")):
                assert placeholders(text) == placeholders(english[key]), (rule_id, key)
            else:  # a finding's sentence names the same values (formats may differ)
                assert names(text) == names(english[key]), (rule_id, key)


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_sentence_a_finding_says_is_translated(lang: str) -> None:
    rules = {r.id: r for r in builtin_rules(lang)}
    for rule_id, rule in ENGLISH.items():
        said = sentences(rule.raw)
        assert said, rule_id  # every rule says at least its message
        theirs = sentences(rules[rule_id].raw)
        for key, text in said.items():
            if not is_words(key) and not text.startswith("{"):  # not a bare join of parts
                assert theirs[key] != text, (rule_id, key)


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_rules_test_reports_no_gap_for_the_built_in_rules(cli: Cli, lang: str) -> None:
    res = cli("rules", "test", "--lang", lang)
    assert res.exit_code == 0, res.stdout
    assert f"{lang}: 0 text(s) of {len(ENGLISH)} rule(s) missing or stale" in res.stdout
    assert gaps(CORE, builtin_rules(), lang) == []


def _pack(tmp_path: Path) -> Path:
    """A house pack with one rule, HSE-006 (a copy of RET-006 under its own id)."""
    pack = tmp_path / "house"
    pack.mkdir()
    text = (CORE / "RET-006.yaml").read_text(encoding="utf-8").replace("id: RET-006", "id: HSE-006")
    (pack / "HSE-006.yaml").write_text(text, encoding="utf-8")
    (pack / "i18n").mkdir()
    return pack


def test_a_pack_ships_its_own_translation_and_missing_texts_stay_english(
        tmp_path: Path, cli: Cli) -> None:
    pack = _pack(tmp_path)
    (pack / "i18n" / "uk.yaml").write_text(
        "language: uk\nrules:\n  HSE-006:\n    title: Щедрий строк повернення\n",
        encoding="utf-8")
    rule = load_pack(pack, language="uk")[0]
    assert rule.title == "Щедрий строк повернення"
    assert rule.why == ENGLISH["RET-006"].why  # not translated: English
    res = cli("rules", "test", pack, "--lang", "uk")
    assert res.exit_code == 1
    assert "HSE-006 why: no translation" in res.stdout
    assert "HSE-006 title: translated from an older English text" in res.stdout


def test_stamping_records_the_english_and_a_changed_english_text_is_stale(
        tmp_path: Path, cli: Cli) -> None:
    pack = _pack(tmp_path)
    source = (CORE / "i18n" / "uk.yaml").read_text(encoding="utf-8")
    block = source[source.index("  RET-006:"):]
    block = block[:block.index("\n  RET-007:")]
    block = "\n".join(ln for ln in block.splitlines() if "translated_from" not in ln)
    block = block.replace("RET-006:", "HSE-006:")
    text = "# kept as written\nlanguage: uk\nrules:\n" + block + "\n"
    (pack / "i18n" / "uk.yaml").write_text(text, encoding="utf-8")
    assert cli("rules", "stamp", pack, "--lang", "uk").exit_code == 0
    stamped = (pack / "i18n" / "uk.yaml").read_text(encoding="utf-8")
    assert stamped.replace(stamped.splitlines()[4] + "\n", "", 1) == text  # one line added
    assert "translated_from: {title: '" in stamped.splitlines()[4]
    assert cli("rules", "test", pack, "--lang", "uk").exit_code == 0
    again = cli("rules", "stamp", pack, "--lang", "uk")
    assert again.exit_code == 0 and (pack / "i18n" / "uk.yaml").read_text() == stamped
    rule_file = pack / "HSE-006.yaml"
    english = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(english.replace("title: The return window is generous",
                                         "title: The return window is generous enough"))
    res = cli("rules", "test", pack, "--lang", "uk")
    assert res.exit_code == 1
    assert "HSE-006 title: translated from an older English text" in res.stdout
    assert "HSE-006 why:" not in res.stdout


_SHORT = """apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {id: shop, name: Shop, version: 1}
organization: {sells: [physical_goods]}
returns: {window: 14d}
"""


def test_a_pack_translates_its_findings_sentences_and_says_values_in_the_language(
        tmp_path: Path, cli: Cli) -> None:
    pack = _pack(tmp_path)
    (pack / "i18n" / "uk.yaml").write_text(
        "language: uk\nrules:\n  HSE-006:\n    sentences:\n      message: >-\n"
        "        Строк повернення — {value}, коротший ніж {min_window}.\n", encoding="utf-8")
    (tmp_path / "shop.yaml").write_text(_SHORT, encoding="utf-8")
    uk = cli("check", tmp_path / "shop.yaml", "--rules", pack, "--no-builtin-rules",
             "--lang", "uk")
    assert "Строк повернення — 14d, коротший ніж 30 днів." in uk.stdout
    en = cli("check", tmp_path / "shop.yaml", "--rules", pack, "--no-builtin-rules")
    assert "The return window is 14d, shorter than 30d: customers" in en.stdout
    res = cli("rules", "test", pack, "--lang", "uk")
    assert "HSE-006 message: translated from an older English text" in res.stdout  # unstamped


def test_a_pack_without_a_sentence_in_the_language_says_it_in_english(
        tmp_path: Path, cli: Cli) -> None:
    pack = _pack(tmp_path)
    (pack / "i18n" / "uk.yaml").write_text(
        "language: uk\nrules:\n  HSE-006:\n    title: Щедрий строк повернення\n",
        encoding="utf-8")
    (tmp_path / "shop.yaml").write_text(_SHORT, encoding="utf-8")
    uk = cli("check", tmp_path / "shop.yaml", "--rules", pack, "--no-builtin-rules",
             "--lang", "uk")
    assert "The return window is 14d, shorter than 30 днів: customers" in uk.stdout
    res = cli("rules", "test", pack, "--lang", "uk")
    assert "HSE-006 message: no translation" in res.stdout


@pytest.mark.parametrize(("body", "where", "says"), [
    ("language: uk\nrules:\n  HSE-006:\n    sentences:\n      message: Строк {min_windw}.\n",
     "uk.yaml:5:7:", "HSE-006 message: the sentence uses other values than the English one "
     "({min_window}, {value} in English, {min_windw} here)"),
    ("language: uk\nrules:\n  HSE-006:\n    sentences:\n      check.then.message: x\n",
     "uk.yaml:5:7:", "HSE-006 has no sentence at check.then.message"),
    ("language: uk\nrules:\n  HSE-06:\n    title: x\n", "uk.yaml:3:3:",
     "the pack has no rule HSE-06\n  hint: did you mean HSE-006?"),
    ("language: ru\nrules: {}\n", "uk.yaml:1:1:", "the file uk.yaml says language 'ru'"),
    ("language: uk\nrules:\n  HSE-006:\n    fix: Поверніть {min_windw}.\n", "uk.yaml:4:5:",
     "HSE-006 fix: the placeholders differ from the English text ({min_window} in English, "
     "{min_windw} here)"),
    ("language: uk\nrules:\n  HSE-006:\n    titel: x\n", "uk.yaml:4:5:", "titel"),
    ("language: uk\nrules:\n  HSE-006:\n    params:\n      min_window: {default: x}\n",
     "uk.yaml:5:20:", "it is not a parameter whose default is a word"),
])
def test_a_broken_translation_is_refused_at_its_line(tmp_path: Path, body: str, where: str,
                                                     says: str) -> None:
    pack = _pack(tmp_path)
    (pack / "i18n" / "uk.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_pack(pack, language="uk")
    assert where in str(exc.value) and says in str(exc.value)


def test_the_english_run_never_reads_a_translation(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (pack / "i18n" / "uk.yaml").write_text("not: a translation\n", encoding="utf-8")
    assert load_pack(pack)[0].title == ENGLISH["RET-006"].title
