"""A finding that got worse: the one judgement `cxaudit diff` and `check --baseline` share.

A finding keeps its identity (rule and place) while what it is about changes. It is worse when
what the rule says about it changed (its message), and

- the value at its place is looser, judged by the field's declared direction exactly as `diff`
  judges a field (cxaudit.compare.fields: a longer target, a shorter return window...); or
- more channels are affected: a channel joined the SLA policy whose target the finding is
  about (the channels whose targets lie at or under the finding's place, renamed channels
  followed).

The message condition keeps a finding that does not depend on the value out: a looser first
reply target makes "a message can wait 72 h" worse, not "there is no resolution target"; a
chat joining a policy does not make a finding about written channels worse.

`diff` has both sides of the change; a baseline keeps only the place's value, its field key and
the affected channels of the old side (`place`), and the old side is rebuilt by putting that
value back into the new document (`looser`), so both commands compare the same two values with
the same code.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxaudit.compare.flatten import Item, Keys, canonical, choose_keys, flatten
from cxaudit.document.loading import DocPath, Document, format_path
from cxaudit.errors import CxauditError
from cxaudit.model.findings import Finding
from cxaudit.model.process import MISSING, Process, get_path

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


@dataclass(frozen=True)
class Place:
    """What a finding's place holds on one side."""

    path: DocPath  # the finding's location in this side's document
    key: str  # the judged field there (a diff key such as sla_policies[id=x].targets...), or ""
    value: Any  # the value at that field as the document holds it (MISSING without a field)
    channels: tuple[str, ...]  # channels whose SLA targets lie at or under the place, sorted


def doc_path(text: str) -> DocPath | None:
    """`channels[2].sla.targets` as a document path; None for what format_path cannot give."""
    parts: list[str | int] = [int(i) if i else name for i, name in _PART.findall(text)]
    path = tuple(parts)
    return path if format_path(path) == text else None


def judged(items: Mapping[str, Item]) -> dict[DocPath, Item]:
    """The fields whose changes `diff` judges (a direction other than neutral), by path."""
    return {i.path: i for i in items.values()
            if i.row is not None and i.row.kind != "presence" and i.row.direction != "neutral"}


def place(proc: Process, finding: Finding, fields: Mapping[DocPath, Item]) -> Place | None:
    """The place of `finding` in `proc` (`fields`: judged(flatten(proc, ...)))."""
    path = doc_path(finding.location.path)
    if path is None:
        return None
    item = fields.get(path)
    channels = sorted({t.channel for t in proc.targets if t.path[:len(path)] == path})
    if item is None:
        return Place(path, "", MISSING, tuple(channels))
    return Place(path, item.key, get_path(proc.data, path), tuple(channels))


def fields_of(proc: Process, keys: Keys | None = None) -> dict[DocPath, Item]:
    """judged(flatten(proc)) with the list keys of `proc` alone unless `keys` are given."""
    return judged(flatten(proc, keys if keys is not None else choose_keys([proc.data])))


def looser(new: Process, path: DocPath, key: str, old_value: Any,
           as_of: date | None) -> str:
    """How the field at `path` got looser since it held `old_value` ("" when it did not).

    The old side is `new` with `old_value` put back at `path`; the field is compared as
    `diff` compares it. `key` is the field's key on the old side (renames applied): a place
    that now holds another field (the worst priority moved) is not compared.
    """
    now = get_path(new.data, path)
    if old_value is MISSING or now is MISSING or canonical(now) == canonical(old_value):
        return ""
    from cxaudit.compare.changes import REGRESSION
    from cxaudit.compare.judge import Context, compare_fields
    from cxaudit.compare.show import describe, field_label
    from cxaudit.compare.waitdiff import unit_hours

    old = _with_value(new, path, old_value)
    if old is None:
        return ""
    keys = choose_keys([old.data, new.data])
    a, b = fields_of(old, keys).get(path), fields_of(new, keys).get(path)
    if a is None or b is None or b.key != key:
        return ""
    changes = compare_fields({a.key: a}, {b.key: b}, Context(old, new, as_of, unit_hours))
    worse = [c for c in changes if c.verdict == REGRESSION]
    return f"{field_label(worse[0].label)}: {describe(worse[0])}" if worse else ""


def _with_value(proc: Process, path: DocPath, value: Any) -> Process | None:
    """`proc` re-read with `value` at `path` (None when that does not make a valid process)."""
    from cxaudit.model.normalise import normalise

    data = copy.deepcopy(dict(proc.data))
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = copy.deepcopy(value)
    try:
        return normalise(Document(proc.file, data, proc.document.positions))
    except CxauditError:
        return None


def joined(old: tuple[str, ...], new: tuple[str, ...],
           renamed: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Channels affected now and not before (old channel ids followed through renames)."""
    before = {(renamed or {}).get(c, c) for c in old}
    return tuple(c for c in new if c not in before)


def reason(old: Place, new: Place, new_proc: Process, as_of: date | None,
           renamed_key: str, messages: tuple[str, str],
           channel_renames: Mapping[str, str] | None = None) -> str:
    """Why the finding at `new` is worse than it was at `old` ("" when it is not).

    `renamed_key` is the old field key with list-item renames applied; `messages` are the
    finding's old and new messages.
    """
    if messages[0] == messages[1]:
        return ""
    why = []
    if old.key and new.key:
        looser_by = looser(new_proc, new.path, renamed_key, old.value, as_of)
        if looser_by:
            why.append(looser_by)
    more = joined(old.channels, new.channels, channel_renames)
    if more:
        why.append(f"now also applies to {', '.join(more)}")
    return "; ".join(why)


__all__ = ["Place", "doc_path", "fields_of", "joined", "judged", "looser", "place", "reason"]
