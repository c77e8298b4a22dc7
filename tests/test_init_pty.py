"""`cxaudit init` driven in a real pseudo-terminal with keystrokes, as a user would."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import run_cxaudit

pexpect = pytest.importorskip("pexpect")

DOWN, ESC, ENTER, SPACE, CTRL_C, CTRL_U = "\x1b[B", "\x1b", "\r", " ", "\x03", "\x15"
PROMPT = re.compile(r"\((\d+)/(\d+)\) ")


def _spawn(cwd: Path, *args: str) -> object:
    env = {**os.environ, "CXAUDIT_TODAY": "2026-03-02", "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "cxaudit", "init", *args], cwd=str(cwd),
                          env=env, encoding="utf-8", timeout=30, dimensions=(50, 200))
    return child


def _step(child: object, question: str, keys: str) -> None:
    """Wait for the question, then type."""
    child.expect_exact(question)  # type: ignore[attr-defined]
    child.send(keys)  # type: ignore[attr-defined]


def _enter_through(child: object, wrote: str = "Wrote ") -> int:
    """Press Enter (skip) at every remaining question until the file is written; how many."""
    last, skipped = 0, 0
    while True:
        i = child.expect([PROMPT, wrote])  # type: ignore[attr-defined]
        if i == 1:
            return skipped
        n = int(child.match.group(1))  # type: ignore[attr-defined]
        if n != last:
            last = n
            skipped += 1
            child.send(ENTER)  # type: ignore[attr-defined]


def _finish(child: object) -> str:
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    return str(child.before)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_questionnaire_writes_a_valid_file_that_audits(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_TODAY", "2026-03-02")  # the same date for the replay below
    child = _spawn(tmp_path, "-o", "shop.yaml")
    child.expect_exact("writes shop.yaml")  # type: ignore[attr-defined]
    _step(child, "Which countries", "XX\r")
    child.expect_exact("'XX' is not a country code")  # type: ignore[attr-defined]
    child.send(CTRL_U + "de, at\r")  # type: ignore[attr-defined]
    _step(child, "What kind of business", DOWN + ENTER)  # (skip) is first: down = online shop
    _step(child, "Who are your customers", DOWN + ENTER)  # consumers
    _step(child, "What do you sell", SPACE + ENTER)  # physical goods
    _step(child, "How can customers reach you", SPACE + DOWN + SPACE + DOWN + DOWN + SPACE
          + ENTER)  # e-mail, contact form, phone
    _step(child, "What is E-mail for", SPACE + DOWN + SPACE + ENTER)  # help, complaints
    _step(child, "What is Contact form on the website for", ESC)  # back one question
    _step(child, "What is E-mail for", ENTER)  # the kept answer stays selected
    _step(child, "What is Contact form on the website for", SPACE + ENTER)
    _step(child, "What is Phone for", SPACE + DOWN + SPACE + ENTER)
    _step(child, "count working hours only", DOWN + ENTER)
    _step(child, "first reply from a person", "2d\r")
    child.expect_exact("working days?")  # type: ignore[attr-defined]  # refused, with a hint
    child.send(CTRL_U + "4h\r")  # type: ignore[attr-defined]
    _step(child, "And for an urgent case", "1h\r")
    _step(child, "How soon is a normal case solved", "2bd\r")
    _step(child, "And an urgent case?", ENTER)  # skipped
    _step(child, "What share of calls", "80% in 30s\r")
    _step(child, "What does a call", ENTER)
    _step(child, "Which time zone", "Europe/Berlin\r")
    _step(child, "on weekdays", "9:00-18:00\r")
    _step(child, "And on Saturdays?", "closed\r")
    _step(child, "And on Sundays?", "closed\r")
    _step(child, "Which public holidays", "de-be\r")
    skipped = _enter_through(child)
    out = _finish(child)
    assert child.exitstatus == 0, out  # type: ignore[attr-defined]
    assert skipped >= 15
    text = (tmp_path / "shop.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./cxaudit.schema.json\n")
    assert (tmp_path / "cxaudit.schema.json").is_file()
    for line in ("jurisdictions: [DE, AT]", "sector: retail_ecommerce", "sells: [physical_goods]",
                 "applies_to: {channels: [email, web_form]}", "clock: business",
                 "first_response: {urgent: 1h, normal: 4h}", "resolution: {normal: 2bd}",
                 "purposes: [support, complaints]", "purposes: [support]",
                 "phone: {service_level: {pct: 80, within: 30s}}", "timezone: Europe/Berlin",
                 '{days: [mon, tue, wed, thu, fri], open: "09:00", close: "18:00"}',
                 "holiday_calendar: DE-BE", "intake_channels: [email, phone]"):
        assert line in text, line
    # a skipped question leaves a comment saying what to write, never a value
    assert "# returns: Not described yet: Return window" in text
    assert "\nreturns:" not in text and not re.search(r"^\s*window:", text, re.MULTILINE)
    report = run_cxaudit("check", "shop.yaml", "-f", "json", cwd=tmp_path)
    assert report.returncode in (0, 1), report.stderr
    unit = json.loads(report.stdout)["units"][0]
    assert f"Score {unit['score']}/100 ({unit['passed']} of {unit['judged']} judged" in out
    assert f"Described {unit['described']} %" in out
    assert "Next three things to do:" in out and "  1. " in out
    # the answers kept beside the file write the same file again, byte for byte
    side = tmp_path / ".shop.yaml.answers.yaml"
    again = run_cxaudit("init", "--answers", str(side), "--no-input", "-o", "again.yaml",
                        cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.yaml").read_bytes() == (tmp_path / "shop.yaml").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "say"), [
    ("uk", {"intro": "cxaudit init поставить короткі запитання", "countries": "У яких країнах",
            "bad": "'XX' — не код країни; вкажіть дволітерний код",
            "sector": "Який у вас бізнес", "customers": "Хто ваші клієнти",
            "sells": "Що ви продаєте", "channels": "Як клієнти можуть із вами зв’язатися",
            "purpose": "Для чого канал Електронна пошта", "clock": "лише робочі години",
            "first": "першу відповідь людини",
            "ambiguous": "'2d' у робочих годинах неоднозначне: 2 доби робочого часу чи 2 робочі "
                         "дні?", "wrote": "Записано ", "score": "Оцінка ",
            "next": "Три найближчі кроки:", "comment": "# Країни, клієнтів яких обслуговує"}),
    ("ru", {"intro": "cxaudit init задаст короткие вопросы", "countries": "В каких странах",
            "bad": "'XX' — не код страны; укажите двухбуквенный код",
            "sector": "Какой у вас бизнес", "customers": "Кто ваши клиенты",
            "sells": "Что вы продаёте", "channels": "Как клиенты могут с вами связаться",
            "purpose": "Для чего канал Электронная почта", "clock": "только рабочие часы",
            "first": "первый ответ человека",
            "ambiguous": "'2d' в рабочих часах неоднозначно: 2 суток рабочего времени или 2 "
                         "рабочих дня?", "wrote": "Записан ", "score": "Оценка ",
            "next": "Три ближайших шага:", "comment": "# Страны, клиентов которых обслуживает"}),
])
def test_the_questionnaire_speaks_the_language_asked_for(tmp_path: Path, lang: str,
                                                         say: dict[str, str]) -> None:
    child = _spawn(tmp_path, "-o", "p.yaml", "--lang", lang)
    child.expect_exact(say["intro"])  # type: ignore[attr-defined]
    _step(child, say["countries"], "XX\r")
    child.expect_exact(say["bad"])  # type: ignore[attr-defined]  # refused in the language
    child.send(CTRL_U + "ua\r")  # type: ignore[attr-defined]
    _step(child, say["sector"], DOWN + ENTER)  # online shop
    _step(child, say["customers"], DOWN + ENTER)  # consumers
    _step(child, say["sells"], SPACE + ENTER)  # physical goods
    _step(child, say["channels"], SPACE + ENTER)  # e-mail
    _step(child, say["purpose"], SPACE + ENTER)  # help
    _step(child, say["clock"], DOWN + ENTER)  # working hours only
    _step(child, say["first"], "2d\r")
    child.expect_exact(say["ambiguous"])  # type: ignore[attr-defined]
    child.send(CTRL_U + "4h\r")  # type: ignore[attr-defined]
    _enter_through(child, say["wrote"])
    out = _finish(child)
    assert child.exitstatus == 0, out  # type: ignore[attr-defined]
    assert say["score"] in out and say["next"] in out and "Score" not in out
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    for line in ("jurisdictions: [UA]", "sector: retail_ecommerce", "customer_type: b2c",
                 "sells: [physical_goods]", "clock: business", "first_response: {normal: 4h}",
                 say["comment"]):
        assert line in text, line
    assert "# Countries whose customers" not in text
    report = run_cxaudit("check", "p.yaml", "--lang", lang, cwd=tmp_path)
    assert report.returncode in (0, 1), report.stderr


@pytest.mark.slow
def test_stopping_and_resuming_loses_no_answer(tmp_path: Path) -> None:
    side = tmp_path / ".p.yaml.answers.yaml"
    first = _spawn(tmp_path, "-o", "p.yaml")
    _step(first, "Which countries", "UA\r")
    _step(first, "What kind of business", DOWN + DOWN + ENTER)  # marketplace
    _step(first, "Who are your customers", CTRL_C)
    out = _finish(first)
    assert first.exitstatus == 130, out  # type: ignore[attr-defined]
    assert "2 answer(s) are saved" in out and not (tmp_path / "p.yaml").exists()
    assert "countries: [UA]" in side.read_text() and "sector: marketplace" in side.read_text()

    second = _spawn(tmp_path, "-o", "p.yaml")
    second.expect_exact("Resuming with 2 answer(s)")  # type: ignore[attr-defined]
    _step(second, "Who are your customers", DOWN + DOWN + ENTER)  # businesses
    _step(second, "What do you sell", ESC)  # back: the answer just given is kept
    _step(second, "Who are your customers", ENTER)
    _step(second, "What do you sell", DOWN + DOWN + SPACE + ENTER)  # services
    _step(second, "How can customers reach you", CTRL_C)
    _finish(second)
    assert second.exitstatus == 130  # type: ignore[attr-defined]

    third = _spawn(tmp_path, "-o", "p.yaml")
    third.expect_exact("Resuming with 4 answer(s)")  # type: ignore[attr-defined]
    third.expect_exact("How can customers reach you")  # type: ignore[attr-defined]
    _enter_through(third)
    _finish(third)
    assert third.exitstatus == 0  # type: ignore[attr-defined]
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    for line in ("jurisdictions: [UA]", "sector: marketplace", "customer_type: b2b",
                 "sells: [services]"):
        assert line in text, line


@pytest.mark.slow
def test_continue_asks_what_is_missing_and_keeps_the_user_s_file(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    original = (EXAMPLES / "weak-small-shop.yaml").read_text(encoding="utf-8")
    target = tmp_path / "shop.yaml"
    target.write_text(original, encoding="utf-8")
    before = json.loads(run_cxaudit("check", str(target), "-f", "json").stdout)["units"][0]
    child = _spawn(tmp_path, "--continue", "shop.yaml")
    child.expect(r"(\d+) question\(s\) would complete")  # type: ignore[attr-defined]
    # the most telling first: complaints hold back the most score in this file
    _step(child, "Where can customers read how to complain", SPACE + ENTER)  # website
    _step(child, "acknowledged in writing", "2bd\r")
    _step(child, "final answer", "none\r")
    _enter_or_done(child)
    out = _finish(child)
    assert child.exitstatus == 0, out  # type: ignore[attr-defined]
    text = target.read_text(encoding="utf-8")
    backup = tmp_path / "shop.yaml.bak"
    assert backup.read_text(encoding="utf-8") == original
    assert "previous version is in shop.yaml.bak" in out
    # every line the user wrote is still there, comments and layout included
    kept = [ln for ln in original.splitlines() if ln.strip()]
    lines = text.splitlines()
    assert all(ln in lines for ln in kept), [ln for ln in kept if ln not in lines][:3]
    for added in ("published: {website: true, at_point_of_sale: false, in_parcel: false}",
                  "acknowledge_within: 2bd", "resolve_within: none"):
        assert added in text, added
    after = json.loads(run_cxaudit("check", str(target), "-f", "json").stdout)["units"][0]
    assert after["judged"] > before["judged"] and after["described"] > before["described"]


def _enter_or_done(child: object) -> None:
    """Skip the remaining questions of --continue until the file is updated or left as is."""
    last = 0
    while True:
        i = child.expect([PROMPT, "Updated ", "unchanged"])  # type: ignore[attr-defined]
        if i:
            return
        n = int(child.match.group(1))  # type: ignore[attr-defined]
        if n != last:
            last = n
            child.send(ENTER)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_template_s_answers_are_the_defaults(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter at every question keeps the template's answer: the same file as --no-input."""
    monkeypatch.setenv("CXAUDIT_TODAY", "2026-03-02")
    child = _spawn(tmp_path, "--template", "bank", "-o", "asked.yaml")
    asked = _enter_through(child)
    _finish(child)
    assert child.exitstatus == 0  # type: ignore[attr-defined]
    assert asked >= 25
    r = run_cxaudit("init", "--template", "bank", "--no-input", "-o", "quiet.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "asked.yaml").read_bytes() == (tmp_path / "quiet.yaml").read_bytes()
