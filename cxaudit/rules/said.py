"""Where a rule file keeps the sentences its findings say, and how a translation replaces them.

A finding's sentences live in the rule file: `message`, `cause` and `affects`; in `check`, the
`message`, `evidence`, `cause` and `affects` of each branch; a check function's `messages` and
`parts`; the words the rule names weighed categories with (`weighs_findings_of`); and the
rule's `words` for vocabulary values. Each is addressed by its place in the file, written as
a dotted key (`check.then.else.message`, `messages.slow.affects`, `parts.cite`, `words.returns`;
a list position is a number: `check.all.2.message`). A translation file gives its sentences
under those keys (`sentences:` and `words:`), and `with_sentences` lays them over the rule's
data before it is compiled again, so the engine renders them as it renders the English ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_SAID = ("message", "evidence", "cause", "affects")  # what a branch of `check` may say
# every name a sentence uses: `{name}`, `{a|b}`, `{name:format}` and `{x}` inside a quoted
# alternative; `{pct, within}` in a quoted YAML example is no placeholder
_NAMES = re.compile(r"[{|]([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?=[:}|])")


def _branches(node: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in _SAID and isinstance(value, str):
                yield (*path, str(key)), value
            else:
                yield from _branches(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _branches(value, (*path, str(i)))


def _leaves(node: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _leaves(value, (*path, str(key)))
    elif isinstance(node, str):
        yield path, node


def sentences(raw: Mapping[str, Any]) -> dict[str, str]:
    """Every sentence a rule's findings may say, by dotted key, white space folded; `words.*`
    keys are the rule's words for vocabulary values."""
    found: list[tuple[tuple[str, ...], str]] = []
    for key in ("message", "cause", "affects"):
        if isinstance(raw.get(key), str) and raw[key]:
            found.append(((key,), raw[key]))
    found += _branches(raw.get("check"), ("check",))
    for name, said in (raw.get("messages") or {}).items():
        if isinstance(said, str):
            found.append((("messages", str(name)), said))
        else:
            found += [(("messages", str(name), str(k)), v) for k, v in said.items()
                      if isinstance(v, str)]
    for key in ("parts", "weighs_findings_of", "words"):
        found += _leaves(raw.get(key), (key,))
    return {".".join(path): " ".join(text.split()) for path, text in found}


def names(text: str) -> frozenset[str]:
    """The value names a sentence uses (formats and quoted words aside)."""
    return frozenset(_NAMES.findall(text))


def is_words(key: str) -> bool:
    """Whether a key names a word for a vocabulary value rather than a sentence."""
    return key.startswith("words.")


def with_sentences(raw: Mapping[str, Any], said: Mapping[str, str],
                   words: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Rule data with the sentences at `said`'s keys replaced, and `words` laid over the
    rule's words (a language may word values English leaves as they are)."""
    out: dict[str, Any] = dict(raw)
    for key, text in said.items():
        _put(out, key.split("."), text)
    if words:
        out["words"] = _merged(out.get("words") or {}, words)
    return out


def _put(node: dict[str, Any], path: list[str], text: str) -> None:
    head, rest = path[0], path[1:]
    if not rest:
        node[head] = text
        return
    child = node[head]
    if isinstance(child, list):
        copy: list[Any] = list(child)
        node[head] = copy
        i = int(rest[0])
        if len(rest) == 1:
            copy[i] = text
            return
        copy[i] = dict(copy[i])
        _put(copy[i], rest[1:], text)
    else:
        node[head] = dict(child)
        _put(node[head], rest, text)


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def flat_words(words: Mapping[str, Any], prefix: str = "words") -> dict[str, str]:
    """A translation's `words` table as `words.*` keys."""
    out: dict[str, str] = {}
    for key, value in words.items():
        if isinstance(value, Mapping):
            out.update(flat_words(value, f"{prefix}.{key}"))
        else:
            out[f"{prefix}.{key}"] = " ".join(str(value).split())
    return out


__all__ = ["flat_words", "is_words", "names", "sentences", "with_sentences"]
