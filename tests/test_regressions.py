"""Every reproducer in tests/data/regressions: the exit code, the message, never a traceback."""

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

HERE = Path(__file__).resolve().parent / "data" / "regressions"
_HEADER = re.compile(r"^#\s*(exit|message|commands|args):\s*(.*?)\s*$")


def _file_case(path: Path) -> list[tuple[str, dict[str, Any]]]:
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            meta[m.group(1)] = m.group(2)
    assert "exit" in meta and "message" in meta, f"{path.name}: needs # exit: and # message:"
    extra = shlex.split(meta.get("args", ""))
    out = []
    for command in meta.get("commands", "check sla diff").split():
        files = [path.name, path.name] if command == "diff" else [path.name]
        out.append((f"{path.stem}[{command}]", {
            "dir": path.parent, "args": [command, *files, *extra], "exit": [int(meta["exit"])],
            "message": meta["message"], "where": path.name}))
    return out


def _dir_case(path: Path) -> list[tuple[str, dict[str, Any]]]:
    spec = yaml.safe_load((path / "case.yaml").read_text(encoding="utf-8"))
    codes = spec["exit"] if isinstance(spec["exit"], list) else [spec["exit"]]
    out = []
    for i, run in enumerate(spec["runs"]):
        args = [str(a).replace("{examples}", str(EXAMPLES)) for a in run]
        out.append((f"{path.name}[{i}:{args[0]}]", {
            "dir": path, "args": args, "exit": codes, "message": str(spec["message"]),
            "env": spec.get("env"), "where": None}))
    return out


def _cases() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    # crash-*: this runner; vocab-* and portfolio-*: test_regressions_vocab.py; safety-*: the
    # hostile packs, templates and configs that tests/test_safety_*.py run
    for path in sorted(HERE.glob("crash-*")):
        if path.suffix == ".yaml":
            cases += _file_case(path)
        elif path.is_dir() and (path / "case.yaml").is_file():
            cases += _dir_case(path)
    return cases


CASES = _cases()


def test_the_folder_holds_the_reproducers_of_issue_10() -> None:
    names = {name.split("[")[0] for name, _ in CASES}
    for wanted in ("crash-tz-typo", "crash-tz-etc-sign", "crash-tz-300-chars",
                   "crash-tz-helpdesk-name", "crash-holiday-calendar-unknown",
                   "crash-jurisdiction-unknown", "crash-jurisdiction-el", "crash-updated-9998", "crash-updated-0001",
                   "crash-as-of-9999", "crash-quoted-impossible-date", "crash-open-equals-close",
                   "crash-empty-schedule", "crash-rule-operand-not-a-list",
                   "crash-rule-missing-check-param", "crash-legal-sectors-text",
                   "crash-pyproject-tool-1", "crash-baseline-5000-deep", "crash-locale-latin1",
                   "crash-locale-euc-jp"):
        assert wanted in names


def _run(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    if case.get("env"):
        env = {**os.environ, **{k: str(v) for k, v in case["env"].items()}}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        done = subprocess.run([sys.executable, "-m", "cxaudit", *case["args"]], cwd=case["dir"],
                              env=env, capture_output=True, timeout=120)
        return done.returncode, (done.stdout + done.stderr).decode("utf-8")
    from typer.testing import CliRunner

    from cxaudit.cli import app

    monkeypatch.chdir(case["dir"])
    result = CliRunner().invoke(app, case["args"], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[n for n, _ in CASES])
def test_reproducer(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(case, monkeypatch)
    assert "Traceback" not in out and "internal error" not in out, out[-2000:]
    assert code in case["exit"], out[-2000:]
    assert case["message"] in out, out[-2000:]
    if code == 2:
        assert "hint: " in out
        if case["where"]:
            assert re.search(rf"{re.escape(case['where'])}:\d+:\d+: ", out), out
