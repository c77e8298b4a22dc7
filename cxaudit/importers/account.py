"""What an import reads from a helpdesk, in vendor-neutral terms, before it is written out.

The Zendesk and Freshdesk mappers fill an Account; the writer turns it into a commented
process file and the drift comparison into the helpdesk side of a diff. Notes are sentences
for the reader of the process file (they become YAML comments).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The metrics a helpdesk can enforce (what the drift comparison replaces).
HELPDESK_METRICS = ("first_response", "next_response", "periodic_update", "resolution",
                    "total_resolution", "agent_work_time")


@dataclass
class Target:
    """One SLA target: metric and priority, its length in seconds and its clock."""

    metric: str
    priority: str
    seconds: int
    business: bool

    @property
    def text(self) -> str:
        """The duration as the vocabulary writes it, without a clock: 90m, 8h, 45s."""
        return duration_text(self.seconds)


def duration_text(seconds: int) -> str:
    """`28800` -> `8h`; `5400` -> `90m`; `45` -> `45s`."""
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}m"
    return f"{seconds}s"


@dataclass
class Policy:
    """One SLA policy as the helpdesk defines it."""

    id: str
    name: str
    description: str | None = None
    position: int | None = None
    channels: list[str] | None = None
    priorities: list[str] | None = None
    segments: list[str] | None = None
    targets: list[Target] = field(default_factory=list)
    pause_on: list[str] | None = None
    first_response_counts: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Hours:
    """A business-hours schedule: weekly rows in one IANA zone, and its closed days."""

    name: str
    source: str  # e.g. `Zendesk schedule 360000123 "East Coast"`
    timezone: str
    zone_name: str  # as the helpdesk wrote it, e.g. "Eastern Time (US & Canada)"
    rows: list[tuple[tuple[str, ...], str, str]]  # (days, open, close)
    holidays: list[tuple[str, str]] | None  # (ISO date, name); None: not known
    notes: list[str] = field(default_factory=list)


@dataclass
class Channel:
    """A channel the helpdesk's policies name (by channel type)."""

    id: str
    type: str | None
    name: str | None = None
    hours: Hours | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Level:
    """One escalation level the helpdesk runs."""

    level: int
    name: str
    metric: str
    on: str
    after_seconds: int | None
    notes: list[str] = field(default_factory=list)


@dataclass
class Account:
    """Everything an import learnt about one helpdesk account."""

    vendor: str  # "Zendesk" or "Freshdesk"
    source: str  # what was read: a directory, files, or a URL
    name: str
    updated: str | None = None
    policies: list[Policy] = field(default_factory=list)
    hours: Hours | None = None
    holidays_known: bool = True
    channels: list[Channel] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hours_notes: list[str] = field(default_factory=list)
    escalation_notes: list[str] = field(default_factory=list)


__all__ = ["HELPDESK_METRICS", "Account", "Channel", "Hours", "Level", "Policy", "Target",
           "duration_text"]
