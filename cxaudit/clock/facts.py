"""The derived facts of one unit, built once and read by every rule and check.

`Facts.build(process, as_of)` indexes what rules keep asking: each channel's type classes,
mode, purposes and the SLA policy that serves each priority (`ChannelFacts`), the resolved
targets by (channel, metric, priority) and by channel, every SLA policy (named and inline) by
id. What is expensive is computed on first use and then kept for the unit: schedules (the
unit's and each channel's, with or without the holidays of a year), the worst-case wait of
every target over a regular week and over the year after the as-of date, the sets of holiday
calendars a year is searched with, the closed days the file lists.

Everything here is read-only: the facts and the process are frozen, and the values computed
on first use live in one private memo owned by the facts object, so nothing ever writes into
the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

from cxaudit.clock import waits
from cxaudit.clock.waits import Wait
from cxaudit.document.loading import DocPath
from cxaudit.model.classes import channel_classes
from cxaudit.model.process import Channel, Process, SlaPolicy, Target

T = TypeVar("T")

# Channels a customer walks into: served face to face, with no reply to wait for.
_IN_PERSON_TYPES = frozenset({"store"})
_IN_PERSON_IDS = re.compile(r"store|shop|box[ _-]?office|branch|counter|kiosk|showroom",
                            re.IGNORECASE)


def in_person(ch: Channel) -> bool:
    """A shop, branch or box office: served face to face, never by a reply."""
    return ch.type in _IN_PERSON_TYPES or (not ch.type and bool(_IN_PERSON_IDS.search(ch.id)))


@dataclass(frozen=True, slots=True)
class ChannelFacts:
    """What rules ask about one channel, derived once."""

    channel: Channel
    classes: frozenset[str]  # the channel classes of classes.yaml its type belongs to
    in_person: bool  # served face to face (a shop, a branch, a box office)
    targets: tuple[Target, ...]  # its resolved SLA targets, in the model's order

    @property
    def policies(self) -> Mapping[str, str | None]:
        """The id of the SLA policy that serves each priority (None: no policy)."""
        return self.channel.policy_for


class _Memo:
    """Values computed on first use for one unit: the only mutable part, never shared."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: dict[tuple[Any, ...], Any] = {}

    def get(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        try:
            value: T = self.values[key]
        except KeyError:
            value = self.values[key] = compute()
        return value


@dataclass(frozen=True, slots=True)
class Facts:
    """The derived facts of one unit (see the module docstring)."""

    process: Process
    as_of: date | None  # the date time-relative facts count from (--as-of or process.updated)
    channels: Mapping[str, ChannelFacts]  # by channel id (the first channel with that id)
    at: Mapping[DocPath, ChannelFacts]  # by the channel's document path
    by_channel: Mapping[str, tuple[Target, ...]]
    by_key: Mapping[tuple[str, str, str], Target]  # (channel, metric, priority): the target
    policies: Mapping[str, SlaPolicy]  # named policies, then channels' inline `sla` blocks
    policy_at: Mapping[DocPath, SlaPolicy]  # by the policy's place in the document
    _memo: _Memo

    @classmethod
    def build(cls, proc: Process, as_of: date | None = None) -> Facts:
        """Index one unit (cheap: expensive facts wait until a rule asks for them)."""
        by_channel: dict[str, list[Target]] = {}
        by_key: dict[tuple[str, str, str], Target] = {}
        for t in proc.targets:
            by_channel.setdefault(t.channel, []).append(t)
            by_key.setdefault((t.channel, t.metric, t.priority), t)
        classes = channel_classes()
        channels: dict[str, ChannelFacts] = {}
        at: dict[DocPath, ChannelFacts] = {}
        for ch in proc.channels:
            cf = ChannelFacts(ch, classes.get(ch.type, frozenset()), in_person(ch),
                              tuple(by_channel.get(ch.id, ())))
            channels.setdefault(ch.id, cf)
            at[ch.path] = cf
        policies = {p.id: p for p in proc.policies}
        policies.update((p.id, p) for p in proc.inline_policies)
        return cls(proc, as_of, MappingProxyType(channels), MappingProxyType(at),
                   MappingProxyType({k: tuple(v) for k, v in by_channel.items()}),
                   MappingProxyType(by_key), MappingProxyType(policies),
                   MappingProxyType({p.path: p for p in policies.values()}), _Memo())

    def channel(self, channel_id: str) -> Channel | None:
        """The first channel with this id."""
        cf = self.channels.get(channel_id)
        return cf.channel if cf is not None else None

    def targets_for(self, channel: str | None = None, metric: str | None = None,
                    priority: str | None = None) -> Iterator[Target]:
        """The resolved targets, filtered; by channel through the index."""
        pool = self.process.targets if channel is None else self.by_channel.get(channel, ())
        for t in pool:
            if (metric is None or t.metric == metric) and (priority is None or t.priority == priority):
                yield t

    def target(self, channel: str, metric: str, priority: str) -> Target | None:
        """The target a ticket on `channel` at `priority` gets for `metric`, if any."""
        return self.by_key.get((channel, metric, priority))

    def schedule(self, channel: Channel | None = None, *, as_of: date | None = None,
                 calendars: tuple[str, ...] | None = None) -> Any:
        """The business-clock Schedule of a channel or of the unit (None if not described);
        with `as_of`, the holidays of that year and the next two are closed days."""
        key = ("schedule", channel.id if channel is not None else None, as_of, calendars)
        return self._memo.get(key, lambda: waits.schedule(self.process, channel, as_of=as_of,
                                                          calendars=calendars))

    def wait(self, target: Target, *, year: bool = False) -> Wait | None:
        """Worst-case wait under `target` over a regular week, or (`year`) over the twelve
        months after the as-of date with every holiday; None without the hours it needs."""
        as_of = self.as_of if year else None
        if year and as_of is None:
            return None
        # kept by the target's identity (hashing a target hashes all its fields, and rules ask
        # for the same waits many times); the entry holds the target, so the id stays its own
        key = ("wait", id(target), as_of)
        known = self._memo.values.get(key)
        if known is not None and known[0] is target:
            return known[1]  # type: ignore[no-any-return]
        found = waits.worst(self.process, self.channel(target.channel), target, as_of,
                            lambda ch, day, cals: self.schedule(ch, as_of=day, calendars=cals),
                            self.calendar_sets())
        self._memo.values[key] = (target, found)
        return found

    def wait_hours(self, target: Target) -> float:
        """Regular-week worst case in hours; the nominal length when the hours are unknown."""
        w = self.wait(target)
        return w.hours if w is not None else waits.nominal_hours(target.duration)

    def wait_without_holidays(self, target: Target) -> float | None:
        """Worst-case hours over the as-of year with no closed dates (weekends and clock
        changes only); None without an as-of date or the hours it needs."""
        if self.as_of is None:
            return None
        chan = self.channel(target.channel)
        as_of = self.as_of
        return self._memo.get(("plain", target), lambda: waits.plain_year(
            self.schedule(chan), target, as_of))

    def calendar_sets(self) -> tuple[tuple[str, ...], ...]:
        """The sets of holiday calendars a year's worst case is searched with."""
        return self._memo.get(("calendar_sets",), lambda: waits.calendar_sets(self.process))

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """A derived value of this unit computed on first use and kept (`key` names it): how
        rules keep what they derive per unit (the items of a collection, an order)."""
        return self._memo.get(("derived", *key), compute)

    def closed_days(self) -> frozenset[date]:
        """The days the file lists as closed (`business_hours.holidays`)."""
        return self._memo.get(("closed",), lambda: waits.listed_closures(self.process))


__all__ = ["ChannelFacts", "Facts", "in_person"]
