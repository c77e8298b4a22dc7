"""The portfolio: every unit of a run side by side, when a run has two or more units.

One plain view-model that the text, Markdown, HTML and JSON reports all read:

- `units`: one row per unit in portfolio order (grouped by folder), with its score (over the
  rules that could be judged, None when none could), its described share, stage, counts and
  the score of every category (the units x categories matrix);
- `groups`: the folders the units came from (region / brand / store), when there is more than
  one, each with its units and their lowest, mean and highest score;
- `best_worst`: per category the best and the worst units (ties listed together);
- `outcomes`: the rules x units matrix (the failing severity, pass, needs evidence, not
  applicable), one row per rule that does not simply pass or not apply everywhere;
- `shared`: the findings several units share (the same rule at the same place), ranked by how
  many units they touch: fixing them once, centrally, fixes every unit.

Everything is computed from the result model and sorted here, so the same run gives the same
view; the templates and renderers only place values.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from cxaudit.engine.outcomes import OUTCOMES, SEVERITIES, outcome
from cxaudit.i18n import _
from cxaudit.model.findings import Kind, Severity
from cxaudit.report import labels
from cxaudit.result import AuditResult, UnitReport

# One character per outcome for the text and Markdown matrices; the legend explains them.
# (labels.outcome_codes gives them in the run's language: C H M L in English)
CODES = {"critical": "C", "high": "H", "medium": "M", "low": "L", "pass": "+",
         "needs-evidence": "?", "not-applicable": "-"}
MATRIX_BLOCK = 50  # units per block of the text and Markdown matrices
TOP_LEVEL = ""  # the group of units that sit directly in the folder the others are under


def unit_groups(files: Sequence[str]) -> list[str]:
    """The folder of each file relative to the folder all of them share ("" for that folder).

    Every unit in one folder: no groups at all (all ""). `-` (standard input) is top level.
    """
    dirs = [posixpath.normpath(posixpath.dirname(f.replace("\\", "/")) or ".")
            if f not in ("-", "<stdin>") else "." for f in files]
    if len(set(dirs)) < 2:
        return [TOP_LEVEL] * len(files)
    try:
        root = posixpath.commonpath(dirs) or "."
    except ValueError:  # absolute and relative paths mixed: name each folder in full
        return dirs
    return [TOP_LEVEL if d == root else posixpath.relpath(d, root) for d in dirs]


def abbreviation(category: str, taken: set[str]) -> str:
    """A short column name for a category: the usual three letters (in the run's language),
    else a unique prefix."""
    short = labels.category_short(category) or category[:4]
    n = len(short)
    while short in taken and n < len(category):
        n += 1
        short = category[:n]
    taken.add(short)
    return short


def _rows(result: AuditResult, groups: list[str], categories: list[str]) -> list[dict[str, Any]]:
    order = sorted(range(len(result.units)), key=lambda i: (groups[i], i))
    rows = []
    for number, i in enumerate(order, 1):
        u = result.units[i]
        scores = {c: s.value for c, s in u.categories.items()}
        rows.append({
            "number": number, "index": i, "file": u.file, "name": u.name, "group": groups[i],
            "score": u.score.value, "passed": u.score.passed, "judged": u.score.judged,
            "applicable": u.score.applicable, "described": u.score.described,
            "level": u.maturity.level, "stage": _(u.maturity.stage), "counts": u.counts(),
            "failing": len(result.failing(u)),
            "categories": [scores.get(c) for c in categories]})
    return rows


def _group_views(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The folders with their units and score range; none when every unit is in one folder."""
    names = list(dict.fromkeys(r["group"] for r in rows))
    if names == [TOP_LEVEL]:
        return []
    out = []
    for name in names:
        members = [r for r in rows if r["group"] == name]
        scores = [r["score"] for r in members if r["score"] is not None]
        out.append({"name": name, "top_level": name == TOP_LEVEL,
                    "units": [r["number"] for r in members], "files": [r["file"] for r in members],
                    "count": len(members), "failing_units": sum(1 for r in members if r["failing"]),
                    "lowest": min(scores) if scores else None,
                    "mean": round(sum(scores) / len(scores)) if scores else None,
                    "highest": max(scores) if scores else None})
    return out


def _ranked(rows: list[dict[str, Any]], j: int, score: int | None) -> list[dict[str, Any]]:
    return [{"number": r["number"], "name": r["name"], "file": r["file"]}
            for r in rows if r["categories"][j] == score]


def _best_worst(rows: list[dict[str, Any]], categories: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for j, c in enumerate(categories):
        scores = [r["categories"][j] for r in rows if r["categories"][j] is not None]
        if not scores:
            out.append({"category": c, "best": None, "worst": None, "units": 0, "same": False})
            continue
        hi, lo = max(scores), min(scores)
        out.append({"category": c, "units": len(scores), "same": hi == lo,
                    "best": {"score": hi, "units": _ranked(rows, j, hi)},
                    "worst": {"score": lo, "units": _ranked(rows, j, lo)}})
    return out


def _outcomes(result: AuditResult, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The rules x units matrix; rules that pass or do not apply in every unit are counted."""
    units = [result.units[r["index"]] for r in rows]
    by_rule = [{res.rule_id: outcome(res) for res in u.results} for u in units]
    lines, quiet = [], 0
    codes = labels.outcome_codes()
    for rule_id, rule in sorted(result.rules.items(),
                                key=lambda kv: (kv[1].category, kv[0])):
        cells = [m.get(rule_id, "not-applicable") for m in by_rule]
        if all(c in ("pass", "not-applicable") for c in cells):
            quiet += 1
            continue
        counts = {o: cells.count(o) for o in OUTCOMES}
        lines.append({"rule_id": rule_id, "title": rule.title, "category": rule.category,
                      "cells": cells, "codes": "".join(codes[c] for c in cells),
                      "counts": counts,
                      "failing": sum(counts[s] for s in SEVERITIES)})
    return {"rules": lines, "quiet": quiet, "legend": codes}


def _shared(result: AuditResult, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings of the same rule at the same place in two or more units, most units first."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        u: UnitReport = result.units[r["index"]]
        # one entry per unit, shared by every finding that names it (only read afterwards)
        named = {"number": r["number"], "name": r["name"], "file": r["file"]}
        for f in u.findings:
            if f.kind is not Kind.VIOLATION or f.severity is Severity.INFO:
                continue
            where = f.location.anchor or f.location.path
            entry = seen.setdefault((f.rule_id, where), {
                "rule_id": f.rule_id, "title": result.rules[f.rule_id].title,
                "category": result.rules[f.rule_id].category, "path": where,
                "severity": f.severity.value, "units": []})
            if Severity(entry["severity"]).rank < f.severity.rank:
                entry["severity"] = f.severity.value
            if not entry["units"] or entry["units"][-1]["number"] != r["number"]:
                entry["units"].append(named)
    shared = [e for e in seen.values() if len(e["units"]) > 1]
    for e in shared:
        e["count"] = len(e["units"])
    shared.sort(key=lambda e: (-e["count"], -Severity(e["severity"]).rank, e["rule_id"],
                               e["path"]))
    return shared


def portfolio_view(result: AuditResult) -> dict[str, Any] | None:
    """The portfolio of a run with two or more units; None for a single unit."""
    if len(result.units) < 2:
        return None
    categories = list(dict.fromkeys(c for u in result.units for c in u.categories))
    groups = unit_groups([u.file for u in result.units])
    rows = _rows(result, groups, categories)
    taken: set[str] = set()
    return {
        "count": len(rows), "units": rows, "groups": _group_views(rows),
        "categories": [{"name": c, "short": abbreviation(c, taken)} for c in categories],
        "best_worst": _best_worst(rows, categories),
        "outcomes": _outcomes(result, rows),
        "shared": _shared(result, rows),
        "order": [r["index"] for r in rows],
    }


def _spaced(text: str) -> str:
    """Codes in groups of ten, so a column can be counted by eye."""
    return " ".join(text[i:i + 10] for i in range(0, len(text), 10))


def matrix_blocks(view: dict[str, Any], width: int = MATRIX_BLOCK) -> list[dict[str, Any]]:
    """The outcome matrix as character rows, `width` units per block (a terminal or a code
    block cannot scroll sideways). Each block has rulers over its columns: the number of the
    first unit of every ten (when there are more than ten), then each unit's last digit."""
    rules = view["outcomes"]["rules"]
    blocks = []
    for start in range(0, view["count"], width):
        end = min(start + width, view["count"])
        digits = _spaced("".join(str((n + 1) % 10) for n in range(start, end)))
        tens = "".join(str(n + 1).ljust(11) for n in range(start, end, 10)).rstrip()
        blocks.append({"first": start + 1, "last": end,
                       "rulers": [tens, digits] if view["count"] > 10 else [digits],
                       "rows": [{"rule_id": r["rule_id"], "codes": _spaced(r["codes"][start:end])}
                                for r in rules]})
    return blocks


def portfolio_json(result: AuditResult) -> dict[str, Any] | None:
    """The `portfolio` block of the JSON report (units named by file, as in `units[]`)."""
    view = portfolio_view(result)
    if view is None:
        return None
    names = [c["name"] for c in view["categories"]]

    def files(units: list[dict[str, Any]]) -> list[str]:
        return [u["file"] for u in units]

    return {
        "units": [{"file": r["file"], "name": r["name"], "group": r["group"],
                   "score": r["score"], "described": r["described"],
                   "failing_actions": r["failing"],
                   "categories": dict(zip(names, r["categories"], strict=True))} for r in view["units"]],
        "groups": [{"name": g["name"], "units": g["files"], "failing_units": g["failing_units"],
                    "lowest": g["lowest"], "mean": g["mean"], "highest": g["highest"]}
                   for g in view["groups"]],
        "categories": {b["category"]: None if b["best"] is None else {
            "units": b["units"],
            "best": {"score": b["best"]["score"], "units": files(b["best"]["units"])},
            "worst": {"score": b["worst"]["score"], "units": files(b["worst"]["units"])}}
            for b in view["best_worst"]},
        "outcomes": [{"rule_id": r["rule_id"], "category": r["category"],
                      "outcomes": r["cells"], "counts": r["counts"]}
                     for r in view["outcomes"]["rules"]],
        "rules_passed_everywhere": view["outcomes"]["quiet"],
        "shared": [{"rule_id": e["rule_id"], "title": e["title"], "category": e["category"],
                    "path": e["path"], "severity": e["severity"], "count": e["count"],
                    "units": files(e["units"])} for e in view["shared"]],
    }


__all__ = ["CODES", "OUTCOMES", "matrix_blocks", "outcome", "portfolio_json", "portfolio_view",
           "unit_groups"]
