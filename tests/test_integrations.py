"""The pre-commit hooks run the commands they name, the way pre-commit runs them (the GitHub
Action is tested in test_action.py)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
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
