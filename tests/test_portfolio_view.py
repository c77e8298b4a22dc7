"""The portfolio view: units side by side in every format, grouped by folder, and at scale.

On the bundled multi-unit example (two units) and on all seven bundled examples (two folders):
the units x categories matrix, the best and worst unit per category, the shared findings and
the rules x units outcome matrix agree with each unit's own results. On 300 generated units
the HTML stays under 5 MB and the Markdown opens with an overview of all 300.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT
from portfolio_units import generate

from cxaudit.api import AuditResult, Options, audit
from cxaudit.engine.outcomes import outcome
from cxaudit.report import RenderOptions, render
from cxaudit.report.portfolio import portfolio_view, unit_groups

SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "report.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
CODES = {"critical": "C", "high": "H", "medium": "M", "low": "L", "pass": "+",
         "needs-evidence": "?", "not-applicable": "-"}


@pytest.fixture(scope="module")
def units() -> AuditResult:
    return audit([str(EXAMPLES / "units")], Options())


@pytest.fixture(scope="module")
def seven(monkeypatch_module: Any) -> AuditResult:
    return audit(["examples"], Options())


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)  # paths as a user in the repository types them
    yield mp
    mp.undo()


def _expected_outcomes(result: AuditResult) -> dict[str, list[str]]:
    per_unit = [{r.rule_id: outcome(r) for r in u.results} for u in result.units]
    return {rule: [m[rule] for m in per_unit] for rule in result.rules}


# ------------------------------------------------------------------------ the bundled units

def test_json_portfolio_of_the_bundled_units(units: AuditResult) -> None:
    report = json.loads(render("json", units))
    assert list(VALIDATOR.iter_errors(report)) == []
    p = report["portfolio"]
    assert [u["file"] for u in p["units"]] == [u["file"] for u in report["units"]]
    assert p["groups"] == []  # both units are in one folder
    for row, unit in zip(p["units"], report["units"], strict=True):
        assert row["categories"] == unit["categories"] and row["score"] == unit["score"]
        assert row["described"] == unit["described"]
    expected = _expected_outcomes(units)
    shown = {r["rule_id"]: r["outcomes"] for r in p["outcomes"]}
    for rule, cells in expected.items():
        if all(c in ("pass", "not-applicable") for c in cells):
            assert rule not in shown
        else:
            assert shown[rule] == cells
    assert p["rules_passed_everywhere"] == len(expected) - len(shown)
    # the units have one finding in common? then it is listed with both; else nothing shared
    for e in p["shared"]:
        assert e["count"] == len(e["units"]) >= 2


def test_best_and_worst_per_category(units: AuditResult) -> None:
    p = json.loads(render("json", units))["portfolio"]
    kyiv, online = (f"{EXAMPLES / 'units' / n}" for n in ("kyiv-stores.yaml", "online.yaml"))
    acc = p["categories"]["accessibility"]
    assert acc == {"units": 2, "best": {"score": 100, "units": [kyiv]},
                   "worst": {"score": 27, "units": [online]}}
    esc = p["categories"]["escalation"]  # a tie: both units are best and worst
    assert esc["best"] == esc["worst"] == {"score": 100, "units": [kyiv, online]}
    assert p["categories"]["complaints"] is None  # no unit gives the facts its rules need


def test_text_portfolio_lists_every_matrix(units: AuditResult) -> None:
    text = render("text", units)
    part = text[text.index("Portfolio: 2 units"):]
    assert "    1  SportMarket - Kyiv s…    91  49%  1 Investigate    1  100 n/a" in part
    assert "accessibility   best 100: 1 SportMarket - Kyiv stores; worst 27: 2 SportMarket" \
        in part
    assert "complaints      no unit has a score (no rule applies, or none could be judged" in part
    assert "No finding is shared by two units." in part
    rows = dict(re.findall(r"^    ([A-Z]+-\d{3}) +([CHML+?\-]{2})$", part, re.MULTILINE))
    expected = _expected_outcomes(units)
    assert rows == {r: "".join(CODES[c] for c in cells) for r, cells in expected.items()
                    if not all(c in ("pass", "not-applicable") for c in cells)}


def test_markdown_opens_with_the_overview(units: AuditResult) -> None:
    md = render("md", units)
    assert md.index("## Portfolio: 2 units") < md.index("## 1. SportMarket - Kyiv stores")
    assert "| 1 | SportMarket - Kyiv stores | 91 | 49 % | 1 Investigate | 1 | 100 | n/a |" in md
    assert "| escalation | 100: every unit | 100: every unit |" in md
    assert "| FDB-003 | H | + |" in md and "| ACC-001 | + | H |" in md


def test_html_portfolio_marks_best_and_worst_and_draws_the_matrix(units: AuditResult) -> None:
    html = render("html", units)
    root = ET.fromstring(html.replace("<!DOCTYPE html>", ""))
    table = next(t for t in root.iter("table") if t.get("class") == "overview")
    first = next(t for t in table.iter("tbody")).find("tr")
    assert first is not None
    cells = [(td.text, td.get("class")) for td in first.findall("td")]
    assert cells[1:3] == [(None, "num"), ("49 %", "num")]  # the score is in <strong>
    categories = dict(zip((c.lower() for c in ("acc", "cmp", "dat", "esc", "fdb", "jrn", "own",
                                               "rec", "rsp", "ret")), cells[6:], strict=True))
    assert categories["acc"] == ("100", "num best")  # Kyiv stores is the best unit
    assert categories["fdb"] == ("0", "num worst")
    assert categories["esc"] == ("100", "num")  # both units score 100: neither is marked
    assert categories["cmp"] == ("n/a", "num")
    matrix = next(t for t in root.iter("table") if t.get("class") == "matrix")
    rows = {"".join(tr.find("th").itertext()): [td.text for td in tr.findall("td")]
            for tr in matrix.find("tbody").iter("tr")}
    assert rows["FDB-003"] == ["1", "H", "✓"]
    assert rows["ACC-004"][1:] == ["–", "?"]
    assert 'class="matrix-box"' in html and "<script" not in html


def test_a_unit_where_nothing_could_be_judged_is_n_a_in_the_portfolio_and_the_history(
        cli: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text((EXAMPLES / "units" / "online.yaml").read_text("utf-8"),
                                     encoding="utf-8")
    (tmp_path / "b.yaml").write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                                     "process: {id: blank, name: Blank unit}\n", encoding="utf-8")
    text = cli("check", ".", "--no-color", "--record").stdout
    assert "    2  Blank unit              n/a   0%  1 Investigate    0  n/a n/a" in text
    md = cli("check", ".", "-f", "md").stdout
    assert "| 2 | Blank unit | n/a | 0 % | 1 Investigate | 0 | n/a |" in md
    report = json.loads(cli("check", ".", "-f", "json").stdout)
    blank = report["portfolio"]["units"][1]
    assert (blank["score"], blank["described"], set(blank["categories"].values())) == (
        None, 0, {None})
    listed = cli("history", "blank").stdout
    assert "  1  -             n/a        0 %  1 Investigate" in listed
    audits = json.loads(cli("history", "export", "-f", "json").stdout)["audits"]
    assert [(a["unit"], a["score"], a["described"]) for a in audits] == [
        ("blank", None, 0), ("sportmarket-online", 61, 44)]


# ------------------------------------------------------------- seven units in two folders

def test_units_are_grouped_by_folder(seven: AuditResult) -> None:
    assert unit_groups(["a/x.yaml", "a/b/y.yaml", "a/c/z.yaml"]) == ["", "b", "c"]
    assert unit_groups(["a/x.yaml", "a/y.yaml"]) == ["", ""]
    view = portfolio_view(seven)
    assert view is not None
    assert [(g["name"], g["count"]) for g in view["groups"]] == [("", 5), ("units", 2)]
    assert [r["group"] for r in view["units"]] == [""] * 5 + ["units"] * 2
    names = [r["name"] for r in view["units"]]
    assert names[-2:] == ["SportMarket - Kyiv stores", "SportMarket - online shop"]
    text = render("text", seven)
    assert "Portfolio: 7 units in 2 folders" in text
    assert "  units/: 2 unit(s), score 61-91, mean 76, 2 failing" in text
    assert "data            every unit with a score scores 100 (n/a in 3)" in text
    md = render("md", seven)
    assert "| (top folder) | 5 | 5 | 23 | 65 | 93 |" in md and "| units | 2 | 2 | 61 | 76 | 91 |" \
        in md
    assert "| data | 100: every unit with a score (n/a in 3) | 100: every unit with a score |" \
        in md


def test_findings_shared_by_units_are_ranked_by_how_many_they_touch(seven: AuditResult) -> None:
    p = json.loads(render("json", seven))["portfolio"]
    counts = [e["count"] for e in p["shared"]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 5
    top = p["shared"][0]
    assert (top["rule_id"], top["path"]) == ("OWN-005", "marketing.paid_acquisition")
    for e in p["shared"]:  # each listed unit really has that finding at that place
        for file in e["units"]:
            unit = next(u for u in seven.units if u.file == file)
            assert any(f.rule_id == e["rule_id"] and (f.location.anchor or f.location.path)
                       == e["path"] for f in unit.findings)


def test_html_units_are_folded_and_grouped(seven: AuditResult) -> None:
    html = render("html", seven)
    assert html.count('<details class="unit unit-fold"') == 7 and "<details open" not in html
    assert html.index('<h3 class="group-head">units/') < html.index('id="unit-6"')
    assert "Shortened to stay under" not in html


# --------------------------------------------------------------------------- 300 units

@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    root = generate(tmp_path_factory.mktemp("portfolio"), 300)
    result = audit([str(root)], Options())
    assert len(result.units) == 300 and not result.errors
    return result


def test_300_units_html_stays_under_5_mb_and_keeps_every_unit(big: AuditResult) -> None:
    html = render("html", big)
    assert len(html.encode("utf-8")) < 5_000_000
    assert html.count('<details class="unit unit-fold"') == 300
    overview = html[html.index('<table class="overview">'):html.index("</table>",
                                                                        html.index('class="overview"'))]
    assert overview.count('<th class="unit-col" scope="row">') == 300
    assert "Shortened to stay under 5 MB</strong> for 300 units" in html
    matrix = html[html.index('<table class="matrix">'):]
    head = matrix[:matrix.index("</thead>")]
    assert head.count('href="#unit-') == 300
    assert "<script" not in html and 'id="rules"' in html


def test_300_units_markdown_opens_with_all_of_them(big: AuditResult) -> None:
    md = render("md", big, RenderOptions(md_limit=65_536))
    assert len(md) <= 65_536
    overview = md[md.index("## Portfolio: 300 units in 8 folders"):md.index("### Folders")]
    rows = re.findall(r"^\| (\d+) \| ", overview, re.MULTILINE)
    assert [int(n) for n in rows] == list(range(1, 301))
    assert re.findall(r"^## .*", md, re.MULTILINE)[0] == "## Portfolio: 300 units in 8 folders"
    assert "Shortened to fit 65,536 characters" in md
    folders = md[md.index("### Folders"):md.index("### Best and worst")]
    assert folders.count("| east/alpha | 38 |") == 1


def test_300_units_json_and_text_carry_the_whole_matrix(big: AuditResult) -> None:
    report = json.loads(render("json", big))
    assert list(VALIDATOR.iter_errors(report)) == []
    p = report["portfolio"]
    assert len(p["units"]) == 300 and {len(r["outcomes"]) for r in p["outcomes"]} == {300}
    assert len(p["groups"]) == 8 and sum(len(g["units"]) for g in p["groups"]) == 300
    text = render("text", big)
    assert "Portfolio: 300 units in 8 folders" in text
    assert text.count("    units 251-300") == 1  # the matrix in blocks of 50 columns
    block = text[text.index("Portfolio: 300 units"):text.index("Order: priority")]
    assert max(len(line) for line in block.splitlines()) <= 100
