"""Leaves on derived facts: `{fact: NAME, <arguments>, <operator>: <operand>}`.

A fact is read from the unit's derived facts (`cxaudit.clock.facts.Facts`) for the item
being checked: a channel (`channels[*]`, `@channels`), a resolved target (from `@targets` or
a channel's `targets`), an SLA policy (`@policies`, `sla_policies[*]`, a channel's `sla`), a
survey (`feedback.surveys[*]`), or the unit itself (facts any item can read). The README's "Writing rules" lists every fact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cxaudit.clock.facts import ChannelFacts, Facts
from cxaudit.document.identity import generic_path
from cxaudit.document.loading import DocPath
from cxaudit.model.durations import (
    BUSINESS,
    CALENDAR,
    PRIORITIES,
    DurationError,
    parse_duration,
)
from cxaudit.model.process import METRICS, MISSING, SlaPolicy, Target
from cxaudit.rules.conditions import (
    ConditionError,
    Reader,
    Scope,
    Selection,
    reader,
    resolve_operand,
)
from cxaudit.rules.itemfacts import ITEM_FACTS, UNIT_FACTS
from cxaudit.rules.operators import Hours

HOURS_EVIDENCE = ("State the business hours (`business_hours`: timezone, schedule, holidays) so "
                  "business-clock targets can be turned into real waits.")
ARGUMENTS = ("metric", "priority", "over", "of", "kind", "names", "table")
_KNOWN = {"metric": METRICS, "priority": PRIORITIES}


class TargetRecord(dict[str, Any]):
    """A resolved target as an item: channel, priority, metric, target, clock, policy."""

    __slots__ = ("target",)

    def __init__(self, target: Target) -> None:
        super().__init__(channel=target.channel, priority=target.priority, metric=target.metric,
                         target=target.duration.text, clock=target.clock, policy=target.policy)
        self.target = target


def target_items(targets: Any) -> Selection:
    """Targets as a list of items, each at its document path."""
    return Selection((TargetRecord(t), t.path) for t in targets)


Args = Mapping[str, Any]
FactFn = Callable[[Facts, Any, DocPath, Args], tuple[Any, DocPath]]


def _wait(facts: Facts, target: Target | None, args: Args) -> tuple[Any, DocPath]:
    if target is None:
        return MISSING, ()
    year = args.get("over") == "year"
    w = facts.wait(target, year=year)
    if w is None:
        return MISSING, ("business_hours",)
    return Hours(w.hours, w.when(dated=year)), target.path


def _duration_wait(facts: Facts, value: Any, where: DocPath, args: Args) -> tuple[Any, DocPath]:
    """The worst-case wait of a duration written anywhere (`within: 2bd`) on the unit's hours."""
    if value is MISSING or value is None:
        return MISSING, where
    try:
        d = parse_duration(value)
    except DurationError:
        return MISSING, where
    clock = BUSINESS if d.clock_or(None) == BUSINESS else CALENDAR
    return _wait(facts, Target("-", "normal", "-", d, clock, "-", where), args)


def _attribute(name: str) -> ChannelFact:
    """A fact the channel model holds as it is (`id`, `type`, `mode`, `enabled`, purposes)."""
    if name == "purposes_known":
        return lambda cf, _f, _a: (cf.channel.purposes_known, cf.channel.path + ("purposes",))
    if name in ("purposes", "customer_facing"):
        def stated(cf: ChannelFacts, _f: Facts, _a: Args) -> tuple[Any, DocPath]:
            ch = cf.channel
            if not ch.purposes_known:
                return MISSING, ch.path + ("purposes",)  # not stated: never assumed
            value = list(ch.purposes) if name == "purposes" else ch.customer_facing
            return value, ch.path + ("purposes",)
        return stated
    suffix = (name,) if name != "id" else ()

    def attribute(cf: ChannelFacts, _f: Facts, _a: Args) -> tuple[Any, DocPath]:
        ch = cf.channel
        value = getattr(ch, name)
        return (value if value != "" else MISSING), ch.path + suffix
    return attribute


def _targets(cf: ChannelFacts, facts: Facts, args: Args) -> tuple[Any, DocPath]:
    ch = cf.channel
    key = ("targets", ch.path, args.get("metric"), args.get("priority"))
    return facts.remember(key, lambda: target_items(
        t for t in cf.targets if _matches(t, args))), ch.path


def _target(cf: ChannelFacts, _facts: Facts, args: Args) -> tuple[Any, DocPath]:
    found = next((t for t in cf.targets if _matches(t, args)), None)
    return (found.duration.text, found.path) if found else (MISSING, cf.channel.path)


def _worst(cf: ChannelFacts, facts: Facts, args: Args) -> tuple[Any, DocPath]:
    found = next((t for t in cf.targets if _matches(t, args)), None)
    return _wait(facts, found, args) if found else (MISSING, cf.channel.path)


ChannelFact = Callable[[ChannelFacts, Facts, Args], tuple[Any, DocPath]]
_CHANNEL: Mapping[str, ChannelFact] = {
    **{name: _attribute(name) for name in ("id", "type", "mode", "enabled", "purposes",
                                            "purposes_known", "customer_facing")},
    "classes": lambda cf, _f, _a: (sorted(cf.classes), cf.channel.path + ("type",)),
    "in_person": lambda cf, _f, _a: (cf.in_person, cf.channel.path),
    "policy": lambda cf, _f, a: (cf.channel.policy_for.get(str(a.get("priority", "normal")))
                                 or MISSING, cf.channel.path),
    "targets": _targets, "target": _target, "worst_case": _worst,
}


def _matches(t: Target, args: Args) -> bool:
    return all(args.get(k) in (None, getattr(t, k)) for k in ("metric", "priority"))


def _policy_fact(name: str, pol: SlaPolicy, args: Args) -> tuple[Any, DocPath]:
    if name == "metrics":
        return sorted(pol.targets), pol.path + ("targets",)
    if name == "by_priority":
        rows = []
        for prio in PRIORITIES:
            row: dict[str, Any] = {"priority": prio, "policy": pol.id}
            paths = []
            for metric, by_prio in pol.targets.items():
                if prio in by_prio:
                    row[metric] = by_prio[prio][0].text
                    paths.append((metric != "first_response", by_prio[prio][1]))
            if paths:
                rows.append((row, min(paths)[1]))
        return Selection(rows), pol.path + ("targets",)
    if name == "target":
        found = pol.targets.get(str(args.get("metric")), {}).get(str(args.get("priority")))
        return (found[0].text, found[1]) if found else (MISSING, pol.path + ("targets",))
    raise KeyError(name)


def _target_fact(name: str, rec: TargetRecord, facts: Facts, args: Args) -> tuple[Any, DocPath]:
    if name == "worst_case":
        return _wait(facts, rec.target, args)
    if name in rec:
        return rec[name], rec.target.path
    raise KeyError(name)


CHANNEL_FACTS = frozenset(_CHANNEL)
TARGET_FACTS = frozenset({"channel", "priority", "metric", "target", "clock", "policy",
                          "worst_case"})
POLICY_FACTS = frozenset({"metrics", "by_priority", "target"})
FACTS = frozenset(CHANNEL_FACTS) | frozenset(TARGET_FACTS) | frozenset(POLICY_FACTS) | \
    frozenset(UNIT_FACTS) | frozenset(name for facts in ITEM_FACTS.values() for name in facts)


def fact_reader(cond: Mapping[str, Any], params: Mapping[str, Any]) -> tuple[Reader, set[str]]:
    """A reader of the fact a `{fact: ...}` leaf names, and the keys it used."""
    name = cond["fact"]
    if name not in FACTS:
        raise ConditionError(f"unknown fact {name!r}", ("fact",),
                             hint=f"facts: {', '.join(sorted(FACTS))}")
    args = {k: cond[k] for k in ARGUMENTS if k in cond}
    if "of" in args and name != "worst_case":
        raise ConditionError("`of` names the duration whose worst-case wait `worst_case` "
                             "reads", ("of",))
    of = reader(args["of"]) if "of" in args else None
    if "names" in args:
        args["names"] = reader(args["names"])
    if "table" in args:
        args["table"] = resolve_operand(args["table"], params)
    for k, v in args.items():
        if k in ("of", "names", "table", "kind"):
            continue
        if k == "over" and v not in ("week", "year"):
            raise ConditionError("`over` is `week` (a regular week) or `year` (the twelve "
                                 "months after the as-of date, holidays included)", (k,))
        if k != "over" and v not in _KNOWN[k]:
            raise ConditionError(f"unknown {k} {v!r}", (k,),
                                 hint=f"{k}: {', '.join(_KNOWN[k])}")

    # which kinds of item have this fact, worked out once: a read only asks those
    of_channel, of_target, of_policy = _CHANNEL.get(name), name in TARGET_FACTS, \
        name in POLICY_FACTS
    of_items = {generic: item[name] for generic, item in ITEM_FACTS.items() if name in item}
    of_unit = UNIT_FACTS.get(name)

    def read(scope: Scope) -> tuple[Any, DocPath]:
        facts = scope.facts
        if facts is None:
            return MISSING, scope.path
        if of is not None:
            return _duration_wait(facts, *of(scope), args)
        item = scope.item
        if isinstance(item, TargetRecord):
            if of_target:
                return _target_fact(name, item, facts, args)
            served = facts.channels.get(item.target.channel)
            if served is not None and of_channel is not None:  # the channel it serves
                return of_channel(served, facts, args)
        if of_channel is not None:
            cf = facts.at.get(scope.path)
            if cf is not None:
                return of_channel(cf, facts, args)
        if of_policy:
            pol = facts.policy_at.get(scope.path)
            if pol is not None:
                return _policy_fact(name, pol, args)
        if of_items and scope.path:
            fact = of_items.get(generic_path(scope.path))
            if fact is not None:
                return fact(scope, args)
        if of_unit is not None:
            return of_unit(scope, args)
        return MISSING, scope.path
    return read, {"fact", *args}
