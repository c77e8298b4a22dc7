"""The normalised process model: typed, frozen views over a validated document.

`cxaudit.model.normalise` builds it; rules and checks read it and never change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cxaudit.document.loading import DocPath, Document
from cxaudit.document.notices import Notice
from cxaudit.model.classes import channel_class
from cxaudit.model.durations import (
    Cadence,
    Duration,
)

METRICS = ("first_response", "next_response", "periodic_update", "resolution",
           "total_resolution", "agent_work_time", "speed_of_answer", "acknowledge")
SYNC_TYPES = channel_class("synchronous")
CUSTOMER_PURPOSES = frozenset({"support", "complaints", "returns", "billing", "claims"})
DURATION_KEYS = frozenset({
    "after", "within", "window", "send_after", "refund_within", "acknowledge_within",
    "resolve_within", "final_response_within", "response_within", "recovery_within",
    "threshold", "expires_after", "contact_cooldown",
})
CADENCE_KEYS = frozenset({"cadence", "review_cadence"})
NONE = "none"  # the vocabulary's explicit "there is none": judged, unlike a missing key
NONE_KEYS = frozenset({"acknowledge_within", "resolve_within", "final_response_within"})


class _Missing:
    """Marker for "not described" (distinct from None, false and 0)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


def get_path(data: Any, path: DocPath) -> Any:
    """Value at `path` inside plain data, or MISSING."""
    cur = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(cur, list) or not -len(cur) <= part < len(cur):
                return MISSING
            cur = cur[part]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return MISSING
            cur = cur[part]
    return cur


@dataclass(frozen=True)
class Target:
    """One resolved SLA target: what a customer on this channel and priority is promised."""

    channel: str
    priority: str
    metric: str
    duration: Duration
    clock: str
    policy: str
    path: DocPath


@dataclass(frozen=True)
class SlaPolicy:
    """A reusable SLA definition (Zendesk/Freshdesk "SLA policy") or a channel's inline `sla`."""

    id: str
    path: DocPath
    order: tuple[float, int]
    channels: tuple[str, ...] | None
    priorities: tuple[str, ...] | None
    segments: tuple[str, ...] | None
    clock: str | None
    pause_on: tuple[str, ...]
    first_response_counts: str | None
    targets: Mapping[str, Mapping[str, tuple[Duration, DocPath]]]

    def matches(self, channel: Channel, priority: str) -> bool:
        """Whether this policy would catch a ticket from `channel` at `priority`."""
        if self.segments:
            return False  # segment policies apply to named segments only
        if self.channels is not None and not ({channel.id, channel.type} & set(self.channels)):
            return False
        return self.priorities is None or priority in self.priorities


@dataclass(frozen=True)
class Channel:
    """A way a customer reaches the company."""

    id: str
    type: str  # "" when not stated (or not a known channel type)
    path: DocPath
    enabled: bool
    mode: str  # "async", "sync", or "" when neither it nor the type is stated
    purposes: tuple[str, ...]  # empty when not stated: see `purposes_known`
    policy_for: Mapping[str, str | None]
    raw: Mapping[str, Any] = field(repr=False)
    purposes_known: bool = True

    @property
    def customer_facing(self) -> bool:
        """Stated to serve support, complaints or returns; False when `purposes_known` is not."""
        return bool(CUSTOMER_PURPOSES & set(self.purposes))


@dataclass(frozen=True)
class Organization:
    """Context that selects legal tables and sector defaults."""

    sector: str | None
    customer_type: str | None
    jurisdictions: tuple[str, ...] | None
    sells: tuple[str, ...] | None
    support_agents: int | None


@dataclass(frozen=True)
class Process:
    """One audited service unit."""

    document: Document
    data: Mapping[str, Any]
    organization: Organization
    policies: tuple[SlaPolicy, ...]
    channels: tuple[Channel, ...]
    targets: tuple[Target, ...]
    durations: Mapping[DocPath, Duration]
    cadences: Mapping[DocPath, Cadence]
    notices: tuple[Notice, ...] = ()
    """How classification values were read: synonyms (notes) and unknown values (warnings)."""
    inline_policies: tuple[SlaPolicy, ...] = ()
    """Channels' inline `sla` blocks as policies, named `<channel id> (inline sla)`."""

    @property
    def file(self) -> str:
        """The file this unit was read from."""
        return self.document.file

    @property
    def name(self) -> str:
        """A human name for the unit."""
        proc = self.data.get("process")
        if isinstance(proc, dict) and proc.get("name"):
            return str(proc["name"])
        return self.document.file

    def get(self, path: DocPath) -> Any:
        """Raw value at `path`, or MISSING."""
        return get_path(self.data, path)

    def applicable(self, section: str) -> bool | None:
        """False if the section says `applicable: false`, None if it is absent, else True."""
        sec = self.data.get(section)
        if sec is None:
            return None
        return not (isinstance(sec, dict) and sec.get("applicable") is False)


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is a mapping, else an empty one: to read optional sections."""
    return value if isinstance(value, dict) else {}


def as_of_date(proc: Process, as_of: date | None) -> date | None:
    """The date time-relative checks count from: --as-of, else `process.updated`."""
    if as_of is not None:
        return as_of
    updated = proc.get(("process", "updated"))
    return date.fromisoformat(updated) if isinstance(updated, str) else None
