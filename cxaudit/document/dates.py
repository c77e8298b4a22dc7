"""Calendar dates as users write them: real days only, and the range an audit can count from."""

from __future__ import annotations

from datetime import date, timedelta

from cxaudit.i18n import _, formats

# The dates an audit can count from (--as-of, else process.updated). The service clock works
# on any date, but anything outside these years is a typo in practice, and near the ends of
# the calendar the twelve months ahead (and the time after them) would not exist.
FIRST_AS_OF, LAST_AS_OF = date(1900, 1, 1), date(2999, 12, 31)
def as_of_hint() -> str:
    """Which dates an audit can count from, in the run's language."""
    return _("use a date between {first} and {last}, e.g. 2025-09-01").format(
        first=FIRST_AS_OF, last=LAST_AS_OF)


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
        return _("write a real day as YYYY-MM-DD, e.g. 2025-09-01")
    return _("did you mean {day}? {month} {year} has {n} days; write a real day as "
             "YYYY-MM-DD").format(day=last.isoformat(), month=formats.month(last), year=year,
                                  n=last.day)


def as_of_problem(day: date) -> str | None:
    """Why a date cannot be the date an audit counts from, or None."""
    if FIRST_AS_OF <= day <= LAST_AS_OF:
        return None
    said = _("{day} is too early to count the twelve months of the audit from") \
        if day < FIRST_AS_OF else \
        _("{day} is too late to count the twelve months of the audit from")
    return said.format(day=day.isoformat())


def parse_as_of(text: str, where: str) -> date:
    """A date given on the command line (`where`: the option's name) to count the audit from."""
    from cxaudit.errors import UsageError

    try:
        day = date.fromisoformat(text)
    except ValueError:
        hint = date_hint(text) if len(text) == 10 and text[4::3] == "--" else \
            _("write it as YYYY-MM-DD, e.g. 2025-09-01")
        raise UsageError.at(where, 0, 0, _("{text!r} is not a date").format(text=text),
                            hint) from None
    why = as_of_problem(day)
    if why is not None:
        raise UsageError.at(where, 0, 0, why, as_of_hint())
    return day
