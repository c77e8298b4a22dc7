"""The HTML report: what a reader sees, that it loads nothing, and that user text stays text."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, audit_marked, run_cxaudit

from cxaudit.api import AuditResult, Options, audit
from cxaudit.errors import UsageError
from cxaudit.model.findings import Suppression
from cxaudit.report import RenderOptions, render

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2) x=\'&amp;'
HOSTILE_FILE = "<img src=x onerror=alert(3)>.yaml"


class Page(HTMLParser):
    """Collects tags with attributes, ids, text per element id, and every text node."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.tags if a.get("id")]

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def _html(*paths: str, **opts: object) -> str:
    return render("html", audit(list(paths), Options()), RenderOptions(**opts))  # type: ignore


@pytest.fixture(scope="module")
def shop() -> str:
    return _html(str(EXAMPLES / "online-shop.yaml"))


@pytest.fixture(scope="module")
def units() -> str:
    return _html(str(EXAMPLES / "units"))


def _tree(html: str) -> ET.Element:
    """The document parsed as XML: the template writes well-formed (XHTML-style) markup."""
    return ET.fromstring(html.split("\n", 1)[1])  # past <!DOCTYPE html>


def _by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def test_cli_writes_one_html_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run_cxaudit("check", "examples/online-shop.yaml", "-f", "html", "-o", out)
    assert proc.returncode == 1, proc.stderr  # the example has high findings
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1" />' in html
    assert proc.stdout == ""  # the report went to the file, not to stdout


def test_sections_a_reader_needs(shop: str) -> None:
    page = Page(shop)
    text = page.plain
    for heading in ("Executive summary", "Score and findings by category", "Action plan",
                    "Do now (0)", "Plan next (3)", "Later (0)", "Findings in detail",
                    "Needs evidence (5)", "Notes (2)", "Rules passed (62)"):
        assert heading in text, heading
    assert "Stage 2 of 5: Initiate" in text
    assert "To reach Mobilize" in text
    assert "93 / 100" in text and "62 of 65 judged rules passed" in text
    assert "Described 89 %" in text
    assert "the facts 65 of 70 applicable rules need are given; 5 missing" in text
    assert "priority = weight of the severity (critical 8, high 4, medium 2, low 1)" in text
    assert "Do now: 12 or more; plan next: 4 or more" in text
    # RESP-011's two policies share one cause (the holiday closures): one action, two findings
    assert "2 actions of severity high or above (3 findings)" in text


def test_counts_and_plan_match_the_json_report(shop: str) -> None:
    report = json.loads(render("json", audit([str(EXAMPLES / "online-shop.yaml")], Options())))
    unit = report["units"][0]
    root = _tree(shop)
    counts = {}
    for li in _by_class(root, "counts")[0]:
        counts["".join(li[0].itertext())] = int("".join(li[1].itertext()))
    assert counts == {"critical": unit["counts"]["critical"], "high": unit["counts"]["high"],
                      "medium": unit["counts"]["medium"], "low": unit["counts"]["low"],
                      "note": unit["counts"]["info"],
                      "needs evidence": unit["counts"]["needs-evidence"]}
    plan = [a for a in report["actions"] if a["kind"] == "action"]
    rows = [tr for t in _by_class(root, "plan") for tr in t.iter("tr")
            if tr.find("td") is not None]
    assert len(rows) == len(plan) == sum(
        unit["counts"][s] for s in ("critical", "high", "medium", "low"))
    for tr, f in zip(rows, plan, strict=False):
        cells = ["".join(td.itertext()) for td in tr.findall("td")]
        where = f"{f['location']['file']}:{f['location']['line']}:{f['location']['column']}"
        assert f["rule_ids"][0] in cells[1] and where in cells[1]
        assert cells[2].startswith(f["severity"])
        assert cells[3].startswith(f"{f['priority']:.1f}")
    occurrences = [li for ul in _by_class(root, "occurrences") for li in ul]
    findings = [f for f in report["findings"] if f["bucket"]]
    assert len(occurrences) == len(findings)  # every finding is detailed once
    # action 2 (RESP-011) covers two policies: its second finding is a2-2
    assert [li.get("id") for li in occurrences] == ["unit-1-a1", "unit-1-a2", "unit-1-a2-2",
                                                    "unit-1-a3"]


def test_every_finding_has_location_why_fix_and_linked_sources(shop: str) -> None:
    rules = audit([str(EXAMPLES / "online-shop.yaml")], Options()).rules
    root = _tree(shop)
    articles = [e for e in root.iter("article")]
    assert [a.get("id") for a in articles] == ["unit-1-r1", "unit-1-r2", "unit-1-r3"]
    for art in articles:
        text = "".join(art.itertext())
        rule = rules[text.split()[0]]
        assert rule.title in text
        assert "Why it matters" in text and "How to fix it" in text and "Sources" in text
        assert re.search(r"examples/online-shop\.yaml:\d+:\d+", text)
        assert "document path" in text
        for src in rule.sources:
            assert src.label() in text
        links = [a.get("href") for a in art.iter("a")]
        assert links == [s.url for s in rule.sources if s.url]


def test_legal_basis_is_shown() -> None:
    root = _tree(_html(str(EXAMPLES / "weak-small-shop.yaml")))
    legal = _by_class(root, "legal")
    assert legal
    text = "".join(legal[0].itertext())
    assert "Legal basis (UA)" in text and "Law 1023-XII" in text
    assert "legal data ua-2026-12" in text and "unverified" in text
    assert str(next(a.get("href") for a in legal[0].iter("a"))).startswith("http")


def _suppressed(path: str) -> AuditResult:
    """The first action waived, as a waivers file would leave it."""
    first = audit([path], Options()).units[0].actions[0].finding
    waiver = Suppression("waiver", "Agreed with the board until the new rota", "mara.klein",
                         "2026-03-31")
    return audit_marked(path, lambda f: waiver if f == first else None)


def test_waived_findings_are_marked_and_do_not_count_as_failing() -> None:
    result = _suppressed(str(EXAMPLES / "online-shop.yaml"))
    html = render("html", result)
    text = Page(html).plain
    assert "waived Accepted for now, not counted as failing: Agreed with the board until the " \
        "new rota · owner mara.klein · expires 2026-03-31" in text
    # 3 high findings, one waived; the other two are one action (the holiday closures)
    assert "1 action of severity high or above (2 findings)" in text
    assert text.count("fails run") == 1
    badges = ["".join(e.itertext()) for e in _by_class(_tree(html), "suppressed")]
    assert badges == ["waived", "waived"]  # in the plan and in the finding


def test_a_waivers_file_marks_the_finding(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: RESP-004\n    path: channels[instagram]\n"
                       "    reason: the agency monitors instagram until March\n"
                       "    owner: marketing@tundra.example\n    expires: 2026-06-30\n",
                       encoding="utf-8")
    out = tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "cxaudit", "check", "examples/online-shop.yaml",
                           "--waivers", str(waivers), "-f", "html", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "CXAUDIT_TODAY": "2026-01-10"})
    assert proc.returncode == 1, proc.stderr
    root = _tree(out.read_text(encoding="utf-8"))
    marked = _by_class(root, "suppression")
    assert len(marked) == 1
    assert "".join(marked[0].itertext()) == (
        "waived Accepted for now, not counted as failing: the agency monitors instagram until "
        "March · owner marketing@tundra.example · expires 2026-06-30")
    item = next(li for li in root.iter("li") if marked[0] in list(li))
    assert "instagram" in "".join(item.itertext())  # on the RESP-004 finding it waives


def test_chart_is_inline_svg_with_a_bar_per_category(shop: str) -> None:
    root = _tree(shop)
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    widths = {"".join(g.find(f"{SVG}text").itertext()).split("·")[0]: float(b.get("width", ""))
              for g in svg.iter(f"{SVG}g") for b in g.iter(f"{SVG}rect") if b in bars}
    assert widths["Complaints"] == 240  # 100/100 fills the whole bar
    assert widths["Responsiveness"] == pytest.approx(240 * 79 / 100, abs=0.1)
    segs = [r for r in svg.iter(f"{SVG}rect") if (r.get("class") or "").startswith("seg-")]
    assert [(r.get("class"), r.find(f"{SVG}title").text) for r in segs] == [
        ("seg-medium", "1 medium"), ("seg-high", "2 high")]  # feedback, responsiveness


def test_loads_nothing_and_runs_nothing(shop: str, units: str) -> None:
    for html in (shop, units):
        page = Page(html)
        tags = {t for t, _ in page.tags}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (tag, name)
                if name in ("src", "srcset", "xlink:href", "action", "poster", "data"):
                    raise AssertionError(f"{tag} loads {value}")
                if name == "href":
                    assert tag == "a" and re.match(r"(#|https?://)", str(value)), value
        css = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
        assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_user_text_is_escaped(tmp_path: Path) -> None:
    src = (EXAMPLES / "weak-small-shop.yaml").read_text(encoding="utf-8")
    src = src.replace("name: Glyna ceramics - online shop UA", f"name: {json.dumps(HOSTILE)}")
    src = src.replace("name: Whoever is in the studio", f"name: {json.dumps(HOSTILE)}")
    path = tmp_path / HOSTILE_FILE
    path.write_text(src, encoding="utf-8")
    html = _html(str(path))
    page = Page(html)
    assert not page.all("script") and not page.all("img")
    assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;onmouseover=alert(2) x=&#39;&amp;amp;" \
        in html
    assert page.plain.count(HOSTILE) >= 3  # title, heading, and the escalation message
    assert HOSTILE_FILE in page.plain
    _tree(html)  # still well-formed


def test_only_web_addresses_become_links() -> None:
    result = audit([str(EXAMPLES / "online-shop.yaml")], Options())
    rule = result.rules["RESP-004"]
    bad = dataclasses.replace(rule.sources[-1], url="javascript:alert(1)", title="Evil source")
    result.rules["RESP-004"] = dataclasses.replace(rule, sources=(*rule.sources[:-1], bad))
    page = Page(render("html", result))
    assert "Evil source" in page.plain  # the citation stays, as text
    assert all("javascript" not in str(a.get("href")) for a in page.all("a"))


def test_whole_document_is_well_formed(shop: str, units: str) -> None:
    for html in (shop, units):
        root = _tree(html)
        assert root.tag == "html"
        ids = Page(html).ids
        assert len(ids) == len(set(ids)), "duplicate ids"
        targets = {str(a.get("href"))[1:] for a in root.iter("a")
                   if str(a.get("href")).startswith("#")}
        assert targets <= set(ids), targets - set(ids)


def test_units_get_a_portfolio_overview_with_anchors(units: str) -> None:
    report = json.loads(render("json", audit([str(EXAMPLES / "units")], Options())))
    root = _tree(units)
    table = _by_class(root, "overview")[0]
    head = ["".join(th.itertext()) for th in table.find("thead").iter("th")]
    assert head[:7] == ["#", "Unit", "Score", "Described", "Stage", "Fails", "Missing"]
    rows = [tr for tr in table.find("tbody").iter("tr")]
    assert len(rows) == len(report["units"]) == 2
    for n, (tr, u) in enumerate(zip(rows, report["units"], strict=True), 1):
        cells = ["".join(td.itertext()) for td in tr.findall("td")]
        assert "".join(tr.find("th").itertext()) == u["name"]
        assert tr.find("th/a").get("href") == f"#unit-{n}-summary"
        assert cells[:6] == [str(n), str(u["score"]), f"{u['described']} %",
                             f"{u['maturity']['level']}. {u['maturity']['stage']}",
                             str(u["failing_actions"]), str(u["counts"]["needs-evidence"])]
        assert cells[6:] == ["n/a" if s is None else str(s) for s in u["categories"].values()]
    folds = [d.get("id") for d in root.iter("details") if "unit-fold" in d.get("class", "")]
    assert folds == ["unit-1", "unit-2"]
    assert all(d.get("open") is None for d in root.iter("details")), "units start folded"
    assert units.index('id="comparison"') < units.index('id="unit-1"')


def test_single_unit_has_no_comparison(shop: str) -> None:
    assert 'id="comparison"' not in shop


def test_same_input_same_bytes(tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"r{i}.html"
        run_cxaudit("check", "examples/units", "-f", "html", "-o", out)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert not re.search(rb"20\d\d-\d\d-\d\dT|\d\d:\d\d:\d\d", outs[0])


def test_custom_report_template_replaces_the_built_in(tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text(
        '<!DOCTYPE html>\n<html><body><header>ACME Consulting</header>\n'
        '{% for u in units %}<h2>{{ u.name }}: {{ u.score }}</h2>'
        '{% include "html/plan.html.j2" %}{% endfor %}</body></html>\n', encoding="utf-8")
    html = _html(str(EXAMPLES / "online-shop.yaml"), template_dir=str(tmp_path))
    assert "ACME Consulting" in html
    assert "<h2>Tundra Outdoor - online shop DE/AT: 93</h2>" in html
    assert "Action plan" in html  # built-in partials stay available to a custom layout
    assert "Executive summary" not in html


def test_partial_override_brands_the_header(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "header.html.j2").write_text(
        '<header class="report-header"><p>Prepared by ACME Consulting</p>'
        "<h1>{{ title }}</h1></header>\n", encoding="utf-8")
    (tmp_path / "html" / "brand.css.j2").write_text(":root { --accent: #7c3aed; }\n",
                                                      encoding="utf-8")
    html = _html(str(EXAMPLES / "online-shop.yaml"), template_dir=str(tmp_path))
    assert "Prepared by ACME Consulting" in html
    assert "<h1>Customer service audit: Tundra Outdoor - online shop DE/AT</h1>" in html
    assert ":root { --accent: #7c3aed; }" in html
    assert "Executive summary" in html  # the rest is the built-in report
    _tree(html)


def test_template_dir_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "footer.html.j2").write_text("<footer>ACME {{ version }}</footer>\n",
                                                       encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run_cxaudit("check", "examples/online-shop.yaml", "-f", "html", "-o", out,
                       "--template-dir", tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "<footer>ACME " in out.read_text(encoding="utf-8")


def test_broken_custom_template_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "header.html.j2").write_text("<h1>{% if %}</h1>\n", encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        _html(str(EXAMPLES / "online-shop.yaml"), template_dir=str(tmp_path))
    assert "header.html.j2" in str(exc.value.problems[0].file)
    proc = run_cxaudit("check", "examples/online-shop.yaml", "-f", "html",
                       "--template-dir", tmp_path)
    assert proc.returncode == 2 and "template syntax error" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("case", sorted(EXAMPLES.glob("*.yaml")) + [EXAMPLES / "units"],
                         ids=lambda p: p.stem)
def test_every_bundled_example_is_well_formed_with_a_chart_per_unit(case: Path) -> None:
    result = audit([str(case)], Options())
    root = _tree(render("html", result))
    assert len(list(root.iter(f"{SVG}svg"))) == len(result.units)
    sections = [s for s in root.iter() if s.tag in ("section", "details")
                and s.get("class", "").split()[:1] == ["unit"]]
    assert len(sections) == len(result.units)
