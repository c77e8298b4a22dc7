"""The diff as text (terminal) or Markdown (a pull-request comment); JSON is in json_diff.

Markdown is `reports/diff.md.j2` fed a view model in which every value from the user's files is
already escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit import terminal
from cxaudit.compare.fields import METRIC_LABEL
from cxaudit.compare.show import describe, fmt_hours
from cxaudit.diff.result import (
    CHANGED,
    IMPROVEMENT,
    REGRESSION,
    Change,
    DiffResult,
    FindingChange,
    WaitChange,
)
from cxaudit.report import mdsafe

FORMATS = ("text", "md", "json")
_HEADLINE = {"worse": "the change makes the service worse",
             "better": "the change makes the service better",
             "changed": "the policy changed, neither better nor worse",
             "unchanged": "no change to the policy"}


_PLAIN_NOTES = ("added", "removed", "renamed")  # said by describe(), not repeated as a note


def _hours(a: float | None, b: float | None, arrow: str) -> str:
    if a is None or b is None:
        return "unknown"
    return f"{fmt_hours(a)} {arrow} {fmt_hours(b)}" if abs(a - b) > 1 / 120 else \
        f"{fmt_hours(a)} (unchanged)"


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
    from cxaudit.clock.waits import fmt_hours as hours

    if target is None:
        return "no target"
    amount, _, clock = target.partition("@")
    if amount.endswith("bd"):
        n = amount[:-2]
        text = f"{n} business day{'s' * (n != '1')}"
    elif clock == "business":
        n, unit = amount[:-1], {"h": "hour", "m": "minute", "s": "second"}[amount[-1]]
        text = f"{n} business {unit}{'s' * (n != '1')}"
    else:
        return amount
    if week is None:
        return text
    if short:
        return f"{text} (up to {hours(week)})"
    holidays = f" ({hours(year)} around its holidays)" if year and year > week + 0.5 else ""
    return f"{text}, up to {hours(week)} at the worst time of the week{holidays}"


def drift_text(w: WaitChange, vendor: str, helpdesk_is_new: bool) -> str:
    """`the policy promises 24h for normal email; Zendesk enforces 48 business hours, ...`."""
    names = ", ".join({"email": "e-mail", "web_form": "web form"}.get(c, c) for c in w.channels)
    declared, enforced = ((w.old_target, w.old_week, w.old_hours),
                          (w.new_target, w.new_week, w.new_hours))[:: 1 if helpdesk_is_new else -1]
    promise = "nothing" if declared[0] is None else _promise(*declared[:2], short=True)
    return (f"the policy promises {promise} for {w.priority} {names}; {vendor} enforces "
            f"{_promise(*enforced)}")


def wait_text(w: WaitChange, arrow: str = "->",
              drift: tuple[str, bool] | None = None) -> tuple[str, str]:
    """(what, how): `first response, urgent` / `worst case 3d 15h -> 3d 17h; ...`.

    `drift` (vendor, whether NEW is the helpdesk) says it as declared against enforced.
    """
    what = f"{METRIC_LABEL.get(w.metric, w.metric)}, {w.priority}"
    if drift is not None:
        return what, drift_text(w, *drift)
    if w.new_target is None:
        return what, (f"no target any more (was {w.old_target}, worst case " \
                     f"{fmt_hours(w.old_hours or 0)})")
    if w.old_target is None:
        return what, f"new target {w.new_target} (worst case {fmt_hours(w.new_hours or 0)})"
    target = w.old_target if w.old_target == w.new_target else \
        f"{w.old_target} {arrow} {w.new_target}"
    return what, (f"target {target}: worst case {_hours(w.old_hours, w.new_hours, arrow)}; "
                  f"in an ordinary week {_hours(w.old_week, w.new_week, arrow)}")


def _summary(result: DiffResult) -> str:
    n = result.counts()
    return (f"{n[REGRESSION]} regression{'s' * (n[REGRESSION] != 1)}, "
            f"{n[IMPROVEMENT]} improvement{'s' * (n[IMPROVEMENT] != 1)}, "
            f"{n[CHANGED]} neutral change{'s' * (n[CHANGED] != 1)}; findings: "
            f"{n['introduced']} introduced, {n['resolved']} resolved")


def _exit_line(result: DiffResult) -> str:
    if result.fail_on_regression == "none":
        return "exit code 0 (--fail-on-regression none)"
    failing = result.failing()
    return (f"exit code {result.exit_code}: {failing} regression{'s' * (failing != 1)} at or "
            f"above {result.fail_on_regression} (--fail-on-regression)")


def _as_of_line(result: DiffResult) -> str:
    if result.as_of is None:
        return "Worst-case waits over an ordinary week (no as-of date: set process.updated " \
               "or pass --as-of for holidays)."
    return (f"Worst-case waits over the twelve months from {result.as_of.isoformat()} "
            "(holidays included) and over an ordinary week; the same date for both sides.")


def render_text(result: DiffResult) -> str:
    """The terminal report."""
    lines = [f"cxaudit diff {result.old.name} -> {result.new.name}"]
    if result.old.unit != result.new.unit:
        lines.append(f"{result.old.unit} -> {result.new.unit}")
    else:
        lines.append(result.new.unit)
    lines += [f"Verdict: {result.verdict.upper()}: {_HEADLINE[result.verdict]}",
              _summary(result), _as_of_line(result)]
    titles = {REGRESSION: "Regressions", IMPROVEMENT: "Improvements", CHANGED: "Neutral changes"}
    for verdict, title in titles.items():
        changes = result.by_verdict(verdict)
        if changes:
            lines += ["", f"{title} ({len(changes)})"]
            for c in changes:
                lines.append(f"  {c.severity:<8} {c.label}: {describe(c)}")
                where = f"{c.key}, line {c.line}" + (" (old file)" if c.side == "old" else "")
                lines.append(f"           at {where}" + (f"; {c.note}" if c.note
                                                         and c.note not in _PLAIN_NOTES
                                                         else ""))
        waits = result.waits_by_verdict(verdict)
        if waits and verdict != CHANGED:
            word = "longer" if verdict == REGRESSION else "shorter"
            lines += ["", f"Worst-case waits {word} ({len(waits)})"]
            for w in waits:
                what, how = wait_text(w, drift=helpdesk_of(result))
                lines.append(f"  {w.severity:<8} {what} on {', '.join(w.channels)}")
                lines.append(f"           {how}")
    for title, items in (("Findings introduced", result.introduced),
                         ("Findings resolved", result.resolved)):
        if items:
            lines += ["", f"{title} ({len(items)})"]
            lines += [f"  {f.severity:<8} {f.rule_id}  {f.path}: {f.message}"
                      + (f" (worse: {f.worse})" if f.worse else "") for f in items]
    lines += ["", _exit_line(result)]
    return terminal.lines(lines)  # each entry is one line: user text cannot add or hide one


md_escape = mdsafe.inline  # user text anywhere in the Markdown diff
md_code = mdsafe.code  # user text inside a code span


def _change_view(c: Change, esc: Callable[[Any], str]) -> dict[str, Any]:
    return {"severity": c.severity, "label": esc(c.label), "change": esc(describe(c, "→")),
            "where": md_code(c.key), "line": c.line, "old_file": c.side == "old",
            "note": esc(c.note.replace(" -> ", " → "))
            if c.note not in ("", *_PLAIN_NOTES) else ""}


def _wait_view(w: WaitChange, esc: Callable[[Any], str],
               drift: tuple[str, bool] | None = None) -> dict[str, Any]:
    what, how = wait_text(w, "→", drift)
    return {"severity": w.severity, "what": esc(what), "channels": esc(", ".join(w.channels)),
            "how": esc(how)}


def _finding_view(f: FindingChange, esc: Callable[[Any], str]) -> dict[str, Any]:
    return {"severity": f.severity, "rule": esc(f.rule_id), "where": md_code(f.path),
            "line": f.line, "message": esc(f.message), "kind": f.kind,
            "worse": esc(f.worse)}


def _largest(waits: tuple[WaitChange, ...]) -> str:
    """`largest increase 1d 2h: first response, normal on email, web_form`."""
    best: tuple[float, str] = (0.0, "")
    for w in waits:
        pairs = [(w.old_hours, w.new_hours), (w.old_week, w.new_week)]
        grow = max((b - a for a, b in pairs if a is not None and b is not None), default=0.0)
        if grow > best[0]:
            what, _ = wait_text(w)
            best = (grow, f"{what} on {', '.join(w.channels)}")
    return f"largest increase {fmt_hours(best[0])}: {best[1]}" if best[1] else ""


def diff_view(result: DiffResult, esc: Callable[[Any], str] = md_escape) -> dict[str, Any]:
    """The view model of the Markdown template: sorted, counted and escaped here."""
    counts = result.counts()
    return {
        "old": md_code(result.old.name), "new": md_code(result.new.name),
        "old_unit": esc(result.old.unit), "new_unit": esc(result.new.unit),
        "verdict": result.verdict, "headline": _HEADLINE[result.verdict],
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
_CUTS = (("neutral", "neutral changes"), ("waits_shorter", "shorter waits"),
         ("resolved", "findings resolved"), ("introduced", "findings introduced"),
         ("improvements", "improvements"), ("waits_longer", "longer waits"),
         ("regressions", "regressions beyond the first 50"))


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
    for key, what in _CUTS:
        if not limit or len(text) <= limit:
            break
        if len(view[key]) <= (50 if key == "regressions" else 0):
            continue  # nothing to leave out here
        view[key] = view[key][:50] if key == "regressions" else []
        left_out.append(what)
        view["cut"] = (f"Shortened to fit {limit:,} characters: left out {', '.join(left_out)}."
                       " Run `cxaudit diff -f text` or `-f json` for everything.")
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
