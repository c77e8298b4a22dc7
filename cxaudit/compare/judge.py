"""Field-by-field comparison of two flattened processes, judged by the direction table.

Each present value is turned into a measure on its row's scale (hours, days, a rank...), signed
so that higher is better for the customer. A missing value counts as the row says: `worse`
(the floor of the scale: a withdrawn promise), `better` (the best natural value: no fee) or
`neutral`. Equal measures with different values are neutral changes (`24h@business` vs `3bd`
that happen to wait as long, or `false` vs not described).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxaudit.compare.changes import CHANGED, IMPROVEMENT, REGRESSION, Change
from cxaudit.compare.fields import (
    ABSENT,
    FALSE,
    LOWER,
    NEUTRAL,
    PRESENT,
    Row,
    rank,
)
from cxaudit.compare.flatten import EXPLICIT_NO, NOT_APPLICABLE, PRESENT_MARK, Item
from cxaudit.compare.show import fmt_hours, show, week_hours
from cxaudit.model.durations import BUSINESS, Cadence, Duration
from cxaudit.model.process import Process

INF = float("inf")
_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Context:
    """Both processes and the as-of date that business-clock durations are measured with."""

    old: Process
    new: Process
    as_of: date | None
    hours: Callable[[Process, Duration, date | None], tuple[float, float] | None]

    def proc(self, side: str) -> Process:
        """The process of `old` or `new`."""
        return self.old if side == "old" else self.new


def compare_fields(old: dict[str, Item], new: dict[str, Item], ctx: Context,
                   renames: dict[str, str] | None = None) -> list[Change]:
    """Every difference between the two sides, each judged by its row.

    `renames` (old key -> new key) are list items that only changed their key: one neutral row.
    """
    renames = renames or {}
    gone: list[str] = [*renames, *renames.values()]
    out: list[Change] = []
    for ko, kn in sorted(renames.items()):
        row = new[kn].row
        assert row is not None
        out.append(_change(row, kn, CHANGED, ko[ko.rindex("[") + 1:-1],
                           kn[kn.rindex("[") + 1:-1], "renamed", ctx, old[ko], new[kn]))
    for key in sorted(set(old) | set(new)):
        if key in gone or any(key.startswith((p + ".", p + "[")) for p in gone):
            continue  # inside a section or list item that one side lacks: reported once
        a, b = old.get(key), new.get(key)
        item = b if b is not None else a
        assert item is not None
        row = item.row or Row(item.generic, "text", NEUTRAL, "-", item.generic, "neutral")
        if row.kind == "presence" and (a is None or b is None or a.value != b.value):
            gone.append(key)
        if row.kind in ("set", "closures"):
            out.extend(_members(row, key, a, b, ctx))
        else:
            change = _scalar(row, key, a, b, ctx)
            if change is not None:
                out.append(change)
    return out


def _line(ctx: Context, a: Item | None, b: Item | None) -> tuple[int, str]:
    if b is not None:
        return ctx.new.document.locate(b.path)[0], "new"
    assert a is not None
    return ctx.old.document.locate(a.path)[0], "old"


def _change(row: Row, key: str, verdict: str, old: str | None, new: str | None, note: str,
            ctx: Context, a: Item | None, b: Item | None) -> Change:
    line, side = _line(ctx, a, b)
    severity = "-" if verdict == CHANGED else row.severity
    return Change(key, row.pattern, row.label, row.kind, row.direction, severity, verdict,
                  old, new, note, line, side)


def _members(row: Row, key: str, a: Item | None, b: Item | None, ctx: Context) -> list[Change]:
    old = a.value if a is not None else frozenset()
    new = b.value if b is not None else frozenset()
    if old == new:
        return []
    if row.direction == NEUTRAL:
        return [_change(row, key, CHANGED, show(row, a), show(row, b), "", ctx, a, b)]
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    good_when_added = row.direction != ABSENT
    out = []

    def names(values: list[str], source: Any) -> str:
        if isinstance(source, dict):  # closures: date -> name
            return ", ".join(f"{d} ({source[d]})" if source[d] else d for d in values)
        return ", ".join(values)

    if removed:
        verdict = REGRESSION if good_when_added else IMPROVEMENT
        out.append(_change(row, key, verdict, names(removed, old), None, "removed", ctx, a, b))
    if added:
        verdict = IMPROVEMENT if good_when_added else REGRESSION
        out.append(_change(row, key, verdict, None, names(added, new), "added", ctx, a, b))
    if not removed and not added:  # same members, other names (closures renamed)
        out.append(_change(row, key, CHANGED, show(row, a), show(row, b), "", ctx, a, b))
    return out


def _scalar(row: Row, key: str, a: Item | None, b: Item | None, ctx: Context) -> Change | None:
    if a is not None and b is not None and _same(a, b):
        return None
    note = ""
    pairs: list[tuple[float | None, float | None]] = []
    if a is not None and b is not None:
        measured = _pairs(row, a, b, ctx)
        if measured is not None:
            raw, note = measured
            pairs = [(_sign(row) * x, _sign(row) * y) for x, y in raw]
        elif row.kind == "duration" and row.direction != NEUTRAL:
            note = "not comparable: business hours are not described on both sides"
    else:
        pairs = [(_missing(row) if a is None else _alone(row, a),
                  _missing(row) if b is None else _alone(row, b))]
    known = [(x, y) for x, y in pairs if x is not None and y is not None]
    # An improvement only when no measure gets worse: a target that waits less in an ordinary
    # week but longer over Christmas still makes some customers wait longer.
    if any(y < x for x, y in known):
        verdict = REGRESSION
    elif any(y > x for x, y in known):
        verdict = IMPROVEMENT
    else:
        verdict = CHANGED
    clocks = a is not None and b is not None and a.clock != b.clock
    return _change(row, key, verdict, show(row, a, clocks), show(row, b, clocks), note,
                   ctx, a, b)


def _same(a: Item, b: Item) -> bool:
    if isinstance(a.value, Duration) and isinstance(b.value, Duration):
        if a.clock != b.clock:
            return False
        da, db = a.value, b.value
        if da.unit == "bd" or db.unit == "bd":
            return da.unit == db.unit and da.amount == db.amount
        return da.minutes == db.minutes
    if isinstance(a.value, Cadence) and isinstance(b.value, Cadence):
        return a.value.days == b.value.days
    if _number(a.value) is not None and _number(b.value) is not None:
        return _number(a.value) == _number(b.value)
    return bool(a.value == b.value)


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _sign(row: Row) -> int:
    return -1 if row.direction in (LOWER, FALSE) else 1


def _pairs(row: Row, a: Item, b: Item, ctx: Context
           ) -> tuple[list[tuple[float, float]], str] | None:
    """Measures of two present values on one scale (raw, before the direction's sign)."""
    if row.direction == NEUTRAL:
        return None
    if row.kind == "duration" and isinstance(a.value, Duration) and isinstance(b.value, Duration):
        da, db = a.value, b.value
        if a.clock == b.clock and da.unit == db.unit == "bd":
            return [(da.amount, db.amount)], ""
        if a.clock == b.clock and da.minutes is not None and db.minutes is not None:
            return [(da.minutes, db.minutes)], ""
        ha, hb = _hours(ctx, "old", a), _hours(ctx, "new", b)
        if ha is None or hb is None:
            return None
        # Different clocks or units: compare the worst real waits, in an ordinary week and
        # over the twelve months from the as-of date (holidays included).
        note = f"worst case in an ordinary week {fmt_hours(ha[0])} -> {fmt_hours(hb[0])}"
        if ctx.as_of is not None:
            note += f", over the year {fmt_hours(ha[1])} -> {fmt_hours(hb[1])}"
        return [(round(ha[0], 4), round(hb[0], 4)), (round(ha[1], 4), round(hb[1], 4))], note
    if row.kind == "amount" and _amount(a.value)[1] != _amount(b.value)[1]:
        return None  # 10 EUR vs 10 USD: not on one scale
    ma, mb = _measure(row, a), _measure(row, b)
    return None if ma is None or mb is None else ([(ma, mb)], "")


def _hours(ctx: Context, side: str, item: Item) -> tuple[float, float] | None:
    d: Duration = item.value
    if item.clock != BUSINESS:
        return (d.minutes or 0) / 60, (d.minutes or 0) / 60
    return ctx.hours(ctx.proc(side), d, ctx.as_of)


def _measure(row: Row, item: Item) -> float | None:
    v = item.value
    kind = row.kind
    if kind == "duration" and isinstance(v, Duration):
        return v.minutes / 60 if v.minutes is not None else v.amount * 24
    if kind == "duration" and v == "none":
        return INF  # "no deadline at all": longer than any deadline
    if kind == "cadence" and isinstance(v, Cadence):
        return v.days
    if kind == "number":
        return _number(v)
    if kind == "amount":
        return _amount(v)[0]
    if kind == "date":
        try:
            return float(date.fromisoformat(str(v)).toordinal())
        except ValueError:
            return None
    if kind == "bool":
        return float(v) if isinstance(v, bool) else None
    if kind == "enum":
        r = rank(row, str(v))
        return None if r is None else float(r)
    if kind == "schedule":
        return week_hours(v)
    if kind == "presence":
        return 1.0 if v == PRESENT_MARK else 0.0 if v == NOT_APPLICABLE or v in EXPLICIT_NO \
            else None
    if kind == "text":
        return 1.0
    return None


def _amount(v: Any) -> tuple[float | None, str]:
    if _number(v) is not None:
        return float(v), ""
    m = _AMOUNT.match(str(v))
    return (float(m.group(1)), m.group(2)) if m else (None, "")


def _alone(row: Row, item: Item) -> float | None:
    if row.direction == NEUTRAL:
        return None
    m = _measure(row, item)
    return None if m is None else _sign(row) * m


def measure(row: Row, item: Item) -> float | None:
    """One present value on its row's scale, signed so that higher is better for the customer;
    None for a neutral field or a value with no measure. Two measures compare only when the
    values are on one scale (durations on one clock and unit, amounts in one currency)."""
    return _alone(row, item)


def _missing(row: Row) -> float | None:
    """The measure of "not described" on the row's scale."""
    if row.absent == "neutral" or row.direction == NEUTRAL:
        return None
    worse = row.absent == "worse"
    if row.kind == "bool":
        return (0.0 if worse else 1.0) if row.direction != FALSE else (-1.0 if worse else 0.0)
    if row.kind in ("presence", "text", "enum"):
        return 0.0 if worse else None
    if row.direction == PRESENT:
        return -INF if worse else INF
    if row.direction == LOWER:
        return -INF if worse else 0.0  # `better`: no fee, i.e. zero
    return 0.0 if worse else INF


__all__ = ["Context", "compare_fields", "measure"]
