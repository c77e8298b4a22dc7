"""Escalation path checks."""

from __future__ import annotations

import re
from typing import Any, Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation

_COLLECTIVE = re.compile(
    r"\b(committee|team|teams|board|group|council|department|dept|desk|everyone|all staff|"
    r"leads|managers|staff|pool|queue|shift)\b", re.IGNORECASE)
_SHARED_MAILBOX = re.compile(
    r"^(support|info|help|helpdesk|team|service|care|hello|contact|admin|office|sales|cs|cx|all|"
    r"everyone|escalations?|complaints?|[a-z0-9.]*-(leads|team|group|list|all))@", re.IGNORECASE)


def _text(owner: dict[str, Any], key: str) -> str:
    value = owner.get(key)
    return value.strip() if isinstance(value, str) else ""


def escalation_owners(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-002: every escalation level is owned by one reachable person or unique role."""
    levels = ctx.process.get(("escalation", "levels"))
    if not isinstance(levels, list) or not levels:
        yield missing(("escalation", "levels"))
        return
    for i, level in enumerate(levels):
        path = ("escalation", "levels", i)
        label = str(level.get("name") or f"level {level.get('level', i + 1)}")
        owner = level.get("owner")
        if not isinstance(owner, dict) or not (_text(owner, "name") or _text(owner, "role")):
            yield violation(path + ("owner",), level=label, problem="has no owner")
            continue
        name, role, contact = _text(owner, "name"), _text(owner, "role"), _text(owner, "contact")
        who = name or role
        if "@" in who or _COLLECTIVE.search(who.replace("_", " ")):
            yield violation(path + ("owner",), level=label,
                            problem=f"is owned by {who!r}, a group rather than one person")
        elif not contact:
            yield violation(path + ("owner",), level=label,
                            problem=f"names {who} but gives no contact")
        elif _SHARED_MAILBOX.match(contact) and not name:
            yield violation(path + ("owner", "contact"), level=label,
                            problem=f"is reached only through the shared mailbox {contact}")
