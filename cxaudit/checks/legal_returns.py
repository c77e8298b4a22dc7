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
        yield missing(_STARTS, evidence="State where the return window starts "
                      "(`returns.window_starts`: delivery, purchase or order).")
    breaches.extend(_uninformed(proc, rows, window))
    if any(r.get("if_not_informed") for r, _ in rows) and proc.get(_INFORMED) is MISSING:
        yield missing(_INFORMED, evidence="State whether written return information comes "
                      "with the goods (`returns.info_given_at_delivery.written`): without it "
                      "the legal return window is much longer.")
    yield from report(breaches)


def _window_breach(ctx: CheckContext, window: str, starts: Any, row: Any,
                   covered: tuple[str, ...]) -> Breach | None:
    minimum = days(row.get("minimum")) or 0.0
    stated = days(window) or 0.0
    if starts is MISSING:
        if stated >= minimum:
            return None  # long enough from delivery; from the order it may not be
        return Breach(_WINDOW, row, covered, f"the policy gives {window}, less than the "
                      f"{minimum:g} days from delivery the law requires even if the window "
                      "counts from delivery", rank=minimum)
    # Goods bought in a shop are delivered at purchase; parcels spend days in transit.
    in_store = any(c.type == "store" and c.enabled for c in ctx.process.channels)
    delivery = ctx.params["delivery_time"]
    shipping = 0.0 if in_store else days(delivery) or 0.0
    effective = stated if starts == "delivery" else stated - shipping
    if effective >= minimum:
        return None
    left = max(effective, 0)
    said = (f"the policy's {window} from the {starts} leaves about {left:g} "
            f"day{'s' if left != 1 else ''} after delivery (with {delivery} in transit)"
            if starts != "delivery" and shipping else f"the policy gives {window} from the "
            f"{starts}")
    return Breach(_WINDOW, row, covered, f"{said}, less than the {minimum:g} days from "
                  "delivery the law requires", rank=minimum)


def _uninformed(proc: Any, rows: list[Bound], window: Any) -> Iterator[Breach]:
    if proc.get(_INFORMED) is not False:
        return
    for row, covered in rows:
        extra = row.get("if_not_informed")
        if not extra:
            continue
        minimum = days(row.get("minimum")) or 0.0
        longer = (f"{extra['window']}" if "window" in extra
                  else f"{minimum:g} days plus {extra['extended_by']}")
        told = f"the policy's {window}" if window is not MISSING else "the policy"
        yield Breach(_INFORMED, row, covered, "no written return information comes with the "
                     f"goods, so customers may return for {longer} after delivery: they have "
                     f"more rights than {told} tells them", Severity.HIGH,
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
                                   "refunds are released only once the returned goods are "
                                   "inspected, but the law lets the trader hold the money only "
                                   "until the goods or proof of sending arrive"))
        ask.update(dict.fromkeys(wanted, ""))
        if row.get("same_means_of_payment"):
            if method in _NOT_MONEY_BACK:
                breaches.append(Breach(_REFUND + ("default_method",), row, covered,
                                       f"refunds go out as {method.replace('_', ' ')} by "
                                       "default, but the law requires the same means of "
                                       "payment the customer used unless they agree otherwise"))
            elif method is MISSING:
                ask["default_method"] = ""
        if row.get("outbound_delivery_refunded"):
            found, unknown = _outbound(proc, row, covered)
            breaches.extend(found)
            if unknown:
                ask["outbound_shipping_refunded"] = ""
    evidence = {
        "within": "State how soon refunds are sent (`returns.refund.within`).",
        "deadline_from": "State which event the refund deadline counts from "
                         "(`returns.refund.deadline_from`: withdrawal_notice, receipt, ...).",
        "default_method": "State how money goes back by default "
                          "(`returns.refund.default_method`).",
        "outbound_shipping_refunded": "State whether the original standard delivery charge is "
                                      "refunded (`returns.refund.outbound_shipping_refunded`).",
    }
    if proc.get(_REFUND) is MISSING and ask:
        yield missing(_REFUND, evidence="State the refund terms (`returns.refund`: within, "
                      "deadline_from, default_method, outbound_shipping_refunded).")
    else:
        for key in ask:
            yield missing(_REFUND + (key,), evidence=evidence[key])
    yield from report(breaches)


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
                            "the refund clock starts only after the returned goods are "
                            f"inspected, but the law counts its {limit:g} days from the "
                            "customer's notice, and lets the trader wait only until the goods "
                            "or proof of sending arrive", rank=limit))
    if within is MISSING:
        wanted.append("within")
        return found, wanted
    taken = days(within) or 0.0
    delay = 0.0 if waits else after_claim(ctx, start)
    if taken > limit:
        since = (f"from the {str(start).replace('_', ' ')}" if start is not MISSING
                 else "even counted from the customer's notice")
        found.append(Breach(_REFUND + ("within",), row, covered,
                            f"refunds take up to {within} {since}, longer than the {limit:g} "
                            "days the law allows", rank=limit))
    elif taken + delay > limit:
        found.append(Breach(_REFUND + ("deadline_from",), row, covered,
                            f"refunds take up to {within} from the {start}, so about "
                            f"{taken + delay:g} days after the customer's notice (with the "
                            "goods' return in between), which is when the law starts counting: "
                            f"longer than the {limit:g} days it allows", rank=limit))
    elif start is MISSING:
        wanted.append("deadline_from")
    return found, wanted


def _outbound(proc: Any, row: Any, covered: tuple[str, ...]) -> tuple[list[Breach], bool]:
    """The original delivery charge kept back, under its own name or another."""
    deductions = proc.get(("returns", "deductions"))
    for i, item in enumerate(deductions if isinstance(deductions, list) else []):
        if isinstance(item, str) and _SHIPPING.search(item):
            return [Breach(("returns", "deductions", i), row, covered,
                           f"the refund deducts '{item}', but the standard delivery the "
                           "customer paid must be refunded too")], False
    refunded = proc.get(_REFUND + ("outbound_shipping_refunded",))
    if refunded is False:
        return [Breach(_REFUND + ("outbound_shipping_refunded",), row, covered,
                       "the original delivery charge is kept, but the standard delivery the "
                       "customer paid must be refunded too")], False
    return [], refunded is MISSING
