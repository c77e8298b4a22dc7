"""How old a dated fact is on the audit's as-of date (reviews, communications, systems).

The as-of date is `--as-of` or the file's `process.updated`, never the wall clock, so the same
file gives the same findings tomorrow.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing
from cxaudit.model.durations import parse_cadence

AS_OF_EVIDENCE = ("State when the description was last updated (`process.updated`) or pass "
                  "--as-of, so the age of dated facts can be judged.")


def no_as_of(ctx: CheckContext) -> Outcome | None:
    """A needs-evidence outcome when there is no date to count from, else None."""
    if ctx.as_of is None:
        return missing(("process", "updated"), evidence=AS_OF_EVIDENCE)
    return None


def age_days(as_of: date, value: Any) -> float | None:
    """Days from an ISO date (YYYY-MM-DD) to the as-of date; None if it is not a date."""
    try:
        return float((as_of - date.fromisoformat(str(value))).days)
    except ValueError:
        return None


def limit_days(ctx: CheckContext, name: str) -> float:
    """A cadence parameter such as `12mo` in (average) days."""
    return parse_cadence(ctx.params[name]).days


def months(days: float) -> str:
    """`20 months`, `1 month`, or `3 weeks` for short spans."""
    if days < 45:
        weeks = max(1, round(days / 7))
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    n = round(days / 30.4375)
    return f"{n} month{'s' if n != 1 else ''}"
