"""The shape and the end of the escalation path: both kinds of escalation, reached without
anyone having to ask, ending with someone who can overrule every department."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.model.process import MISSING, NONE

_KINDS = {"functional": "functional level (to specialists who can solve it)",
          "hierarchical": "hierarchical level (to a manager who can decide)"}
_EXECUTIVE = re.compile(
    r"\b(ceo|coo|cfo|cto|cio|cco|cxo|cmo|chief|president|vp|vice president|founder|co founder|"
    r"managing director|general manager|director|executive|board)\b", re.IGNORECASE)
_EXECUTIVE_ROLES = frozenset({"owner", "business owner", "founder", "md"})


def _label(level: Any, i: int) -> str:
    if isinstance(level, dict) and level.get("name"):
        return str(level["name"])
    num = level.get("level", i + 1) if isinstance(level, dict) else i + 1
    return f"level {num}"


def by_level(levels: list[Any]) -> list[tuple[int, Any]]:
    """(index in the file, level) in escalation order: by `level` number, else as written."""
    numbered = list(enumerate(levels))

    def rank(item: tuple[int, Any]) -> tuple[float, int]:
        i, lv = item
        num = lv.get("level") if isinstance(lv, dict) else None
        if isinstance(num, (int, float)) and not isinstance(num, bool):
            return (float(num), i)
        return (float("inf"), i)
    return sorted(numbered, key=rank)


def _automatic(trigger: Any) -> bool | None:
    """Whether a trigger fires by itself (None when the trigger is not described)."""
    if not isinstance(trigger, dict) or not trigger:
        return None
    on = trigger.get("on")
    if on == "manual":
        return False
    return on is not None or "at_pct_of_target" in trigger or "after" in trigger


def escalation_kinds(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-005: a functional and a hierarchical level, the hierarchical one reached by itself."""
    base = ("escalation", "levels")
    levels = ctx.process.get(base)
    if not isinstance(levels, list) or not levels:
        yield missing(base)
        return
    if len(levels) == 1:
        yield violation(base, problem=f"has a single level ('{_label(levels[0], 0)}'), so a "
                        "stuck case can go to specialists or up the management line, not both")
        return
    policy = ctx.process.get(("escalation", "policy"))
    order = [i for i, _ in by_level(levels)]
    types = [lv.get("type") if isinstance(lv, dict) else None for lv in levels]
    untyped = [i for i in order if types[i] is None]
    for kind, what in _KINDS.items():
        if kind in types:
            continue
        if policy in _KINDS and policy != kind:
            yield violation(("escalation", "policy"), problem=f"is {policy} only: it has no {what}")
        elif untyped:  # an untyped level may be it: ask, and judge what is stated below
            yield missing(base + (untyped[0], "type"), evidence=(
                "Say for each escalation level whether it brings in specialists (`type: "
                "functional`) or management (`type: hierarchical`)."))
        else:
            yield violation(base, problem=f"has no {what}")
    hierarchical = [i for i in order if types[i] == "hierarchical"]
    states = [_automatic(levels[i].get("trigger")) for i in hierarchical]
    if hierarchical and not any(states):
        if None in states:
            i = hierarchical[states.index(None)]
            yield missing(base + (i, "trigger"))
        else:
            i = hierarchical[0]
            yield violation(base + (i, "trigger"), problem=(
                f"reaches management ('{_label(levels[i], i)}') only when someone asks for it, "
                "so a case that silently breaches its target never gets there"))


def _norm(text: Any) -> str:
    return re.sub(r"[_\-.]+", " ", str(text or "")).strip().casefold()


def _identity(owner: Any) -> set[str]:
    if not isinstance(owner, dict):
        return set()
    return {_norm(owner.get(k)) for k in ("name", "contact", "role") if owner.get(k)}


def _at_the_top(ctx: CheckContext, owner: dict[str, Any], label: str) -> bool:
    proc = ctx.process
    name, role = _norm(owner.get("name")), _norm(owner.get("role"))
    for who in (("ownership", "cx_owner"), ("ownership", "executive_sponsor")):
        top = proc.get(who)
        if isinstance(top, dict) and ((name and name == _norm(top.get("name")))
                                      or (role and role == _norm(top.get("role")))):
            return True
    return role in _EXECUTIVE_ROLES or bool(_EXECUTIVE.search(f"{role} {_norm(label)}"))


def escalation_end(ctx: CheckContext) -> Iterator[Outcome]:
    """ESC-006: the last internal level is the CX owner or an executive; customers can ask."""
    proc = ctx.process
    base = ("escalation", "levels")
    levels = proc.get(base)
    if not isinstance(levels, list) or not levels:
        yield missing(base)
    else:
        yield from _last_level(ctx, levels)
    can = proc.get(("escalation", "customer_can_request"))
    if can is False:
        yield violation(("escalation", "customer_can_request"), problem=(
            "Customers cannot ask for their case to be escalated, so a customer who is stuck "
            "has to keep pushing the same desk"))
    elif can is MISSING:
        yield missing(("escalation", "customer_can_request"))


def _last_level(ctx: CheckContext, levels: list[Any]) -> Iterator[Outcome]:
    ordered = by_level(levels)
    (first_i, first), (i, last) = ordered[0], ordered[-1]
    last = last if isinstance(last, dict) else {}
    label = _label(last, i)
    owner = last.get("owner")
    path = ("escalation", "levels", i, "owner")
    if not isinstance(owner, dict) or not (owner.get("name") or owner.get("role")):
        yield missing(path)  # ESC-002 reports the missing owner itself
        return
    if _at_the_top(ctx, owner, label):
        return
    who = str(owner.get("name") or owner.get("role"))
    role = f", {owner['role']}" if owner.get("name") and owner.get("role") else ""
    if i != first_i and _identity(owner) & _identity(first.get("owner")
                                                     if isinstance(first, dict) else None):
        yield violation(path, problem=(
            f"The escalation path ends where it started: its last level ('{label}') goes back "
            f"to {who}{role}, who already owns the first level, so an escalated case goes "
            "round in a circle"))
        return
    cx = proc_name(ctx, ("ownership", "cx_owner"))
    if cx is None and ctx.process.get(("ownership", "cx_owner")) == NONE:
        cx = "there is none"
    if cx is None:
        yield missing(("ownership", "cx_owner"), evidence=(
            f"Name the CX owner (`ownership.cx_owner`): the last escalation level ('{label}', "
            f"{who}) is not an executive, and only the CX owner's name tells whether it is "
            "that person."))
        return
    yield violation(path, problem=(
        f"The escalation path ends with '{label}' ({who}{role}), who is neither the CX owner "
        f"({cx}) nor an executive, so nobody at its end can settle a case that crosses "
        "departments"))


def proc_name(ctx: CheckContext, path: tuple[str, ...]) -> str | None:
    """The name (or role) of a person described at `path`, or None."""
    who = ctx.process.get(path)
    if isinstance(who, dict) and (who.get("name") or who.get("role")):
        return str(who.get("name") or who.get("role"))
    return None
