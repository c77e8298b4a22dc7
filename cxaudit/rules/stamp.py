"""`cxaudit rules stamp`: record in a translation file which English texts it was made from.

For every rule the file translates, one line `translated_from: {title: 1a2b3c4d, ...}` holds a
short hash of each English text that has a translation. `translations.gaps` compares them with
the English texts of the day, so a changed English text shows as stale until a translator
updates the translation and stamps it again. Only that one line per rule is written; every
other line of the file (comments, wrapping, quotes) stays as the translator wrote it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from cxaudit.errors import Problem, RulePackError
from cxaudit.rules.packs import Rule
from cxaudit.rules.translations import (
    Translation,
    english_texts,
    fingerprint,
    translated_texts,
)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the block that starts at `start` (deeper lines)."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or
                                len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return end


def stamped(text: str, translation: Translation, rules: Sequence[Rule],
            only: Collection[str] = ()) -> tuple[str, list[str]]:
    """The file's text with a fresh `translated_from` line for every rule it translates (or
    for the rules in `only`), and the ids stamped."""
    lines = text.splitlines(keepends=True)
    by_id = {r.id: r for r in rules}
    edits: list[tuple[int, int, str]] = []  # (first line index, end index, new line)
    done = []
    for rule_id, texts in translation.rules.items():
        if (only and rule_id not in only) or rule_id not in by_id or not texts:
            continue
        english = english_texts(by_id[rule_id])
        hashes = {k: fingerprint(english[k]) for k in translated_texts(texts) if k in english}
        key_line, key_col = translation.where(rule_id)
        first = next(iter(texts))
        child_line, child_col = translation.where(rule_id, first)
        if child_line == key_line:
            raise RulePackError([Problem(translation.file, key_line, key_col,
                                         f"{rule_id} is written on one line",
                                         "write its texts as a block, one key per line, to "
                                         "stamp it")])
        body = ", ".join(f"{k}: '{v}'" for k, v in hashes.items())  # quoted: "12345678" is text
        new = f"{' ' * (child_col - 1)}translated_from: {{{body}}}\n"
        if "translated_from" in texts:
            at = translation.where(rule_id, "translated_from")[0] - 1
            edits.append((at, _block_end(lines, at, child_col - 1), new))
        else:
            edits.append((key_line, key_line, new))  # right under the rule's id
        done.append(rule_id)
    for start, end, new in sorted(edits, reverse=True):
        lines[start:end] = [new]
    return "".join(lines), done


__all__ = ["stamped"]
