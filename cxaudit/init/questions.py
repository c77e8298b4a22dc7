"""The questions of `cxaudit init` as values: which to ask, in which order, for which answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from cxaudit.init.texts import definition

KINDS = ("countries", "choice", "multi", "yesno", "duration", "hours", "timezone", "calendar",
         "service_level", "percent", "person", "text")
CHANNEL = "channel"  # the one `for_each` there is: a question asked once per chosen channel


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire (texts are looked up by `id`, see texts.say)."""

    id: str
    kind: str
    fills: tuple[str, ...]  # document paths in schema form: `channels[].purposes`
    choices: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # words a duration or person question accepts: none, never
    when: Mapping[str, Any] | None = None
    for_each: str = ""

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether the answers so far make this question worth asking."""
        if self.when is None:
            return True
        given = answers.get(str(self.when["answer"]))
        if "has" in self.when:
            have = given if isinstance(given, list) else [given]
            return any(v in have for v in self.when["has"])
        if "is" in self.when:
            return bool(given == self.when["is"])
        return given is not None and given not in self.allow and given != "none"


@dataclass(frozen=True)
class Asked:
    """A question as asked: once, or once for one channel (`key` is `purposes.email`)."""

    question: Question
    key: str
    channel: str = ""  # the channel type (init) or id (--continue) a per-channel question is for
    label: str = ""  # how the question names that channel; "" for the type's own label
    index: int | None = None  # the list item (channel, policy, level) it fills, if known


@cache
def questions() -> tuple[Question, ...]:
    """Every question, in the order they are asked."""
    out = []
    for q in definition()["questions"]:
        kind = str(q["kind"])
        assert kind in KINDS, f"unknown kind {kind!r} of question {q['id']!r}"
        out.append(Question(str(q["id"]), kind, tuple(str(f) for f in q.get("fills", ())),
                            tuple(str(c) for c in (q.get("choices") or {})),
                            tuple(str(a) for a in q.get("allow", ())), q.get("when"),
                            str(q.get("for_each", ""))))
    return tuple(out)


def by_id() -> dict[str, Question]:
    """The questions by id."""
    return {q.id: q for q in questions()}


def chosen_channels(answers: Mapping[str, Any]) -> list[str]:
    """The channel types the answers chose, in the questionnaire's order."""
    picked = answers.get("channels")
    return list(picked) if isinstance(picked, list) else []


def expand(answers: Mapping[str, Any],
           only: Sequence[Question] | None = None) -> list[Asked]:
    """The questions to ask for these answers, per-channel ones once per chosen channel."""
    out: list[Asked] = []
    for q in questions() if only is None else only:
        if not q.applies(answers):
            continue
        if q.for_each == CHANNEL:
            out.extend(Asked(q, f"{q.id}.{ch}", ch) for ch in chosen_channels(answers))
        else:
            out.append(Asked(q, q.id))
    return out
