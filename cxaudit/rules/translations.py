"""Rule texts in other languages: `i18n/<language>.yaml` beside a pack's rule files.

A translation file gives, per rule id, the title, why, fix, evidence and parameter texts in one
language, and the sentences its findings say (`sentences`, by their place in the rule file, and
`words` for vocabulary values; see cxaudit.rules.said) (`rules/core/i18n/README.md` describes
the format, `cxaudit schema translation` its schema). Loading it checks it like any input (file:line:col), refuses a rule id the pack does
not have and a text whose placeholders differ from the English ones, and lays the texts over
the English rule; anything it does not translate stays English. `gaps` lists what is missing
and what is stale: each translated field records a short hash of the English text it was made
from (`translated_from`, written by `stamp`), so a changed English text shows.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxaudit import resources
from cxaudit.document.loading import Document, load_file
from cxaudit.errors import CxauditError, Problem, RulePackError
from cxaudit.rules import said
from cxaudit.rules.packs import Rule

TEXT_FIELDS = ("title", "why", "fix", "evidence")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)\}")
I18N_DIR = "i18n"


@dataclass(frozen=True)
class Translation:
    """One pack's texts in one language, with the positions of every value for errors."""

    file: str
    language: str
    rules: Mapping[str, Mapping[str, Any]]
    document: Document

    def where(self, *path: str | int) -> tuple[int, int]:
        """Line and column of a value of the file."""
        return self.document.locate(("rules", *path))


@dataclass(frozen=True)
class Gap:
    """A text a language lacks (`missing`), or one made from an older English text (`stale`)."""

    rule_id: str
    key: str  # title, why, fix, evidence, param.NAME, default.NAME or a sentence's key
    kind: str  # "missing" or "stale"
    file: str
    line: int
    column: int


def translation_path(pack_dir: str | Path, language: str) -> Path:
    """Where a pack keeps its texts in `language`."""
    return Path(pack_dir) / I18N_DIR / f"{language}.yaml"


def fingerprint(text: str) -> str:
    """A short hash of an English text, white space folded (rewrapping changes nothing)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def english_texts(rule: Rule) -> dict[str, str]:
    """Every text of a rule a translation covers, by key: the fields, each parameter's
    description (`param.NAME`), each word default (`default.NAME`, type string) and every
    sentence its findings say (`message`, `check.then.message`, `parts.cite`, `words.returns`:
    see cxaudit.rules.said)."""
    out = {f: str(getattr(rule, f)) for f in TEXT_FIELDS if getattr(rule, f)}
    for name, spec in (rule.raw.get("params") or {}).items():
        if spec.get("description"):
            out[f"param.{name}"] = " ".join(str(spec["description"]).split())
        if spec.get("type") == "string" and isinstance(spec.get("default"), str):
            out[f"default.{name}"] = spec["default"]
    out.update(said.sentences(rule.raw))
    return out


def translated_texts(texts: Mapping[str, Any]) -> dict[str, str]:
    """The texts of one rule's entry in a translation file, by the keys of `english_texts`."""
    out = {f: " ".join(str(texts[f]).split()) for f in TEXT_FIELDS if f in texts}
    for name, spec in (texts.get("params") or {}).items():
        if isinstance(spec, str):
            out[f"param.{name}"] = " ".join(spec.split())
        else:
            if "description" in spec:
                out[f"param.{name}"] = " ".join(str(spec["description"]).split())
            if "default" in spec:
                out[f"default.{name}"] = str(spec["default"])
    out.update({k: " ".join(str(v).split()) for k, v in (texts.get("sentences") or {}).items()})
    out.update(said.flat_words(texts.get("words") or {}))
    return out


def _key_path(key: str) -> tuple[str, ...]:
    if key.startswith("param."):
        return ("params", key.split(".", 1)[1])
    if key.startswith("default."):
        return ("params", key.split(".", 1)[1], "default")
    if said.is_words(key):
        return tuple(key.split("."))
    if key not in TEXT_FIELDS:
        return ("sentences", key)
    return (key,)


def placeholders(text: str) -> Counter[str]:
    """The `{name}` placeholders of a text, with how often each occurs."""
    return Counter(_PLACEHOLDER.findall(text))


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(resources.schema_text("translation.schema.json"))
    return result


def load_translation(path: str | Path, language: str) -> Translation:
    """Read and check one translation file (schema and language); RulePackError if broken."""
    from cxaudit.document.schemacheck import compile_schema
    from cxaudit.i18n import _
    from cxaudit.model.validate import explain, shape_hint, start_hint

    try:
        doc = load_file(path, kind="translation")
    except CxauditError as exc:
        raise RulePackError(exc.problems) from None
    if not compile_schema(_schema())(doc.data):
        generic = (shape_hint(), start_hint())
        problems = [replace(p, hint=_("see `cxaudit schema translation` and "
                                      "rules/core/i18n/README.md")) if p.hint in generic
                    else p for p in explain(doc, _schema())]
        if problems:
            raise RulePackError(problems)
    if doc.data["language"] != language:
        line, col = doc.locate(("language",))
        raise RulePackError([Problem(doc.file, line, col, f"the file {Path(path).name} says "
                                     f"language {doc.data['language']!r}",
                                     f"write `language: {language}`, the code its name gives")])
    return Translation(doc.file, language, doc.data["rules"], doc)


def check(translation: Translation, rules: Sequence[Rule]) -> None:
    """Refuse texts for rules the pack lacks, word defaults for other parameters, and texts
    whose placeholders differ from the English text's."""
    by_id = {r.id: r for r in rules}
    problems = []
    for rule_id, texts in translation.rules.items():
        rule = by_id.get(rule_id)
        if rule is None:
            close = difflib.get_close_matches(rule_id, list(by_id), n=1)
            problems.append(Problem(translation.file, *translation.where(rule_id),
                                    f"the pack has no rule {rule_id}",
                                    f"did you mean {close[0]}?" if close else
                                    "translate only rules of the pack this folder belongs to"))
            continue
        english = english_texts(rule)
        for key, text in translated_texts(texts).items():
            where = translation.where(rule_id, *_key_path(key))
            if key not in english:
                if said.is_words(key):
                    continue  # a language may word a value English leaves as it is
                if _sentence(key):
                    problems.append(Problem(translation.file, *where, f"{rule_id} has no "
                                            f"sentence at {key}", "copy the key from the "
                                            "place of the sentence in the rule file "
                                            "(see `cxaudit rules test --lang`)"))
                    continue
                what = ("a parameter whose default is a word (type string)"
                        if key.startswith("default.") else "an English text to translate")
                problems.append(Problem(translation.file, *where, f"{rule_id} has no "
                                        f"{key.replace('.', ' ', 1)}: it is not {what}",
                                        "remove it, or check the name against the rule file"))
                continue
            if _sentence(key):
                if said.names(english[key]) != said.names(text):
                    problems.append(Problem(translation.file, *where, f"{rule_id} {key}: the "
                                            "sentence uses other values than the English one ("
                                            f"{_listed(said.names(english[key]))} in English, "
                                            f"{_listed(said.names(text))} here)",
                                            "use every {name} of the English sentence and no "
                                            "other; formats (:and) and quoted words may differ"))
                continue
            want, got = placeholders(english[key]), placeholders(text)
            if want != got:
                problems.append(Problem(translation.file, *where, f"{rule_id} {key}: the "
                                        f"placeholders differ from the English text "
                                        f"({_names(want)} in English, {_names(got)} here)",
                                        "keep every {name} exactly as in English, as often"))
    if problems:
        raise RulePackError(sorted(problems, key=lambda p: (p.line, p.column)))


def _sentence(key: str) -> bool:
    return key not in TEXT_FIELDS and not key.startswith(("param.", "default."))


def _listed(found: frozenset[str]) -> str:
    return ", ".join(f"{{{k}}}" for k in sorted(found)) or "none"


def _names(found: Counter[str]) -> str:
    return ", ".join(f"{{{k}}}" + (f" x{n}" if n > 1 else "") for k, n in sorted(found.items())) \
        or "none"


def apply(rule: Rule, texts: Mapping[str, Any]) -> Rule:
    """The rule with its texts in the translation's language; what is absent stays English."""
    from cxaudit.rules.packs import compile_raw

    raw: dict[str, Any] = dict(rule.raw)
    for f in TEXT_FIELDS:
        if f in texts:
            raw[f] = texts[f]
    params = {n: dict(s) for n, s in (raw.get("params") or {}).items()}
    defaults = False
    for name, spec in (texts.get("params") or {}).items():
        given = {"description": spec} if isinstance(spec, str) else spec
        if "description" in given:
            params[name]["description"] = given["description"]
        if "default" in given:
            params[name]["default"], defaults = given["default"], True
    if params:
        raw["params"] = params
    if texts.get("sentences") or texts.get("words"):
        raw = said.with_sentences(raw, texts.get("sentences") or {}, texts.get("words"))
        defaults = True
    if defaults:  # a parameter's value or a sentence changed: compile the rule with it
        return compile_raw(raw, rule)
    return replace(rule, title=raw["title"], why=raw["why"].strip(), fix=raw["fix"].strip(),
                   evidence=str(raw.get("evidence", "")).strip(), raw=raw,
                   english_title=rule.name_title)


def translate(pack_dir: str | Path, rules: tuple[Rule, ...], language: str) -> tuple[Rule, ...]:
    """The pack's rules in `language`, where its i18n file has texts for them."""
    path = translation_path(pack_dir, language)
    if not path.is_file():
        return rules
    translation = load_translation(path, language)
    check(translation, rules)
    return tuple(apply(r, translation.rules[r.id]) if r.id in translation.rules else r
                 for r in rules)


def gaps(pack_dir: str | Path, rules: Iterable[Rule], language: str) -> list[Gap]:
    """Every text of the pack's (English) rules that `language` lacks or made from an older
    English text. A pack without a file for the language lacks everything."""
    path = translation_path(pack_dir, language)
    translation = load_translation(path, language) if path.is_file() else None
    rules = list(rules)
    if translation is not None:
        check(translation, rules)
    out = []
    file = str(path)
    for rule in rules:
        texts = translation.rules.get(rule.id) if translation is not None else None
        have = translated_texts(texts) if texts is not None else {}
        stamps = (texts or {}).get("translated_from") or {}
        for key, english in english_texts(rule).items():
            if key not in have:
                line, col = translation.where(rule.id) if texts is not None and \
                    translation is not None else (0, 0)
                out.append(Gap(rule.id, key, "missing", file, line, col))
            elif stamps.get(key) != fingerprint(english):
                assert translation is not None
                out.append(Gap(rule.id, key, "stale", file,
                               *translation.where(rule.id, *_key_path(key))))
    return out


_SHOWN: dict[tuple[int, str], tuple[Rule, dict[str, str]]] = {}


def shown_params(rule: Rule) -> dict[str, str]:
    """A rule's parameters as its sentences show them: as written in English (`24h`), in words
    in any other language (`24 години`, `1 робочий день`, `3 місяці`). Worked out once per
    rule and language (every finding of the rule asks); the caller must not change it."""
    from cxaudit.i18n import current

    key = (id(rule), current())
    kept = _SHOWN.get(key)
    if kept is not None and kept[0] is rule:
        return kept[1]
    if len(_SHOWN) >= 4096:
        _SHOWN.clear()
    shown = _shown_params(rule)
    _SHOWN[key] = (rule, shown)
    return shown


def _shown_params(rule: Rule) -> dict[str, str]:
    from cxaudit.i18n import ENGLISH, current, formats

    if current() == ENGLISH:
        return {k: str(v) for k, v in rule.params.items()}
    from cxaudit.model.durations import parse_cadence, parse_duration

    out = {}
    for name, value in rule.params.items():
        kind = rule.param_types.get(name)
        if kind == "duration":
            d = parse_duration(value)
            out[name] = formats.duration(float(d.amount), d.unit, d.clock)
        elif kind == "cadence":
            c = parse_cadence(value)
            out[name] = formats.quantity(float(c.amount), c.unit)
        elif kind in ("number", "integer"):
            out[name] = formats.number(value)
        elif isinstance(value, list):
            out[name] = ", ".join(str(v) for v in value)
        else:
            out[name] = str(value)
    return out


__all__ = ["TEXT_FIELDS", "Gap", "Translation", "apply", "check", "english_texts",
           "fingerprint", "gaps", "load_translation", "placeholders", "shown_params", "translate",
           "translated_texts", "translation_path"]
