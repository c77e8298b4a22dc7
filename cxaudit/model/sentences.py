"""The sentences of findings: a rule's templates filled with the values a check found.

A placeholder is `{name}`, `{name.field}` (on a list: that field of every item), a choice of
alternatives `{item.name|'The CX owner'}` (the first that is stated; text in single quotes is
taken as written, and when it holds placeholders of its own it counts only when they are all
stated: `{'{each.type:upper} survey'|'survey'}`), and formats after colons (`{x:sorted:or}`):

- `:and` / `:or` join a list as `a, b and c` / `a, b or c` (a list is `a, b, c` by default),
  `:and_all` / `:or_all` as `a and b and c` / `a or b or c`;
- `:g` writes a number without a trailing `.0` (`10`, `2.5`);
- `:words` writes a vocabulary value in words: as the rule's `words` table says
  (`returns: return`; a table under the placeholder's name wins: `priority: {high: ...}`),
  else with spaces (`support_only` -> `support only`);
- `:sorted` sorts a list before it is written;
- `:upper` / `:lower` change the case; `:quoted` puts each value in quotes (`'Team lead'`);
- `:label` names list items the way sentences do (`map 2`, `level 1`: the `labels` of
  `cxaudit/document/identity.yaml`), on `{each}`, `{items}` or a `let` list.

A name the values do not have stays as written (an author's typo stays visible and fails the
rule's examples); a stated name without a value reads `not stated`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cxaudit.document.identity import label
from cxaudit.i18n import ENGLISH, current, pgettext
from cxaudit.i18n import formats as formats_
from cxaudit.model.process import MISSING

_NAME = r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*"
_INNER = rf"\{{{_NAME}(?::[a-z]+)*\}}"
_ALT = rf"(?:{_NAME}|'(?:[^'{{}}|]|{_INNER})*')"
_PLACEHOLDER = re.compile(rf"\{{({_ALT}(?:\|{_ALT})*)((?::[a-z_]+)*)\}}")
_INNERS = re.compile(rf"\{{({_NAME})((?::[a-z]+)*)\}}")
_FORMATS = frozenset({"and", "or", "and_all", "or_all", "g", "words", "upper", "lower", "label",
                      "sorted", "quoted"})


def _field(value: Any, key: str) -> Any:
    if _located(value):
        value = [v for v, _ in value]  # a Selection: its items
    if isinstance(value, (list, tuple)):
        return [x for x in (_field(v, key) for v in value) if x is not MISSING and x is not None]
    if isinstance(value, Mapping) and key in value:
        return value[key]
    return MISSING


def _located(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and all(
        isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], tuple) for v in value)


def _lookup(values: Mapping[str, Any], name: str, formats: tuple[str, ...]) -> Any:
    if "." not in name:
        value = values[name]
        if "label" in formats and _located(value):
            return [label(path, item) for item, path in value]  # items named as sentences do
        return [v for v, _ in value] if _located(value) else value
    parts = name.split(".")
    value = values[parts[0]]
    for part in parts[1:]:
        value = _field(value, part)
    if _located(value):
        value = [v for v, _ in value]
    return value


def _stated(value: Any) -> bool:
    if value is MISSING or value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return not (isinstance(value, (list, tuple)) and not value)


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_word(word)} {items[-1]}"


def _word(word: str) -> str:
    """`and`, `or`, `not stated`, `true`, `false` in the run's language."""
    if current() == ENGLISH:
        return word
    return {"and": pgettext("list", "and"), "or": pgettext("list", "or"),
            "not stated": pgettext("value", "not stated"), "true": pgettext("value", "true"),
            "false": pgettext("value", "false")}[word]


def _text(value: Any, formats: tuple[str, ...], words: Mapping[str, str]) -> str:
    if isinstance(value, (list, tuple)):
        items = sorted(value, key=str) if "sorted" in formats else list(value)
        parts = [_text(v, formats, words) for v in items]
        joiner = next((f for f in formats if f in ("and", "or", "and_all", "or_all")), None)
        if joiner in ("and_all", "or_all"):
            return f" {_word(joiner[:-4])} ".join(parts)
        return _join(parts, joiner) if joiner else ", ".join(parts)
    if isinstance(value, bool):
        text = _word("true" if value else "false")
    elif value is None or value is MISSING:
        return _word("not stated")
    elif "g" in formats and isinstance(value, (int, float)):
        text = f"{value:g}" if current() == ENGLISH else formats_.number(value, digits=4)
    else:
        text = str(value)
    for fmt in formats:
        if fmt == "words":
            said = words.get(text)
            text = said if isinstance(said, str) else text.replace("_", " ")
        elif fmt == "upper":
            text = text.upper()
        elif fmt == "lower":
            text = text.lower()
        elif fmt == "quoted":
            text = repr(text) if current() == ENGLISH else f"«{text}»"
    return text


Words = Mapping[str, Any]  # value -> words, or placeholder name -> {value -> words}


def _table(words: Words | None, name: str) -> Mapping[str, str]:
    """The wording of one placeholder's values: its own table if the rule gives one, else the
    rule's table of plain values."""
    if not words:
        return {}
    own = words.get(name)
    return own if isinstance(own, Mapping) else words


@lru_cache(maxsize=4096)
def _placeholders(template: str) -> tuple[tuple[int, int, str, tuple[str, ...], str], ...]:
    """(start, end, alternatives, formats, text) of each placeholder of a template, parsed
    once: rule sentences are few and filled many times."""
    out = []
    for m in _PLACEHOLDER.finditer(template):
        formats = tuple(f for f in (m.group(2) or "").split(":") if f)
        out.append((m.start(), m.end(), m.group(1), formats, m.group(0)))
    return tuple(out)


def render(template: str, values: Mapping[str, Any], words: Words | None = None) -> str:
    """Fill the placeholders of `template` from plain values (no attribute access); `words`
    is the rule's own wording of values (`returns: return`, or per placeholder
    `priority: {high: a high-priority message}`) for the `:words` format."""
    if "{" not in template:
        return template
    found = _placeholders(template)
    if not found:
        return template
    out: list[str] = []
    pos = 0
    for start, end, alternatives, formats, text in found:
        out.append(template[pos:start])
        out.append(_fill(alternatives.split("|"), formats, text, values, words))
        pos = end
    out.append(template[pos:])
    return "".join(out)


def _fill(alternatives: list[str], formats: tuple[str, ...], text: str,
          values: Mapping[str, Any], words: Words | None) -> str:
    if len(alternatives) == 1 and not formats:  # the common `{name}`
        name = alternatives[0]
        if name[0] != "'":
            if name.split(".", 1)[0] not in values:
                return text
            return _text(_lookup(values, name, ()), (), {})
    if any(f not in _FORMATS for f in formats):
        return text
    known = False
    value: Any = MISSING
    root = ""
    for alt in alternatives:
        if alt.startswith("'"):
            inner = [n for n, _ in _INNERS.findall(alt)]
            if all(n.split(".")[0] in values and _stated(_lookup(values, n, ()))
                   for n in inner):
                return render(alt[1:-1], values, words)
            continue
        root = alt.split(".")[0]
        if root not in values:
            continue
        known = True
        value = _lookup(values, alt, formats)
        if _stated(value):
            break
    if not known:
        return text
    return _text(value, formats, _table(words, root) if "words" in formats else {})


def choose(message: Any, value: Any) -> str | None:
    """A branch's sentence: the text itself, or from a mapping the one for the value found
    (`*` for any other value)."""
    if isinstance(message, str) or message is None:
        return message
    key = str(value).lower() if not isinstance(value, bool) else ("true" if value else "false")
    for k, text in message.items():
        if str(k).lower() == key:
            return str(text)
    found = message.get("*")
    return None if found is None else str(found)
