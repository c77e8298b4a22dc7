"""Baselines: today's findings recorded by fingerprint; only new ones fail, edits don't matter."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, run_cxaudit

from cxaudit.api import Options, audit, baseline_text
from cxaudit.document.loading import load_file

SHOP = EXAMPLES / "online-shop.yaml"
WEAK = EXAMPLES / "weak-small-shop.yaml"
NEW_WEAKNESS = ("  - {id: tiktok, type: social, enabled: true, purposes: [marketing],\n"
                "     social: {platform: tiktok, monitored: false}}\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(SHOP, tmp_path / "shop.yaml")
    shutil.copy(WEAK, tmp_path / "weak.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _create(cli: Any, *args: str) -> Any:
    r = cli("baseline", "create", *args)
    assert r.exit_code == 0, r.stderr
    return r


def _states(r: Any) -> dict[str, str | None]:
    """Plan findings -> suppression kind (None: counts)."""
    return {f"{f['unit']} {f['rule_id']} {f['location']['path']}":
            f["suppression"]["kind"] if f["suppression"] else None
            for f in json.loads(r.stdout)["findings"] if f["bucket"]}


def test_create_writes_sorted_deterministic_fingerprints(cli: Any, project: Path) -> None:
    r = _create(cli, "shop.yaml", "weak.yaml")
    assert "wrote" in r.stderr and ".cxaudit-baseline.json" in r.stderr
    first = (project / ".cxaudit-baseline.json").read_bytes()
    _create(cli, "weak.yaml", "shop.yaml")
    assert (project / ".cxaudit-baseline.json").read_bytes() == first
    data = json.loads(first)
    assert data["baseline_version"] == 2
    entries = data["entries"]
    assert entries == sorted(entries, key=lambda e: (e["file"], e["rule"], e["path"],
                                                     e["fingerprint"]))
    assert all({"fingerprint", "rule", "file", "path", "message"} <= set(e) for e in entries)
    assert {e["file"] for e in entries} == {"shop.yaml", "weak.yaml"}
    shop = {(e["rule"], e["path"]): e for e in entries if e["file"] == "shop.yaml"}
    assert len(shop) == 4  # the plan actions; notes and missing facts never fail a run
    # what each finding was about: the judged field at its place, its value, its channels
    resp4 = shop[("RESP-004", "channels[id=instagram].social.monitored")]
    assert (resp4["field"], resp4["value"]) == ("channels[id=instagram].social.monitored", False)
    assert "channels" not in resp4
    resp11 = shop[("RESP-011", "sla_policies[id=standard].targets.first_response")]
    assert resp11["field"] == "sla_policies[id=standard].targets.first_response.normal"
    assert resp11["value"] == "4h" and resp11["channels"] == ["email", "web_form"]
    # and a digest of every list item of each unit, to follow renames as `diff` does
    items = data["units"]["shop.yaml"]["items"]
    assert {"sla_policies[id=standard]", "channels[id=instagram]"} <= set(items)
    assert all(len(v) == 16 for v in items.values())
    assert not any(k in json.dumps(data) for k in ('"line"', '"column"'))


VERSION_1 = {"baseline_version": 1, "tool": "cxaudit", "entries": []}


def test_a_version_1_baseline_is_still_read(cli: Any, project: Path) -> None:
    """Version 1 entries match by fingerprint; the run says how to get the new checks."""
    data = json.loads(_create(cli, "weak.yaml", "-o", "-").stdout)
    old = {**VERSION_1, "entries": [{k: e[k] for k in ("fingerprint", "rule", "file", "path",
                                                       "message")} for e in data["entries"]]}
    (project / "v1.json").write_text(json.dumps(old), encoding="utf-8")
    weak = project / "weak.yaml"
    weak.write_text(weak.read_text(encoding="utf-8").replace("{normal: 48h}", "{normal: 72h}"),
                    encoding="utf-8")
    r = cli("check", "weak.yaml", "--baseline", "v1.json")
    assert r.exit_code == 0, r.stdout  # no value recorded: the looser target stays baselined
    assert ("info: this baseline (version 1) records no values, so findings that got worse "
            "stay baselined") in r.stderr
    assert "run `cxaudit baseline create` again to write version 2" in r.stderr
    (project / ".cxaudit-baseline.json").write_text(json.dumps(data), encoding="utf-8")
    assert cli("check", "weak.yaml").exit_code == 1  # version 2 sees it


def test_baselined_findings_are_shown_but_do_not_fail(cli: Any, project: Path) -> None:
    _create(cli, "shop.yaml", "weak.yaml")
    assert cli("check", "shop.yaml", "weak.yaml", "--no-baseline").exit_code == 1
    r = cli("check", "shop.yaml", "weak.yaml", "--baseline", ".cxaudit-baseline.json")
    assert r.exit_code == 0, r.stdout
    assert "RESP-004  high     shop.yaml:76:35  [baselined]" in r.stdout
    assert "baselined)" in r.stdout.splitlines()[-1]
    j = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json", "-f", "json")
    assert set(_states(j).values()) == {"baseline"}
    assert json.loads(j.stdout)["baseline"] == {"baselined": 4, "file": ".cxaudit-baseline.json",
                                                "fixed": [], "worse": []}
    md = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json", "-f", "md")
    assert "· **baselined** |" in md.stdout


def test_baseline_survives_reformatting_and_reordering(cli: Any, project: Path) -> None:
    _create(cli, "shop.yaml", "weak.yaml")
    for name in ("shop.yaml", "weak.yaml"):
        doc = load_file(project / name).data  # YAML 1.2 values: `on` stays a string
        doc["channels"].reverse()
        doc["sla_policies"].reverse()
        text = yaml.safe_dump(doc, indent=4, sort_keys=True, allow_unicode=True)
        (project / name).write_text("# reformatted, reordered, commented\n\n" + text,
                                    encoding="utf-8")
    r = cli("check", "shop.yaml", "weak.yaml", "--baseline", ".cxaudit-baseline.json",
            "-f", "json")
    assert r.exit_code == 0
    states = _states(r)
    assert len(states) >= 10 and set(states.values()) == {"baseline"}
    assert "no longer found" not in r.stderr


def test_a_new_weakness_fails_and_only_it(cli: Any, project: Path) -> None:
    _create(cli, "shop.yaml")
    shop = project / "shop.yaml"
    text = shop.read_text(encoding="utf-8")
    shop.write_text(text.replace("self_service:\n", NEW_WEAKNESS + "self_service:\n"),
                    encoding="utf-8")
    r = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json", "-f", "json")
    assert r.exit_code == 1
    failing = [k for k, v in _states(r).items() if v is None]
    assert failing == ["shop.yaml RESP-004 channels[6].social.monitored"]
    t = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json")
    # 4 baselined findings, two of them one action (RESP-011: the same holiday closures)
    assert "1 action(s) at or above 'high' in 1 of 1 unit(s) (3 baselined)" in t.stdout


def test_fixed_findings_are_reported_as_info(cli: Any, project: Path) -> None:
    _create(cli, "shop.yaml", "weak.yaml")
    shop = project / "shop.yaml"
    shop.write_text(shop.read_text(encoding="utf-8").replace(
        "exit_reason_captured: false", "exit_reason_captured: true"), encoding="utf-8")
    r = cli("check", "shop.yaml", "--baseline", ".cxaudit-baseline.json", "-f", "json")
    assert r.exit_code == 0
    assert ("info: baselined FDB-005 at shop.yaml feedback.churn.cause_analysis."
            "exit_reason_captured is no longer found (fixed)") in r.stderr
    assert "weak.yaml" not in r.stderr  # not audited this time, so not called fixed
    fixed = json.loads(r.stdout)["baseline"]["fixed"]
    assert [(e["rule"], e["file"]) for e in fixed] == [("FDB-005", "shop.yaml")]


def test_baseline_works_from_another_directory(project: Path) -> None:
    (project / "ci").mkdir()
    r = run_cxaudit("baseline", "create", "shop.yaml", "-o", "ci/base.json", cwd=project)
    assert r.returncode == 0, r.stderr
    assert json.loads((project / "ci" / "base.json").read_text())["entries"][0]["file"] == \
        "../shop.yaml"
    r = run_cxaudit("check", "../shop.yaml", "--baseline", "base.json", cwd=project / "ci")
    assert r.returncode == 0, r.stdout


def test_baseline_from_the_config(cli: Any, project: Path) -> None:
    _create(cli, "shop.yaml", "-o", "base.json")
    (project / ".cxaudit.yaml").write_text("baseline: base.json\n", encoding="utf-8")
    assert cli("check", "shop.yaml").exit_code == 0
    assert cli("check", "shop.yaml", "--no-baseline").exit_code == 1


def test_the_default_baseline_is_found_like_the_default_waivers(cli: Any, project: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    (project / ".git").mkdir()  # the repository root
    _create(cli, "shop.yaml")  # .cxaudit-baseline.json, the default name
    r = cli("check", "shop.yaml", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["baseline"]["baselined"] == 4
    assert cli("check", "shop.yaml", "--no-baseline").exit_code == 1
    # from a subdirectory: the configuration at the root, and the baseline beside it
    (project / ".cxaudit.yaml").write_text("fail_on: high\n", encoding="utf-8")
    (project / "units").mkdir()
    monkeypatch.chdir(project / "units")
    r = cli("check", "../shop.yaml", "-f", "json")
    assert r.exit_code == 0, r.stdout
    used = Path(json.loads(r.stdout)["baseline"]["file"])
    assert used.resolve() == (project / ".cxaudit-baseline.json").resolve()
    # `baseline:` in the configuration names another file instead
    (project / ".cxaudit.yaml").write_text("baseline: none-yet.json\n", encoding="utf-8")
    r = cli("check", "../shop.yaml")
    assert r.exit_code == 2 and "none-yet.json: baseline file not found" in r.stderr
    # no file of that name: no baseline
    (project / ".cxaudit.yaml").unlink()
    (project / ".cxaudit-baseline.json").unlink()
    r = cli("check", "../shop.yaml", "-f", "json")
    assert r.exit_code == 1 and "baseline" not in json.loads(r.stdout)


def test_create_to_stdout_and_through_the_api(cli: Any, project: Path) -> None:
    r = cli("baseline", "create", "shop.yaml", "-o", "-")
    assert r.exit_code == 0 and json.loads(r.stdout)["entries"]
    assert r.stdout == baseline_text(["shop.yaml"], "x.json", Options())
    result = audit(["shop.yaml"], Options(baseline=None))
    assert result.suppressions is None


@pytest.mark.parametrize("text, where, message", [
    pytest.param("{\n  \"entries\": [\n", ":3:1:", "invalid JSON", id="syntax"),
    pytest.param('{"entries": []}\n', ":1:1:", "not a cxaudit baseline (version 1 or 2",
                 id="no version"),
    pytest.param('{"baseline_version": 3, "entries": []}\n', ":1:1:", "not a cxaudit baseline",
                 id="future version"),
    pytest.param('{\n  "baseline_version": 2,\n  "entries": [\n    {"rule": "X", "fingerprint": '
                 '"f", "file": "a", "path": "p", "message": "m", "channels": "email"}\n  ]\n}\n',
                 ":4:5:", "may have field, value and a list of channels", id="bad channels"),
    pytest.param('{\n  "baseline_version": 2,\n  "entries": [],\n  "units": {"a.yaml": 3}\n}\n',
                 ":4:3:", "`units` must map each file to its `items`", id="bad units"),
    pytest.param('{\n  "baseline_version": 1,\n  "entries": [\n    {"rule": "X"}\n  ]\n}\n',
                 ":4:5:", "entries[0] must have the text fields", id="bad entry"),
])
def test_bad_baseline_is_an_error_at_its_line(cli: Any, project: Path, text: str, where: str,
                                              message: str) -> None:
    (project / "b.json").write_text(text, encoding="utf-8")
    r = cli("check", "shop.yaml", "--baseline", "b.json")
    assert r.exit_code == 2
    assert f"b.json{where}" in r.stderr and message in r.stderr, r.stderr
    assert "hint: " in r.stderr


def test_missing_baseline_is_an_input_error(cli: Any, project: Path) -> None:
    r = cli("check", "shop.yaml", "--baseline", "nope.json")
    assert r.exit_code == 2 and "nope.json: baseline file not found" in r.stderr
