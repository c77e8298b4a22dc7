"""Reports in the client's language: --lang on every command that prints for people, the
configuration's `language:`, machine formats with stable ids, and no stray English words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, Cli
from latin import latin_words

from cxaudit.api import Options, audit
from cxaudit.i18n import speaking
from cxaudit.report import render

CASES = sorted(EXAMPLES.glob("*.yaml")) + [EXAMPLES / "units"]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("example", CASES, ids=lambda p: p.stem)
def test_a_report_reads_entirely_in_its_language(example: Path, lang: str, fmt: str) -> None:
    # finding messages included: see tests/latin.py for what may stay in Latin letters and why
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with speaking(lang):
            result = audit([str(example.relative_to(ROOT))], Options(language=lang))
            report = render(fmt, result)
            documents = [u.process.document.data for u in result.units]
            assert latin_words(report, fmt, result, documents) == []
    finally:
        os.chdir(cwd)


def test_the_latin_word_count_sees_english(cli: Cli) -> None:
    result = audit([str(EXAMPLES / "weak-small-shop.yaml")], Options())
    words = latin_words(render("text", result), "text", result, [])
    assert {"Score", "Maturity", "Next"} <= set(words)


def test_check_speaks_the_language_asked_for(cli: Cli) -> None:
    uk = cli("check", EXAMPLES / "weak-small-shop.yaml", "--lang", "uk")
    ru = cli("check", EXAMPLES / "weak-small-shop.yaml", "--lang", "ru")
    en = cli("check", EXAMPLES / "weak-small-shop.yaml")
    assert uk.exit_code == ru.exit_code == en.exit_code == 1
    assert "Оцінка 23/100" in uk.stdout and "Насамперед (6)" in uk.stdout
    assert "Оценка 23/100" in ru.stdout and "В первую очередь (6)" in ru.stdout
    assert "Score 23/100" in en.stdout and "Do now (6)" in en.stdout
    assert "критична: 2, висока: 9" in uk.stdout
    assert "Зрілість: етап 1 з 5, «Вивчення»" in uk.stdout


def test_unknown_language_is_a_usage_error_with_a_hint(cli: Cli) -> None:
    res = cli("check", EXAMPLES / "online-shop.yaml", "--lang", "ua")
    assert res.exit_code == 2
    assert "--lang: cxaudit does not speak 'ua'" in res.stderr
    assert "the language code of Ukrainian is uk" in res.stderr
    res = cli("sla", EXAMPLES / "online-shop.yaml", "--lang", "de")
    assert res.exit_code == 2 and "use one of en, uk, ru" in res.stderr


def test_the_configuration_chooses_the_language_and_the_command_line_wins(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cxaudit.yaml").write_text("language: ru\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    example = EXAMPLES / "online-shop.yaml"
    assert "Оценка" in cli("check", example).stdout
    assert "Оцінка" in cli("check", example, "--lang", "uk").stdout
    assert "Score" in cli("check", example, "--lang", "en").stdout
    (tmp_path / ".cxaudit.yaml").write_text("language: ua\n", encoding="utf-8")
    res = cli("check", example)
    assert res.exit_code == 2
    assert ".cxaudit.yaml:1:1: language: 'ua' is not one of en, uk, ru" in res.stderr


def test_output_does_not_depend_on_the_machine_locale() -> None:
    def run(env_lang: str, *args: str) -> bytes:
        env = {**os.environ, "LANG": env_lang, "LC_ALL": env_lang, "LANGUAGE": env_lang[:2]}
        return subprocess.run([sys.executable, "-m", "cxaudit", "check",
                               "examples/online-shop.yaml", *args], capture_output=True,
                              cwd=ROOT, env=env, timeout=120).stdout

    assert run("C.UTF-8") == run("ru_RU.UTF-8") == run("uk_UA.UTF-8")
    assert run("C.UTF-8", "--lang", "uk") == run("ru_RU.UTF-8", "--lang", "uk")
    assert b"Score" in run("uk_UA.UTF-8")


def test_sla_diff_and_rules_take_lang(cli: Cli) -> None:
    sla = cli("sla", EXAMPLES / "ru-shop-eu-buyers.yaml", "--lang", "uk")
    assert sla.exit_code == 0
    assert sla.stdout.startswith("канал") and "найдовше, год" in sla.stdout
    assert "терміновий" in sla.stdout and "робочий час" in sla.stdout
    diff = cli("diff", EXAMPLES / "weak-small-shop.yaml", EXAMPLES / "online-shop.yaml",
               "--lang", "ru")
    assert "Вывод: " in diff.stdout and "код завершения" in diff.stdout.splitlines()[-1]
    listed = cli("rules", "list", "--lang", "uk", "-c", "returns")
    assert "повернення" in listed.stdout and "правил" in listed.stdout.splitlines()[-1]
    shown = cli("rules", "show", "CMP-007", "--lang", "ru")
    assert "Почему это важно:" in shown.stdout and "Источники:" in shown.stdout
    assert "body = орган досудебного урегулирования споров (string)" in shown.stdout


def test_a_word_default_has_a_value_per_language() -> None:
    from cxaudit.report.view import rule_text
    from cxaudit.rules.packs import builtin_rules

    for lang, want in (("en", "the dispute body"), ("uk", "визначеного регулятором або законом"),
                       ("ru", "орган досудебного урегулирования споров")):
        rule = {r.id: r for r in builtin_rules(lang)}["CMP-007"]
        with speaking(lang):
            assert want in rule_text(rule, rule.fix)


def _json(lang: str) -> dict[str, Any]:
    with speaking(lang):
        result = audit([str(EXAMPLES / "weak-small-shop.yaml")], Options(language=lang))
        return json.loads(render("json", result))  # type: ignore[no-any-return]


def test_machine_formats_keep_ids_and_record_the_language() -> None:
    en, uk = _json("en"), _json("uk")
    assert en["language"] == "en" and uk["language"] == "uk"
    for key in ("rule_id", "severity", "category", "kind", "fingerprint", "location"):
        assert [f[key] for f in en["findings"]] == [f[key] for f in uk["findings"]]
    titles = {f["rule_id"]: f["title"] for f in uk["findings"]}
    assert titles["RET-001"].startswith("Строк повернення")
    missing = [f for f in uk["findings"] if f["kind"] == "needs-evidence"]
    assert missing and all(f["message"].startswith("Не описано: ") for f in missing)


def test_sarif_and_junit_name_rules_the_same_in_every_language() -> None:
    def rendered(fmt: str, lang: str) -> str:
        with speaking(lang):
            return render(fmt, audit([str(EXAMPLES / "b2b-saas-desk.yaml")],
                                     Options(language=lang)))

    en, ru = json.loads(rendered("sarif", "en")), json.loads(rendered("sarif", "ru"))
    names = [(r["id"], r["name"]) for r in en["runs"][0]["tool"]["driver"]["rules"]]
    assert names == [(r["id"], r["name"]) for r in ru["runs"][0]["tool"]["driver"]["rules"]]
    assert ru["runs"][0]["language"] == "ru"
    assert "Как исправить:" in json.dumps(ru, ensure_ascii=False)
    import re

    cases = re.compile(r'<testcase classname="([^"]*)" name="([^"]*)"')
    assert cases.findall(rendered("junit", "en")) == cases.findall(rendered("junit", "uk"))


def test_html_names_its_language() -> None:
    for lang in ("en", "uk", "ru"):
        with speaking(lang):
            page = render("html", audit([str(EXAMPLES / "online-shop.yaml")],
                                        Options(language=lang)))
        assert f'<html lang="{lang}">' in page


def test_statutes_are_named_as_they_name_themselves() -> None:
    from cxaudit.legal import tables

    rows = [r for area in tables.load().areas for r in area.rows]
    assert rows and all(r.statute_local for r in rows)
    with speaking("ru"):
        page = render("html", audit([str(EXAMPLES / "weak-small-shop.yaml")],
                                    Options(language="ru")))
    assert ">Закон України «Про захист прав споживачів» № 1023-XII, ст. 13</a>" in page
    with speaking("uk"):
        page = render("html", audit([str(EXAMPLES / "ru-shop-eu-buyers.yaml")],
                                    Options(language="uk")))
    assert "Закон РФ «О защите прав потребителей» № 2300-1" in page


def test_seed_passages_are_quoted_in_the_original(cli: Cli) -> None:
    shown = cli("rules", "show", "RESP-001", "--lang", "uk")
    assert "«Если клиент больше суток не получает ответ на обращение»" in shown.stdout
    english = cli("rules", "show", "RESP-001")
    assert "S000.4 (000_109730386493f48b.txt)" in english.stdout
