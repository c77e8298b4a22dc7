"""The progress block of a history as terminal text (sentences from `phrases.PROGRESS`).

Used by the text report's progress section and by `cxaudit progress`. The history computes the
block (`cxaudit.history.progress`); this only words it. Values from the user's files are
cleaned (cxaudit.terminal) so they stay on their line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from cxaudit.compare.fields import METRIC_LABEL
from cxaudit.compare.show import field_label, fmt_hours
from cxaudit.i18n import ENGLISH, _, current, formats
from cxaudit.report import labels
from cxaudit.report.phrases import PROGRESS as M
from cxaudit.terminal import clean, clean_tree, guard

WIDTH = 100


def _dash(value: Any) -> str:
    return M["none"] if value is None else clean(value)


def _score(value: int | None) -> str:
    """A score as the report shows it; n/a when no rule could be judged."""
    return M["no_score"] if value is None else str(value)


def _share(value: int | None) -> str:
    """A described share as the report shows it; `-` when the audit did not record one."""
    if value is None:
        return M["none"]
    return M["share"].format(value=value) if current() == ENGLISH else formats.percent(value)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def _findings(out: list[str], key: str, items: list[dict[str, Any]],
              messages: bool = False) -> None:
    if not items:
        return
    out.append(M[key].format(n=len(items)))
    for f in items:
        shown = {**f, "severity": labels.severity(f["severity"])}
        out.extend(_wrap(M["progress_finding"].format(**shown).strip(), "    "))
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
            as_of=_dash(now["as_of"]), score=_score(now["score"]),
            described=_share(now["described"]), level=now["maturity"]["level"],
            stage=_(now["maturity"]["stage"])).strip(), "  "))
        return out
    change = u["score_change"]
    out.extend(_wrap(M["progress_score"].format(
        then=_score(then["score"]), now=_score(now["score"]),
        delta=M["none"] if change is None else f"{change:+d}", since=_dash(then["as_of"]),
        run=then["run"], as_of=_dash(now["as_of"]), then_level=then["maturity"]["level"],
        then_stage=_(then["maturity"]["stage"]), level=now["maturity"]["level"],
        stage=_(now["maturity"]["stage"])).strip(), "  "))
    out.extend(_wrap(M["progress_described"].format(
        then=_share(then["described"]), now=_share(now["described"])).strip(), "  "))
    _findings(out, "progress_fixed", u["fixed"])
    _findings(out, "progress_new", u["new"], messages=True)
    _open(out, u["open"])
    _findings(out, "progress_unjudged", u["unjudged"])
    if u["regressed"]:
        out.append(M["progress_regressed"].format(n=len(u["regressed"])))
        for r in u["regressed"]:
            fired = M["progress_fired"].format(rules=", ".join(r["fired"])) if r["fired"] else ""
            key = "progress_value" if r["now"] is not None else "progress_value_gone"
            out.extend(_wrap(M[key].format(label=field_label(r["label"]), key=r["key"], then=r["then"],
                                           now=r["now"], fired=fired).strip(), "    "))
    if u["longer_waits"]:
        out.append(M["progress_waits"].format(n=len(u["longer_waits"])))
        for w in u["longer_waits"]:
            out.extend(_wrap(M["progress_wait"].format(
                metric=_(METRIC_LABEL.get(w["metric"], w["metric"])), priority=w["priority"],
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
    title = (M.n("progress_title", len(units)).format(since=since, units=len(units)) if since
             else M.n("progress_title_first", len(units)).format(units=len(units)))
    out = [bold(title)]
    for u in units:
        out.extend(_unit(u))
    out.append("")
    return out


def progress_text(block: dict[str, Any]) -> str:
    """`cxaudit progress` as text."""
    return guard("\n".join(progress_lines(block, lambda t: t)))


__all__ = ["progress_lines", "progress_text"]
