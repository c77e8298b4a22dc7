"""Terminal output: score, the plan in three groups, missing evidence; colour only on a TTY.

Every value from the user's files and rule packs is shown with its control characters escaped
(cxaudit.terminal), so a unit name cannot move the cursor or start a CI workflow command.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cxaudit.model.classes import SEVERITIES
from cxaudit.report.portfolio import portfolio_view
from cxaudit.report.portfolio_text import portfolio_lines
from cxaudit.report.view import audit_view
from cxaudit.result import AuditResult
from cxaudit.terminal import clean_tree, guard

_COLORS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m",
           "info": "\033[2m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"
_WIDTH = 100


class _Out:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if self.color and style in _COLORS else text

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def wrapped(self, text: str, indent: str) -> None:
        self.lines.extend(textwrap.wrap(text, _WIDTH, initial_indent=indent,
                                        subsequent_indent=indent) or [indent])


def _finding(out: _Out, number: str, f: dict[str, Any]) -> None:
    sev = out.paint(f"{f['severity']:<8}", f["severity"])
    out.add(f"  {number}{f['rule_id']:<9} {sev} {f['where']}"
            + (f"  [{f['suppressed'].split(' ')[0]}]" if f["suppressed"] else ""))
    out.wrapped(f["message"], "      ")
    if f["suppressed"].startswith("waived"):  # say who accepted it, why and until when
        out.wrapped(f"W{f['suppressed'][1:]}.", "      ")


def _also(out: _Out, a: dict[str, Any]) -> None:
    """The other findings of an action: line:column and their own part, one per line."""
    if not a["also"]:
        return
    out.wrapped(a["also_title"], "      ")
    for m in a["also"]:
        mark = f"  [{m['suppressed'].split(' ')[0]}]" if m["suppressed"] else ""
        sev = f"{m['label']}: " if m["other_severity"] else ""
        out.lines.extend(textwrap.wrap(f"- {m['line_col']}  {sev}{m['text']}{mark}", _WIDTH,
                                       initial_indent="      ", subsequent_indent="        "))


def _question(out: _Out, q: dict[str, Any]) -> None:
    """A missing fact once: where it belongs, then what each rule waiting for it asks."""
    mark = f"  [{q['suppressed']}]" if q["suppressed"] else ""
    out.add(f"    {q['path'] or '(the whole file)'}  {q['where']}{mark}")
    for m in q["asks"]:
        sub = f"{m['sub_path']}: " if m["sub_path"] else ""
        out.lines.extend(textwrap.wrap(f"{m['rule_id']:<9} {sub}{m['text']}", _WIDTH,
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
    parts += [", ".join(ids) + (f" (needs evidence: {fact})" if fact else " (needs evidence)")
              for fact, ids in waiting.items()]
    return "; ".join(parts)


def _counts(c: dict[str, int]) -> str:
    parts = [f"{c[k]} {k}" for k in SEVERITIES]
    return ", ".join(parts) + f"; {c['info']} notes; {c['needs-evidence']} facts missing"


def _problems(out: _Out, view: dict[str, Any]) -> None:
    """Files that could not be audited, then warnings and notes about how values were read."""
    if view["errors"]:
        n = len(view["failed_files"])
        out.add(out.paint(f"Could not be audited ({n} file{'s' if n != 1 else ''}): fix these "
                          "and run again", "critical"))
        for e in view["errors"]:
            out.add(f"  {out.paint('error   ', 'critical')} {e['where']}")
            out.wrapped(e["message"], "      ")
            if e["hint"]:
                out.wrapped(f"hint: {e['hint']}", "      ")
        out.add()
    if view["warnings"]:
        w, n = view["warning_count"], view["note_count"]
        out.add(out.paint(f"Warnings ({w}) and notes ({n})",
                          "bold"))
        for x in view["warnings"]:
            label = f"{x['level']:<8}"
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
        "not described" if c["applicable"] else "n/a"


TOP_QUESTIONS = 5  # missing facts the text report shows unless asked for all


def _score_lines(out: _Out, u: dict[str, Any]) -> None:
    """The score over the rules that could be judged, and how much of the unit is described."""
    if u["score"] is not None:
        out.add(f"  Score {u['score']}/100 ({u['passed']} of {u['judged']} judged rules passed)")
    elif u["applicable"]:
        out.add("  Score n/a (no rule could be judged yet: describe the facts below)")
    else:
        out.add("  Score n/a (no rule applies)")
    if u["applicable"]:
        out.add(f"  Described {u['described']} % (the facts {u['judged']} of {u['applicable']} "
                "applicable rules need are given)")


def _questions(out: _Out, questions: list[dict[str, Any]], show_all: bool) -> None:
    """Missing facts as the next questions to answer, the ones that change the audit most first."""
    shown = questions if show_all else questions[:TOP_QUESTIONS]
    rest = len(questions) - len(shown)
    head = (f"  Next questions to answer: the {len(shown)} of {len(questions)} missing facts that "
            "change the audit most") if rest else \
        f"  Next questions to answer ({len(questions)} missing facts, the most telling first)"
    out.add(out.paint(head, "bold"))
    for q in shown:
        _question(out, q)
    if rest:
        out.wrapped(f"... and {rest} more: --show-missing lists them, `cxaudit init --continue "
                    "FILE` asks them", "    ")


def render(result: AuditResult, color: bool = False, show_missing: bool = False,
           progress: dict[str, Any] | None = None) -> str:
    """The whole audit as terminal text (`show_missing`: every missing fact, not the top five;
    `progress`: the block of a history database, when there is one)."""
    view = clean_tree(audit_view(result))
    out = _Out(color)
    for u in view["units"]:
        out.add(out.paint(f"{u['file']}  {u['name']}", "bold"))
        _score_lines(out, u)
        out.wrapped(_counts(u["counts"]), "  ")
        m = u["maturity"]
        stage = f"  Maturity: stage {m['level']} of {m['of']}, {m['stage']}"
        if m["next"]:
            stage += f"; to reach {m['next']}: " + _blockers(m["blockers"])
        out.wrapped(stage.strip(), "  ")
        if u["top"]:
            out.add(out.paint("  Next three things to do", "bold"))
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
            out.add(out.paint(f"  Notes ({len(u['notes'])})", "bold"))
            for f in u["notes"]:
                _finding(out, "    ", f)
                _also(out, f)
        if u["questions"]:
            out.add()
            _questions(out, u["questions"], show_missing)
        out.add()
        out.wrapped("Scores by category: " + ", ".join(
            f"{c['name']} {_category_score(c)}" for c in u["categories"]), "  ")
        out.add()
    folio = portfolio_view(result)
    if folio is not None:
        out.lines.extend(portfolio_lines(clean_tree(folio), lambda t: out.paint(t, "bold")))
    if progress is not None:
        from cxaudit.report.progress_text import progress_lines

        out.lines.extend(progress_lines(progress, lambda t: out.paint(t, "bold")))
    _problems(out, view)
    out.add(out.paint("Order: " + view["formula"], "dim"))
    units = len(view["units"])
    n, found = view["total_failing"], view["total_failing_findings"]
    verdict = (f"{n} action(s) at or above '{view['fail_on']}'"
               + (f" ({found} findings)" if found != n else "")
               + f" in {view['failing_units']} of {units} unit(s)" if view["fail_on"] != "none"
               else "fail level 'none': findings never fail the run")
    kept = [f"{view[k]} {k}" for k in ("waived", "baselined") if view[k]]
    if view["expired_waivers"]:
        kept.append(f"{view['expired_waivers']} expired waiver(s) fail the run")
    if kept:
        verdict += " (" + ", ".join(kept) + ")"
    failed = len(view["failed_files"])
    if failed:
        verdict += f"; {failed} file(s) could not be audited"
    if view["warning_count"]:
        verdict += f"; {view['warning_count']} warning(s)"
    out.add(f"{units} unit(s) audited with {view['rule_count']} rules: {verdict}; "
            f"exit code {view['exit_code']}.")
    return guard("\n".join(out.lines) + "\n")
