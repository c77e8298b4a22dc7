"""The answers file: every answer kept as it is given, so a stopped session resumes.

    # cxaudit init answers ...
    cxaudit: init-answers/v1
    updated: 2025-09-01          # the date the process file says it was described on
    answers:
      countries: [DE, AT]
      sector: retail_ecommerce
      returns_window: null       # skipped

A question whose id is present was asked (null: skipped); resuming starts at the first one
that is not. The file is rewritten atomically after every answer.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cxaudit.errors import InputError, Problem
from cxaudit.i18n import N_, _, did_you_mean
from cxaudit.init.answers import AnswerError, check_value
from cxaudit.init.emit import Block, Raw, dump
from cxaudit.init.questions import by_id, expand

FORMAT = "init-answers/v1"
HEADER = ("# Answers to `cxaudit init`, kept as they were given (null: skipped).",
          ("# `cxaudit init --answers THIS-FILE --no-input -o FILE` writes the same process "
          "file again."))


def side_file(process_file: Path) -> Path:
    """Where the answers for `process.yaml` are kept: `.process.yaml.answers.yaml` beside it."""
    return process_file.with_name(f".{process_file.name}.answers.yaml")


@dataclass
class Answers:
    """Answers by question key (`sector`, `purposes.email`), and the date they describe."""

    values: dict[str, Any] = field(default_factory=dict)
    updated: str = ""
    path: Path | None = None  # where they are saved as they change; None: nowhere

    def save(self) -> None:
        """Rewrite the answers file atomically (when there is one)."""
        if self.path is None:
            return
        from cxaudit.init.files import replace

        replace(self.path, self.text(), N_("answers file"))

    def text(self) -> str:
        """The answers file's text, in questionnaire order."""
        doc = Block()
        doc.add("cxaudit", FORMAT)
        if self.updated:
            doc.add("updated", Raw(self.updated))
        body = Block()
        order = [a.key for a in expand(self.values)]
        for key in [*order, *sorted(k for k in self.values if k not in order)]:
            if key in self.values:
                body.add(key, self.values[key])
        doc.add("answers", body if body.items else {})
        return dump(doc, HEADER)

    def set(self, key: str, value: Any) -> None:
        """Keep one answer (None: skipped) and save."""
        self.values[key] = value
        self.save()


def _today() -> str:
    """Today, or $CXAUDIT_TODAY (for tests and replays)."""
    return os.environ.get("CXAUDIT_TODAY") or date.today().isoformat()


def new(path: Path | None) -> Answers:
    """No answers yet, dated today."""
    return Answers({}, _today(), path)


def load(path: Path, keep_at: Path | None) -> Answers:
    """Read and check an answers file (or a template); InputError at the line of a bad answer.

    `keep_at`: where later answers are saved (None: nowhere; never the file read, which may be
    the user's own).
    """
    from cxaudit.document.loading import load_file

    doc = load_file(path, kind="answers")
    data = doc.data
    name = str(path)

    def fail(where: tuple[Any, ...], message: str, hint: str) -> InputError:
        line, col = doc.locate(where)
        return InputError([Problem(name, line, col, message, hint)])

    for key in data:
        if key not in ("cxaudit", "updated", "answers", "template") and not str(key).startswith("x-"):
            raise fail((key,), _("unknown key {key!r}").format(key=key),
                       _("an answers file has `cxaudit`, `updated` and `answers`"))
    if data.get("cxaudit") != FORMAT:
        raise fail(("cxaudit",), _("not a cxaudit answers file (cxaudit: {value!r})").format(
            value=data.get("cxaudit")),
            _("start it with `cxaudit: {format}`, as `cxaudit init` saves it").format(
                format=FORMAT))
    updated = data.get("updated", "")
    if updated and not _is_date(str(updated)):
        raise fail(("updated",), _("{text!r} is not a date").format(text=updated),
                   _("write it as YYYY-MM-DD"))
    raw = data.get("answers") or {}
    if not isinstance(raw, dict):
        raise fail(("answers",), _("`answers` must be a mapping"),
                   _("write `question_id: answer`"))
    questions = by_id()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        qid = str(key).split(".", 1)[0]
        q = questions.get(qid)
        if q is None:
            close = difflib.get_close_matches(qid, list(questions), n=1)
            raise fail(("answers", key), _("no question is called {key!r}").format(key=key),
                       did_you_mean(close[0]) if close else
                       _("known: {names}").format(names=", ".join(questions)))
        if (q.for_each != "") != ("." in str(key)):
            raise fail(("answers", key), _("{key!r} does not name a question as "
                                           "asked").format(key=key),
                       _("write {id}.<channel> for a question asked per channel").format(
                           id=q.id) if q.for_each else _("write {id}").format(id=q.id))
        try:
            values[str(key)] = check_value(q, value, values)
        except AnswerError as exc:
            raise fail(("answers", key), _("answer to {key!r}: {error}").format(
                key=key, error=exc), exc.hint) from None
    return Answers(values, str(updated) or _today(), keep_at)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
