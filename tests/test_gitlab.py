"""`-f gitlab`: a GitLab Code Quality report that GitLab accepts, entry by entry, and that lists
what a merge request should show: the findings that count, with fingerprints that survive edits.

Checked against two things: the JSON Schema GitLab itself validates each entry with (vendored
in tests/data, see its README), and the fields GitLab's documentation requires (doc/ci/testing/
code_quality.md, "Code Quality report format"), which the schema does not all enforce.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, GOLDEN, ROOT

from cxaudit.api import Options, audit
from cxaudit.report import render

SCHEMA = json.loads((ROOT / "tests" / "data" / "gitlab-codeclimate.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
SEVERITIES = ("info", "minor", "major", "critical", "blocker")  # as GitLab documents them
GOLDENS = sorted(GOLDEN.glob("*.codequality.json"))
SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"


def problems(report: Any) -> list[str]:
    """What GitLab would drop (its schema) or the documentation does not allow."""
    if not isinstance(report, list):
        return ["the report must be a single JSON array"]
    out = []
    for i, entry in enumerate(report):
        out += [f"[{i}] schema: {e.message}" for e in VALIDATOR.iter_errors(entry)]
        for key in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                out.append(f"[{i}] {key} must be a non-empty string")
        if entry.get("severity") not in SEVERITIES:
            out.append(f"[{i}] severity {entry.get('severity')!r} is not one of {SEVERITIES}")
        loc = entry.get("location") or {}
        path = loc.get("path")
        if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
            out.append(f"[{i}] location.path must be a relative path in the repository")
        begin = (loc.get("lines") or {}).get("begin")
        if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
            out.append(f"[{i}] location.lines.begin must be a line number")
    return out


def report(paths: list[str], **options: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(render("gitlab", audit(paths, Options(**options))))
    return result


def test_the_vendored_schema_is_gitlabs() -> None:
    assert SCHEMA["description"] == "Codequality used by codeclimate parser"
    assert SCHEMA["required"] == ["description", "fingerprint", "severity", "location"]
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_checks_catch_a_broken_report() -> None:
    entry = report([str(SHOP)])[0]
    assert problems({"not": "an array"}) == ["the report must be a single JSON array"]
    broken = [{**entry, "severity": "high", "location": {"path": "/abs.yaml",
                                                         "lines": {"begin": "3"}}},
              {k: v for k, v in entry.items() if k != "fingerprint"}]
    found = problems(broken)
    assert any("severity 'high'" in p for p in found)
    assert any("relative path" in p for p in found)
    assert any("schema: '3' is not of type 'integer'" in p for p in found)
    assert any("[1] schema: 'fingerprint' is a required property" in p for p in found)


def test_there_is_a_golden_report_for_every_example() -> None:
    assert len(GOLDENS) == len(list(EXAMPLES.glob("*.yaml"))) + 1  # + the units directory


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name.split(".")[0])
def test_every_golden_is_accepted_by_gitlab(golden: Path) -> None:
    doc = json.loads(golden.read_text(encoding="utf-8"))
    assert problems(doc) == []
    prints = [e["fingerprint"] for e in doc]
    assert len(prints) == len(set(prints))  # GitLab keeps one entry per fingerprint


def test_the_findings_that_count_with_their_severity_and_line(monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)
    result = audit(["examples/weak-small-shop.yaml"])
    doc = report(["examples/weak-small-shop.yaml"])
    counted = {f.fingerprint: f for u in result.units for f in u.findings
               if f.kind.value == "violation" and f.severity.value != "info"}
    assert {e["fingerprint"] for e in doc} == set(counted)
    mapping = {"critical": "critical", "high": "major", "medium": "minor", "low": "info"}
    for e in doc:
        f = counted[e["fingerprint"]]
        assert e["severity"] == mapping[f.severity.value] and e["check_name"] == f.rule_id
        assert e["description"] == f.message
        assert e["location"] == {"path": "examples/weak-small-shop.yaml",
                                 "lines": {"begin": f.location.line}}
    assert set(doc[0]) == {"check_name", "description", "fingerprint", "location", "severity"}


def test_missing_facts_notes_and_suppressed_findings_are_left_out(tmp_path: Path) -> None:
    result = audit([str(SHOP)])
    assert any(u.needs_evidence for u in result.units) and any(u.notes for u in result.units)
    rules = [e["check_name"] for e in report([str(SHOP)])]
    assert sorted(rules) == ["FDB-005", "RESP-004", "RESP-011", "RESP-011"]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: RESP-011\n    reason: Christmas rota planned\n"
                       "    owner: cx@tundra.example\n    expires: 2026-12-31\n",
                       encoding="utf-8")
    rules = [e["check_name"] for e in report([str(SHOP)], waivers=str(waivers),
                                                today=date(2026, 1, 1))]
    assert sorted(rules) == ["FDB-005", "RESP-004"]


def test_fingerprints_survive_reformatting_and_reordering(tmp_path: Path,
                                                          monkeypatch: Any) -> None:
    doc = yaml.safe_load(WEAK.read_text(encoding="utf-8"))
    doc["channels"].reverse()
    (tmp_path / WEAK.name).write_text("# moved\n\n" + yaml.safe_dump(doc, indent=4),
                                      encoding="utf-8")
    monkeypatch.chdir(EXAMPLES)
    before = {e["fingerprint"]: e["location"]["lines"]["begin"] for e in report([WEAK.name])}
    monkeypatch.chdir(tmp_path)
    after = {e["fingerprint"]: e["location"]["lines"]["begin"] for e in report([WEAK.name])}
    assert set(before) == set(after) and before != after


def test_a_file_that_cannot_be_audited_is_a_blocker(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                                "channels: [\n", encoding="utf-8")
    Path("shop.yaml").write_bytes(SHOP.read_bytes())
    doc = report(["bad.yaml", "shop.yaml"])
    assert problems(doc) == []
    assert doc[0]["severity"] == "blocker" and doc[0]["check_name"] == "cxaudit/input-error"
    assert doc[0]["location"]["path"] == "bad.yaml" and doc[0]["location"]["lines"]["begin"] >= 3
    assert len(doc) == 5


def test_the_file_name_says_gitlab(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "gl-code-quality.codequality.json"
    r = cli("check", str(SHOP), "-o", str(out), "-f", "text", "-f", "gitlab")
    assert r.exit_code == 1 and "Score" in r.stdout
    assert problems(json.loads(out.read_text(encoding="utf-8"))) == []
    alone = tmp_path / "alone.codequality.json"  # the extension alone says which format
    assert cli("check", str(SHOP), "-o", str(alone)).exit_code == 1
    assert problems(json.loads(alone.read_text(encoding="utf-8"))) == []
    r = cli("check", str(SHOP), "-f", "codequality")  # the Code Climate name is an alias
    assert r.exit_code == 1 and problems(json.loads(r.stdout)) == []
    r = cli("check", str(SHOP), "-f", "json", "-o", str(tmp_path / "x.codequality.json"))
    assert r.exit_code == 2 and "the file name says gitlab" in r.stderr
