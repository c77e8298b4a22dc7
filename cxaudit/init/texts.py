"""Every text of the questionnaire, looked up by key through one function (`say`).

English lives in questions.yaml beside this module; a translation is `questions.<lang>.yaml`
holding the same ids with only their texts. A text a translation leaves out stays English.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from cxaudit.document.loading import Limits, load_text

DEFAULT_LANG = "en"
TEXT_FIELDS = ("text", "hint", "comment", "example")


def _read(name: str) -> dict[str, Any] | None:
    """The questionnaire file `name` shipped in this package, loaded with YAML 1.2 scalars."""
    ref = resources.files("cxaudit.init") / name
    if not ref.is_file():
        return None
    return load_text(ref.read_text(encoding="utf-8"), name, Limits(), kind="questions").data


@cache
def definition() -> dict[str, Any]:
    """The English questionnaire: ui texts, section notes and the questions."""
    data = _read("questions.yaml")
    assert data is not None, "questions.yaml ships with cxaudit"
    return data


def _flatten(data: dict[str, Any]) -> dict[str, str]:
    """`{ui.intro: ..., notes.returns: ..., sector.text: ..., sector.choices.bank: ...}`."""
    out: dict[str, str] = {}
    for group in ("ui", "notes"):
        for key, value in (data.get(group) or {}).items():
            out[f"{group}.{key}"] = str(value)
    for q in data.get("questions") or ():
        qid = q["id"]
        for f in TEXT_FIELDS:
            if f in q:
                out[f"{qid}.{f}"] = str(q[f])
        for value, label in (q.get("choices") or {}).items():
            out[f"{qid}.choices.{value}"] = str(label)
    return out


@cache
def table(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every text by key in `lang`, English where the translation is silent."""
    out = _flatten(definition())
    if lang != DEFAULT_LANG:
        extra = _read(f"questions.{lang}.yaml")
        if extra is not None:
            out.update({k: v for k, v in _flatten(extra).items() if k in out})
    return out


def languages() -> tuple[str, ...]:
    """The languages the questionnaire speaks: English and every translation beside it."""
    names = [p.name for p in resources.files("cxaudit.init").iterdir()]
    found = {n[len("questions."):-len(".yaml")] for n in names
             if n.startswith("questions.") and n.endswith(".yaml") and n != "questions.yaml"}
    return (DEFAULT_LANG, *sorted(found))


def say(key: str, lang: str | None = None, **values: object) -> str:
    """The text `key` in `lang` (None: the run's language, `--lang` or the configuration's),
    with `{name}` placeholders filled from `values`."""
    from cxaudit.i18n import current

    text = table(lang or current())[key]
    return text.format(**values) if values else text
