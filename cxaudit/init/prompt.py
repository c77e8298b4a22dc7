"""The questions in a terminal, on questionary (prompt_toolkit): select lists and yes/no where
the vocabulary is closed, checked text where it is not. Enter skips, Esc goes back one question,
Ctrl-C stops; every answer is saved as soon as it is given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit.init.answers import AnswerError, multi, parse, shown
from cxaudit.init.questions import Asked, expand
from cxaudit.init.store import Answers
from cxaudit.init.texts import say

BACK = "\0back"
SKIP = "\0skip"


class Interrupted(Exception):
    """The user stopped the questionnaire (Ctrl-C); the answers so far are saved."""


def _zones(answers: dict[str, Any]) -> list[str]:
    """Time zones to complete from: those of the answered countries first, then all."""
    from importlib import resources
    from zoneinfo import available_timezones

    countries = set(answers.get("countries") or ())
    first: list[str] = []
    try:
        tab = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        tab = ""
    for line in tab.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#") and parts[0] in countries:
            first.append(parts[2])
    rest = sorted(z for z in available_timezones() if "/" in z and not z.startswith(
        ("posix/", "right/", "Etc/")))
    return list(dict.fromkeys([*first, *rest]))


def _with_back(question: Any) -> Any:
    """Esc ends the prompt with BACK (prompt_toolkit waits a moment to tell Esc from a key)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    kb = KeyBindings()

    @kb.add("escape", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, kb])
    return question


def _message(asked: Asked, lang: str | None) -> str:
    q = asked.question
    text = say(f"{q.id}.text", lang)
    if asked.channel:
        text = text.format(channel=asked.label or say(f"channels.choices.{asked.channel}", lang))
    return text


def _ask(asked: Asked, answers: Answers, n: int, total: int, lang: str | None) -> Any:
    """One question; returns the answer, None (skipped) or BACK."""
    import questionary
    from questionary import Choice

    q = asked.question
    current = answers.values.get(asked.key)
    message = f"{say('ui.progress', lang, n=n, total=total)} {_message(asked, lang)}"
    questionary.print(f"  {say(f'{q.id}.hint', lang)}", style="fg:ansibrightblack")
    skip = Choice(say("ui.skip", lang), value=SKIP)
    if q.kind in ("choice", "yesno"):
        options = [(say("ui.yes", lang), True), (say("ui.no", lang), False)] \
            if q.kind == "yesno" else [(say(f"{q.id}.choices.{c}", lang), c) for c in q.choices]
        choices = [skip, *(Choice(label, value=v) for label, v in options)]
        default = next((c for c in choices if c.value == current and current is not None), skip)
        result = _with_back(questionary.select(
            message, choices=choices, default=default,
            instruction=say("ui.skip_hint", lang))).unsafe_ask()
        return None if result == SKIP else result
    if q.kind == "multi":
        while True:
            picked = _with_back(questionary.checkbox(
                message, choices=[Choice(say(f"{q.id}.choices.{c}", lang), value=c,
                                         checked=c in (current or ())) for c in q.choices],
                instruction=say("ui.multi_hint", lang))).unsafe_ask()
            if picked == BACK or not picked:
                return BACK if picked == BACK else None
            try:
                return multi(q, list(picked))
            except AnswerError as exc:
                questionary.print(f"  {exc}; {exc.hint}", style="fg:ansired")
                current = picked

    def check(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            parse(q, text, answers.values)
        except AnswerError as exc:
            return f"{exc}" + (f"; {exc.hint}" if exc.hint else "")
        return True

    typed = shown(q, current)
    if q.kind == "timezone":
        prompt = questionary.autocomplete(message, choices=_zones(answers.values),
                                          default=typed, validate=check, match_middle=True)
    else:
        prompt = questionary.text(message, default=typed, validate=check,
                                  instruction=say("ui.skip_hint", lang))
    text = _with_back(prompt).unsafe_ask()
    if text == BACK:
        return BACK
    return parse(q, text, answers.values) if text.strip() else None


def run(answers: Answers, again: bool = False, lang: str | None = None,
        only: Callable[[], list[Asked]] | None = None, target: str = "process.yaml") -> None:
    """Ask the questions, saving each answer as it is given.

    Resumes at the first question without an answer; with `again`, asks every question with
    the kept answer as its default (a template's answers). `only`: ask just the questions it
    returns for the answers so far (in its order) instead of the whole questionnaire.
    Raises Interrupted on Ctrl-C.
    """
    import questionary

    def todo() -> list[Asked]:
        return only() if only is not None else expand(answers.values)

    def next_from(i: int) -> int:
        flat = todo()
        while not again and i < len(flat) and flat[i].key in answers.values:
            i += 1
        return i

    i = next_from(0)
    if only is None and not answers.values:
        questionary.print(say("ui.intro", lang, count=len(todo()),
                              file=target))
    while True:
        flat = todo()
        if i >= len(flat):
            return
        try:
            result = _ask(flat[i], answers, i + 1, len(flat), lang)
        except KeyboardInterrupt:
            raise Interrupted from None
        if result == BACK:
            i = max(0, i - 1)
            continue
        answers.set(flat[i].key, result)
        i = next_from(i + 1)
