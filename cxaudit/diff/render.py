"""The diff as text (terminal) or Markdown (a pull-request comment); JSON is in json_diff.

Markdown is `reports/diff.md.j2` fed a view model in which every value from the user's files is
already escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit import terminal
from cxaudit.compare.fields import METRIC_LABEL
from cxaudit.compare.show import describe, field_label, fmt_hours
from cxaudit.diff.result import (
    CHANGED,
    IMPROVEMENT,
    REGRESSION,
    Change,
    DiffResult,
    FindingChange,
    WaitChange,
)
from cxaudit.i18n import _, current, ngettext, pgettext
from cxaudit.i18n import formats as fmt
from cxaudit.report import labels, mdsafe

FORMATS = ("text", "md", "json")


def headline(verdict: str) -> str:
    """What the verdict means, in one clause."""
    return {"worse": _("the change makes the service worse"),
            "better": _("the change makes the service better"),
            "changed": _("the policy changed, neither better nor worse"),
            "unchanged": _("no change to the policy")}[verdict]


def verdict_word(verdict: str) -> str:
    """WORSE, BETTER, CHANGED, UNCHANGED in the run's language."""
    return {"worse": pgettext("verdict", "WORSE"), "better": pgettext("verdict", "BETTER"),
            "changed": pgettext("verdict", "CHANGED"),
            "unchanged": pgettext("verdict", "UNCHANGED")}[verdict]



_PLAIN_NOTES = ("added", "removed", "renamed")  # said by describe(), not repeated as a note


def _hours(a: float | None, b: float | None, arrow: str) -> str:
    if a is None or b is None:
        return _("unknown")
    return f"{fmt_hours(a)} {arrow} {fmt_hours(b)}" if abs(a - b) > 1 / 120 else \
        _("%(wait)s (unchanged)") % {"wait": fmt_hours(a)}


def helpdesk_of(result: DiffResult) -> tuple[str, bool] | None:
    """("Zendesk", True) when NEW is a helpdesk side (zendesk:PATH), False when OLD is."""
    for side, is_new in ((result.new, True), (result.old, False)):
        for prefix in ("zendesk:", "freshdesk:"):
            if side.name.startswith(prefix):
                return prefix[:-1].title(), is_new
    return None


def _promise(target: str | None, week: float | None, year: float | None = None,
             short: bool = False) -> str:
    """`24h@calendar` -> `24h`; `48h@business` -> `48 business hours, up to 71 h ...`."""
    hours = fmt.hours
    if target is None:
        return _("no target")
    amount, _sep, clock = target.partition("@")
    if amount.endswith("bd"):
        text = fmt.quantity(float(amount[:-2]), "bd")
    elif clock == "business":
        n, unit = amount[:-1], amount[-1]
        text = fmt.business_hours(float(n)) if unit == "h" else \
            _("%(duration)s of business time") % {"duration": fmt.quantity(float(n), unit)}
    else:
        return amount
    if week is None:
        return text
    if short:
        return _("%(promise)s (up to %(wait)s)") % {"promise": text, "wait": hours(week)}
    holidays = " " + _("(%(wait)s around its holidays)") % {"wait": hours(year)} \
        if year and year > week + 0.5 else ""
    return _("%(promise)s, up to %(wait)s at the worst time of the week") % {
        "promise": text, "wait": hours(week)} + holidays


def drift_text(w: WaitChange, vendor: str, helpdesk_is_new: bool) -> str:
    """`the policy promises 24h for normal email; Zendesk enforces 48 business hours, ...`."""
    names = ", ".join({"email": _("e-mail"), "web_form": _("web form")}.get(c, c)
                      for c in w.channels)
    declared, enforced = ((w.old_target, w.old_week, w.old_hours),
                          (w.new_target, w.new_week, w.new_hours))[:: 1 if helpdesk_is_new else -1]
    promise = _("nothing") if declared[0] is None else _promise(*declared[:2], short=True)
    return _("the policy promises %(promise)s for %(priority)s %(channels)s; %(vendor)s "
             "enforces %(enforced)s") % {"promise": promise, "priority": _priority(w.priority),
                                         "channels": names, "vendor": vendor,
                                         "enforced": _promise(*enforced)}


def _priority(name: str) -> str:
    """urgent, high, normal, low as a reader names them."""
    return {"urgent": pgettext("priority", "urgent"), "high": pgettext("priority", "high"),
            "normal": pgettext("priority", "normal"), "low": pgettext("priority", "low")
            }.get(name, name)


def wait_text(w: WaitChange, arrow: str = "->",
              drift: tuple[str, bool] | None = None) -> tuple[str, str]:
    """(what, how): `first response, urgent` / `worst case 3d 15h -> 3d 17h; ...`.

    `drift` (vendor, whether NEW is the helpdesk) says it as declared against enforced.
    """
    what = f"{_(METRIC_LABEL.get(w.metric, w.metric))}, {_priority(w.priority)}"
    if drift is not None:
        return what, drift_text(w, *drift)
    if w.new_target is None:
        return what, _("no target any more (was %(target)s, worst case %(wait)s)") % {
            "target": w.old_target, "wait": fmt_hours(w.old_hours or 0)}
    if w.old_target is None:
        return what, _("new target %(target)s (worst case %(wait)s)") % {
            "target": w.new_target, "wait": fmt_hours(w.new_hours or 0)}
    target = w.old_target if w.old_target == w.new_target else \
        f"{w.old_target} {arrow} {w.new_target}"
    return what, _("target %(target)s: worst case %(year)s; in an ordinary week %(week)s") % {
        "target": target, "year": _hours(w.old_hours, w.new_hours, arrow),
        "week": _hours(w.old_week, w.new_week, arrow)}


def _summary(result: DiffResult) -> str:
    n = result.counts()
    return ", ".join((
        ngettext("%(n)s regression", "%(n)s regressions", n[REGRESSION]) % {"n": n[REGRESSION]},
        ngettext("%(n)s improvement", "%(n)s improvements", n[IMPROVEMENT]) % {
            "n": n[IMPROVEMENT]},
        ngettext("%(n)s neutral change", "%(n)s neutral changes", n[CHANGED]) % {
            "n": n[CHANGED]})) + "; " + _("findings: %(introduced)s introduced, %(resolved)s "
                                          "resolved") % {"introduced": n["introduced"],
                                                         "resolved": n["resolved"]}


def _exit_line(result: DiffResult) -> str:
    if result.fail_on_regression == "none":
        return _("exit code 0 (--fail-on-regression none)")
    failing = result.failing()
    return ngettext("exit code %(code)s: %(n)s regression at or above %(level)s "
                    "(--fail-on-regression)", "exit code %(code)s: %(n)s regressions at or "
                    "above %(level)s (--fail-on-regression)", failing) % {
        "code": result.exit_code, "n": failing,
        "level": labels.severity(result.fail_on_regression)}


def _as_of_line(result: DiffResult) -> str:
    if result.as_of is None:
        return _("Worst-case waits over an ordinary week (no as-of date: set process.updated "
                 "or pass --as-of for holidays).")
    return _("Worst-case waits over the twelve months from %(date)s (holidays included) and "
             "over an ordinary week; the same date for both sides.") % {
        "date": fmt.date(result.as_of)}


def render_text(result: DiffResult) -> str:
    """The terminal report."""
    lines = [f"cxaudit diff {result.old.name} -> {result.new.name}"]
    if result.old.unit != result.new.unit:
        lines.append(f"{result.old.unit} -> {result.new.unit}")
    else:
        lines.append(result.new.unit)
    lines += [_("Verdict: %(word)s: %(headline)s") % {"word": verdict_word(result.verdict),
                                                      "headline": headline(result.verdict)},
              _summary(result), _as_of_line(result)]
    titles = {REGRESSION: _("Regressions"), IMPROVEMENT: _("Improvements"),
              CHANGED: _("Neutral changes")}
    for verdict, title in titles.items():
        changes = result.by_verdict(verdict)
        if changes:
            lines += ["", f"{title} ({len(changes)})"]
            for c in changes:
                lines.append(f"  {labels.severity(c.severity):<8} {field_label(c.label)}: "
                             f"{describe(c)}")
                where = _("%(path)s, line %(line)s") % {"path": c.key, "line": c.line} + \
                    (" " + _("(old file)") if c.side == "old" else "")
                lines.append("           " + _("at %(where)s") % {"where": where}
                             + (f"; {c.note}" if c.note and c.note not in _PLAIN_NOTES else ""))
        waits = result.waits_by_verdict(verdict)
        if waits and verdict != CHANGED:
            heading = _("Worst-case waits longer") if verdict == REGRESSION else \
                _("Worst-case waits shorter")
            lines += ["", f"{heading} ({len(waits)})"]
            for w in waits:
                what, how = wait_text(w, drift=helpdesk_of(result))
                lines.append(f"  {labels.severity(w.severity):<8} " + _("%(what)s on %(channels)s")
                             % {"what": what, "channels": ", ".join(w.channels)})
                lines.append(f"           {how}")
    for title, items in ((_("Findings introduced"), result.introduced),
                         (_("Findings resolved"), result.resolved)):
        if items:
            lines += ["", f"{title} ({len(items)})"]
            lines += [f"  {labels.severity(f.severity):<8} {f.rule_id}  {f.path}: {f.message}"
                      + (" " + _("(worse: %(why)s)") % {"why": f.worse} if f.worse else "")
                      for f in items]
    lines += ["", _exit_line(result)]
    return terminal.lines(lines)  # each entry is one line: user text cannot add or hide one


md_escape = mdsafe.inline  # user text anywhere in the Markdown diff
md_code = mdsafe.code  # user text inside a code span


def _change_view(c: Change, esc: Callable[[Any], str]) -> dict[str, Any]:
    return {"severity": labels.severity(c.severity), "label": esc(field_label(c.label)),
            "change": esc(describe(c, "→")),
            "where": md_code(c.key), "line": c.line, "old_file": c.side == "old",
            "note": esc(c.note.replace(" -> ", " → "))
            if c.note not in ("", *_PLAIN_NOTES) else ""}


def _wait_view(w: WaitChange, esc: Callable[[Any], str],
               drift: tuple[str, bool] | None = None) -> dict[str, Any]:
    what, how = wait_text(w, "→", drift)
    return {"severity": labels.severity(w.severity), "what": esc(what),
            "channels": esc(", ".join(w.channels)),
            "how": esc(how)}


def _finding_view(f: FindingChange, esc: Callable[[Any], str]) -> dict[str, Any]:
    return {"severity": labels.severity(f.severity), "rule": esc(f.rule_id),
            "where": md_code(f.path), "line": f.line, "message": esc(f.message),
            "kind": f.kind, "worse": esc(f.worse)}


def _largest(waits: tuple[WaitChange, ...]) -> str:
    """`largest increase 1d 2h: first response, normal on email, web_form`."""
    best: tuple[float, str] = (0.0, "")
    for w in waits:
        pairs = [(w.old_hours, w.new_hours), (w.old_week, w.new_week)]
        grow = max((b - a for a, b in pairs if a is not None and b is not None), default=0.0)
        if grow > best[0]:
            what, _how = wait_text(w)
            best = (grow, _("%(what)s on %(channels)s") % {"what": what,
                                                          "channels": ", ".join(w.channels)})
    return _("largest increase %(wait)s: %(what)s") % {"wait": fmt_hours(best[0]),
                                                       "what": best[1]} if best[1] else ""


def diff_view(result: DiffResult, esc: Callable[[Any], str] = md_escape) -> dict[str, Any]:
    """The view model of the Markdown template: sorted, counted and escaped here."""
    counts = result.counts()
    return {
        "old": md_code(result.old.name), "new": md_code(result.new.name),
        "old_unit": esc(result.old.unit), "new_unit": esc(result.new.unit),
        "verdict": result.verdict, "verdict_word": verdict_word(result.verdict),
        "headline": headline(result.verdict),
        "summary": esc(_summary(result)), "as_of_line": esc(_as_of_line(result)),
        "counts": counts, "exit_line": esc(_exit_line(result)),
        "regressions": [_change_view(c, esc) for c in result.by_verdict(REGRESSION)],
        "improvements": [_change_view(c, esc) for c in result.by_verdict(IMPROVEMENT)],
        "neutral": [_change_view(c, esc) for c in result.by_verdict(CHANGED)],
        "waits_longer": [_wait_view(w, esc, helpdesk_of(result))
                         for w in result.waits_by_verdict(REGRESSION)],
        "waits_longer_note": esc(_largest(result.waits_by_verdict(REGRESSION))),
        "waits_shorter": [_wait_view(w, esc, helpdesk_of(result))
                          for w in result.waits_by_verdict(IMPROVEMENT)],
        "introduced": [_finding_view(f, esc) for f in result.introduced],
        "resolved": [_finding_view(f, esc) for f in result.resolved],
        "cut": "",
    }


GITHUB_COMMENT_LIMIT = 65_536
# What a Markdown diff drops, in order, when it is longer than a GitHub comment allows.
_CUTS = ("neutral", "waits_shorter", "resolved", "introduced", "improvements", "waits_longer",
         "regressions")


def _cut_name(key: str) -> str:
    return {"neutral": _("neutral changes"), "waits_shorter": _("shorter waits"),
            "resolved": _("findings resolved"), "introduced": _("findings introduced"),
            "improvements": _("improvements"), "waits_longer": _("longer waits"),
            "regressions": _("regressions beyond the first 50")}[key]


def render_md(result: DiffResult, template_dir: str | None = None,
              limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """The Markdown report (`reports/diff.md.j2`), for a pull-request comment or job summary.

    Longer than `limit` characters (0: no limit), it leaves out whole sections in the order of
    _CUTS and says so at the top; the verdict, the counts and the exit line always stay.
    """
    from cxaudit.report.templates import environment, render_template

    env = environment(template_dir, autoescape=False)
    view = diff_view(result)
    text = render_template(env, "diff.md.j2", view)
    left_out: list[str] = []
    for key in _CUTS:
        if not limit or len(text) <= limit:
            break
        if len(view[key]) <= (50 if key == "regressions" else 0):
            continue  # nothing to leave out here
        view[key] = view[key][:50] if key == "regressions" else []
        left_out.append(_cut_name(key))
        view["cut"] = _("Shortened to fit %(limit)s characters: left out %(what)s. Run `cxaudit "
                        "diff -f text` or `-f json` for everything.") % {
            "limit": f"{limit:,}" if current() == "en" else fmt.number(limit),
            "what": ", ".join(left_out)}
        text = render_template(env, "diff.md.j2", view)
    return text


def render(fmt: str, result: DiffResult, template_dir: str | None = None,
           md_limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """Render in one of FORMATS."""
    if fmt == "md":
        return render_md(result, template_dir, md_limit)
    if fmt == "json":
        from cxaudit.diff.json_diff import render_json

        return render_json(result)
    return render_text(result)


__all__ = ["FORMATS", "GITHUB_COMMENT_LIMIT", "describe", "diff_view", "drift_text",
           "helpdesk_of", "md_code", "md_escape", "render", "render_md", "render_text",
           "wait_text"]
