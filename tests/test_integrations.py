"""The pre-commit hooks and the GitHub Action run the commands they name, the way CI runs them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


# ------------------------------------------------------------------------------ pre-commit

def test_hooks_have_the_fields_pre_commit_requires() -> None:
    assert [h["id"] for h in HOOKS] == ["cxaudit", "cxaudit-validate"]
    for hook in HOOKS:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["entry"].startswith("cxaudit check")
        re.compile(hook["files"])


@pytest.mark.parametrize("name, matched", [
    ("process.yaml", True), ("service/process-eu.yml", True), ("cx.yaml", True),
    ("docker-compose.yaml", False), ("rules/RESP-001.yaml", False),
])
def test_hook_file_pattern(name: str, matched: bool) -> None:
    assert bool(re.search(HOOKS[0]["files"], name)) is matched


def _hook(hook: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    entry = next(h["entry"] for h in HOOKS if h["id"] == hook)
    # pre-commit appends the hook's `args` and then the matching file names to the entry
    return subprocess.run([*shlex.split(entry), *args], capture_output=True, text=True,
                          env=_env(CXAUDIT_TODAY="2026-11-23"), timeout=120, cwd=cwd)


@pytest.mark.parametrize("hook, args, example, code", [
    ("cxaudit", [], "weak-small-shop.yaml", 1),
    ("cxaudit", ["--fail-on", "critical"], "online-shop.yaml", 0),
    ("cxaudit-validate", [], "weak-small-shop.yaml", 0),
])
def test_hook_entry_runs_on_staged_files(hook: str, args: list[str], example: str,
                                         code: int) -> None:
    r = _hook(hook, *args, str(EXAMPLES / example))
    assert r.returncode == code, r.stdout + r.stderr


def test_hook_entries_name_no_device_or_platform_path() -> None:
    for hook in HOOKS:
        words = shlex.split(hook["entry"])
        # no /dev/null (absent on Windows), no NUL (absent elsewhere): every output is stdout
        assert not any(w.startswith(("/", "\\")) or w.upper() in ("NUL", "CON") for w in words)
        assert "-o" not in words and "--output" not in words


def test_validate_hook_refuses_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "process.yaml"
    bad.write_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nchannels: [\n",
                   encoding="utf-8")
    r = _hook("cxaudit-validate", str(bad))
    assert r.returncode == 2 and f"{bad}:" in r.stderr


EXPIRED = ("waivers:\n  - rule: RESP-004\n    reason: the agency reads Instagram\n"
           "    owner: cx@tundra.example\n    expires: 2026-01-31\n")


@pytest.mark.parametrize("waivers, baseline", [
    pytest.param(EXPIRED, None, id="expired waiver"),
    pytest.param("waivers: [{rule: RESP-004}]\n", None, id="broken waivers file"),
    pytest.param(None, "{not json", id="broken baseline"),
])
def test_validate_hook_ignores_waivers_and_baseline(tmp_path: Path, waivers: str | None,
                                                   baseline: str | None) -> None:
    """The audit hook fails on an expired waiver (it fails the run); validating does not."""
    (tmp_path / ".git").mkdir()  # a repository root: the files beside it are the defaults
    (tmp_path / "process.yaml").write_bytes((EXAMPLES / "online-shop.yaml").read_bytes())
    if waivers is not None:
        (tmp_path / ".cxaudit-waivers.yaml").write_text(waivers, encoding="utf-8")
    if baseline is not None:
        (tmp_path / ".cxaudit-baseline.json").write_text(baseline, encoding="utf-8")
    audit = _hook("cxaudit", "--fail-on", "critical", "process.yaml", cwd=tmp_path)
    assert audit.returncode == (1 if waivers == EXPIRED else 2), audit.stderr
    r = _hook("cxaudit-validate", "process.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "waiver" not in r.stderr and "baseline" not in r.stderr


# ------------------------------------------------------------------------------ GitHub Action

def _steps() -> dict[str, dict[str, Any]]:
    return {s.get("id") or s.get("name") or s["uses"]: s for s in ACTION["runs"]["steps"]}


def test_action_is_composite_and_scripts_take_inputs_only_through_env() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # `${{ }}` inside a script is a script-injection risk; inputs go through env
            assert "${{" not in step["run"], step.get("name")
    used = {m for s in ACTION["runs"]["steps"] for v in (s.get("env") or {}).values()
            for m in re.findall(r"inputs\.([a-z-]+)", str(v))}
    assert used <= set(ACTION["inputs"])


def _run_step(step: dict[str, Any], cwd: Path, **env: str) -> tuple[int, str, str]:
    out, summary = cwd / "gh-output", cwd / "gh-summary"
    out.write_text("", encoding="utf-8")  # a fresh step: GitHub gives each its own files
    summary.write_text("", encoding="utf-8")
    r = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True,
                       text=True, timeout=300,
                       env=_env(GITHUB_OUTPUT=str(out), GITHUB_STEP_SUMMARY=str(summary), **env))
    return r.returncode, out.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("example, fail_on, code", [("weak-small-shop.yaml", "high", 1),
                                                   ("online-shop.yaml", "critical", 0)])
def test_action_audit_step(tmp_path: Path, example: str, fail_on: str, code: int) -> None:
    (tmp_path / "process.yaml").write_bytes((EXAMPLES / example).read_bytes())
    rc, output, summary = _run_step(_steps()["check"], tmp_path, CXAUDIT_PATHS="process.yaml",
                                    CXAUDIT_FAIL_ON=fail_on)
    assert rc == 0  # findings do not stop the job here: the verdict step decides
    assert f"exit-code={code}" in output
    assert summary.startswith("# cxaudit report")
    assert (tmp_path / "cxaudit.sarif").is_file()


def test_action_audit_step_stops_on_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "process.yaml").write_text("apiVersion: cxaudit/v2\n", encoding="utf-8")
    rc, output, _ = _run_step(_steps()["check"], tmp_path, CXAUDIT_PATHS="process.yaml",
                              CXAUDIT_FAIL_ON="high")
    assert rc == 2 and "exit-code=2" in output


@pytest.mark.parametrize("check, diff, code", [("0", "", 0), ("1", "", 1), ("0", "1", 1)])
def test_action_verdict(tmp_path: Path, check: str, diff: str, code: int) -> None:
    rc, _, _ = _run_step(_steps()["Verdict"], tmp_path, CHECK_CODE=check, DIFF_CODE=diff)
    assert rc == code


def test_action_diff_step_compares_a_pull_request_with_its_base_branch(tmp_path: Path) -> None:
    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)

    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    git("clone", "-q", str(origin), str(work), cwd=tmp_path)
    git("config", "user.email", "ci@example.com", cwd=work)
    git("config", "user.name", "CI", cwd=work)
    text = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
    (work / "process.yaml").write_text(text, encoding="utf-8")
    (work / "new-unit.yaml").write_text(text, encoding="utf-8")
    git("add", "process.yaml", cwd=work)
    git("commit", "-q", "-m", "base", cwd=work)
    git("push", "-q", "origin", "main", cwd=work)
    git("checkout", "-q", "-b", "loosen-sla", cwd=work)
    (work / "process.yaml").write_text(text.replace("normal: 4h, low: 1bd", "normal: 2d@calendar, low: 1bd"),
                                       encoding="utf-8")
    rc, output, summary = _run_step(_steps()["diff"], work, CXAUDIT_BASE="main",
                                    CXAUDIT_PATHS="process.yaml new-unit.yaml",
                                    CXAUDIT_FAIL_ON_REGRESSION="low")
    assert rc == 0 and "exit-code=1" in output
    assert "New process file new-unit.yaml: nothing to compare." in summary
    assert "first response target" in summary and "4h" in summary and "2d" in summary
    # a gate above the regression's severity lets the pull request through
    rc, output, _ = _run_step(_steps()["diff"], work, CXAUDIT_BASE="main",
                              CXAUDIT_PATHS="process.yaml", CXAUDIT_FAIL_ON_REGRESSION="critical")
    assert rc == 0 and "exit-code=0" in output
