"""Derived facts of list items and of the unit that rules read with `{fact: ...}`.

Each fact is a function of the item being checked (`scope.item` at `scope.path`) and the
unit's facts, giving a value and the document path a finding about it points at. Facts are
named for what they mean to a customer-service process, not for how they are computed:

- a survey (`feedback.surveys[*]`): `survey_mode`;
- a way to complain (`complaints.intake_channels[*]`): `channel_type`, `classes`, `usable`;
- an escalation level (`escalation.levels[*]`): `rank` (0 for the first to fire), `first`,
  `last`, `automatic`, `repeats_owner_of`, `owner_at_top`, `owner_shared_with_first`;
- a social or messenger channel: `platform`, `redirect_answered`; a name among the marketing
  channels (`marketing.active_channels[*]`): `social_network`;
- the unit: `as_of`, `sector_flags`, `uncovered_needs`, `read_platforms`, `critical_failures`,
  `critical_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from cxaudit.document.loading import DocPath
from cxaudit.i18n import ENGLISH, _, current
from cxaudit.model.classes import (
    channel_class,
    channel_classes,
    channel_type_words,
    social_networks,
)
from cxaudit.model.derived import survey_mode
from cxaudit.model.process import MISSING, as_dict
from cxaudit.rules.conditions import Scope, Selection

Args = Mapping[str, Any]
Fact = Callable[[Scope, Args], tuple[Any, DocPath]]
_ALL_TYPES = channel_class("all")


def _intake(scope: Scope) -> tuple[str | None, bool]:
    """(channel type, usable) of a way to complain: a channel id first, then a type word."""
    entry = str(scope.item)
    facts = scope.facts
    for ch in facts.process.channels if facts is not None else ():
        if ch.id.casefold() == entry.casefold():
            if ch.type:
                return ch.type, ch.enabled
            break
    key = entry.casefold().replace("-", "_").replace(" ", "_")
    return (key if key in _ALL_TYPES else channel_type_words().get(key)), True


def _intake_type(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    return _intake(scope)[0] or MISSING, scope.path


def _intake_classes(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    kind = _intake(scope)[0]
    return (sorted(channel_classes().get(kind, frozenset())) if kind else MISSING), scope.path


def _intake_usable(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    return _intake(scope)[1], scope.path


def _levels(scope: Scope) -> list[tuple[int, Any]]:
    """(index, level) of the escalation levels in the order they fire: by `level`, then as
    written (worked out once per unit)."""
    if scope.facts is not None:
        return scope.facts.remember(("levels",), lambda: _order(scope.root))
    return _order(scope.root)


def _order(root: Any) -> list[tuple[int, Any]]:
    levels = root.get("escalation", {}).get("levels") if isinstance(
        root.get("escalation"), dict) else None
    if not isinstance(levels, list):
        return []

    def rank(item: tuple[int, Any]) -> tuple[float, int]:
        i, lv = item
        num = lv.get("level") if isinstance(lv, dict) else None
        if isinstance(num, (int, float)) and not isinstance(num, bool):
            return (float(num), i)
        return (float("inf"), i)
    return sorted(enumerate(levels), key=rank)


def _index(scope: Scope) -> int:
    return scope.path[-1] if scope.path and isinstance(scope.path[-1], int) else -1


def _rank(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    order = [i for i, _ in _levels(scope)]
    return order.index(_index(scope)) if _index(scope) in order else MISSING, scope.path


def _first(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    order = _levels(scope)
    return bool(order) and order[0][0] == _index(scope), scope.path


def _last(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    order = _levels(scope)
    return bool(order) and order[-1][0] == _index(scope), scope.path


def _automatic(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """Whether the level's trigger fires by itself (missing when the trigger is not described)."""
    trigger = as_dict(scope.item).get("trigger")
    where = scope.path + ("trigger",)
    if not isinstance(trigger, dict) or not trigger:
        return MISSING, where
    on = trigger.get("on")
    if on == "manual":
        return False, where
    return (on is not None or "at_pct_of_target" in trigger or "after" in trigger), where


def _text(owner: Any, key: str) -> str:
    value = owner.get(key) if isinstance(owner, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _repeats(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """The label of an earlier level whose owner (by name, else contact) owns this one too."""
    from cxaudit.document.identity import label

    def who(level: Any) -> str:
        owner = as_dict(level).get("owner")
        return (_text(owner, "name") or _text(owner, "contact")).casefold()

    mine = who(scope.item)
    where = scope.path + ("owner",)
    if not mine:
        return MISSING, where
    for i, level in _levels(scope):
        if i == _index(scope):
            break
        if isinstance(level, dict) and who(level) == mine:
            return label(scope.path[:-1] + (i,), level), where
    return MISSING, where


def _norm(text: Any) -> str:
    return re.sub(r"[_\-.]+", " ", str(text or "")).strip().casefold()


_EXECUTIVE = re.compile(
    r"\b(ceo|coo|cfo|cto|cio|cco|cxo|cmo|chief|president|vp|vice president|founder|co founder|"
    r"managing director|general manager|director|executive|board)\b", re.IGNORECASE)
_EXECUTIVE_ROLES = frozenset({"owner", "business owner", "founder", "md"})


def _at_top(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """The level's owner is the CX owner, the executive sponsor, or an executive."""
    from cxaudit.document.identity import label

    owner = as_dict(scope.item).get("owner")
    where = scope.path + ("owner",)
    if not isinstance(owner, dict) or not (owner.get("name") or owner.get("role")):
        return MISSING, where
    name, role = _norm(owner.get("name")), _norm(owner.get("role"))
    ownership = as_dict(scope.root.get("ownership"))
    for key in ("cx_owner", "executive_sponsor"):
        top = ownership.get(key)
        if isinstance(top, dict) and ((name and name == _norm(top.get("name")))
                                      or (role and role == _norm(top.get("role")))):
            return True, where
    text = f"{role} {_norm(label(scope.path, scope.item))}"
    return role in _EXECUTIVE_ROLES or bool(_EXECUTIVE.search(text)), where


def _identity(owner: Any) -> set[str]:
    if not isinstance(owner, dict):
        return set()
    return {_norm(owner.get(k)) for k in ("name", "contact", "role") if owner.get(k)}


def _shared_with_first(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """Whether this level (not the first) goes back to the owner of the first level."""
    order = _levels(scope)
    where = scope.path + ("owner",)
    if not order or order[0][0] == _index(scope):
        return False, where
    first = order[0][1]
    mine = _identity(as_dict(scope.item).get("owner"))
    theirs = _identity(first.get("owner") if isinstance(first, dict) else None)
    return bool(mine & theirs), where


def _platform(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """The social network of a social or messenger channel (its id when not named)."""
    facts = scope.facts
    cf = facts.at.get(scope.path) if facts is not None else None
    if cf is None:
        return MISSING, scope.path
    social = as_dict(cf.channel.raw.get("social"))
    return str(social.get("platform") or cf.channel.id).lower(), scope.path


def _redirect_answered(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """The profile sends customers to another channel that someone answers."""
    facts = scope.facts
    cf = facts.at.get(scope.path) if facts is not None else None
    if facts is None or cf is None:
        return MISSING, scope.path
    redirect = as_dict(cf.channel.raw.get("social")).get("redirects_to")
    target = facts.channel(str(redirect)) if redirect is not None else None
    if target is None or target.id == cf.channel.id:
        return False, scope.path
    answered = target.enabled and any(facts.targets_for(target.id, "first_response")) and \
        as_dict(target.raw.get("social")).get("monitored") is not False
    return answered, scope.path


def _social_network(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """Whether a name among the marketing channels is a social network or messenger."""
    return str(scope.item).lower() in social_networks(), scope.path


def _read_platforms(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    """Every platform and id of the social and messenger channels the file lists."""
    out: set[str] = set()
    for ch in scope.facts.process.channels if scope.facts is not None else ():
        if ch.type in ("social", "messenger"):
            social = as_dict(ch.raw.get("social"))
            out |= {str(social.get("platform") or ch.id).lower(), ch.id.lower()}
    return sorted(out), ("channels",)


def _uncovered(scope: Scope, args: Args) -> tuple[Any, DocPath]:
    """The needs of the unit's sector (`kind`: failures, proactive; `table`: a rule's own
    table, else the bundled one) that no name in the list at `names` covers."""
    from cxaudit.checks.sectors import needs_for, uncovered

    names, where = args["names"](scope)
    sector = scope.facts.process.organization.sector if scope.facts is not None else None
    if sector is None:
        return MISSING, ("organization", "sector")
    if isinstance(names, Selection):
        names = names.values
    listed = [str(n) for n in names] if isinstance(names, list) else []
    found = uncovered(needs_for(args.get("table"), sector, str(args["kind"])), listed)
    if current() != ENGLISH:  # the bundled needs' names are in the catalogs
        folded = [" ".join(n.split()) for n in found]
        found = [_(n) for n in folded]
    return found, where


def _sector_flags(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    from cxaudit.checks.sectors import bundled

    sector = scope.facts.process.organization.sector if scope.facts is not None else None
    table = bundled().get(sector or "", {})
    return sorted(k for k, v in table.items() if v is True), ("organization", "sector")


def _as_of(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    as_of = scope.facts.as_of if scope.facts is not None else None
    return (as_of.isoformat() if as_of is not None else MISSING), ("process", "updated")


def _critical(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    return list(dict.fromkeys(words for words, _ in scope.weighed)), scope.path


def _critical_rules(scope: Scope, _args: Args) -> tuple[Any, DocPath]:
    return sorted({rule for _, rule in scope.weighed}), scope.path


ITEM_FACTS: Mapping[str, Mapping[str, Fact]] = {
    "feedback.surveys[]": {
        "survey_mode": lambda s, _a: (survey_mode(s.item) or "", s.path + ("mode",)),
    },
    "complaints.intake_channels[]": {
        "channel_type": _intake_type, "classes": _intake_classes, "usable": _intake_usable,
    },
    "escalation.levels[]": {
        "rank": _rank, "first": _first, "last": _last, "automatic": _automatic,
        "repeats_owner_of": _repeats, "owner_at_top": _at_top,
        "owner_shared_with_first": _shared_with_first,
    },
    "channels[]": {"platform": _platform, "redirect_answered": _redirect_answered},
    "marketing.active_channels[]": {"social_network": _social_network},
}
UNIT_FACTS: Mapping[str, Fact] = {
    "as_of": _as_of, "sector_flags": _sector_flags, "uncovered_needs": _uncovered,
    "read_platforms": _read_platforms, "critical_failures": _critical,
    "critical_rules": _critical_rules,
}
