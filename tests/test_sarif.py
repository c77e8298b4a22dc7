"""SARIF 2.1.0 as code scanning reads it: valid against the official schema, rule metadata,
levels, regions on the real lines, fingerprints that survive edits, suppressions."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, GOLDEN, ROOT, audit_marked

from cxaudit.api import AuditResult, Options, audit
from cxaudit.model.findings import Finding, Suppression
from cxaudit.report import RenderOptions, render
from cxaudit.report.sarif import SCHEMA_URI, artifact, help_uri

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(
    SCHEMA, format_checker=jsonschema.FormatChecker())
GOLDENS = sorted(GOLDEN.glob("*.sarif"))
SHOP = EXAMPLES / "online-shop.yaml"
# RFC 3986 characters; jsonschema checks "uri" formats only with optional packages installed.
URI_REFERENCE = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def sarif(paths: list[str], options: Options | None = None) -> dict[str, Any]:
    return json.loads(render("sarif", audit(paths, options or Options())))


def invalid(doc: dict[str, Any]) -> list[str]:
    """Schema errors plus URI syntax errors, as readable strings."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in VALIDATOR.iter_errors(doc)]
    run = doc["runs"][0]
    uris = [r["helpUri"] for r in run["tool"]["driver"]["rules"] if "helpUri" in r]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"]
             for res in run["results"] for loc in res["locations"]]
    return errors + [f"not a URI reference: {u!r}" for u in uris if not URI_REFERENCE.match(u)]


def results_by_rule(doc: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    return [r for r in doc["runs"][0]["results"] if r["ruleId"] == rule_id]


def test_the_vendored_schema_is_the_official_oasis_one() -> None:
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["id"] == SCHEMA_URI
    VALIDATOR.check_schema(SCHEMA)


def test_there_is_a_golden_sarif_for_every_example() -> None:
    assert len(GOLDENS) == len(list(EXAMPLES.glob("*.yaml"))) + 1  # + the units directory


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_every_golden_is_valid_sarif(golden: Path) -> None:
    doc = json.loads(golden.read_text(encoding="utf-8"))
    assert doc["$schema"] == SCHEMA_URI and doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    assert invalid(doc) == []


def test_the_validator_catches_a_broken_log() -> None:
    doc = sarif([str(SHOP)])
    doc["runs"][0]["results"][0]["level"] = "fatal"
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"] = "my file.yaml"
    problems = invalid(doc)
    assert any("'fatal' is not one of" in p for p in problems)
    assert "not a URI reference: 'my file.yaml'" in problems


def test_tool_and_invocation() -> None:
    run = sarif([str(SHOP)])["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "cxaudit" and driver["version"] == driver["semanticVersion"]
    assert driver["informationUri"].startswith("https://")
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is True and inv["exitCode"] == 1
    assert run["columnKind"] == "unicodeCodePoints"


def test_every_rule_that_ran_is_described() -> None:
    result = audit([str(SHOP)])
    rules = sarif([str(SHOP)])["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(result.rules)
    by_id = {r["id"]: r for r in rules}
    cmp3 = by_id["CMP-003"]
    assert cmp3["shortDescription"]["text"] == result.rules["CMP-003"].title
    assert cmp3["defaultConfiguration"]["level"] == "error"  # critical
    assert cmp3["helpUri"].endswith("/rules/core/CMP-003.yaml")
    assert "How to fix:" in cmp3["help"]["text"] and "**How to fix:**" in cmp3["help"]["markdown"]
    assert "complaints" in cmp3["properties"]["tags"]
    assert cmp3["properties"]["problem.severity"] == "error"
    assert "security-severity" not in cmp3["properties"]
    levels = {r["properties"]["severity"]: r["defaultConfiguration"]["level"] for r in rules}
    expected = {"critical": "error", "high": "error", "medium": "warning", "low": "note",
                "info": "note"}
    assert levels == {k: v for k, v in expected.items() if k in levels} and len(levels) >= 4
    for r in rules:
        assert r["fullDescription"]["text"] and r["help"]["text"]


def test_custom_rules_link_to_their_first_source() -> None:
    rule = audit([str(SHOP)]).rules["CMP-003"]
    outside = replace(rule, file="/elsewhere/packs/house/CMP-003.yaml")
    assert help_uri(outside) == next(s.url for s in rule.sources if s.url)
    assert help_uri(replace(outside, sources=())) is None


def test_results_point_at_the_real_line_and_column() -> None:
    doc = sarif([str(SHOP)])
    lines = SHOP.read_text(encoding="utf-8").splitlines()
    (res,) = results_by_rule(doc, "RESP-004")
    assert res["level"] == "error" and res["kind"] == "fail"
    region = res["locations"][0]["physicalLocation"]["region"]
    line = lines[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:].startswith("monitored:")  # 1-based column
    logical = res["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"].endswith("social.monitored")
    for r in doc["runs"][0]["results"]:
        rule = doc["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"]]
        assert rule["id"] == r["ruleId"]


def test_levels_follow_severity_and_missing_facts_are_left_out() -> None:
    doc = sarif([str(SHOP)])
    seen = {(r["properties"]["severity"], r["properties"]["kind"], r.get("kind"), r["level"])
            for r in doc["runs"][0]["results"]}
    assert ("high", "violation", "fail", "error") in seen
    assert ("medium", "violation", "fail", "warning") in seen
    assert ("info", "violation", "fail", "note") in seen
    assert {s[1] for s in seen} == {"violation"}  # missing facts are noise in code scanning
    missing = sum(len(u.needs_evidence) for u in audit([str(SHOP)]).units)
    assert missing > 0
    assert doc["runs"][0]["invocations"][0]["properties"]["needsEvidence"] == {
        "results": missing, "included": False}


def test_needs_evidence_results_on_request_are_notes() -> None:
    result = audit([str(SHOP)])
    doc = json.loads(render("sarif", result, RenderOptions(sarif_needs_evidence=True)))
    assert invalid(doc) == []
    notes = [r for r in doc["runs"][0]["results"] if r["properties"]["kind"] == "needs-evidence"]
    assert len(notes) == sum(len(u.needs_evidence) for u in result.units)
    # SARIF 3.27.10: a level other than `none` needs kind `fail`; failsRun says it does not fail
    assert {(r["kind"], r["level"], r["properties"]["failsRun"]) for r in notes} == {
        ("fail", "note", False)}
    assert doc["runs"][0]["invocations"][0]["properties"]["needsEvidence"]["included"] is True
    assert len(doc["runs"][0]["results"]) == len(sarif([str(SHOP)])["runs"][0]["results"]) + \
        len(notes)


def test_the_needs_evidence_option_on_the_command_line(cli: Any) -> None:
    def count(*extra: str) -> int:
        r = cli("check", str(SHOP), "-f", "sarif", *extra)
        assert r.exit_code == 1, r.stderr
        return sum(1 for res in json.loads(r.stdout)["runs"][0]["results"]
                   if res["properties"]["kind"] == "needs-evidence")

    assert count() == 0 and count("--sarif-needs-evidence") > 0


def test_relative_paths_keep_the_users_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    res = sarif(["examples/online-shop.yaml"])["runs"][0]["results"][0]
    loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "examples/online-shop.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact("units/east shop #1.yaml") == {"uri": "units/east%20shop%20%231.yaml",
                                                  "uriBaseId": "%SRCROOT%"}
    assert artifact("units\\east.yaml")["uri"] == "units/east.yaml"
    assert artifact("/srv/p.yaml") == {"uri": "file:///srv/p.yaml"}


def _prints(doc: dict[str, Any]) -> dict[str, int]:
    return {r["partialFingerprints"]["cxaudit/v1"]:
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in doc["runs"][0]["results"]}


def test_fingerprints_survive_reformatting_and_reordering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = EXAMPLES / "weak-small-shop.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc["channels"].reverse()
    moved = tmp_path / source.name
    moved.write_text("# moved down\n\n" + yaml.safe_dump(doc, indent=4, sort_keys=True),
                     encoding="utf-8")
    monkeypatch.chdir(EXAMPLES)
    before = _prints(sarif([source.name]))
    monkeypatch.chdir(tmp_path)
    after = _prints(sarif([moved.name]))
    assert len(before) >= 20 and set(after) == set(before)
    assert any(before[k] != after[k] for k in before), "lines should have moved"
    monkeypatch.chdir(EXAMPLES)
    other = _prints(sarif(["online-shop.yaml"]))
    assert not set(other) & set(before)


def _suppress(path: str, marks: dict[str, Suppression]) -> AuditResult:
    """Mark the first finding of each rule in `marks`, as waivers or a baseline would."""
    done: set[str] = set()

    def mark(f: Finding) -> Suppression | None:
        if f.rule_id not in marks or f.rule_id in done:
            return None
        done.add(f.rule_id)
        return marks[f.rule_id]
    return audit_marked(path, mark)


def test_waived_and_baselined_findings_are_suppressed_not_failing() -> None:
    result = _suppress(str(SHOP), {
        "RESP-004": Suppression("waiver", "instagram is closing in May", "cx-lead", "2026-06-01"),
        "FDB-005": Suppression("baseline")})
    doc = json.loads(render("sarif", result))
    assert invalid(doc) == []
    (waived,) = results_by_rule(doc, "RESP-004")
    assert waived["suppressions"] == [{
        "kind": "external", "status": "accepted", "justification": "instagram is closing in May",
        "properties": {"source": "waiver", "owner": "cx-lead", "expires": "2026-06-01"}}]
    assert waived["properties"]["failsRun"] is False and waived["level"] == "error"
    (baselined,) = results_by_rule(doc, "FDB-005")
    assert baselined["suppressions"][0]["justification"] == "listed in the baseline file"
    unsuppressed = [r for r in doc["runs"][0]["results"] if "suppressions" not in r]
    assert any(r["properties"]["failsRun"] for r in unsuppressed)  # RESP-011 still fails


def test_user_text_survives_json_escaping(tmp_path: Path) -> None:
    text = (EXAMPLES / "weak-small-shop.yaml").read_text(encoding="utf-8")
    f = tmp_path / "nasty.yaml"
    f.write_text(text.replace("  - id: instagram\n", '  - id: "insta <&> ]]> \\x02 \\""\n'),
                 encoding="utf-8")
    doc = sarif([str(f)])
    assert invalid(doc) == []
    messages = [r["message"]["text"] for r in results_by_rule(doc, "RESP-004")]
    assert any("'insta <&> ]]> \x02 \"'" in m for m in messages)


def test_waiver_notices_are_configuration_notifications(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: RESP-004\n    path: channels[instagram]\n"
                       "    reason: agency\n    owner: cx@tundra.example\n"
                       "    expires: 2026-01-31\n", encoding="utf-8")
    result = audit([str(SHOP)], Options(fail_on="critical", waivers=str(waivers),
                                        today=date(2026, 3, 1)))
    doc = json.loads(render("sarif", result))
    assert invalid(doc) == []
    inv = doc["runs"][0]["invocations"][0]
    assert inv["exitCode"] == 1 and inv["exitCodeDescription"] == "an expired waiver"
    (note,) = inv["toolConfigurationNotifications"]
    assert note["level"] == "error" and "expired on 2026-01-31" in note["message"]["text"]
    where = note["locations"][0]["physicalLocation"]
    assert where["artifactLocation"] == {"uri": waivers.as_uri()}
    assert where["region"] == {"startLine": 2, "startColumn": 5}
    assert "toolConfigurationNotifications" not in sarif([str(SHOP)])["runs"][0][
        "invocations"][0]
