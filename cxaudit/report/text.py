"""Terminal output: score, the plan in three groups, missing evidence; colour only on a TTY.

Every value from the user's files and rule packs is shown with its control characters escaped
(cxaudit.terminal), so a unit name cannot move the cursor or start a CI workflow command.
"""

from __future__ import annotations

from typing import Any

from cxaudit.i18n import _, formats, ngettext
from cxaudit.model.classes import SEVERITIES
from cxaudit.report import labels, wrapping
from cxaudit.report.portfolio import portfolio_view
from cxaudit.report.portfolio_text import portfolio_lines
from cxaudit.report.view import audit_view
from cxaudit.result import AuditResult
from cxaudit.terminal import clean_tree, guard

_COLORS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m",
           "info": "\033[2m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


class _Out:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if self.color and style in _COLORS else text

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def bold(self, text: str, indent: str) -> None:
        """A heading, wrapped, each line in bold."""
        self.lines.extend(self.paint(line, "bold") for line in
                          wrapping.wrap(text, initial_indent=indent, subsequent_indent=indent))

    def wrapped(self, text: str, indent: str) -> None:
        self.lines.extend(wrapping.wrap(text, initial_indent=indent,
                                        subsequent_indent=indent) or [indent])


def _finding(out: _Out, number: str, f: dict[str, Any]) -> None:
    sev = out.paint(f"{labels.severity(f['severity']):<8}", f["severity"])
    out.add(f"  {number}{f['rule_id']:<9} {sev} {f['where']}"
            + (f"  [{f['mark']}]" if f["mark"] else ""))
    out.wrapped(f["message"], "      ")
    if f["suppression"] and f["suppression"]["kind"] == "waiver":  # who accepted it, why, until
        out.wrapped(f"{f['suppressed'][:1].upper()}{f['suppressed'][1:]}.", "      ")


def _also(out: _Out, a: dict[str, Any]) -> None:
    """The other findings of an action: line:column and their own part, one per line."""
    if not a["also"]:
        return
    out.wrapped(a["also_title"], "      ")
    for m in a["also"]:
        mark = f"  [{m['mark']}]" if m["mark"] else ""
        sev = f"{m['label']}: " if m["other_severity"] else ""
        out.lines.extend(wrapping.wrap(f"- {m['line_col']}  {sev}{m['text']}{mark}",
                                       initial_indent="      ", subsequent_indent="        "))


def _question(out: _Out, q: dict[str, Any]) -> None:
    """A missing fact once: where it belongs, then what each rule waiting for it asks."""
    mark = f"  [{q['suppressed']}]" if q["suppressed"] else ""
    path = q["path"] or _("(the whole file)")
    out.wrapped(f"{path}  {q['where']}{mark}", "    ")
    for m in q["asks"]:
        sub = f"{m['sub_path']}: " if m["sub_path"] else ""
        out.lines.extend(wrapping.wrap(f"{m['rule_id']:<9} {sub}{m['text']}",
                                       initial_indent="      ",
                                       subsequent_indent=" " * 16))


def _blockers(blockers: list[dict[str, Any]]) -> str:
    """Failing rules by id; rules waiting for one missing fact together, the fact named once."""
    failed = [b["id"] for b in blockers if b["status"] != "needs-evidence"]
    waiting: dict[str, list[str]] = {}
    for b in blockers:
        if b["status"] == "needs-evidence":
            waiting.setdefault(b["fact"], []).append(b["id"])
    parts = [", ".join(failed)] if failed else []
    parts += [", ".join(ids) + (" (" + _("needs evidence: %(fact)s") % {"fact": fact} + ")"
                                if fact else " (" + _("needs evidence") + ")")
              for fact, ids in waiting.items()]
    return "; ".join(parts)


def _counts(c: dict[str, int]) -> str:
    parts = [labels.severity_count(k, c[k]) for k in SEVERITIES]
    return ", ".join(parts) + "; " + formats.count(c["info"], "%(n)s note", "%(n)s notes") + \
        "; " + formats.count(c["needs-evidence"], "%(n)s fact missing", "%(n)s facts missing")


def _problems(out: _Out, view: dict[str, Any]) -> None:
    """Files that could not be audited, then warnings and notes about how values were read."""
    if view["errors"]:
        n = len(view["failed_files"])
        out.add(out.paint(ngettext("Could not be audited (%(n)s file): fix these and run again",
                                   "Could not be audited (%(n)s files): fix these and run again",
                                   n) % {"n": n}, "critical"))
        for e in view["errors"]:
            error = f"{labels.level('error'):<8}"
            out.add(f"  {out.paint(error, 'critical')} {e['where']}")
            out.wrapped(e["message"], "      ")
            if e["hint"]:
                out.wrapped(_("hint: %(hint)s") % {"hint": e["hint"]}, "      ")
        out.add()
    if view["warnings"]:
        w, n = view["warning_count"], view["note_count"]
        out.add(out.paint(_("Warnings (%(w)s) and notes (%(n)s)") % {"w": w, "n": n}, "bold"))
        for x in view["warnings"]:
            label = f"{labels.level(x['level']):<8}"
            out.add(f"  {out.paint(label, 'medium' if x['level'] == 'warning' else 'dim')} "
                    f"{x['where']}")
            out.wrapped(x["message"], "      ")
            if x["hint"]:
                out.wrapped(x["hint"], "      ")
        out.add()


def _category_score(c: dict[str, Any]) -> str:
    """A category's score; `n/a` when no rule of it applies, `not described` when none could be
    judged."""
    return str(c["score"]) if c["score"] is not None else \
        _("not described") if c["applicable"] else _("n/a")


TOP_QUESTIONS = 5  # missing facts the text report shows unless asked for all


def _score_lines(out: _Out, u: dict[str, Any]) -> None:
    """The score over the rules that could be judged, and how much of the unit is described."""
    if u["score"] is not None:
        out.wrapped(ngettext("Score %(score)s/100 (%(passed)s of %(judged)s judged rule passed)",
                             "Score %(score)s/100 (%(passed)s of %(judged)s judged rules passed)",
                             u["judged"])
                    % {"score": u["score"], "passed": u["passed"], "judged": u["judged"]}, "  ")
    elif u["applicable"]:
        out.wrapped(_("Score n/a (no rule could be judged yet: describe the facts below)"), "  ")
    else:
        out.wrapped(_("Score n/a (no rule applies)"), "  ")
    if u["applicable"]:
        out.wrapped(ngettext("Described %(share)s (the facts %(judged)s of %(applicable)s "
                             "applicable rule needs are given)",
                             "Described %(share)s (the facts %(judged)s of %(applicable)s "
                             "applicable rules need are given)", u["applicable"])
                    % {"share": formats.percent(u["described"]), "judged": u["judged"],
                       "applicable": u["applicable"]}, "  ")


def _questions(out: _Out, questions: list[dict[str, Any]], show_all: bool) -> None:
    """Missing facts as the next questions to answer, the ones that change the audit most first."""
    shown = questions if show_all else questions[:TOP_QUESTIONS]
    rest, n = len(questions) - len(shown), len(questions)
    head = ngettext("Next questions to answer: the %(shown)s of %(n)s missing facts that "
                    "change the audit most",
                    "Next questions to answer: the %(shown)s of %(n)s missing facts that "
                    "change the audit most", n) if rest else \
        ngettext("Next questions to answer (%(n)s missing facts, the most telling first)",
                 "Next questions to answer (%(n)s missing facts, the most telling first)", n)
    out.bold(head % {"shown": len(shown), "n": n}, "  ")
    for q in shown:
        _question(out, q)
    if rest:
        out.wrapped(ngettext("... and %(n)s more: --show-missing lists them, `cxaudit init "
                             "--continue FILE` asks them",
                             "... and %(n)s more: --show-missing lists them, `cxaudit init "
                             "--continue FILE` asks them", rest) % {"n": rest}, "    ")


def render(result: AuditResult, color: bool = False, show_missing: bool = False,
           progress: dict[str, Any] | None = None, width: int | None = wrapping.DEFAULT,
           quiet: bool = False, statistics: bool = False) -> str:
    """The whole audit as terminal text (`show_missing`: every missing fact, not the top five;
    `progress`: the block of a history database, when there is one; `width`: wrap at this many
    columns, None never; `quiet`: each unit's summary and failing actions only; `statistics`:
    add a count of findings per rule)."""
    with wrapping.width(width):
        view = clean_tree(audit_view(result))
        out = _Out(color)
        for u in view["units"]:
            (_quiet_unit if quiet else _unit)(out, u, show_missing)
        folio = portfolio_view(result) if not quiet else None
        if folio is not None:
            out.lines.extend(portfolio_lines(clean_tree(folio), lambda t: out.paint(t, "bold")))
        if progress is not None and not quiet:
            from cxaudit.report.progress_text import progress_lines

            out.lines.extend(progress_lines(progress, lambda t: out.paint(t, "bold")))
        if statistics:
            from cxaudit.report.rulecounts import statistics_lines

            out.lines.extend(statistics_lines(result, lambda t: out.paint(t, "bold")))
            out.add()
        if quiet:
            view["warnings"] = []  # they went to stderr already; errors stay
        _problems(out, view)
        if not quiet:
            out.lines.extend(out.paint(line, "dim") for line in wrapping.wrap(
                _("Order: %(formula)s") % {"formula": view["formula"]}))
        out.lines.extend(wrapping.wrap(_summary(view)) or [""])
    return guard("\n".join(out.lines) + "\n")


def _head(out: _Out, u: dict[str, Any]) -> None:
    """A unit's name, score, counts and maturity stage."""
    out.bold(f"{u['file']}  {u['name']}", "")
    _score_lines(out, u)
    out.wrapped(_counts(u["counts"]), "  ")
    m = u["maturity"]
    stage = "  " + _("Maturity: stage %(level)s of %(of)s, %(stage)s") % {
        "level": m["level"], "of": m["of"], "stage": m["stage"]}
    if m["next"]:
        stage += "; " + _("to reach %(next)s:") % {"next": m["next"]} + " " + \
            _blockers(m["blockers"])
    out.wrapped(stage.strip(), "  ")


def _quiet_unit(out: _Out, u: dict[str, Any], show_missing: bool) -> None:
    """The summary and the actions at or above the fail level, nothing else."""
    _head(out, u)
    failing = [(n, a) for n, a in enumerate(u["actions"], 1)
               if a["fails_run"] and not a["suppression"]]
    if failing:
        out.add(out.paint("  " + ngettext("%(n)s action at or above the fail level",
                                          "%(n)s actions at or above the fail level",
                                          len(failing)) % {"n": len(failing)}, "bold"))
    for n, a in failing:
        _finding(out, f"{n:>2}. ", a)
        _also(out, a)
    out.add()


def _unit(out: _Out, u: dict[str, Any], show_missing: bool) -> None:
    """One unit in full: summary, the plan in its groups, notes, missing facts, categories."""
    _head(out, u)
    if u["top"]:
        out.add(out.paint("  " + _("Next three things to do"), "bold"))
        for i, a in enumerate(u["top"], 1):
            out.wrapped(f"{i}. {a['rule_id']} {a['title']}", "    ")
    n = 0
    for group in u["groups"]:
        if not group["actions"]:
            continue
        out.add()
        out.add(out.paint(f"  {group['title']} ({len(group['actions'])})", "bold"))
        for a in group["actions"]:
            n += 1
            _finding(out, f"{n:>2}. ", a)
            _also(out, a)
    if u["notes"]:
        out.add()
        out.add(out.paint("  " + _("Notes (%(n)s)") % {"n": len(u["notes"])}, "bold"))
        for f in u["notes"]:
            _finding(out, "    ", f)
            _also(out, f)
    if u["questions"]:
        out.add()
        _questions(out, u["questions"], show_missing)
    out.add()
    out.wrapped(_("Scores by category:") + " " + ", ".join(
        f"{labels.category(c['name'])} {_category_score(c)}" for c in u["categories"]), "  ")
    out.add()


def _summary(view: dict[str, Any]) -> str:
    """The closing line: what fails the run, what is kept aside, the exit code."""
    units = len(view["units"])
    n, found = view["total_failing"], view["total_failing_findings"]
    if view["fail_on"] != "none":
        verdict = ngettext("%(n)s action(s) at or above '%(level)s'",
                           "%(n)s action(s) at or above '%(level)s'", n) % {
            "n": n, "level": labels.severity(view["fail_on"])}
        if found != n:
            verdict += " (" + ngettext("%(n)s findings", "%(n)s findings", found) % {
                "n": found} + ")"
        verdict += " " + ngettext("in %(failing)s of %(n)s unit(s)",
                                  "in %(failing)s of %(n)s unit(s)", units) % {
            "failing": view["failing_units"], "n": units}
    else:
        verdict = _("fail level 'none': findings never fail the run")
    kept = [f"{view[k]} {labels.suppression(kind)}"
            for k, kind in (("waived", "waiver"), ("baselined", "baseline")) if view[k]]
    if view["expired_waivers"]:
        kept.append(ngettext("%(n)s expired waiver(s) fail the run",
                             "%(n)s expired waiver(s) fail the run",
                             view["expired_waivers"]) % {"n": view["expired_waivers"]})
    if kept:
        verdict += " (" + ", ".join(kept) + ")"
    failed = len(view["failed_files"])
    if failed:
        verdict += "; " + ngettext("%(n)s file(s) could not be audited",
                                   "%(n)s file(s) could not be audited", failed) % {"n": failed}
    if view["warning_count"]:
        verdict += "; " + ngettext("%(n)s warning(s)", "%(n)s warning(s)",
                                   view["warning_count"]) % {"n": view["warning_count"]}
    return ngettext("%(n)s unit(s) audited with %(rules)s rules: %(verdict)s; exit code "
                    "%(code)s.", "%(n)s unit(s) audited with %(rules)s rules: %(verdict)s; "
                    "exit code %(code)s.", units) % {
        "n": units, "rules": view["rule_count"], "verdict": verdict, "code": view["exit_code"]}
