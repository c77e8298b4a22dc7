"""The shape of the package: declared layers, lint, types, and modules small enough to read.

The layers live as import-linter contracts in pyproject.toml (`lint-imports` checks every
import, those inside functions included); ruff and mypy --strict run here too, so the one
test command of the README holds all of them.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "cxaudit"
MODULES = sorted(p for p in PKG.rglob("*.py") if "_bundled" not in p.parts)
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "tool"]["importlinter"]["contracts"]


def _tool(name: str) -> list[str]:
    """The tool installed beside this interpreter (the test extra installs all three)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install '.[test]'")
    return [found]


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_layer_contracts_hold() -> None:
    r = _run([*_tool("lint-imports"), "--no-cache"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in r.stdout


def test_ruff_is_clean() -> None:
    r = _run([*_tool("ruff"), "check", "cxaudit", "tests", "bench"])
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_strict_is_clean() -> None:
    r = _run([*_tool("mypy")])  # strict, on the package: [tool.mypy] in pyproject.toml
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_top_level_module_and_package_sits_in_a_layer() -> None:
    layers = next(c for c in CONTRACTS if c["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    tops = {f"cxaudit.{p.stem}" for p in PKG.glob("*.py") if p.stem != "__init__"}
    tops |= {f"cxaudit.{p.parent.name}" for p in PKG.glob("*/__init__.py")}
    assert tops == named


def test_at_most_eight_modules_at_the_top() -> None:
    assert len(list(PKG.glob("*.py"))) <= 8


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_module_is_small_and_says_what_it_is(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, "a module over 400 lines is doing two jobs"
    assert path.stem not in sys.stdlib_module_names, "shadows the standard library"
    if path.name == "__init__.py" or path.parent == PKG:
        assert ast.get_docstring(ast.parse(text)), "say what the module or package owns"
