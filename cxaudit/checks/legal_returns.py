"""RET-001 and RET-002: the legal return window and the refund, per jurisdiction.

Each stated fact is judged on its own: a window that is too short even counted from delivery is
a breach whether or not the file says where it starts; a store-credit refund or a kept delivery
charge is a breach whether or not the file says how soon refunds go out. Only the facts a
judgement needs and the file does not give are reported as needing evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing
from cxaudit.checks.legal import (
    Bound,
    Breach,
    after_claim,
    binding,
    days,
    needs_jurisdictions,
    report,
)
from cxaudit.model.findings import Severity
from cxaudit.model.process import MISSING

_SHIPPING = re.compile(r"shipping|delivery|postage|carriage|versand|porto|доставк",
                       re.IGNORECASE)
_NOT_MONEY_BACK = ("store_credit", "voucher")
_WINDOW = ("returns", "window")
_STARTS = ("returns", "window_starts")
_INFORMED = ("returns", "info_given_at_delivery", "written")


def withdrawal_window(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-001: the return window meets the legal minimum, counted from delivery."""
    need = needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows, asks = binding(ctx, "withdrawal_window")
    yield from asks
    proc = ctx.process
    window, starts = proc.get(_WINDOW), proc.get(_STARTS)
    breaches: list[Breach] = []
    undecided = False
    if window is MISSING:
        yield missing(_WINDOW)
    else:
        for row, covered in rows:
            found = _window_breach(ctx, window, starts, row, covered)
            if found is None and starts is MISSING:
                undecided = True
            elif found is not None:
                breaches.append(found)
    if starts is MISSING and (undecided or window is MISSING):
        yield missing(_STARTS, "window_starts")
    breaches.extend(_uninformed(ctx, rows, window))
    if any(r.get("if_not_informed") for r, _ in rows) and proc.get(_INFORMED) is MISSING:
        yield missing(_INFORMED, "informed")
    yield from report(ctx, breaches)


def _window_breach(ctx: CheckContext, window: str, starts: Any, row: Any,
                   covered: tuple[str, ...]) -> Breach | None:
    minimum = days(row.get("minimum")) or 0.0
    stated = days(window) or 0.0
    if starts is MISSING:
        if stated >= minimum:
            return None  # long enough from delivery; from the order it may not be
        return Breach(_WINDOW, row, covered, ctx.say("short_if_from_delivery", window=window,
                                                     minimum=minimum), rank=minimum)
    # Goods bought in a shop are delivered at purchase; parcels spend days in transit.
    in_store = any(c.type == "store" and c.enabled for c in ctx.process.channels)
    delivery = ctx.params["delivery_time"]
    shipping = 0.0 if in_store else days(delivery) or 0.0
    effective = stated if starts == "delivery" else stated - shipping
    if effective >= minimum:
        return None
    left = max(effective, 0)
    name = ("short_after_transit" if left != 1 else "short_after_transit_one") \
        if starts != "delivery" and shipping else "short"
    return Breach(_WINDOW, row, covered, ctx.say(name, window=window, starts=starts, left=left,
                                                 delivery=delivery, minimum=minimum),
                  rank=minimum)


def _uninformed(ctx: CheckContext, rows: list[Bound], window: Any) -> Iterator[Breach]:
    if ctx.process.get(_INFORMED) is not False:
        return
    for row, covered in rows:
        extra = row.get("if_not_informed")
        if not extra:
            continue
        minimum = days(row.get("minimum")) or 0.0
        name = "uninformed_window" if "window" in extra else "uninformed_extended"
        told = "" if window is not MISSING else "_policy"
        yield Breach(_INFORMED, row, covered, ctx.say(
            name + told, longer=extra.get("window"), minimum=minimum,
            extended_by=extra.get("extended_by"), window=window), Severity.HIGH,
            rank=days(extra.get("window") or extra.get("extended_by")) or 0.0)


_REFUND = ("returns", "refund")


def refund_terms(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-002: the refund deadline, its start and the refund method are lawful."""
    need = needs_jurisdictions(ctx)
    if need:
        yield need
        return
    rows, asks = binding(ctx, "refund")
    yield from asks
    proc = ctx.process
    within = proc.get(_REFUND + ("within",))
    start = proc.get(_REFUND + ("deadline_from",))
    method = proc.get(_REFUND + ("default_method",))
    trigger = proc.get(_REFUND + ("trigger",))
    breaches: list[Breach] = []
    ask: dict[str, str] = {}
    for row, covered in rows:
        timing, wanted = _timing(ctx, row, covered, within, start)
        breaches.extend(timing)
        if trigger == "inspection" and start != "inspection" and row.get("may_wait_for"):
            breaches.append(Breach(_REFUND + ("trigger",), row, covered,
                                   ctx.say("released_after_inspection")))
        ask.update(dict.fromkeys(wanted, ""))
        if row.get("same_means_of_payment"):
            if method in _NOT_MONEY_BACK:
                breaches.append(Breach(_REFUND + ("default_method",), row, covered,
                                       ctx.say("not_money_back", method=method)))
            elif method is MISSING:
                ask["default_method"] = ""
        if row.get("outbound_delivery_refunded"):
            found, unknown = _outbound(ctx, row, covered)
            breaches.extend(found)
            if unknown:
                ask["outbound_shipping_refunded"] = ""
    if proc.get(_REFUND) is MISSING and ask:
        yield missing(_REFUND, "refund")
    else:
        for key in ask:
            yield missing(_REFUND + (key,), key)
    yield from report(ctx, breaches)


def _timing(ctx: CheckContext, row: Any, covered: tuple[str, ...], within: Any,
            start: Any) -> tuple[list[Breach], list[str]]:
    """Breaches of the refund deadline, and the facts still needed to judge it.

    The law counts from the customer's notice. Where it lets the trader wait for the goods or
    proof of sending, a clock starting at the goods' receipt is lawful and one starting at
    their inspection is not; where it does not, a later start is measured from the notice with
    the typical return transit and inspection added.
    """
    limit = days(row.get("within")) or 0.0
    found: list[Breach] = []
    wanted: list[str] = []
    waits = row.get("may_wait_for")
    if start == "inspection" and waits:
        found.append(Breach(_REFUND + ("deadline_from",), row, covered,
                            ctx.say("clock_after_inspection", limit=limit), rank=limit))
    if within is MISSING:
        wanted.append("within")
        return found, wanted
    taken = days(within) or 0.0
    delay = 0.0 if waits else after_claim(ctx, start)
    if taken > limit:
        found.append(Breach(_REFUND + ("within",), row, covered, ctx.say(
            "too_slow" if start is not MISSING else "too_slow_from_notice", within=within,
            start=start, limit=limit), rank=limit))
    elif taken + delay > limit:
        found.append(Breach(_REFUND + ("deadline_from",), row, covered, ctx.say(
            "too_slow_after_return", within=within, start=start, total=taken + delay,
            limit=limit), rank=limit))
    elif start is MISSING:
        wanted.append("deadline_from")
    return found, wanted


def _outbound(ctx: CheckContext, row: Any,
              covered: tuple[str, ...]) -> tuple[list[Breach], bool]:
    """The original delivery charge kept back, under its own name or another."""
    proc = ctx.process
    deductions = proc.get(("returns", "deductions"))
    for i, item in enumerate(deductions if isinstance(deductions, list) else []):
        if isinstance(item, str) and _SHIPPING.search(item):
            return [Breach(("returns", "deductions", i), row, covered,
                           ctx.say("delivery_deducted", item=item))], False
    refunded = proc.get(_REFUND + ("outbound_shipping_refunded",))
    if refunded is False:
        return [Breach(_REFUND + ("outbound_shipping_refunded",), row, covered,
                       ctx.say("delivery_kept"))], False
    return [], refunded is MISSING
