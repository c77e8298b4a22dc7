"""What a configuration turns off is said plainly, and discovery cannot be steered from above the
project: it stops at the repository root or the home directory and names the file it used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES

from cxaudit import resources
from cxaudit.policy.config import find, search_root

REG = Path(__file__).resolve().parent / "data" / "regressions"
WEAK = EXAMPLES / "weak-small-shop.yaml"  # high findings: exit 1 unless something hides them


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """/tmp/.../outer/a/project holding the weak shop as the cwd; HOME is elsewhere."""
    project = tmp_path / "outer" / "a" / "project"
    project.mkdir(parents=True)
    shutil.copy(WEAK, project / "p.yaml")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    return project


# --- a configuration that turns every rule off -----------------------------------------------

@pytest.mark.parametrize(("config", "where", "message"), [
    pytest.param("safety-config-builtin-off.yaml", ":2:1:", "no rules ran: `builtin_rules: "
                 "false` turns the built-in rules off and no other rule pack is given",
                 id="builtin_rules false"),
    pytest.param("safety-config-disable-all.yaml", ":3:1:", "no rules ran: `enable` and "
                 "`disable` leave none of the 74 loaded rules", id="disable star"),
])
@pytest.mark.parametrize("command", ["check", "baseline", "diff"])
def test_a_config_that_turns_off_every_rule_is_an_error(
        cli: Any, work: Path, config: str, where: str, message: str, command: str) -> None:
    (work / ".git").mkdir()
    shutil.copy(REG / config, work / ".cxaudit.yaml")
    args = {"check": ["check", "p.yaml"], "baseline": ["baseline", "create", "p.yaml"],
            "diff": ["diff", "p.yaml", "p.yaml"]}[command]
    r = cli(*args)
    assert r.exit_code == 2
    assert f"{work / '.cxaudit.yaml'}{where} {message}" in r.stderr
    assert "hint: " in r.stderr and "stage" not in r.stdout and r.stdout == ""
    assert not (work / ".cxaudit-baseline.json").exists()


def test_pyproject_turning_builtin_rules_off_points_at_its_line(cli: Any, work: Path) -> None:
    (work / ".git").mkdir()
    (work / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cxaudit]\n'
                                         'builtin_rules = false\n', encoding="utf-8")
    r = cli("check", "p.yaml")
    assert r.exit_code == 2
    assert f"{work / 'pyproject.toml'}:5:1: no rules ran: `builtin_rules: false`" in r.stderr


def test_no_builtin_rules_and_an_empty_pack_is_an_error(cli: Any, work: Path) -> None:
    (work / "empty").mkdir()
    r = cli("check", "p.yaml", "--no-builtin-rules", "-r", "empty")
    assert r.exit_code == 2
    assert r.stderr == ("--no-builtin-rules: no rules ran: the built-in rules are off and the "
                        "rule pack empty holds no rules\n  hint: add a rule pack with --rules "
                        "DIR, or drop --no-builtin-rules\n")


def test_a_config_that_keeps_some_rules_still_audits(cli: Any, work: Path) -> None:
    (work / ".git").mkdir()
    (work / ".cxaudit.yaml").write_text("enable: [RESP-001]\n", encoding="utf-8")
    r = cli("check", "p.yaml", "-f", "json")
    assert r.exit_code == 1
    assert {f["rule_id"] for f in json.loads(r.stdout)["findings"]} == {"RESP-001"}


# --- discovery bounds ------------------------------------------------------------------------

def test_a_config_planted_above_a_project_outside_any_repository_is_not_read(
        cli: Any, work: Path) -> None:
    shutil.copy(REG / "safety-config-planted.yaml", work.parents[1] / ".cxaudit.yaml")
    r = cli("check", "p.yaml", "-f", "json")
    assert r.exit_code == 1  # fail_on: none would have turned this into 0
    assert "config" not in json.loads(r.stdout) and "using configuration" not in r.stderr
    assert find() is None and search_root() == work


def test_discovery_stops_at_the_repository_root(cli: Any, work: Path) -> None:
    shutil.copy(REG / "safety-config-planted.yaml", work.parents[1] / ".cxaudit.yaml")
    (work.parent / ".git").mkdir()  # the repository is outer/a; the config is above it
    assert search_root() == work.parent
    r = cli("check", "p.yaml")
    assert r.exit_code == 1 and "using configuration" not in r.stderr


def test_a_git_file_marks_a_repository_root_too(work: Path) -> None:
    (work.parent / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n", encoding="utf-8")
    assert search_root() == work.parent


def test_discovery_stops_at_the_home_directory(work: Path, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(work.parent))
    shutil.copy(REG / "safety-config-planted.yaml", work.parents[1] / ".cxaudit.yaml")
    assert search_root() == work.parent and find() is None
    (work.parent / ".cxaudit.yaml").write_text("fail_on: low\n", encoding="utf-8")
    assert find() == work.parent / ".cxaudit.yaml"  # the home directory itself is searched


def test_the_config_used_is_named_on_stderr_and_in_the_json_report(cli: Any, work: Path) -> None:
    (work.parent / ".git").mkdir()
    (work.parent / ".cxaudit.yaml").write_text("fail_on: none\n", encoding="utf-8")
    r = cli("check", "p.yaml", "-f", "json")
    assert r.exit_code == 0
    assert r.stderr == "cxaudit: using configuration ../.cxaudit.yaml\n"
    report = json.loads(r.stdout)
    assert report["config"] == "../.cxaudit.yaml"
    schema = json.loads(resources.schema_text("report.schema.json"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(report)) == []
    r = cli("check", "p.yaml", "-f", "json", "--config", "../.cxaudit.yaml")
    assert r.stderr == "" and json.loads(r.stdout)["config"] == "../.cxaudit.yaml"
    r = cli("check", "p.yaml", "-f", "json", "--no-config")
    assert r.exit_code == 1 and "config" not in json.loads(r.stdout)
