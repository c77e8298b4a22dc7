"""`check --statistics`: how many findings each rule raised, across every unit of the run.

One line per rule that found something: the number of findings that are violations, the number
of units they are in, the facts the rule still waits for, the rule's severity, id and title.
Most findings first, then by rule id, so the same run prints the same table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxaudit.i18n import _
from cxaudit.model.findings import Kind
from cxaudit.report import labels, wrapping
from cxaudit.result import AuditResult
from cxaudit.terminal import clean


def counts(result: AuditResult) -> list[dict[str, Any]]:
    """Per rule: findings (violations) and their worst severity, units with one, missing facts;
    most findings first."""
    rows: dict[str, dict[str, Any]] = {}
    for unit in result.units:
        hit: set[str] = set()
        for f in unit.findings:
            row = rows.setdefault(f.rule_id, {"rule_id": f.rule_id, "findings": 0, "units": 0,
                                              "missing": 0, "severity": None})
            if f.kind is Kind.NEEDS_EVIDENCE:
                row["missing"] += 1
                continue
            row["findings"] += 1
            if row["severity"] is None or f.severity.rank > row["severity"].rank:
                row["severity"] = f.severity
            if f.rule_id not in hit:
                hit.add(f.rule_id)
                row["units"] += 1
    return sorted(rows.values(), key=lambda r: (-r["findings"], -r["missing"], r["rule_id"]))


def statistics_lines(result: AuditResult, bold: Callable[[str], str]) -> list[str]:
    """The table `--statistics` prints."""
    rows = counts(result)
    head = [_("Findings"), _("Units"), _("Missing"), _("Severity"), _("Rule")]
    widths = [max(len(head[0]), 5), max(len(head[1]), 5), max(len(head[2]), 5),
              max([len(head[3])] + [len(labels.severity(s)) for s in
                                    ("critical", "high", "medium", "low", "info",
                                     "needs-evidence")])]
    lines = [bold(_("Findings per rule (%(n)s rules)") % {"n": len(rows)}),
             f"  {head[0]:>{widths[0]}} {head[1]:>{widths[1]}} {head[2]:>{widths[2]}}  "
             f"{head[3]:<{widths[3]}}  {head[4]}"]
    indent = " " * (sum(widths) + 8)
    for r in rows:
        rule = result.rules[r["rule_id"]]
        severity = labels.severity(r["severity"].value if r["severity"] else "needs-evidence")
        lead = (f"  {r['findings']:>{widths[0]}} {r['units']:>{widths[1]}} "
                f"{r['missing']:>{widths[2]}}  {severity:<{widths[3]}}  ")
        lines.extend(wrapping.wrap(f"{r['rule_id']} {clean(rule.title)}", initial_indent=lead,
                                   subsequent_indent=indent))
    if not rows:
        lines.append("  " + _("No rule found anything."))
    return lines


__all__ = ["counts", "statistics_lines"]
