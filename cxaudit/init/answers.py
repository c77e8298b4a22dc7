"""Answers as typed, checked against their question, and the display of a kept answer.

`parse` turns what the user typed into the value kept in the answers file (a duration stays
the text `8h@business`, countries become `[DE, AT]`); `check_value` checks a value read back
from an answers file or a template the same way. Both raise AnswerError with a hint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cxaudit.i18n import _, did_you_mean, ngettext
from cxaudit.init.questions import Question

BUSINESS_TARGETS = frozenset({"first_response", "first_response_urgent", "resolution",
                              "resolution_urgent", "chat_answer"})
_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*(?:-|\u2013|to)\s*(\d{1,2}):(\d{2})")  # - or en dash
_LEVEL = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%\s*(?:in|within|/)?\s*(\d+\s*[smh])", re.IGNORECASE)
_PERSON = re.compile(r"([^<>]*?)\s*(?:<\s*([^<>\s]+@[^<>\s]+)\s*>)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_TEXT = 200


class AnswerError(ValueError):
    """An answer its question cannot take; `hint` says what would do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _countries(text: str) -> list[str]:
    from cxaudit.clock.countries import country_problem

    codes = [c.upper() for c in re.split(r"[\s,;]+", text.strip()) if c]
    if not codes:
        raise AnswerError(_("no country given"), _("type ISO codes such as DE, AT"))
    for code in codes:
        problem = country_problem(code)
        if problem is not None:
            raise AnswerError(problem[0], problem[1])
    return list(dict.fromkeys(codes))


def _duration(q: Question, text: str, answers: Mapping[str, Any]) -> str:
    from cxaudit.model.durations import DurationError, parse_duration

    text = text.strip()
    if text.lower() in q.allow:
        return text.lower()
    try:
        d = parse_duration(text)
    except DurationError as exc:
        words = _(" or ").join(q.allow)
        raise AnswerError(str(exc), exc.hint + (_("; or {words}").format(words=words)
                                                if words else "")) from None
    if q.id in BUSINESS_TARGETS and answers.get("clock") == "business" and d.unit in ("d", "w") \
            and d.clock is None:
        n = f"{d.amount:g}"
        count = int(d.amount) if float(d.amount).is_integer() else 2
        raise AnswerError(ngettext("{text!r} on working hours is ambiguous: {n} day of working "
                                   "hours, or {n} working day?", "{text!r} on working hours is "
                                   "ambiguous: {n} days of working hours, or {n} working days?",
                                   count).format(text=text, n=n),
                          _("write {n}bd (working days), {hours}h (working hours) or "
                            "{text}@calendar").format(n=n, hours=int(d.amount * 8), text=text))
    return d.text


def _hours(text: str) -> str:
    text = text.strip().lower()
    if text in ("closed", "none", "-"):
        return "closed"
    m = _HOURS.fullmatch(text)
    if not m:
        raise AnswerError(_("{text!r} is not a time range").format(text=text),
                          _("write it as 09:00-18:00, or closed"))
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise AnswerError(_("{text!r} is not a time of day").format(text=text),
                          _("hours run from 00:00 to 24:00"))
    if (h2, m2) <= (h1, m1):
        raise AnswerError(_("{text!r} closes before it opens").format(text=text),
                          _("write the opening time first: 09:00-18:00 (to 24:00 at the latest)"))
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def _timezone(text: str) -> str:
    from cxaudit.clock.zones import is_zone, suggestion

    text = text.strip()
    if is_zone(text):
        return text
    better = suggestion(text)
    raise AnswerError(_("{text!r} is not a time zone").format(text=text),
                      did_you_mean(better) if better else
                      _("use an IANA name such as Europe/Berlin or America/New_York"))


def _calendar(text: str) -> str:
    from cxaudit.clock.cache import calendar_problem

    text = text.strip()
    if text.lower() == "none":
        return "none"
    problem = calendar_problem(text.upper())
    if problem is not None:
        raise AnswerError(problem[0], problem[1].split("; or list")[0] + _("; or none"))
    return text.upper()


def _service_level(text: str) -> str:
    from cxaudit.model.durations import DurationError, parse_duration

    m = _LEVEL.fullmatch(text.strip())
    if not m:
        raise AnswerError(_("{text!r} is not a service level").format(text=text.strip()),
                          _("write a share and a time: 80% in 30s"))
    pct, within = float(m.group(1)), m.group(2).replace(" ", "")
    if not 0 < pct <= 100:
        raise AnswerError(_("{pct} % is not a share of calls").format(pct=f"{pct:g}"),
                          _("use a number from 1 to 100"))
    try:
        parse_duration(within)
    except DurationError as exc:
        raise AnswerError(str(exc), exc.hint) from None
    return f"{pct:g}% in {within}"


def _percent(text: str) -> int | float:
    try:
        value = float(text.strip().rstrip("%").strip())
    except ValueError:
        raise AnswerError(_("{text!r} is not a number").format(text=text.strip()),
                          _("type a percentage: 0, 10, 15")) from None
    if not 0 <= value <= 100:
        raise AnswerError(_("{value} is not a percentage").format(value=f"{value:g}"),
                          _("use a number from 0 to 100"))
    return int(value) if value == int(value) else value


def _person(q: Question, text: str) -> str:
    text = " ".join(text.split())
    if text.lower() in q.allow:
        return text.lower()
    m = _PERSON.fullmatch(text)
    name, email = (m.group(1), m.group(2)) if m else ("", None)
    if not name or len(text) > MAX_TEXT:
        raise AnswerError(_("{text!r} is not a name").format(text=text),
                          _("write a name, optionally with an e-mail address: Jana Roth "
                            "<jana.roth@shop.example>"))
    if email is not None and not _EMAIL.fullmatch(email):
        raise AnswerError(_("{email!r} is not an e-mail address").format(email=email),
                          _("write name@domain.example"))
    return f"{name} <{email}>" if email else name


def _text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:
        raise AnswerError(_("the text is {n} characters long").format(n=len(text)),
                          _("keep it under {n} characters").format(n=MAX_TEXT))
    return text


def parse(q: Question, text: str, answers: Mapping[str, Any]) -> Any:
    """What the user typed for a text-entry question, as the value to keep; AnswerError if
    the question cannot take it. An empty text is not parsed: it skips the question."""
    kind = q.kind
    if kind == "countries":
        return _countries(text)
    if kind == "duration":
        return _duration(q, text, answers)
    if kind == "hours":
        return _hours(text)
    if kind == "timezone":
        return _timezone(text)
    if kind == "calendar":
        return _calendar(text)
    if kind == "service_level":
        return _service_level(text)
    if kind == "percent":
        return _percent(text)
    if kind == "person":
        return _person(q, text)
    if kind == "text":
        return _text(text)
    raise AnswerError(_("a {kind} question is answered by choosing, not typing").format(
        kind=kind))


def check_value(q: Question, value: Any, answers: Mapping[str, Any]) -> Any:
    """A kept answer (from an answers file or a template) checked as if typed again."""
    if value is None:
        return None  # skipped
    if q.kind == "yesno":
        if not isinstance(value, bool):
            raise AnswerError(_("expected true or false, found {value!r}").format(value=value),
                              _("write true or false"))
        return value
    if q.kind == "choice":
        if value not in q.choices:
            raise AnswerError(_("{value!r} is not one of the choices").format(value=value),
                              _("use one of {choices}").format(choices=", ".join(q.choices)))
        return value
    if q.kind == "multi":
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in q.choices]
        if bad:
            raise AnswerError(_("{value!r} is not one of the choices").format(value=bad[0]),
                              _("use some of {choices}").format(choices=", ".join(q.choices)))
        return multi(q, values)
    if q.kind == "countries" and isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if q.kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise AnswerError(_("expected text, found {value!r}").format(value=value),
                          _("write the answer as text"))
    return parse(q, value, answers)


EXCLUSIVE = frozenset({"none", "nowhere"})


def multi(q: Question, picked: list[str]) -> list[str]:
    """Chosen values in the questionnaire's order; `none` cannot stand beside another."""
    if len(picked) > 1 and EXCLUSIVE & set(picked):
        word = next(iter(EXCLUSIVE & set(picked)))
        raise AnswerError(_("{word!r} cannot be chosen together with other answers").format(
            word=word), _("choose {word} alone, or leave it out").format(word=word))
    return [c for c in q.choices if c in picked]


def shown(q: Question, value: Any) -> str:
    """A kept answer as the text a user would type (a default in a text prompt)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
