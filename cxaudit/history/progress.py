"""What changed for a unit between two audits: fixed, new, still open, regressed, longer waits.

- Findings are the plan's findings (violations that are not notes), matched by fingerprint
  (rule + place); an imported report, which names places only by position, is matched by rule
  and document path.
- A finding that is gone is *fixed* only when its rule was judged again. When the file no longer
  gives the facts (the rule needs evidence) or the rule no longer applies, it is *no longer
  judged*: absent is not false, and a deleted section is not a fix.
- A value *regressed* when it moved the wrong way on its field's declared direction (the
  directions `cxaudit diff` uses): a looser target at the same place is a regression even when
  the same rule fired both times. A promise no longer described counts where the direction
  table says a missing value is worse.
- A worst-case wait *grew* when the longest wait of a target in an ordinary week got longer
  (the ordinary week does not depend on the as-of date, so audits of different dates compare).

The result is plain data (sorted, no times), the same for the `progress` command, the JSON
report's `progress` block and the progress sections of the HTML and Markdown reports.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from cxaudit.compare.fields import lookup
from cxaudit.history.model import FindingRec, UnitAudit, ValueRec, WaitRec
from cxaudit.model.classes import SEVERITY_RANK

EPSILON = 1e-9
WAIT_EPSILON = 1 / 120  # half a minute
TREND_POINTS = 12  # audits a trend shows (the latest ones)


def _finding(f: FindingRec) -> dict[str, Any]:
    return {"rule_id": f.rule_id, "title": f.title, "severity": f.severity, "path": f.path,
            "message": f.message, "value": f.value}


def _order(f: dict[str, Any]) -> tuple[int, str, str]:
    return (-SEVERITY_RANK.get(f["severity"], 0), f["rule_id"], f["path"])


def match(then: tuple[FindingRec, ...], now: tuple[FindingRec, ...]
          ) -> tuple[list[tuple[FindingRec, FindingRec]], list[FindingRec], list[FindingRec]]:
    """(pairs found in both, only then, only now) among the plan's findings."""
    old = [f for f in then if f.counts]
    new = [f for f in now if f.counts]
    pairs: list[tuple[FindingRec, FindingRec]] = []
    for key in (lambda f: f.fingerprint if f.anchor is not None else None,
                lambda f: (f.rule_id, f.path)):
        index: dict[Any, list[FindingRec]] = {}
        for f in new:
            k = key(f)
            if k is not None:
                index.setdefault(k, []).append(f)
        left = []
        for f in old:
            found = index.get(key(f))
            if found:  # several findings of one rule at one place: pair the closest messages
                b = max(found, key=lambda c: (c.message == f.message,
                                              SequenceMatcher(None, f.message, c.message)
                                              .ratio()))
                found.remove(b)
                pairs.append((f, b))
                new.remove(b)
            else:
                left.append(f)
        old = left
    return pairs, old, new


def _judged(outcome: str | None) -> bool:
    return outcome not in ("needs-evidence", "not-applicable", None)


_DURATIONS = ("duration", "min@", "bd@")


def _comparable(a: ValueRec, b: ValueRec) -> bool:
    """On one scale; "no deadline" (scale `duration`) compares with any duration."""
    if a.scale == b.scale:
        return True
    return "duration" in (a.scale, b.scale) and a.scale.startswith(_DURATIONS) \
        and b.scale.startswith(_DURATIONS)


def value_regressions(then: UnitAudit, now: UnitAudit,
                      fired: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Values that moved the wrong way, and promises no longer described."""
    old = {v.key: v for v in then.values}
    new = {v.key: v for v in now.values}
    out: list[dict[str, Any]] = []
    for key in sorted(set(old) & set(new)):
        a, b = old[key], new[key]
        if _comparable(a, b) and b.measure < a.measure - EPSILON * max(1.0, abs(a.measure)):
            row = lookup(a.generic)
            out.append({"key": key, "label": row.label if row else a.generic,
                        "severity": row.severity if row else "-", "then": a.shown,
                        "now": b.shown, "fired": fired.get(key, [])})
    gone: list[str] = []
    for key in sorted(set(old) - set(new)):
        if any(key.startswith((g + ".", g + "[")) for g in gone):
            continue  # inside a section or list item already reported as gone
        row = lookup(old[key].generic)
        if row is not None and row.absent == "worse":
            gone.append(key)
            out.append({"key": key, "label": row.label, "severity": row.severity,
                        "then": old[key].shown, "now": None, "fired": fired.get(key, [])})
    return out


def longer_waits(then: tuple[WaitRec, ...], now: tuple[WaitRec, ...]) -> list[dict[str, Any]]:
    """Targets whose worst-case wait in an ordinary week grew."""
    old = {(w.channel, w.priority, w.metric): w for w in then}
    out = []
    for w in now:
        a = old.get((w.channel, w.priority, w.metric))
        if a is None or a.week_hours is None or w.week_hours is None:
            continue
        if w.week_hours > a.week_hours + WAIT_EPSILON:
            out.append({"channel": w.channel, "priority": w.priority, "metric": w.metric,
                        "target_then": a.target, "target_now": w.target,
                        "then_hours": a.week_hours, "now_hours": w.week_hours})
    return out


def _side(u: UnitAudit) -> dict[str, Any]:
    return {"run": u.run, "as_of": u.as_of, "score": u.score, "described": u.described,
            "maturity": {"level": u.level, "stage": u.stage},
            "counts": dict(u.counts)}


def compare(then: UnitAudit | None, now: UnitAudit,
            trend: list[dict[str, Any]]) -> dict[str, Any]:
    """The progress of one unit from `then` (None: its first audit) to `now`; `trend` lists
    its audits in order ({run, as_of, score}), the latest last."""
    out: dict[str, Any] = {
        "unit": now.key, "keyed_by": now.keyed_by, "name": now.name, "file": now.file,
        "then": None if then is None else _side(then), "now": _side(now),
        "score_change": None, "fixed": [], "new": [], "open": [], "unjudged": [],
        "regressed": [], "longer_waits": [], "values_compared": False,
        "trend": trend[-TREND_POINTS:],
    }
    if then is None:
        return out
    if then.score is not None and now.score is not None:
        out["score_change"] = now.score - then.score
    pairs, gone, added = match(then.findings, now.findings)
    for f in gone:
        outcome = now.outcomes.get(f.rule_id)
        if _judged(outcome):
            out["fixed"].append(_finding(f))
        else:
            out["unjudged"].append({**_finding(f), "outcome": outcome or "not-applicable"})
    out["new"] = [_finding(f) for f in added]
    fired: dict[str, list[str]] = {}
    for a, b in pairs:
        out["open"].append({**_finding(b), "severity_then": a.severity, "value_then": a.value})
        for key in {a.field, b.field} - {None}:
            assert key is not None
            fired.setdefault(key, []).append(b.rule_id)
    for k in ("fixed", "new", "open", "unjudged"):
        out[k].sort(key=_order)
    if then.measured and now.measured:
        out["values_compared"] = True
        out["regressed"] = value_regressions(then, now,
                                             {k: sorted(set(v)) for k, v in fired.items()})
        out["longer_waits"] = longer_waits(then.waits, now.waits)
    return out


def totals(units: list[dict[str, Any]]) -> dict[str, int]:
    """How many findings were fixed, are new or still open, and how many values regressed."""
    return {k: sum(len(u[k]) for u in units)
            for k in ("fixed", "new", "open", "unjudged", "regressed", "longer_waits")}


def block(units: list[dict[str, Any]], since: str | None,
          since_run: int | None = None) -> dict[str, Any]:
    """The `progress` block: every unit's progress and the totals."""
    return {"since": since, "since_run": since_run, "units": units, "totals": totals(units)}


__all__ = ["EPSILON", "TREND_POINTS", "block", "compare", "longer_waits", "match", "totals",
           "value_regressions"]
