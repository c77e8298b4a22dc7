"""JUnit XML as a CI test tab reads it: valid against the Jenkins xUnit JUnit schema, one suite
per unit, one case per applicable rule, failures with locations, counts that add up."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from conftest import EXAMPLES, GOLDEN, ROOT, run_cxaudit

from cxaudit.api import Options, audit
from cxaudit.model.findings import Status
from cxaudit.report import render
from cxaudit.report.junit import xml_text

XSD = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))
GOLDENS = sorted(GOLDEN.glob("*.junit.xml"))
SHOP = EXAMPLES / "online-shop.yaml"


def junit(paths: list[str], options: Options | None = None) -> ET.Element:
    text = render("junit", audit(paths, options or Options()))
    XSD.validate(text)
    return ET.fromstring(text)


def case(root: ET.Element, rule_id: str, suite: int = 0) -> ET.Element:
    (found,) = [c for c in root[suite].iter("testcase") if c.get("name", "").startswith(rule_id)]
    return found


def test_there_is_a_golden_junit_file_for_every_example() -> None:
    assert len(GOLDENS) == len(list(EXAMPLES.glob("*.yaml"))) + 1


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name.split(".")[0])
def test_every_golden_is_valid_junit(golden: Path) -> None:
    XSD.validate(str(golden))


def test_the_schema_catches_a_broken_report() -> None:
    bad = '<testsuites><testsuite name="x" tests="1"><testcase/></testsuite></testsuites>'
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        XSD.validate(bad)


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name.split(".")[0])
def test_counts_add_up(golden: Path) -> None:
    root = ET.parse(golden).getroot()
    total = 0
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(1 for c in cases if c.find("failure")
                                                     is not None)
        assert int(suite.get("skipped", "")) == sum(1 for c in cases if c.find("skipped")
                                                    is not None)
        assert suite.get("errors") == "0" and suite.get("time") == "0"
        total += len(cases)
    assert int(root.get("tests", "")) == total
    assert int(root.get("failures", "")) == sum(int(s.get("failures", "")) for s in root)


def test_one_suite_per_unit_and_one_case_per_applicable_rule() -> None:
    result = audit([str(EXAMPLES / "units")])
    root = junit([str(EXAMPLES / "units")])
    assert [s.get("name") for s in root] == [u.name for u in result.units]
    for suite, unit in zip(root, result.units, strict=False):
        assert suite.get("file") == unit.file
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert props["file"] == unit.file and props["score"] == str(unit.score.value)
        applicable = [r.rule_id for r in unit.results if r.status is not Status.NOT_APPLICABLE]
        names = [c.get("name", "").split(" ")[0] for c in suite.iter("testcase")]
        assert names == applicable
        not_applicable = {r.rule_id for r in unit.results
                          if r.status is Status.NOT_APPLICABLE}
        assert not_applicable and not not_applicable & set(names)


def test_a_failing_rule_lists_every_place_and_how_to_fix() -> None:
    root = junit([str(SHOP)])
    resp11 = case(root, "RESP-011")
    assert resp11.get("classname") == "Tundra Outdoor - online shop DE/AT.responsiveness"
    assert resp11.get("name", "").startswith("RESP-011 Holidays do not leave")
    failure = resp11.find("failure")
    assert failure is not None and failure.get("type") == "high"
    assert failure.get("message", "").endswith("(and 1 more)")
    text = failure.text or ""
    assert f"{SHOP}:36:46: high: Policy 'standard'" in text
    assert f"{SHOP}:46:48: high: Policy 'messaging'" in text
    assert "(sla_policies[" in text and "How to fix:" in text


def test_below_the_fail_level_passes_and_is_listed() -> None:
    fdb5 = case(junit([str(SHOP)]), "FDB-005")
    assert fdb5.find("failure") is None
    out = fdb5.find("system-out")
    assert out is not None and f"{SHOP}:147:35: medium: Nobody records why customers leave" in (out.text or "")
    stricter = case(junit([str(SHOP)], Options(fail_on="medium")), "FDB-005")
    failure = stricter.find("failure")
    assert failure is not None and failure.get("type") == "medium"


def test_missing_facts_are_skipped() -> None:
    acc4 = case(junit([str(SHOP)]), "ACC-004")
    skipped = acc4.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith("Not described: accessibility.")
    assert acc4.find("failure") is None


def test_fail_on_none_reports_no_failure() -> None:
    root = junit([str(EXAMPLES / "weak-small-shop.yaml")], Options(fail_on="none"))
    assert root.get("failures") == "0" and int(root.get("tests", "")) > 50


def test_control_characters_become_visible() -> None:
    assert xml_text("a\x07b\x1b\tc\n") == "a\\x07b\\x1b\tc\n"
    assert xml_text("\ud800\ufffe ok ]]>") == "\\xd800\\xfffe ok ]]>"


def test_user_text_is_escaped(tmp_path: Path) -> None:
    text = (EXAMPLES / "weak-small-shop.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Glyna ceramics - online shop UA",
                        'name: "Glyna <b> & ]]> \\x07 shop"')
    text = text.replace("  - id: instagram\n", '  - id: "insta <&> ]]> \\x02"\n')
    f = tmp_path / "nasty & <co>.yaml"
    f.write_text(text, encoding="utf-8")
    root = junit([str(f)])  # parses and validates: well-formed despite the names
    suite = root[0]
    assert suite.get("name") == "Glyna <b> & ]]> \\x07 shop"
    assert suite.get("file") == str(f)
    failure = case(root, "RESP-004").find("failure")
    assert failure is not None and "'insta <&> ]]> \\x02'" in (failure.text or "")
    raw = render("junit", audit([str(f)]))
    assert "<b>" not in raw and "]]>" not in raw and "\x07" not in raw


def test_check_writes_sarif_junit_and_markdown_in_one_run(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sarif", tmp_path / "b.xml"
    r = run_cxaudit("check", "examples/online-shop.yaml", "-f", "sarif", "-o", a, "-f", "junit",
                    "-o", b, "-f", "md", cwd=ROOT)
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("#") and "RESP-004" in r.stdout
    doc: dict[str, Any] = json.loads(a.read_text(encoding="utf-8"))
    assert doc["runs"][0]["invocations"][0]["exitCode"] == 1
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in doc["runs"][0]["results"] for loc in res["locations"]}
    assert uris == {"examples/online-shop.yaml"}
    XSD.validate(str(b))
    assert ET.parse(b).getroot().get("failures") == "2"


def test_check_exit_code_matches_the_reports_when_nothing_fails(cli: Any, tmp_path: Path) -> None:
    a, b = tmp_path / "a.sarif", tmp_path / "b.xml"
    r = cli("check", SHOP, "--fail-on", "critical", "-f", "sarif", "-o", a, "-f", "junit",
            "-o", b)
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(a.read_text(encoding="utf-8"))["runs"][0]["invocations"][0][
        "exitCode"] == 0
    assert ET.parse(b).getroot().get("failures") == "0"


WAIVERS = """waivers:
  - rule: RESP-004
    path: channels[instagram]
    reason: the agency answers instagram until May
    owner: cx@tundra.example
    expires: 2026-01-31
  - {rule: ESC-001, reason: not needed, owner: me, expires: 2026-12-31}
"""


def test_an_expired_waiver_is_a_failing_case(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVERS, encoding="utf-8")
    result = audit([str(SHOP)], Options(fail_on="critical", waivers=str(waivers),
                                        today=date(2026, 3, 1)))
    assert result.exit_code == 1  # nothing critical: only the expired waiver fails the run
    text = render("junit", result)
    XSD.validate(text)
    root = ET.fromstring(text)
    suite = root[-1]
    assert suite.get("name") == "waivers and baseline" and suite.get("file") == str(waivers)
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    expired, unused = suite.findall("testcase")
    failure = expired.find("failure")
    assert failure is not None and failure.get("type") == "expired-waiver"
    assert f"{waivers}:2:5: waiver for RESP-004" in (failure.text or "")
    assert "expired on 2026-01-31" in (failure.text or "")
    assert expired.get("classname") == "cxaudit.waivers"
    assert unused.find("failure") is None
    assert "matches no finding" in (unused.findtext("system-out") or "")
    assert root.get("failures") == "1"
    assert root.get("tests") == str(sum(int(s.get("tests", "")) for s in root))
