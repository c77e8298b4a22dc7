"""The SLA table: every channel x priority x metric target with the customer's real wait."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cxaudit.clock.facts import Facts
from cxaudit.model.durations import CALENDAR, PRIORITIES
from cxaudit.model.process import METRICS, Process
from cxaudit.terminal import clean, guard

COLUMNS = ("channel", "priority", "metric", "target", "clock", "worst_case_hours",
           "worst_case_arrival", "median_hours")


def sla_rows(proc: Process, as_of: date) -> list[dict[str, Any]]:
    """One row per resolved target, worst case and median over the year after `as_of`.

    Business-clock rows also name the holiday calendars their worst case was found with and
    carry any rule of law that keeps those calendars' holidays open (`notes`).
    """
    from cxaudit.clock.holidaylaw import rules_in_force

    facts = Facts.build(proc, as_of)
    order = {c.id: i for i, c in enumerate(proc.channels)}
    rows = []
    targets = sorted(proc.targets, key=lambda t: (order.get(t.channel, 0),
                                                  PRIORITIES.index(t.priority),
                                                  METRICS.index(t.metric)
                                                  if t.metric in METRICS else 99, t.metric))
    last = as_of + timedelta(days=365)
    for t in targets:
        d = t.duration
        row: dict[str, Any] = {"channel": t.channel, "priority": t.priority, "metric": t.metric,
                               "target": d.text, "clock": t.clock, "worst_case_hours": None,
                               "worst_case_arrival": None, "median_hours": None,
                               "holiday_calendars": [], "notes": []}
        if t.clock == CALENDAR:
            hours = round((d.minutes or 0) / 60, 4)
            row.update(worst_case_hours=hours, median_hours=hours)
        else:
            w = facts.wait(t, year=True)
            if w is not None and w.arrival is not None:
                row.update(worst_case_hours=round(w.hours, 4),
                           worst_case_arrival=w.arrival.isoformat(),
                           median_hours=w.median_hours, holiday_calendars=list(w.calendars),
                           notes=[r.sentence() for r in rules_in_force(w.calendars, as_of,
                                                                           last)])
        rows.append(row)
    return rows


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned text table, then the notes on the holiday calendars used."""
    def cell(v: Any) -> str:
        if v is None:
            return "-"
        return f"{v:g}" if isinstance(v, float) else clean(v)

    head = ["channel", "priority", "metric", "target", "clock", "worst case h",
            "worst-case arrival", "median h"]
    body = [[cell(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=False)]
    lines = ["  ".join(x.ljust(w) for x, w in zip(line, widths, strict=False)).rstrip()
             for line in [head, ["-" * w for w in widths], *body]]
    calendars = sorted({c for r in rows for c in r.get("holiday_calendars", [])})
    if calendars:
        lines += ["", f"Worst cases found with the public holidays of: {', '.join(calendars)}."]
    lines += list(dict.fromkeys(n for r in rows for n in r.get("notes", [])))
    return guard("\n".join(lines) + "\n")
