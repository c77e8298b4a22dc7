"""The SLA table: every channel x priority x metric target with the customer's real wait."""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
                           notes=[r.said() for r in rules_in_force(w.calendars, as_of,
                                                                           last)])
        rows.append(row)
    return rows


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned text table, then the notes on the holiday calendars used."""
    from cxaudit.i18n import ENGLISH, _, current, formats, pgettext

    english = current() == ENGLISH

    def cell(column: str, v: Any) -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            return f"{v:g}" if english else formats.number(v, digits=4)
        if english:
            return clean(v)
        if column == "priority":
            return {"urgent": pgettext("priority", "urgent"), "high": pgettext("priority", "high"),
                    "normal": pgettext("priority", "normal"),
                    "low": pgettext("priority", "low")}.get(v, clean(v))
        if column == "clock":
            return {"business": _("business hours"), "calendar": _("round the clock")}.get(
                v, clean(v))
        if column == "metric":
            return _(METRIC_WORDS.get(v, v)) if v in METRIC_WORDS else clean(v)
        if column == "worst_case_arrival":
            moment = datetime.fromisoformat(v)
            return f"{formats.date(moment.date())} {formats.weekday(moment.weekday())} " \
                f"{moment:%H:%M}"
        return clean(v)

    head = [_("channel"), _("priority"), _("metric"), _("target"), _("clock"), _("worst case h"),
            _("worst-case arrival"), _("median h")]
    body = [[cell(c, r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=False)]
    lines = ["  ".join(x.ljust(w) for x, w in zip(line, widths, strict=False)).rstrip()
             for line in [head, ["-" * w for w in widths], *body]]
    calendars = sorted({c for r in rows for c in r.get("holiday_calendars", [])})
    if calendars:
        lines += ["", _("Worst cases found with the public holidays of: %(calendars)s.") % {
            "calendars": ", ".join(calendars)}]
    lines += list(dict.fromkeys(n for r in rows for n in r.get("notes", [])))
    return guard("\n".join(lines) + "\n")


# the metrics' names as the SLA table shows them in languages other than English
METRIC_WORDS = {"first_response": "first response", "resolution": "resolution",
                "total_resolution": "total resolution", "next_response": "next response",
                "periodic_update": "periodic update", "speed_of_answer": "speed of answer",
                "acknowledge": "acknowledgement", "agent_work_time": "agent work time"}
