"""Calendar dates as users write them: real days only, and the range an audit can count from."""

from __future__ import annotations

from datetime import date, timedelta

# The dates an audit can count from (--as-of, else process.updated). The service clock works
# on any date, but anything outside these years is a typo in practice, and near the ends of
# the calendar the twelve months ahead (and the time after them) would not exist.
FIRST_AS_OF, LAST_AS_OF = date(1900, 1, 1), date(2999, 12, 31)
AS_OF_HINT = f"use a date between {FIRST_AS_OF} and {LAST_AS_OF}, e.g. 2025-09-01"


def real_date(text: str) -> date | None:
    """The date, or None for an impossible one such as 2023-02-29."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def date_hint(text: str) -> str:
    """`did you mean 2023-02-28?` for a day past the end of its month."""
    try:
        year, month = int(text[:4]), int(text[5:7])
        last = date(9999, 12, 31) if (year, month) == (9999, 12) else \
            date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        return "write a real day as YYYY-MM-DD, e.g. 2025-09-01"
    return (f"did you mean {last.isoformat()}? {last:%B} {year} has {last.day} days; "
            "write a real day as YYYY-MM-DD")


def as_of_problem(day: date) -> str | None:
    """Why a date cannot be the date an audit counts from, or None."""
    if FIRST_AS_OF <= day <= LAST_AS_OF:
        return None
    return (f"{day.isoformat()} is too {'early' if day < FIRST_AS_OF else 'late'} to count the "
            "twelve months of the audit from")


def parse_as_of(text: str, where: str) -> date:
    """A date given on the command line (`where`: the option's name) to count the audit from."""
    from cxaudit.errors import UsageError

    try:
        day = date.fromisoformat(text)
    except ValueError:
        hint = date_hint(text) if len(text) == 10 and text[4::3] == "--" else \
            "write it as YYYY-MM-DD, e.g. 2025-09-01"
        raise UsageError.at(where, 0, 0, f"{text!r} is not a date", hint) from None
    why = as_of_problem(day)
    if why is not None:
        raise UsageError.at(where, 0, 0, why, AS_OF_HINT)
    return day
