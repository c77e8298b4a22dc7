"""`cxaudit init --continue FILE`: ask exactly what the audit of FILE is missing, the most
telling first, and add the answers to FILE without touching anything else.

Each missing fact the audit reports (a document path such as `returns` or `channels[2].purposes`)
is matched to the questions whose `fills` it is, or contains; a question is asked only when what
it fills is still absent. The file is edited with ruamel.yaml's round-trip mode, which keeps
comments, order, quoting and layout; this is the only place cxaudit uses it. The new text is
checked like any process file before it replaces the old one, atomically, after a backup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer

from cxaudit.i18n import _, current
from cxaudit.init.questions import Asked, Question, questions
from cxaudit.init.store import Answers
from cxaudit.init.texts import say

_INDEX = re.compile(r"\[(\d+)\]")


def schema_form(path: str) -> str:
    """`channels[2].purposes` -> `channels[].purposes`."""
    return _INDEX.sub("[]", path)


def _first_index(path: str) -> int | None:
    m = _INDEX.search(path)
    return int(m.group(1)) if m else None


def _covers(missing: str, fill: str) -> bool:
    """Whether answering `fill` gives the missing fact: the same path, or one inside it."""
    return fill == missing or fill.startswith((missing + ".", missing + "["))


def _get(data: Any, parts: list[str | int]) -> Any:
    for p in parts:
        if isinstance(p, int):
            if not isinstance(data, list) or p >= len(data):
                return None
            data = data[p]
        else:
            if not isinstance(data, Mapping) or p not in data:
                return None
            data = data[p]
    return data


def _parts(fill: str, index: int | None) -> list[str | int] | None:
    """`channels[].purposes` with index 2 -> ["channels", 2, "purposes"]; None without one."""
    out: list[str | int] = []
    for piece in fill.split("."):
        name, brackets, _ = piece.partition("[]")
        out.append(name)
        if brackets:
            if index is None:
                return None
            out.append(index)
    return out


def _absent(data: Any, q: Question, index: int | None) -> bool:
    """Whether something the question fills is still missing from the document."""
    for fill in q.fills:
        parts = _parts(fill, index)
        if parts is None:
            parts = _parts(fill.split("[]", 1)[0], None)
        if parts is not None and _get(data, parts) is None:
            return True
    return False


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def context(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the file already says, in the shape of answers (for the questions' `when`)."""
    org = data.get("organization") if isinstance(data.get("organization"), Mapping) else {}
    channels = _list(data.get("channels"))
    esc = data.get("escalation")
    owner = (data.get("ownership") or {}).get("cx_owner") \
        if isinstance(data.get("ownership"), Mapping) else None
    return {"sells": list(org.get("sells") or []) if isinstance(org, Mapping) else [],
            "channels": [str(c.get("type")) for c in channels if isinstance(c, Mapping)],
            "escalation_first": "yes" if isinstance(esc, Mapping) and esc.get("levels") else None,
            "cx_owner": "yes" if isinstance(owner, Mapping) else owner,
            "clock": None}


def missing_questions(data: Mapping[str, Any],
                      gaps: list[tuple[str, float]]) -> tuple[list[Asked], list[str]]:
    """The questions answering the missing facts `gaps` ((path, weight), the audit's order),
    ranked by the weight they answer; and the paths no question answers."""
    ctx = context(data)
    channels = _list(data.get("channels"))
    ranked: dict[str, tuple[float, int, Asked]] = {}
    unasked: list[str] = []
    order = {q.id: n for n, q in enumerate(questions())}
    for path, weight in gaps:
        form, index = schema_form(path), _first_index(path)
        found = False
        for q in questions():
            if not any(_covers(form, f) for f in q.fills) or not q.applies(ctx):
                continue
            if q.for_each:
                picks = [index] if index is not None else range(len(channels))
                for i in picks:
                    ch = channels[i] if i < len(channels) else None
                    if not isinstance(ch, Mapping) or not _absent(data, q, i):
                        continue
                    cid = str(ch.get("id", i))
                    asked = Asked(q, f"{q.id}.{cid}", cid, f"'{cid}' ({ch.get('type')})", i)
                    found = True
                    prev = ranked.get(asked.key)
                    if prev is None or prev[0] < weight:
                        ranked[asked.key] = (weight, order[q.id], asked)
                continue
            if not _absent(data, q, index):
                continue
            found = True
            prev = ranked.get(q.id)
            if prev is None or prev[0] < weight:
                ranked[q.id] = (weight, order[q.id], Asked(q, q.id, index=index))
        if not found:
            unasked.append(path)
    return [a for _, _, a in sorted(ranked.values(), key=lambda t: (-t[0], t[1]))], unasked


def complete(path: Path, ask: bool, lang: str | None = None) -> int:
    """Run `--continue` on `path`; returns the exit code."""
    from cxaudit.api import Options, audit
    from cxaudit.errors import InputError, UsageError
    from cxaudit.terminal import clean

    if not path.is_file():
        raise UsageError.at(str(path), 0, 0, _("no such file"),
                            _("name a process file; `cxaudit init` starts a new one"))
    result = audit([str(path)], Options(language=current()))
    if result.errors:
        raise InputError(list(result.errors))
    unit = result.units[0]
    data = unit.document.data
    gaps = [(q.path, q.weight) for q in unit.questions]
    todo, unasked = missing_questions(data, gaps)
    if not todo:
        typer.echo(say("ui.nothing_missing", lang, file=clean(str(path))))
    if unasked:
        typer.echo(say("ui.continue_unasked", lang))
        for p in unasked:
            typer.echo(f"  {clean(p)}")
    if not todo:
        return 0
    if not ask:
        raise UsageError.at("--continue", 0, 0, _("no terminal to ask the questions on"),
                            _("run `cxaudit init --continue FILE` in a terminal"))
    from cxaudit.init.prompt import Interrupted, run

    typer.echo(say("ui.continue_intro", lang, count=len(todo), file=clean(str(path))))
    answers = Answers({}, "", None)
    given: dict[str, Asked] = {a.key: a for a in todo}

    def remaining() -> list[Asked]:
        from cxaudit.init.questions import expand

        extra = [a for a in expand(answers.values, [q for q in questions() if q.for_each])
                 if "channels" in answers.values and a.key not in given]
        return [*todo, *extra]

    try:
        run(answers, lang=lang, only=remaining)
    except Interrupted:
        typer.echo(say("ui.continue_nothing", lang, file=clean(str(path))), err=True)
        return 130
    picked = {k: v for k, v in answers.values.items() if v is not None}
    if not picked:
        typer.echo(say("ui.continue_nothing", lang, file=clean(str(path))))
        return 0
    from cxaudit.init.roundtrip import update

    backup = update(path, picked, {a.key: a for a in remaining()}, lang)
    typer.echo(say("ui.continue_wrote", lang, file=clean(str(path)),
                   backup=clean(str(backup))))
    from cxaudit.init.summary import audit_summary

    typer.echo("")
    typer.echo(audit_summary(path, lang), nl=False)
    return 0
