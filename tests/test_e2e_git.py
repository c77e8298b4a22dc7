"""End to end, the way a CI job meets cxaudit: a git repository whose process file changes commit
by commit, checked with `cxaudit check` (config and waivers found in the repository) and compared
with `cxaudit diff REV:path`. Each commit is one kind of change a reviewer must catch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

TODAY = "2026-11-23"
WAIVERS = """\
waivers:
  - rule: RESP-004
    path: channels[instagram]
    reason: The agency answers Instagram until the new contract starts.
    owner: care-lead@tundra.example
    expires: 2027-06-30
  - rule: RESP-011
    reason: Christmas cover is being planned with the temp agency.
    owner: care-lead@tundra.example
    expires: {expires}
"""
FIRST_RESPONSE = "first_response: {{urgent: 1h, high: 2h, normal: {normal}, low: 1bd}}"
WEEKDAYS = '{{days: [mon, tue, wed, thu, fri], open: "08:00", close: "{close}"}}'


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def _cx(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CXAUDIT_TODAY": TODAY}
    return subprocess.run([sys.executable, "-m", "cxaudit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)


class Repo:
    """A repository holding process.yaml, .cxaudit.yaml and .cxaudit-waivers.yaml."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.checks: list[subprocess.CompletedProcess[str]] = []  # one per commit, in order
        self.text = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
        _git(root, "init", "-q", "-b", "main")
        _git(root, "config", "user.email", "ci@example.com")
        _git(root, "config", "user.name", "CI")
        (root / ".cxaudit.yaml").write_text("fail_on: high\n", encoding="utf-8")
        self.waivers(expires="2027-01-15")
        self.commit("process as audited", process=self.text)

    def waivers(self, expires: str) -> None:
        (self.root / ".cxaudit-waivers.yaml").write_text(WAIVERS.format(expires=expires),
                                                         encoding="utf-8")

    def edit(self, old: str, new: str) -> str:
        assert old in self.text, old
        self.text = self.text.replace(old, new)
        return self.text

    def commit(self, message: str, process: str | None = None) -> None:
        """Commit, then run `cxaudit check` on the commit as CI would."""
        if process is not None:
            (self.root / "process.yaml").write_text(process, encoding="utf-8")
        _git(self.root, "add", "-A")
        _git(self.root, "commit", "-q", "-m", message)
        self.checks.append(_cx(self.root, "check", "process.yaml", "--no-color"))


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("repo"))
    fr = FIRST_RESPONSE.format
    repo.commit("loosen: normal email replies within two business days",
                repo.edit(fr(normal="4h"), fr(normal="2bd")))
    repo.commit("tighten: normal email replies within two hours",
                repo.edit(fr(normal="2bd"), fr(normal="2h")))
    repo.commit("close at 17:00 on weekdays; no target changed",
                repo.edit(WEEKDAYS.format(close="20:00"), WEEKDAYS.format(close="17:00")))
    repo.waivers(expires="2026-11-01")
    repo.commit("waiver file left as it was: the Christmas waiver has run out")
    return repo


def _rev(n: int) -> str:
    """The process file n commits before HEAD."""
    return f"HEAD~{n}:process.yaml" if n else "HEAD:process.yaml"


def test_the_history_is_what_the_scenario_says(history: Repo) -> None:
    log = _git(history.root, "log", "--format=%s").splitlines()
    assert log == ["waiver file left as it was: the Christmas waiver has run out",
                   "close at 17:00 on weekdays; no target changed",
                   "tighten: normal email replies within two hours",
                   "loosen: normal email replies within two business days",
                   "process as audited"]


def test_the_audited_process_passes_with_its_waivers_shown(history: Repo) -> None:
    r = history.checks[0]
    assert r.returncode == 0, r.stdout + r.stderr
    # three waived findings, RESP-011's two of them one action (the same holiday closures)
    assert "(2 waived)" in r.stdout and "[waived]" in r.stdout


def test_a_loosened_sla_is_a_regression(history: Repo) -> None:
    r = _cx(history.root, "diff", _rev(4), _rev(3))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Verdict: WORSE" in r.stdout
    assert "first response target: 4h -> 2bd" in r.stdout
    assert "sla_policies[id=standard].targets.first_response.normal" in r.stdout
    assert "RESP-001" in r.stdout  # and the audit of the new side finds the critical breach
    assert history.checks[1].returncode == 1 and "RESP-001  critical" in history.checks[1].stdout
    # the regression is rated high: a gate at critical lets it through
    r = _cx(history.root, "diff", _rev(4), _rev(3), "--fail-on-regression", "critical")
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_tightened_sla_is_an_improvement(history: Repo) -> None:
    r = _cx(history.root, "diff", _rev(3), _rev(2))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Verdict: BETTER" in r.stdout and "first response target: 2bd -> 2h" in r.stdout
    assert history.checks[2].returncode == 0, history.checks[2].stdout


def test_narrower_business_hours_are_a_regression_with_no_target_changed(history: Repo) -> None:
    r = _cx(history.root, "diff", _rev(2), _rev(1))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "target:" not in r.stdout  # no number in the SLA changed...
    assert "business hours: Mon-Fri 08:00-20:00" in r.stdout
    assert "Worst-case waits longer" in r.stdout  # ...but customers wait longer
    assert "first response, normal on email, web_form" in r.stdout
    assert history.checks[3].returncode == 0  # no finding reaches `high`: only diff catches it


def test_an_expired_waiver_fails_the_check_and_says_since_when(history: Repo) -> None:
    r = _cx(history.root, "diff", _rev(1), _rev(0))
    assert r.returncode == 0 and "Verdict: UNCHANGED: no change to the policy" in r.stdout
    r = history.checks[4]
    assert r.returncode == 1, r.stdout + r.stderr
    assert "waiver for RESP-011" in r.stderr and "expired on 2026-11-01 (22 days ago)" in r.stderr
    assert "[waived]" in r.stdout  # the Instagram waiver still holds
    r = _cx(history.root, "check", "process.yaml", "--no-color", "--no-waivers")
    assert r.returncode == 1 and "[waived]" not in r.stdout


def test_a_revision_that_does_not_exist_is_an_input_error(history: Repo) -> None:
    r = _cx(history.root, "diff", "v9.9:process.yaml", "process.yaml")
    assert r.returncode == 2
    assert "v9.9:process.yaml" in r.stderr and "Traceback" not in r.stderr
