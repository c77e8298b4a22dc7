"""The GitHub Action (action.yml): its bash steps run end to end, in order, the way the runner
runs them, in a clone of a local bare repository whose process files have spaces in their
names. `uses:` steps (setup-python, the SARIF upload) cannot run here: the tests check how they
are pinned and wired, and feed their outcome to the step that reads it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
SHOP = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
LOOSER = SHOP.replace("normal: 4h, low: 1bd", "normal: 2d@calendar, low: 1bd")
STEPS = {s.get("id") or s.get("name") or s["uses"]: s for s in ACTION["runs"]["steps"]}


def _env(path: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))}
    return {**env, "PATH": f"{path or BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


class Job:
    """Runs the action's script steps one after the other, as one job of the runner does."""

    def __init__(self, cwd: Path, path: str | None = None, **inputs: str) -> None:
        self.cwd, self.path, self.inputs = cwd, path, inputs
        self.outputs: dict[str, dict[str, str]] = {}
        self.summary = ""
        self.logs: dict[str, str] = {}

    def run(self, step_id: str, **env: str) -> int:
        step = STEPS[step_id]
        out, summary = self.cwd.parent / "gh-output", self.cwd.parent / "gh-summary"
        out.write_text("", encoding="utf-8")  # GitHub gives each step its own files
        summary.write_text("", encoding="utf-8")
        given = {name: self._value(str(v), env) for name, v in (step.get("env") or {}).items()}
        # bash -e -o pipefail, as the runner runs `shell: bash`
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                            step["run"]], cwd=self.cwd, capture_output=True, text=True,
                           timeout=300, env=_env(self.path, GITHUB_OUTPUT=str(out),
                                                 GITHUB_STEP_SUMMARY=str(summary), **given))
        self.outputs[step_id] = dict(line.split("=", 1) for line in
                                     out.read_text(encoding="utf-8").splitlines() if "=" in line)
        self.summary += summary.read_text(encoding="utf-8")
        self.logs[step_id] = r.stdout + r.stderr
        return r.returncode

    def _value(self, expression: str, env: dict[str, str]) -> str:
        """`${{ inputs.x }}` and `${{ steps.y.outputs.z }}` as the runner would fill them."""
        m = re.fullmatch(r"\$\{\{ ((inputs|steps|github)\.([\w-]+)(?:\.outputs\.([\w-]+)|"
                         r"\.outcome)?) \}\}", expression)
        assert m is not None, expression
        whole, kind, name, output = m.groups()
        if kind == "inputs":
            return self.inputs.get(name, str(ACTION["inputs"][name].get("default", "")))
        if kind == "steps" and output:
            return self.outputs.get(name, {}).get(output, "")
        return env.get(whole, "")  # github.base_ref, steps.upload.outcome


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone (in a directory with a space) of a bare repository whose main branch holds
    `units/my unit.yaml`; the checked-out branch loosens its SLA and adds `units/new unit.yaml`."""
    origin, work = tmp_path / "origin.git", tmp_path / "work tree"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    _git(work, "config", "user.email", "ci@example.com")
    _git(work, "config", "user.name", "CI")
    (work / "units").mkdir()
    (work / "units" / "my unit.yaml").write_text(SHOP, encoding="utf-8")
    _git(work, "add", "units")
    _git(work, "commit", "-q", "-m", "the audited process")
    _git(work, "push", "-q", "origin", "main")
    _git(work, "checkout", "-q", "-b", "loosen-sla")
    (work / "units" / "my unit.yaml").write_text(LOOSER, encoding="utf-8")
    (work / "units" / "new unit.yaml").write_text(SHOP, encoding="utf-8")
    _git(work, "add", "units")
    _git(work, "commit", "-q", "-m", "loosen the first-response target; a new unit")
    return work


def test_the_steps_are_wired_safely() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # `${{ }}` inside a script is a script-injection risk; inputs go through env
            assert "${{" not in step["run"], step.get("name")
    used = {m for s in ACTION["runs"]["steps"] for v in (s.get("env") or {}).values()
            for m in re.findall(r"inputs\.([a-z-]+)", str(v))}
    assert used <= set(ACTION["inputs"])
    upload = STEPS["upload"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    # a repository without code scanning refuses the upload: that must not fail the audit
    assert upload["continue-on-error"] is True and "always()" in upload["if"]
    assert STEPS["Verdict"]["env"]["UPLOAD_OUTCOME"] == "${{ steps.upload.outcome }}"


def test_a_pull_request_that_weakens_a_unit_with_a_space_in_its_name(pull_request: Path) -> None:
    job = Job(pull_request, paths="units", **{"fail-on": "critical"})
    assert job.run("check") == 0  # findings do not stop the job here: the verdict decides
    assert job.outputs["check"]["exit-code"] == "1"  # RESP-001 is critical at 2d
    log = job.logs["check"]
    # the annotation, on the line of the loosened target
    assert "::error file=units/my unit.yaml,line=36,col=46,title=RESP-001 (critical) " in log
    assert job.summary.startswith("# cxaudit report")
    assert (pull_request / "cxaudit.sarif").is_file()
    assert job.run("diff", **{"github.base_ref": "main"}) == 0
    assert job.outputs["diff"]["exit-code"] == "1"
    assert "units/my unit.yaml: the change weakens the policy (regression)" in job.logs["diff"]
    assert "New process file units/new unit.yaml: nothing to compare." in job.summary
    assert "first response target" in job.summary and "2d" in job.summary
    assert job.run("Verdict", **{"steps.upload.outcome": "failure"}) == 1
    verdict = job.logs["Verdict"]
    assert "::error title=cxaudit::This change weakens the service policy" in verdict
    assert "::error title=cxaudit::Findings at or above the fail level" in verdict
    # the SARIF upload failed (no code scanning): said, and it does not decide anything
    assert "::warning title=cxaudit: SARIF not uploaded::" in verdict
    assert "input error" not in verdict and "internal error" not in verdict


def test_paths_one_per_line_and_a_gate_above_the_regression(pull_request: Path) -> None:
    job = Job(pull_request, paths="units/my unit.yaml\n  units/new unit.yaml  \n",
              **{"fail-on": "none", "fail-on-regression": "critical"})
    assert job.run("check") == 0 and job.outputs["check"]["exit-code"] == "0"
    assert job.run("diff", **{"github.base_ref": "main"}) == 0
    assert job.outputs["diff"]["exit-code"] == "0"  # the regression is rated high
    assert "units/my unit.yaml: no regression at or above critical" in job.logs["diff"]
    assert job.run("Verdict", **{"steps.upload.outcome": "success"}) == 0
    assert "::" not in job.logs["Verdict"]


def test_annotations_can_be_turned_off(pull_request: Path) -> None:
    job = Job(pull_request, paths="units", annotations="false")
    assert job.run("check") == 0 and "::error" not in job.logs["check"]


def test_an_input_error_is_not_called_a_finding_or_a_regression(pull_request: Path) -> None:
    (pull_request / "units" / "my unit.yaml").write_text("apiVersion: cxaudit/v1\nkind: [\n",
                                                         encoding="utf-8")
    job = Job(pull_request, paths="units")
    assert job.run("check") == 2  # no verdict without a complete audit
    assert job.outputs["check"]["exit-code"] == "2"
    assert "units/my unit.yaml:" in job.logs["check"]  # cxaudit says where
    assert job.run("Verdict") == 2
    verdict = job.logs["Verdict"]
    assert "::error title=cxaudit: input error (exit 2)::" in verdict
    assert "Findings" not in verdict and "weakens" not in verdict


def test_a_base_side_that_cannot_be_read_is_an_input_error_of_the_diff(pull_request: Path
                                                                         ) -> None:
    _git(pull_request, "checkout", "-q", "main")
    (pull_request / "units" / "my unit.yaml").write_text("apiVersion: cxaudit/v1\nkind: [\n",
                                                         encoding="utf-8")
    _git(pull_request, "commit", "-q", "-am", "broken on main")
    _git(pull_request, "push", "-q", "origin", "main")
    _git(pull_request, "checkout", "-q", "loosen-sla")
    job = Job(pull_request, paths="units", **{"fail-on": "none"})
    assert job.run("check") == 0
    assert job.run("diff", **{"github.base_ref": "main"}) == 0
    assert job.outputs["diff"]["exit-code"] == "2"
    assert "units/my unit.yaml: input error (exit 2)" in job.logs["diff"]
    assert job.run("Verdict") == 2
    assert "::error title=cxaudit: input error (exit 2)::A process file could not be compared" \
        in job.logs["Verdict"]
    assert "weakens" not in job.logs["Verdict"]


def test_an_internal_error_is_not_called_a_finding(pull_request: Path, tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    crash = fake / "cxaudit"  # stands in for a cxaudit that hits a bug
    crash.write_text("#!/bin/sh\necho 'cxaudit 0.1.0: internal error, please report it' >&2\n"
                     "exit 3\n", encoding="utf-8")
    crash.chmod(0o755)
    job = Job(pull_request, path=f"{fake}{os.pathsep}{BIN}", paths="units")
    assert job.run("check") == 3
    assert job.outputs["check"]["exit-code"] == "3"
    assert job.run("Verdict") == 3
    verdict = job.logs["Verdict"]
    assert "::error title=cxaudit: internal error (exit 3)::cxaudit hit a bug" in verdict
    assert "Findings" not in verdict and "input error" not in verdict


@pytest.mark.parametrize("check, diff, code", [("0", "", 0), ("1", "", 1), ("0", "1", 1),
                                               ("1", "2", 2), ("2", "", 2)])
def test_the_verdict_takes_the_worst_exit_code(tmp_path: Path, check: str, diff: str,
                                               code: int) -> None:
    job = Job(tmp_path / "work")
    job.cwd.mkdir()
    job.outputs = {"check": {"exit-code": check}, "diff": {"exit-code": diff} if diff else {}}
    assert job.run("Verdict") == code
