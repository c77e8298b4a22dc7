"""How long a customer can wait under a target: the figure every SLA comparison uses."""

from __future__ import annotations

from cxaudit.model import Process, Target


def wait_hours(process: Process, target: Target) -> float:
    """Hours a customer may wait under `target` (nominal: the target's own length)."""
    d = target.duration
    if d.minutes is not None:
        return d.minutes / 60
    return float(d.amount) * 24  # n business days: about n calendar days


def describe(process: Process, target: Target) -> str:
    """`4h@business (policy standard)` style label for messages."""
    return f"{target.duration.text} (policy {target.policy})"
