"""The JSON report is a documented, versioned format: every golden report validates against it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, GOLDEN, ROOT

from cxaudit.api import Options, audit
from cxaudit.report import render

SCHEMA_PATH = ROOT / "cxaudit" / "schema" / "report.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
GOLDENS = sorted(p for p in GOLDEN.glob("*.json") if not p.name.endswith(".codequality.json"))


def _errors(report: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(report)]


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_golden_json_report_exists() -> None:
    assert len(GOLDENS) >= 6


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_golden_report_validates(golden: Path) -> None:
    errors = _errors(json.loads(golden.read_text(encoding="utf-8")))
    assert errors == [], ("the JSON report no longer matches cxaudit/schema/report.schema.json; "
                          "describe the new or changed field there (and in the README)")


def test_a_report_with_suppressed_and_legal_findings_validates() -> None:
    result = audit([str(EXAMPLES / "ru-shop-eu-buyers.yaml")], Options())
    report = json.loads(render("json", result))
    assert any(f["legal"] for f in report["findings"])
    report["findings"][0]["suppression"] = {"kind": "waiver", "reason": "supplier contract",
                                            "owner": "ops@example.com", "expires": "2027-01-31"}
    assert _errors(report) == []


@pytest.mark.parametrize("mutate, where", [
    (lambda r: r.update(report_version="2"), "report_version"),
    (lambda r: r["findings"][0].update(severity="urgent"), "findings/0/severity"),
    (lambda r: r["findings"][0]["location"].pop("line"), "findings/0/location"),
    (lambda r: r["units"][0].update(colour="red"), "units/0"),
    (lambda r: r["findings"][0].update(fingerprint="xyz"), "findings/0/fingerprint"),
])
def test_the_schema_catches_a_broken_report(mutate: Any, where: str) -> None:
    report = json.loads((GOLDEN / "online-shop.json").read_text(encoding="utf-8"))
    mutate(report)
    assert any(e.startswith(where) for e in _errors(report)), _errors(report)


def _described(node: Any, path: str = "") -> Iterator[str]:
    """Paths of report fields that lack a description."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if not (isinstance(sub, dict) and ("description" in sub or "$ref" in sub)):
                yield f"{path}/{name}"
        for key, sub in node.items():
            if isinstance(sub, (dict, list)):
                yield from _described(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _described(sub, f"{path}/{i}")


def test_every_field_is_documented() -> None:
    undocumented = list(_described(SCHEMA))
    assert undocumented == []


def test_cli_prints_the_report_schema(cli: Any) -> None:
    r = cli("schema", "report")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == SCHEMA
