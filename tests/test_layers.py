"""Imports flow one way: cli -> api -> engine/report/rulepacks -> model/loading/errors."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "cxaudit"

# module -> cxaudit modules it must never import (directly)
FORBIDDEN = {
    "loading": {"model", "engine", "api", "cli", "report", "rulepacks", "checks", "validate"},
    "errors": {"loading", "model", "engine", "api", "cli", "report", "rulepacks"},
    "durations": {"loading", "model", "engine", "api", "cli", "report", "rulepacks"},
    "model": {"engine", "api", "cli", "report", "rulepacks", "checks"},
    "conditions": {"engine", "api", "cli", "report", "rulepacks"},
    "checks": {"engine", "api", "cli", "report", "rulepacks"},
    "engine": {"api", "cli", "report"},
    "rulepacks": {"engine", "api", "cli", "report"},
    "plan": {"api", "cli", "report"},
    "api": {"cli", "report"},
    "config": {"api", "cli", "report", "engine", "waivers", "baseline", "suppression"},
    "rulesettings": {"api", "cli", "report", "engine", "waivers", "baseline", "suppression"},
    "tomlconfig": {"api", "cli", "report", "engine", "config"},
    "waivers": {"api", "cli", "report", "engine"},
    "baseline": {"api", "cli", "report", "engine", "config"},
    "suppression": {"api", "cli", "report", "engine"},
    "report": {"cli"},
    "history": {"cli", "report"},
    "outcomes": {"api", "cli", "report", "engine", "history"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cxaudit"):
            parts = node.module.split(".")
            out.add(parts[1] if len(parts) > 1 else node.names[0].name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cxaudit."):
                    out.add(alias.name.split(".")[1])
    return out


MODULES = sorted(p for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_layering(path: Path) -> None:
    rel = path.relative_to(PKG)
    layer = rel.parts[0].removesuffix(".py")
    banned = FORBIDDEN.get(layer, set())
    bad = (_imports(path) - {layer}) & banned
    assert not bad, f"{rel} imports {sorted(bad)}, which sit above it"


def test_collector_found_modules() -> None:
    assert len(MODULES) > 10
