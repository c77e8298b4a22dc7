"""The declared direction of every comparable field of the vocabulary: one row per field.

A row says how two values of a field compare and which way is better for the customer:

- `pattern`: the document path; `[]` is any list item (items are matched by their key, see
  cxaudit.document.identity, never by position), `*` any one key.
- `kind`: how values compare: `duration` (as durations: 24h equals 1d; across clocks by the
  worst-case wait), `cadence`, `number`, `amount` ("10 EUR"), `date`, `bool`, `enum` (ordered
  worst to best), `set` (members added or removed), `schedule` (open hours per week),
  `closures` (closed dates), `presence` (a section or list item exists), `text`.
- `direction`: lower-is-better, higher-is-better, true-is-better, false-is-better,
  presence-is-better, absence-is-better, or neutral (a change is reported, never judged).
- `severity`: how bad a regression of this field is (critical, high, medium, low; "-" neutral).
- `absent`: what a missing value counts as: `worse` (a promise withdrawn), `better` (no fee),
  or `neutral`.

The rows are data, in `fields.yaml` beside this module (with the metric labels and the keys
that identify list items); the README's table is generated from them and a test keeps the two
equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cxaudit.model.classes import SEVERITIES as CLASS_SEVERITIES

LOWER, HIGHER = "lower-is-better", "higher-is-better"
TRUE, FALSE = "true-is-better", "false-is-better"
PRESENT, ABSENT, NEUTRAL = "presence-is-better", "absence-is-better", "neutral"
DIRECTIONS = (LOWER, HIGHER, TRUE, FALSE, PRESENT, ABSENT, NEUTRAL)
KINDS = ("duration", "cadence", "number", "amount", "date", "bool", "enum", "set", "schedule",
         "closures", "presence", "text")
SEVERITIES = CLASS_SEVERITIES
@dataclass(frozen=True)
class Row:
    """How one field of the vocabulary compares, and which way is better for the customer."""

    pattern: str
    kind: str
    direction: str
    severity: str
    label: str
    absent: str
    order: tuple[str, ...] = ()  # enum values, worst first; "a|b" ranks a and b equal


def _row(pattern: str, kind: str, direction: str, severity: str, label: str,
         absent: str = "", order: tuple[str, ...] = ()) -> Row:
    if not absent:
        absent = {PRESENT: "worse", ABSENT: "better", NEUTRAL: "neutral",
                  FALSE: "neutral"}.get(direction, "worse")
    return Row(pattern, kind, direction, severity if direction != NEUTRAL else "-", label,
               absent, order)



def _load() -> dict[str, Any]:
    with open(Path(__file__).with_name("fields.yaml"), encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


_DATA = _load()
METRIC_SEVERITY: dict[str, str] = {m: v["severity"] for m, v in _DATA["metrics"].items()}
METRIC_LABEL: dict[str, str] = {m: v["label"] for m, v in _DATA["metrics"].items()}


def _from(spec: dict[str, Any], prefix: str = "") -> Row:
    pattern = f"{prefix}.{spec['pattern']}" if prefix else spec["pattern"]
    return _row(pattern, spec["kind"], spec["direction"], spec.get("severity", "-"),
                spec["label"], spec.get("absent", ""), tuple(spec.get("order", ())))


def _sla(prefix: str) -> list[Row]:
    """The rows of one SLA definition (a policy, or a channel's inline `sla`)."""
    rows = [_from(spec, prefix) for spec in _DATA["sla"]]
    for metric, severity in METRIC_SEVERITY.items():
        direction = NEUTRAL if severity == "-" else LOWER
        rows.append(_row(f"{prefix}.targets.{metric}.*", "duration", direction, severity,
                         f"{METRIC_LABEL[metric]} target"))
    return rows


ROWS: tuple[Row, ...] = tuple(
    row for spec in _DATA["rows"]
    for row in (_sla(spec["sla"]) if "sla" in spec else [_from(spec)]))

# Fields that are whole values although they hold lists or mappings.
WHOLE_KINDS = frozenset({"set", "schedule", "closures"})


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], Row], ...]:
    out = []
    for row in ROWS:
        rx = re.escape(row.pattern).replace(r"\[\]", r"\[\]").replace(r"\*", r"[^.\[\]]+")
        out.append((re.compile(rx + r"\Z"), row))
    return tuple(out)


@lru_cache(maxsize=4096)
def lookup(generic: str) -> Row | None:
    """The row for a generic path such as `channels[].hours.schedule` (first match wins)."""
    for rx, row in _compiled():
        if rx.match(generic):
            return row
    return None


def rank(row: Row, value: str) -> int | None:
    """Position of an enum value on the row's worst-to-best scale (None if not on it)."""
    for i, group in enumerate(row.order):
        if value in group.split("|"):
            return i
    return None


__all__ = ["DIRECTIONS", "KINDS", "ROWS", "SEVERITIES", "Row", "lookup", "rank"]
