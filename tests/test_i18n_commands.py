"""init, examples, history and progress speak the language asked for (`--lang`, or the
configuration's `language:`), and the questionnaire's translations are complete."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from cxaudit.init.texts import _flatten, _read, definition, table

NEUTRAL = {"ui.progress", "ui.invalid"}  # no words: `({n}/{total})`, `{message}`
ONLINE = (EXAMPLES / "units" / "online.yaml").read_text("utf-8")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_TODAY", "2026-03-02")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_the_questionnaire_is_translated_whole_with_the_same_placeholders(lang: str) -> None:
    english = _flatten(definition())
    own = _flatten(_read(f"questions.{lang}.yaml") or {})
    assert sorted(set(own) - set(english)) == [], "a translation names a key English lacks"
    wanted = {k for k in english if k not in NEUTRAL and not k.endswith(".example")}
    assert sorted(wanted - set(own)) == [], "texts left in English"
    for key, text in own.items():
        assert _fields(text) == _fields(english[key]), key
        assert re.search(r"[а-яіїєґА-ЯІЇЄҐ]", text), (key, text)


@pytest.mark.parametrize(("lang", "comment", "summary"), [
    ("uk", "# Країни, клієнтів яких обслуговує цей підрозділ", "Оцінка "),
    ("ru", "# Страны, клиентов которых обслуживает это подразделение", "Оценка "),
])
def test_init_writes_its_comments_and_summary_in_the_language(cli: Any, tmp_path: Path,
                                                              lang: str, comment: str,
                                                              summary: str) -> None:
    out = tmp_path / "p.yaml"
    r = cli("init", "--template", "online-shop", "--no-input", "-o", out, "--lang", lang)
    assert r.exit_code == 0, r.output
    assert summary in r.output and "Score" not in r.output
    text = out.read_text("utf-8")
    assert comment in text and "# Countries whose customers" not in text
    english = tmp_path / "en.yaml"
    assert cli("init", "--template", "online-shop", "--no-input", "-o", english).exit_code == 0
    data = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    en = [line for line in english.read_text("utf-8").splitlines()
          if not line.lstrip().startswith("#")]
    # the values are the same; only comments (and comments after a value) follow the language
    assert [line.split("  #")[0] for line in data] == [line.split("  #")[0] for line in en]
    again = tmp_path / "again.yaml"
    assert cli("init", "--template", "online-shop", "--no-input", "-o", again,
               "--lang", lang).exit_code == 0
    assert again.read_text("utf-8") == text  # deterministic in every language


def test_init_takes_the_language_from_the_configuration(cli: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".cxaudit.yaml").write_text("language: ru\n", encoding="utf-8")
    r = cli("init", "--template", "bank", "--no-input", "-o", "p.yaml")
    assert r.exit_code == 0, r.output
    assert "Записан p.yaml" in r.output
    refused = cli("init", "--template", "bank", "--no-input", "-o", "p.yaml")
    assert refused.exit_code == 2 and "p.yaml уже существует" in refused.stderr
    assert "добавьте --force" in refused.stderr


def test_questionnaire_texts_fall_back_to_english_key_by_key() -> None:
    assert table("uk")["ui.progress"] == table("en")["ui.progress"]
    assert table("xx") == table("en")


def test_examples_speak_the_language(cli: Any, tmp_path: Path) -> None:
    listed = cli("examples", "list", "--lang", "uk")
    assert listed.exit_code == 0 and "2 підрозділи:" in listed.stdout
    copied = cli("examples", "copy", "online-shop", str(tmp_path), "--lang", "ru")
    assert copied.exit_code == 0 and "Проверьте его: cxaudit check" in copied.stdout
    unknown = cli("examples", "show", "onlin-shop", "--lang", "uk")
    assert unknown.exit_code == 2
    assert "прикладу з назвою 'onlin-shop' немає" in unknown.stderr
    assert "можливо, 'online-shop'?" in unknown.stderr


def test_history_and_progress_speak_the_language(cli: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    missing = cli("history", "--lang", "uk")
    assert missing.exit_code == 2 and "бази історії тут немає" in missing.stderr
    Path("unit.yaml").write_text(ONLINE, encoding="utf-8")
    first = cli("check", "unit.yaml", "--as-of", "2025-04-01", "--record", "--lang", "uk")
    assert "cxaudit: запуск 1 (підрозділів: 1) записано в" in first.stderr
    cli("check", "unit.yaml", "--as-of", "2025-07-01", "--record")
    listing = cli("history", "--lang", "ru")
    assert listing.exit_code == 0 and "История в .cxaudit/history.sqlite" in listing.stdout
    progress = cli("progress", "--lang", "uk")
    assert progress.exit_code == 0
    assert "Динаміка з " in progress.stdout and "оцінка " in progress.stdout
    assert "score" not in progress.stdout
    english = cli("progress")
    assert "Progress since " in english.stdout


BROKEN = """apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {name: Test, updated: 2025-09-01}
organization: {jurisdictions: [DE], sectr: retail_ecommerce, customer_type: b2cc}
channels:
  - {id: email, type: email, sla_policy: writen}
sla_policies:
  - {id: written, targets: {first_response: {normal: 4 hours}}}
"""


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ["невідоме поле 'sectr'", "можливо, 'sector'?",
            "'4 hours' не в очікуваному форматі"]),
    ("ru", ["неизвестное поле 'sectr'", "возможно, 'sector'?",
            "'4 hours' не в ожидаемом формате"]),
    ("en", ["unknown field 'sectr'", "did you mean 'sector'?",
            "'4 hours' is not in the expected format"]),
])
def test_input_errors_and_hints_speak_the_language(cli: Any, tmp_path: Path, lang: str,
                                                   words: list[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    r = cli("check", bad, "--lang", lang)
    assert r.exit_code == 2
    for w in words:
        assert w in r.output, (w, r.output)
    if lang != "en":  # our own words for every schema keyword, never jsonschema's English
        for english in ("is not one of", "is not valid under", "is a required property",
                        "did you mean", "unknown field"):
            assert english not in r.output


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "тривалість '-4h' від’ємна"), ("ru", "длительность '-4h' отрицательная"),
])
def test_a_duration_error_speaks_the_language(cli: Any, tmp_path: Path, lang: str,
                                              text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN.replace("sectr", "sector").replace("b2cc", "b2c")
                   .replace("writen", "written").replace("4 hours", "-4h"), encoding="utf-8")
    r = cli("check", bad, "--lang", lang)
    assert r.exit_code == 2 and text in r.output, r.output
