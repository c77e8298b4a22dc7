"""The Markdown report fits a GitHub comment and says what it left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

from cxaudit.api import Options, audit
from cxaudit.report import RenderOptions, render

WEAK = (EXAMPLES / "weak-small-shop.yaml").read_text(encoding="utf-8")


def _units(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        text = WEAK.replace("Glyna ceramics - online shop UA", f"Glyna ceramics branch {i:02d}")
        (tmp_path / f"branch-{i:02d}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _md(path: Path, limit: int) -> str:
    return render("md", audit([str(path)], Options()), RenderOptions(md_limit=limit))


def _balanced(md: str) -> bool:
    return md.count("<details>") == md.count("</details>")


def test_a_report_under_the_limit_is_whole_and_says_nothing_about_cuts() -> None:
    md = _md(EXAMPLES / "weak-small-shop.yaml", 65_536)
    assert md == _md(EXAMPLES / "weak-small-shop.yaml", 0)
    assert "Shortened" not in md and "Why each finding matters" in md


def test_a_long_report_is_cut_to_the_github_limit_keeping_every_summary(tmp_path: Path) -> None:
    units = _units(tmp_path, 4)
    full = _md(units, 0)
    assert len(full) > 65_536
    md = _md(units, 65_536)
    assert len(md) <= 65_536 and _balanced(md)
    assert "**Shortened to fit 65,536 characters** (GitHub's limit for a comment)" in md
    assert "the why / fix / source of each finding" in md
    for i in range(4):
        assert f"## {i + 1}. Glyna ceramics branch {i:02d}" in md
    assert md.count("**Next three things to do**") == 4
    assert md.count("| 1 | RET-001 | critical |") == 4  # the first action of every unit


def test_tighter_limits_drop_actions_after_the_first_few_and_count_them(tmp_path: Path) -> None:
    md = _md(_units(tmp_path, 4), 24_000)
    assert len(md) <= 24_000 and _balanced(md)
    assert "plan actions after the first" in md
    assert md.count("**Next three things to do**") == 4


def test_a_single_unit_is_cut_down_to_its_summary_but_never_left_out() -> None:
    md = _md(EXAMPLES / "weak-small-shop.yaml", 4_000)
    assert "## Glyna ceramics - online shop UA" in md and "**Next three things to do**" in md


def test_as_a_last_resort_unit_sections_are_left_out_but_the_overview_keeps_every_unit(
        tmp_path: Path) -> None:
    md = _md(_units(tmp_path, 12), 8_000)
    assert len(md) <= 8_000
    assert "the section of each unit (the overview above lists every unit)" in md
    assert "## 1. Glyna ceramics branch 00" not in md
    for i in range(12):
        assert f"| {i + 1} | Glyna ceramics branch {i:02d} | 23 | 54 % | 1 Investigate |" in md


def test_cli_md_limit(cli: Any, tmp_path: Path) -> None:
    units = _units(tmp_path / "u", 4) if (tmp_path / "u").mkdir() is None else None
    r = cli("check", str(units), "-f", "md", "--md-limit", "0", "--fail-on", "none")
    assert r.exit_code == 0 and len(r.stdout) > 65_536 and "Shortened" not in r.stdout
    r = cli("check", str(units), "-f", "md", "--fail-on", "none")
    assert len(r.stdout) <= 65_536 and "Shortened to fit" in r.stdout


@pytest.mark.parametrize("value", ["100", "-1"])
def test_cli_refuses_a_useless_md_limit(cli: Any, value: str) -> None:
    r = cli("check", str(EXAMPLES / "online-shop.yaml"), "-f", "md", "--md-limit", value)
    assert r.exit_code == 2
