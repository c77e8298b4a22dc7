"""The executive summary: what a board reads first, in HTML (first page) and Markdown (top)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from conftest import EXAMPLES

from cxaudit.api import AuditResult, Options, audit
from cxaudit.i18n import speaking
from cxaudit.report import RenderOptions, render

SHOP = str(EXAMPLES / "online-shop.yaml")


@pytest.fixture(scope="module")
def shop() -> AuditResult:
    return audit([SHOP], Options())


@pytest.fixture(scope="module")
def seven() -> AuditResult:
    return audit([str(EXAMPLES)], Options())


def _section(html: str) -> ET.Element:
    """The executive summary section of an HTML report, parsed."""
    start = end = html.index('<section class="executive"')
    depth = 0
    for m in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            end = start + m.end() + 1
            break
    return ET.fromstring(html[start:end])


def _text(e: ET.Element) -> str:
    return re.sub(r"\s+", " ", " ".join(e.itertext())).strip()


def _first_rules(data: dict[str, Any]) -> list[str]:
    """The first three distinct rules of the plan in the JSON report (one unit)."""
    seen: list[str] = []
    for a in data["actions"]:
        rule = a["findings"][0]["rule_id"]
        if a["kind"] == "action" and rule not in seen:
            seen.append(rule)
    return seen[:3]


def test_the_html_report_opens_with_the_executive_summary(shop: AuditResult) -> None:
    html = render("html", shop, RenderOptions())
    main = html[html.index("<main>"):]
    assert main.index('<section class="executive"') < main.index('class="unit"')
    text = _text(_section(html))
    assert text.startswith("Executive summary")
    assert "93 / 100" in text and "Stage 2 of 5: Initiate" in text
    # what is already good: the categories at 90 or more and the weightiest rules passed
    assert "Strong: accessibility, complaints, data, escalation, journey, ownership, " \
        "recovery, returns (a score of 90 or more)." in text
    assert "Written messages get a human reply within a day" in text
    # the three things to do first are the plan's first three rules, each with its effort
    data = json.loads(render("json", shop, RenderOptions()))
    first = _section(html).find(".//ol[@class='first']")
    assert first is not None
    items = [_text(li) for li in first]
    titles = [shop.rules[r].title for r in _first_rules(data)]
    assert [t for t, i in zip(titles, items, strict=True) if i.startswith(t)] == titles
    assert items[0].endswith("Effort: a few days")  # RESP-004, effort 2
    assert items[1].endswith("Effort: weeks: a change of process")  # RESP-011, effort 3
    assert "2 of them are quick wins: little effort for a large effect. The longest of them " \
        "takes weeks: a change of process." in text
    # one unit: its score cards are in the summary, not repeated further down
    assert html.count('<div class="cards">') == 1
    assert 'id="unit-1-summary"' not in html and 'href="#executive"' in html


def test_a_portfolio_summary_weighs_the_rules_across_units(seven: AuditResult) -> None:
    html = render("html", seven, RenderOptions())
    text = _text(_section(html))
    scores = [u.score.value for u in seven.units if u.score.value is not None]
    mean = round(sum(scores) / len(scores))
    assert f"Mean score {mean} / 100 From {min(scores)} to {max(scores)} across 7 units." in text
    assert "Stage 1: Investigate 6 Stage 2: Initiate 1" in text
    # first: the rule whose actions add up to the most priority over the units
    totals: dict[str, float] = {}
    for u in seven.units:
        best: dict[str, float] = {}
        for a in u.actions:
            best.setdefault(a.rule.id, a.priority)
        for rid, p in best.items():
            totals[rid] = totals.get(rid, 0) + p
    top = sorted(totals, key=lambda r: -totals[r])[:3]
    first = _section(html).find(".//ol[@class='first']")
    assert first is not None
    for rid, li in zip(top, first, strict=True):
        failing = sum(1 for u in seven.units if any(a.rule.id == rid for a in u.actions))
        assert _text(li).startswith(seven.rules[rid].title)
        assert f"in {failing} units · Effort:" in _text(li)
    # the strengths are rules no unit fails
    for li in _section(html).find(".//ul[@class='good']") or []:
        title = _text(li)
        ids = [r for r, rule in seven.rules.items() if rule.title == title]
        for rid in ids:
            assert all(a.rule.id != rid for u in seven.units for a in u.actions)
    # each unit keeps its own summary, called "Summary" there
    assert html.count('<div class="cards">') == 8


def test_markdown_opens_with_the_summary_then_the_overview(seven: AuditResult,
                                                          shop: AuditResult) -> None:
    md = render("md", seven, RenderOptions(md_limit=0))
    heads = re.findall(r"^##? .*", md, re.MULTILINE)
    assert heads[:3] == ["# cxaudit report", "## Executive summary",
                         "## Portfolio: 7 units in 2 folders"]
    assert md.index("| # | Unit | Folder | Score |") < md.index("### Folders")
    one = render("md", shop, RenderOptions(md_limit=0))
    top = one[:one.index("## Tundra Outdoor")]
    assert "**Score 93/100** · **Maturity: stage 2 of 5, Initiate.**" in top
    assert "1. **Social and messenger accounts are read, not only posted to** (high, quick " \
        "win). Effort: a few days." in top
    assert "**Next three things to do**" not in one  # said once, in the summary


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", ("Коротко для керівника", "Що вже добре", "Три перші кроки", "Трудомісткість:")),
    ("ru", ("Кратко для руководителя", "Что уже хорошо", "Три первых шага", "Трудоёмкость:")),
])
def test_the_summary_speaks_the_reader_s_language(shop: AuditResult, lang: str,
                                                  words: tuple[str, ...]) -> None:
    with speaking(lang):
        result = audit([SHOP], Options())
        html, md = render("html", result, RenderOptions()), render("md", result, RenderOptions())
    for w in words:
        assert w in _text(_section(html)) and w in md, w
    assert "Effort:" not in md and "What is already good" not in html
