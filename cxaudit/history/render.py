"""The history and progress as terminal text (sentences from `messages`).

Used by `cxaudit history`, `cxaudit progress` and the text report's progress block. Values
from the user's files are cleaned (cxaudit.terminal) so they stay on their line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from cxaudit.diff.fields import METRIC_LABEL
from cxaudit.diff.show import fmt_hours
from cxaudit.history.importer import source_name
from cxaudit.history.messages import MESSAGES as M
from cxaudit.history.store import AuditRow, RunRow
from cxaudit.terminal import clean, clean_tree, guard

WIDTH = 100


def _dash(value: Any) -> str:
    return M["none"] if value is None else clean(value)


def _source(source: str) -> str:
    name = source_name(source)
    return M["source_check"] if name == source else M["source_import"].format(file=clean(name))


def runs_text(db: str, runs: list[RunRow], units: int) -> str:
    """`cxaudit history`: every run, newest first."""
    lines = [M["runs_title"].format(db=clean(db), runs=len(runs), units=units), M["runs_head"]]
    for r in runs:
        when = r.recorded_at.replace("T", " ")[:19].removesuffix("+00:00")
        as_of = r.as_of or M["as_of_each"]
        lines.append(f"{r.id:>3}  {when:<19}  {as_of:<10}  {r.units:>5}  "
                     f"{clean(r.tool_version):<6}  {_source(r.source)}")
    return guard("\n".join(lines) + "\n")


def unit_text(rows: list[AuditRow]) -> str:
    """`cxaudit history UNIT`: every audit of one unit, oldest first."""
    last = rows[-1]
    lines = [M["unit_title"].format(key=clean(last.unit), name=clean(last.name))]
    if last.keyed_by == "file":
        lines.append(M["unit_keyed_by_file"])
    lines.append(M["unit_head"])
    for a in rows:
        stage = f"{a.level} {a.stage}"[:16]
        failing = sum(a.counts.get(s, 0) for s in ("critical", "high", "medium", "low"))
        lines.append(f"{a.run:>3}  {_dash(a.as_of):<10}  {_dash(a.score):>5}  {stage:<16}  "
                     f"{failing:>7}  {a.open:>8}  {a.counts.get('needs-evidence', 0):>7}  "
                     f"{clean(a.file)}")
    return guard("\n".join(lines) + "\n")


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def _findings(out: list[str], key: str, items: list[dict[str, Any]],
              messages: bool = False) -> None:
    if not items:
        return
    out.append(M[key].format(n=len(items)))
    for f in items:
        out.extend(_wrap(M["progress_finding"].format(**f).strip(), "    "))
        if messages:
            out.extend(_wrap(f["message"], "      "))


def _open(out: list[str], items: list[dict[str, Any]]) -> None:
    """Still-open findings by rule, with how many places each: they did not change."""
    if not items:
        return
    per_rule: dict[str, int] = {}
    for f in items:
        per_rule[f["rule_id"]] = per_rule.get(f["rule_id"], 0) + 1
    rules = ", ".join(r if n == 1 else f"{r} x{n}" for r, n in per_rule.items())
    out.extend(_wrap(M["progress_open"].format(n=len(items)).strip() + " " + rules, "  "))


def _unit(u: dict[str, Any]) -> list[str]:
    out = [M["progress_unit"].format(key=u["unit"], name=u["name"])]
    now, then = u["now"], u["then"]
    if then is None:
        out.extend(_wrap(M["progress_first"].format(
            as_of=_dash(now["as_of"]), score=_dash(now["score"]), level=now["maturity"]["level"],
            stage=now["maturity"]["stage"]).strip(), "  "))
        return out
    change = u["score_change"]
    out.extend(_wrap(M["progress_score"].format(
        then=_dash(then["score"]), now=_dash(now["score"]),
        delta=M["none"] if change is None else f"{change:+d}", since=_dash(then["as_of"]),
        run=then["run"], as_of=_dash(now["as_of"]), then_level=then["maturity"]["level"],
        then_stage=then["maturity"]["stage"], level=now["maturity"]["level"],
        stage=now["maturity"]["stage"]).strip(), "  "))
    _findings(out, "progress_fixed", u["fixed"])
    _findings(out, "progress_new", u["new"], messages=True)
    _open(out, u["open"])
    _findings(out, "progress_unjudged", u["unjudged"])
    if u["regressed"]:
        out.append(M["progress_regressed"].format(n=len(u["regressed"])))
        for r in u["regressed"]:
            fired = M["progress_fired"].format(rules=", ".join(r["fired"])) if r["fired"] else ""
            key = "progress_value" if r["now"] is not None else "progress_value_gone"
            out.extend(_wrap(M[key].format(label=r["label"], key=r["key"], then=r["then"],
                                           now=r["now"], fired=fired).strip(), "    "))
    if u["longer_waits"]:
        out.append(M["progress_waits"].format(n=len(u["longer_waits"])))
        for w in u["longer_waits"]:
            out.extend(_wrap(M["progress_wait"].format(
                metric=METRIC_LABEL.get(w["metric"], w["metric"]), priority=w["priority"],
                channel=w["channel"], then=fmt_hours(w["then_hours"]),
                now=fmt_hours(w["now_hours"]), target=w["target_now"]).strip(), "    "))
    if not any(u[k] for k in ("fixed", "new", "open", "unjudged", "regressed", "longer_waits")):
        out.append(M["progress_nothing"])
    if not u["values_compared"]:
        out.append(M["progress_imported"])
    return out


def progress_lines(block: dict[str, Any], bold: Callable[[str], str]) -> list[str]:
    """The progress of every unit, as lines (values cleaned)."""
    block = clean_tree(block)
    units = block["units"]
    if block["since_run"] is not None:
        since = M["since_run"].format(run=block["since_run"])
    else:
        since = block["since"]
    title = (M["progress_title"].format(since=since, units=len(units)) if since else
             M["progress_title_first"].format(units=len(units)))
    out = [bold(title)]
    for u in units:
        out.extend(_unit(u))
    out.append("")
    return out


def progress_text(block: dict[str, Any]) -> str:
    """`cxaudit progress` as text."""
    return guard("\n".join(progress_lines(block, lambda t: t)))


__all__ = ["progress_lines", "progress_text", "runs_text", "unit_text"]
