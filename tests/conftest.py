"""Shared test helpers: paths, and running the CLI the way users do."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxaudit.api import AuditResult
from cxaudit.model.findings import Mark

# Tests never touch the user's cache directory.
os.environ.setdefault("CXAUDIT_CACHE_DIR", tempfile.mkdtemp(prefix="cxaudit-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def cli() -> Cli:
    return Cli()


class Cli:
    """Run `cxaudit` in-process through typer's runner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str) -> object:
        from cxaudit.cli import app

        return self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_cxaudit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m cxaudit` as a real subprocess."""
    return subprocess.run([sys.executable, "-m", "cxaudit", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=120)


def audit_marked(path: str, mark: Mark) -> AuditResult:
    """Audit one file with each finding marked by `mark` as the engine makes it: what a
    waivers file or a baseline does, without writing one."""
    from dataclasses import replace

    from cxaudit.api import Options, audit, audit_process, load_process, load_rules

    result = audit([path])
    unit = audit_process(load_process(path), load_rules(Options()), mark=mark)
    return replace(result, units=(unit,))
