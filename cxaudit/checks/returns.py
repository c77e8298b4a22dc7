"""RET-005 and RET-010: fees and hurdles on returns, each stated one judged on its own.

A restocking percentage and a fee hidden among the deductions are separate facts, and so are
the three conditions a shop may put on a return; one bad answer never hides another, and a
condition the file does not state is asked for rather than assumed away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.model.process import MISSING

_HURDLES = (
    ("reason_required", "a reason"),
    ("receipt_required", "the receipt"),
    ("original_packaging_required", "the original packaging"),
)


def return_fees(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-005: no restocking percentage and no handling fee under another name."""
    proc = ctx.process
    pct = proc.get(("returns", "restocking_fee_pct"))
    if pct is MISSING:
        yield missing(("returns", "restocking_fee_pct"))
    elif isinstance(pct, (int, float)) and not isinstance(pct, bool) and pct > 0:
        yield violation(("returns", "restocking_fee_pct"), fee=f"a restocking fee of {pct:g} %")
    deductions = proc.get(("returns", "deductions"))
    words = [_squash(str(w)) for w in ctx.params["fee_words"]]
    if isinstance(deductions, list):
        for i, item in enumerate(deductions):
            if isinstance(item, str) and any(w and w in _squash(item) for w in words):
                yield violation(("returns", "deductions", i), fee=f"'{item}'")
    elif deductions is MISSING and proc.get(("returns", "free_for_customer")) is not True:
        # Fees hide under other names; an unstated list is not an empty one, unless the file
        # says returning costs the customer nothing at all.
        yield missing(("returns", "deductions"),
                      evidence="List what is deducted from refunds (`returns.deductions`, "
                      "`[]` if nothing): handling or processing fees often hide there.")


def _squash(text: str) -> str:
    """Lower case without spaces, hyphens or underscores: `Handling-Fee` -> `handlingfee`."""
    return re.sub(r"[\s_\-]+", "", text.lower())


def return_hurdles(ctx: CheckContext) -> Iterator[Outcome]:
    """RET-010: no reason, receipt or original packaging demanded before a return."""
    base = ("returns", "conditions")
    if ctx.process.get(base) is MISSING:
        yield missing(base)
        return
    for key, what in _HURDLES:
        value = ctx.process.get(base + (key,))
        if value is True:
            yield violation(base + (key,), hurdle=what)
        elif value is MISSING:
            yield missing(base + (key,))
