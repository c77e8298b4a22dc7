"""Terminal output: score, the plan in three groups, missing evidence; colour only on a TTY.

Every value from the user's files and rule packs is shown with its control characters escaped
(cxaudit.terminal), so a unit name cannot move the cursor or start a CI workflow command.
"""

from __future__ import annotations

import textwrap
from typing import Any

from cxaudit.api import AuditResult
from cxaudit.report.view import audit_view
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


def _counts(c: dict[str, int]) -> str:
    parts = [f"{c[k]} {k}" for k in ("critical", "high", "medium", "low")]
    return ", ".join(parts) + f"; {c['info']} notes; {c['needs-evidence']} facts missing"


def render(result: AuditResult, color: bool = False) -> str:
    """The whole audit as terminal text."""
    view = clean_tree(audit_view(result))
    out = _Out(color)
    for u in view["units"]:
        score = "n/a" if u["score"] is None else f"{u['score']}/100"
        out.add(out.paint(f"{u['file']}  {u['name']}", "bold"))
        out.add(f"  Score {score} ({u['passed']} of {u['applicable']} applicable rules passed)")
        out.wrapped(_counts(u["counts"]), "  ")
        m = u["maturity"]
        stage = f"  Maturity: stage {m['level']} of {m['of']}, {m['stage']}"
        if m["next"]:
            stage += f"; to reach {m['next']}: " + ", ".join(
                b["id"] + (" (needs evidence)" if b["status"] == "needs-evidence" else "")
                for b in m["blockers"])
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
        if u["notes"]:
            out.add()
            out.add(out.paint(f"  Notes ({len(u['notes'])})", "bold"))
            for f in u["notes"]:
                _finding(out, "    ", f)
        if u["needs_evidence"]:
            out.add()
            out.add(out.paint(f"  Needs evidence ({len(u['needs_evidence'])}): facts the file "
                              "does not give; describe them to complete the audit", "bold"))
            for f in u["needs_evidence"]:
                _finding(out, "    ", f)
        out.add()
        out.wrapped("Scores by category: " + ", ".join(
            f"{c['name']} {'n/a' if c['score'] is None else c['score']}"
            for c in u["categories"]), "  ")
        out.add()
    out.add(out.paint("Order: " + view["formula"], "dim"))
    units = len(view["units"])
    verdict = (f"{view['total_failing']} finding(s) at or above '{view['fail_on']}' in "
               f"{view['failing_units']} of {units} unit(s)" if view["fail_on"] != "none"
               else "fail level 'none': findings never fail the run")
    kept = [f"{view[k]} {k}" for k in ("waived", "baselined") if view[k]]
    if view["expired_waivers"]:
        kept.append(f"{view['expired_waivers']} expired waiver(s) fail the run")
    if kept:
        verdict += " (" + ", ".join(kept) + ")"
    out.add(f"{units} unit(s) audited with {view['rule_count']} rules: {verdict}; "
            f"exit code {view['exit_code']}.")
    return guard("\n".join(out.lines) + "\n")
