"""HTML report: one self-contained page a consultant can hand to a board.

Rendered from `reports/report.html.j2` and its partials in `reports/html/`, any of which a
`--template-dir` can replace. The page loads nothing: the CSS and the category chart (SVG) are
inline, there is no script, and sources are plain links. Jinja's autoescape escapes everything
that comes from the user's files. The chart geometry, the anchors, the portfolio across units
(`cxaudit.report.portfolio`) and the progress trends (`cxaudit.report.trend`) are computed
here, so the templates only place values. A portfolio too large for one page is shortened in
steps (SHORTENING) until it is under HTML_LIMIT.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from cxaudit.engine.plan import DO_NOW_AT, PLAN_NEXT_AT
from cxaudit.i18n import ENGLISH, _, current, formats, ngettext
from cxaudit.model.classes import SEVERITIES as CLASS_SEVERITIES
from cxaudit.model.findings import Severity
from cxaudit.report import labels
from cxaudit.report.executive import executive_view
from cxaudit.report.html_portfolio import portfolio_page
from cxaudit.report.phrases import HTML_CUTS
from cxaudit.report.templates import environment, render_template
from cxaudit.report.trend import progress_view
from cxaudit.report.view import audit_view, rule_text, sources_view
from cxaudit.result import AuditResult

TEMPLATE = "report.html.j2"
SEVERITIES = CLASS_SEVERITIES

# Chart geometry, in SVG user units (the SVG scales to the page width).
CHART_W = 400
HEAD_H = 22
LINE_H = 16  # a wrapped label's second line
ROW_GAP = 12  # below each bar
NAME_EM, DETAIL_EM = 9.6, 7.3  # widths of a bold 14 px and a 12 px character, rounded up
SCORE_W = 240  # the score bar spans 0..SCORE_W for 0..100
BAR_H = 12
FIND_X = 284  # where the findings bar starts
FIND_W = 84  # the longest findings bar


def render(result: AuditResult, template_dir: str | None = None,
           progress: dict[str, Any] | None = None) -> str:
    """The audit as one HTML document (templates in `template_dir` override the built-in);
    `progress` (from a history database) adds the progress section.

    A report of many units that would pass HTML_LIMIT bytes is shortened step by step (see
    SHORTENING) and says at its top what it left out; the portfolio always lists every unit.
    """
    env = environment(template_dir, autoescape=True)
    env.filters["ticks"] = ticks
    view = html_view(result)
    view["progress"] = None if progress is None else progress_view(progress)
    if view["multi"]:  # a rule failing in several units is explained once, not in each
        _explain_once(view, result, waiting=False)
    text = render_template(env, TEMPLATE, view)
    size, skipped = len(text.encode("utf-8")), False
    for i, steps in enumerate(SHORTENING if view["multi"] else ()):
        if size <= HTML_LIMIT:
            break
        view["cut"].extend(step(view, result) for step in steps)
        if size > 2 * HTML_LIMIT and not skipped and i + 1 < len(SHORTENING):
            skipped = True  # one group does not halve a page: take the next before rendering
            continue
        text, skipped = render_template(env, TEMPLATE, view), False
        size = len(text.encode("utf-8"))
    return text


def _explain_once(view: dict[str, Any], result: AuditResult, waiting: bool = True) -> str:
    """Why / fix / sources once per rule in "Rules explained", not in every unit; with
    `waiting`, also the rules that only wait for evidence (a compact list links to them)."""
    units: dict[str, int] = {}
    for u in view["units"]:
        for rule_id in dict.fromkeys(a["rule_id"] for a in u["actions"]):
            units[rule_id] = units.get(rule_id, 0) + 1
    for u in view["units"] if waiting else ():  # rules that only wait for evidence
        for q in u["questions"]:
            for m in q["asks"]:
                units.setdefault(m["rule_id"], 0)
    out = []
    for rule_id in sorted(units, key=lambda r: (result.rules[r].category, r)):
        rule = result.rules[rule_id]
        out.append({"rule_id": rule_id, "title": rule.title, "category": rule.category,
                    "severity": rule.severity.value, "units": units[rule_id],
                    "why": rule_text(rule, rule.why), "fix": rule_text(rule, rule.fix),
                    "sources": [{**s, "url": web_url(s["url"])} for s in sources_view(rule)]})
    view["rules_explained"], view["explain_once"] = out, True
    return HTML_CUTS["explanations"]


def _no_charts(view: dict[str, Any], result: AuditResult) -> str:
    """Each unit's category chart: the portfolio's score table has the same numbers."""
    for u in view["units"]:
        u["chart"] = None
    return HTML_CUTS["charts"]


def _no_detail(view: dict[str, Any], result: AuditResult) -> str:
    """Each unit's findings in detail: its plan keeps every finding, with its place."""
    view["detail"] = False
    for u in view["units"]:
        for a in u["actions"]:
            a["anchor"] = f"rule-{a['rule_id']}"
            for m in a["also"]:
                m["anchor"] = a["anchor"]
        for b in u["maturity"]["blockers"]:
            b["anchor"] = f"rule-{b['id']}" if b["status"] != "needs-evidence" \
                else f"{u['anchor']}-evidence"
    return HTML_CUTS["detail"]


def _compact(view: dict[str, Any], result: AuditResult) -> str:
    """Plan actions, needs evidence, notes and passed rules as one short entry each."""
    view["compact"] = True
    return HTML_CUTS["compact"]


def _keep_actions(n: int) -> Callable[[dict[str, Any], AuditResult], str]:
    def cut(view: dict[str, Any], result: AuditResult) -> str:
        dropped = 0
        for u in view["units"]:
            for g in u["groups"]:
                kept = [a for a in g["actions"] if a["number"] <= n]
                dropped += len(g["actions"]) - len(kept)
                g["actions"] = kept
        return HTML_CUTS.n("actions", dropped).format(n=dropped, keep=n)
    return cut


# Applied one group at a time until the page fits; each group is one more rendering.
SHORTENING = ((_explain_once, _no_charts), (_no_detail, _compact), (_keep_actions(10),),
              (_keep_actions(5),))
HTML_LIMIT = 4_500_000  # bytes: under 5 MB with room for a brand's styles and logo


_TICKS = re.compile(r"`([^`\n]+)`")


def ticks(text: Any) -> Markup:
    """Escape `text`, then show its `backtick spans` (config snippets in rule texts) as code."""
    return Markup(_TICKS.sub(r"<code>\1</code>", str(escape(text))))


def web_url(url: str | None) -> str:
    """`url` if it is an http(s) address, else "" (shown as text): no javascript: links."""
    url = (url or "").strip()
    return url if re.match(r"https?://", url, re.IGNORECASE) else ""


def _num(x: float) -> str:
    """A coordinate as short, stable text."""
    return f"{round(x, 1):g}"


def _breakdown(counts: dict[str, int]) -> str:
    """'1 critical, 2 high, 3 facts missing' for what is present, or 'no findings'."""
    parts = [labels.severity_count(s, counts[s]) for s in SEVERITIES if counts.get(s)]
    missing = counts.get("needs-evidence", 0)
    text = ", ".join(parts) if parts else _("no findings")
    return text + ", " + ngettext("%(n)s fact missing", "%(n)s facts missing", missing) % {
        "n": missing} if missing else text


def _verdict(result: AuditResult, view: dict[str, Any]) -> dict[str, Any]:
    """The one sentence a reader needs first: does the audit pass at the agreed fail level."""
    n, level = view["total_failing"], result.fail_on
    failed = len(result.failed_files)
    if failed:
        return {"passes": False, "text": ngettext(
            "%(n)s file could not be audited, so this audit is incomplete: see the list below.",
            "%(n)s files could not be audited, so this audit is incomplete: see the list below.",
            failed) % {"n": failed}}
    if level == "none":
        return {"passes": True, "text": _("No fail level was set: this audit reports findings "
                                          "without passing or failing.")}
    name = labels.severity(level)
    if n:
        found = view["total_failing_findings"]
        also = " (" + ngettext("%(n)s findings", "%(n)s findings", found) % {"n": found} + ")" \
            if found != n else ""
        where = " " + _("in %(failing)s of %(units)s units") % {
            "failing": view["failing_units"], "units": len(view["units"])} \
            if len(view["units"]) > 1 else ""
        if level == "critical":
            text = ngettext("%(n)s action of severity %(level)s%(also)s%(where)s: the audit "
                            "fails until it is done or formally waived.",
                            "%(n)s actions of severity %(level)s%(also)s%(where)s: the audit "
                            "fails until they are done or formally waived.", n)
        else:
            text = ngettext("%(n)s action of severity %(level)s or above%(also)s%(where)s: the "
                            "audit fails until it is done or formally waived.",
                            "%(n)s actions of severity %(level)s or above%(also)s%(where)s: the "
                            "audit fails until they are done or formally waived.", n)
        return {"passes": False, "text": text % {"n": n, "level": name, "also": also,
                                                 "where": where}}
    text = _("No finding of severity %(level)s: the audit passes. The plan still lists what "
             "would make the service better.") if level == "critical" else \
        _("No finding of severity %(level)s or above: the audit passes. The plan still lists "
          "what would make the service better.")
    return {"passes": True, "text": text % {"level": name}}


def _category_counts(unit: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Plan actions per severity, and facts missing, for each category of the unit: what the
    plan shows (a fact several categories wait for counts in each of them)."""
    out: dict[str, dict[str, int]] = {}
    for c in [c["name"] for c in unit["categories"]] + [a["category"] for a in unit["actions"]]:
        out.setdefault(c, {**{s: 0 for s in SEVERITIES}, "needs-evidence": 0})
    for a in unit["actions"]:
        out[a["category"]][a["severity"]] += 1
    for q in unit["questions"]:
        for c in q["categories"]:
            if c in out:
                out[c]["needs-evidence"] += 1
    return out


def _label_fits(name: str, detail: str) -> bool:
    """Whether name and detail fit one line of the chart (wide fonts assumed, to be safe)."""
    return len(name) * NAME_EM + 8 + (len(detail) + 2) * DETAIL_EM <= CHART_W


def _chart_row(cat: dict[str, Any], counts: dict[str, int], y: int,
               unit_w: float) -> dict[str, Any]:
    """One category: label (wrapped onto two lines when long), score bar, findings bar."""
    score = cat["score"]
    name = labels.category(cat["name"]).capitalize()
    detail = _breakdown(counts) if score is not None else \
        _("not described yet") if cat["applicable"] else _("no rule applies")
    wrap = not _label_fits(name, detail)
    bar_y = y + 20 + (LINE_H if wrap else 0)
    x = float(FIND_X)
    segments = []
    for s in SEVERITIES:
        if counts[s]:
            w = counts[s] * unit_w
            segments.append({"severity": s, "x": _num(x), "w": _num(w), "n": counts[s]})
            x += w
    return {
        "name": name, "detail": detail, "wrap": wrap, "applies": score is not None,
        "score": _("n/a") if score is None else str(score),
        "passed": ngettext("%(passed)s of %(judged)s judged rule passed",
                           "%(passed)s of %(judged)s judged rules passed", cat["judged"]) % {
            "passed": cat["passed"], "judged": cat["judged"]},
        "label_y": y + 14, "detail_y": y + 14 + LINE_H, "bar_y": bar_y,
        "text_y": bar_y + BAR_H - 1, "bottom": bar_y + BAR_H + ROW_GAP,
        "score_w": _num(SCORE_W * (score or 0) / 100), "segments": segments,
        "total": sum(counts[s] for s in SEVERITIES), "total_x": _num(x + 6),
    }


def category_chart(unit: dict[str, Any]) -> dict[str, Any]:
    """Bar geometry for the unit's score and findings per category."""
    counts = _category_counts(unit)
    most = max([sum(c[s] for s in SEVERITIES) for c in counts.values()] + [1])
    unit_w = min(14.0, FIND_W / most)
    rows, y = [], HEAD_H
    for cat in unit["categories"]:
        rows.append(_chart_row(cat, counts[cat["name"]], y, unit_w))
        y = rows[-1]["bottom"]
    return {"width": CHART_W, "height": y, "rows": rows, "bar_h": BAR_H,
            "score_w": SCORE_W, "score_text_x": SCORE_W + 8, "find_x": FIND_X,
            "grid": [{"x": _num(SCORE_W * t / 100), "label": str(t)} for t in (0, 50, 100)],
            "grid_bottom": y - 4}


def _anchor_actions(unit: dict[str, Any], prefix: str, result: AuditResult) -> None:
    """Number the plan, give each action an anchor and its sources as links."""
    for n, a in enumerate(unit["actions"], 1):
        a["number"] = n
        a["anchor"] = f"{prefix}-a{n}"
        for i, m in enumerate(a["also"], 2):
            m["anchor"] = f"{prefix}-a{n}-{i}"
            if m["legal"]:
                m["legal"]["url"] = web_url(m["legal"]["url"])
            if m["suppression"]:
                kind = m["suppression"]["kind"]
                m["suppression"]["label"] = labels.suppression(kind)
        a["weight"] = Severity(a["severity"]).weight
        a["source_links"] = [{**s, "url": web_url(s["url"])}
                             for s in sources_view(result.rules[a["rule_id"]])]
        if a["legal"]:
            a["legal"]["url"] = web_url(a["legal"]["url"])
            a["legal"]["confidence_label"] = labels.confidence(a["legal"]["confidence"])
        a["priority_text"] = f"{a['priority']:.1f}" if current() == ENGLISH else \
            formats.decimal(round(a["priority"], 1))
        if a["suppression"]:
            kind = a["suppression"]["kind"]
            a["suppression"]["label"] = labels.suppression(kind)


def _rule_groups(unit: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    """Findings in plan order, one entry per rule with every place it was found."""
    groups: dict[str, dict[str, Any]] = {}
    for a in unit["actions"]:
        g = groups.get(a["rule_id"])
        if g is None:
            g = groups[a["rule_id"]] = {
                "anchor": f"{prefix}-r{len(groups) + 1}", "rule_id": a["rule_id"],
                "title": a["title"], "category": a["category"], "severity": a["severity"],
                "bucket": a["bucket"], "why": a["why"], "fix": a["fix"],
                "sources": a["source_links"], "findings": []}
        g["findings"].append(a)
        for m in a["also"]:  # the same cause's other findings, each explained in place
            g["findings"].append({**m, "number": a["number"], "priority_text": a["priority_text"]})
    return list(groups.values())


def _blockers(unit: dict[str, Any], groups: list[dict[str, Any]], prefix: str) -> None:
    """Link each rule blocking the next maturity stage to where the report explains it."""
    where = {g["rule_id"]: g["anchor"] for g in groups}
    for b in unit["maturity"]["blockers"]:
        b["anchor"] = where.get(b["id"], f"{prefix}-evidence")


def _comparison(units: list[dict[str, Any]]) -> dict[str, Any]:
    """Units side by side: score, stage and counts; then each category's score per unit."""
    names = list(dict.fromkeys(c["name"] for u in units for c in u["categories"]))
    scores = [{c["name"]: c["score"] for c in u["categories"]} for u in units]
    rows = []
    for u in units:
        rows.append({
            "anchor": u["anchor"], "name": u["name"], "file": u["file"],
            "score": _("n/a") if u["score"] is None else str(u["score"]),
            "described": _("n/a") if u["described"] is None else formats.percent(u["described"]),
            "stage": f"{u['maturity']['level']}. {u['maturity']['stage']}",
            "counts": [u["counts"][s] for s in SEVERITIES],
            "missing": u["counts"]["needs-evidence"], "failing": u["failing"]})
    categories = [{"name": labels.category(n).capitalize(),
                   "scores": [_("n/a") if s.get(n) is None else str(s[n]) for s in scores]}
                  for n in names]
    return {"rows": rows, "categories": categories}





def html_view(result: AuditResult) -> dict[str, Any]:
    """The report view model plus anchors, chart geometry and the cross-unit comparison."""
    view = audit_view(result)
    portfolio = portfolio_page(result, view)
    units = view["units"]
    for i, u in enumerate(units, 1):
        u["number"] = i
        prefix = u["anchor"] = f"unit-{i}"
        _anchor_actions(u, prefix, result)
        u["findings"] = _rule_groups(u, prefix)
        _blockers(u, u["findings"], prefix)
        u["chart"] = category_chart(u)
        u["breakdown"] = _breakdown(u["counts"])
        for g in u["groups"]:
            g["hint"] = labels.bucket_hint(g["key"])
    multi = len(units) > 1
    view.update({
        "severities": list(SEVERITIES), "multi": multi,
        "title": (_("Customer service audit: %(n)s units") % {"n": len(units)} if multi
                  else _("Customer service audit: %(name)s") % {"name": units[0]["name"]}
                  if units else _("Customer service audit: no unit audited")),
        "comparison": _comparison(units), "portfolio": portfolio,
        "verdict": _verdict(result, view), "executive": executive_view(view, result),
        "thresholds": {"do_now": f"{DO_NOW_AT:g}", "plan_next": f"{PLAN_NEXT_AT:g}"},
        # what a long portfolio leaves out to stay under HTML_LIMIT (see SHORTENING)
        "cut": [], "explain_once": False, "detail": True, "compact": False,
        "rules_explained": [], "html_limit_mb": 5,
    })
    return view
