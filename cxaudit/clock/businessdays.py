"""Business days: which dates a desk works, and counting n of them after a day.

The one business-day calculator. A business day is a date whose weekday has open hours and
that is not a closed date (a listed closure or a public holiday). The timeline
(`cxaudit.clock.timeline`) lays the business days of a schedule out on real instants to find
"close of business on the n-th business day" for a target such as `2bd`; the legal checks ask
how many calendar days n business days can take (`span`) to compare a policy's `15bd` with a
law's `8w`. Both count the same days in the same way.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from cxaudit.clock.schedules import Schedule

MON_TO_FRI = frozenset(range(5))


@dataclass(frozen=True, slots=True)
class Workdays:
    """The weekdays a desk opens on (0 = Monday) and the dates it stays closed anyway."""

    weekdays: frozenset[int] = MON_TO_FRI
    closed: frozenset[date] = frozenset()

    @classmethod
    def of(cls, schedule: Schedule, *, closed: bool = True) -> Workdays:
        """The business days of a schedule (`closed=False`: ignoring its closed dates)."""
        return cls(frozenset(wd for wd, _, _ in schedule.weekly),
                   schedule.closed if closed else frozenset())

    def open(self, day: date) -> bool:
        """Whether `day` is a business day."""
        return day.weekday() in self.weekdays and day not in self.closed

    def nth_after(self, day: date, n: int) -> date:
        """The n-th business day after `day` (`day` itself does not count; n >= 1)."""
        if n > 0 and not self.weekdays:
            raise ValueError("no weekday is a business day")
        left = n
        while left:
            day += timedelta(days=1)
            if self.open(day):
                left -= 1
        return day


@lru_cache(maxsize=256)
def span(work: Workdays, n: int, start: date, longest: bool, horizon: int = 366) -> int:
    """Calendar days n business days take, longest or shortest over a year of start days
    (a week when nothing is closed: then every week is alike).

    The shortest span counts only from business days: something received on a closed day
    counts as received on the next business day. Each date is looked at once: the n-th
    business day after a start day is read from the list of business days.
    """
    if n > 0 and not work.weekdays:
        raise ValueError("no weekday is a business day")
    first = start.toordinal()
    last = first + (horizon if work.closed else 7) - 1
    opens: list[int] = []
    day, beyond = first, 0
    while beyond < n:  # business days up to the n-th after the last start day
        day += 1
        if work.open(date.fromordinal(day)):
            opens.append(day)
            beyond += day > last
    best: int | None = None
    for ordinal in range(first, last + 1):
        if not longest and not work.open(date.fromordinal(ordinal)):
            continue
        length = opens[bisect_right(opens, ordinal) + n - 1] - ordinal if n > 0 else 0
        best = length if best is None else (max(best, length) if longest else min(best, length))
    return best or 0
