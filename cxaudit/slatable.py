"""The SLA table: every channel x priority x metric target with the customer's real wait."""

from __future__ import annotations

from datetime import date
from typing import Any

from cxaudit.durations import CALENDAR, PRIORITIES
from cxaudit.model import METRICS, Process
from cxaudit.terminal import clean, guard
from cxaudit.waits import schedule

COLUMNS = ("channel", "priority", "metric", "target", "clock", "worst_case_hours",
           "worst_case_arrival", "median_hours")


def sla_rows(proc: Process, as_of: date) -> list[dict[str, Any]]:
    """One row per resolved target, worst case and median over the year after `as_of`."""
    from cxaudit import clock

    order = {c.id: i for i, c in enumerate(proc.channels)}
    rows = []
    targets = sorted(proc.targets, key=lambda t: (order.get(t.channel, 0),
                                                  PRIORITIES.index(t.priority),
                                                  METRICS.index(t.metric)
                                                  if t.metric in METRICS else 99, t.metric))
    for t in targets:
        d = t.duration
        row: dict[str, Any] = {"channel": t.channel, "priority": t.priority, "metric": t.metric,
                               "target": d.text, "clock": t.clock, "worst_case_hours": None,
                               "worst_case_arrival": None, "median_hours": None}
        if t.clock == CALENDAR:
            hours = round((d.minutes or 0) / 60, 4)
            row.update(worst_case_hours=hours, median_hours=hours)
        else:
            chan = proc.channel(t.channel)
            sched = schedule(proc, chan, as_of=as_of)
            if sched is not None:
                wc = clock.worst_case(sched, d.minutes, business_days=d.business_days,
                                      start=as_of)
                row.update(worst_case_hours=round(wc.hours, 4),
                           worst_case_arrival=wc.arrival.isoformat(),
                           median_hours=clock.median_wait(sched, d.minutes,
                                                          business_days=d.business_days,
                                                          start=as_of))
        rows.append(row)
    return rows


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned text table."""
    def cell(v: Any) -> str:
        if v is None:
            return "-"
        return f"{v:g}" if isinstance(v, float) else clean(v)

    head = ["channel", "priority", "metric", "target", "clock", "worst case h",
            "worst-case arrival", "median h"]
    body = [[cell(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(x.ljust(w) for x, w in zip(line, widths)).rstrip()
             for line in [head, ["-" * w for w in widths], *body]]
    return guard("\n".join(lines) + "\n")
