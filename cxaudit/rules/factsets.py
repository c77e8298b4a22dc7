"""Collections the derived facts provide, for `select`, `for_each`, `let` and quantifiers.

`@channels`: every channel, as written with the id the model gives it (`{outside.id}` names
channels the file leaves without an id by their type). `@policies`: every SLA policy, the named ones (`sla_policies[*]`) then the channels' inline
`sla` blocks, each at its place in the document. `@targets`: every resolved target (one per
channel, priority and metric), each at the document path of the duration it comes from.
"""

from __future__ import annotations

from typing import Any

from cxaudit.document.loading import DocPath
from cxaudit.model.process import MISSING, get_path
from cxaudit.rules.conditions import ConditionError, Reader, Scope, Selection

COLLECTIONS = ("@channels", "@policies", "@targets")


class PolicyItem(dict[str, Any]):
    """An SLA policy as an item: what the file says, with the id the model gives it (an inline
    `sla` block is `<channel id> (inline sla)`, an unnamed policy `policy-<n>`)."""

    __slots__ = ()


class ChannelItem(dict[str, Any]):
    """A channel as an item: what the file says, with the id the model gives it (a channel
    without an id is named by its type)."""

    __slots__ = ()


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _items(name: str, scope: Scope) -> Selection:
    facts = scope.facts
    assert facts is not None
    if name == "@channels":
        return Selection((ChannelItem(c.raw, id=c.id), c.path) for c in facts.process.channels)
    if name == "@targets":
        from cxaudit.rules.factleaves import target_items

        return target_items(facts.process.targets)
    return Selection((PolicyItem(_mapping(get_path(scope.root, p.path)), id=p.id), p.path)
                     for p in facts.policies.values())


def collection(name: str) -> Reader:
    """A reader of one fact collection."""
    if name not in COLLECTIONS:
        raise ConditionError(f"unknown collection {name!r}", hint=f"use {' or '.join(COLLECTIONS)}")

    def read(scope: Scope) -> tuple[Any, DocPath]:
        facts = scope.facts
        if facts is None:
            return MISSING, ()
        return facts.remember((name,), lambda: _items(name, scope)), ()
    return read

