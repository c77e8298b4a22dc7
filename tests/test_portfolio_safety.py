"""Names from process files and folders are shown, never obeyed, in the portfolio and progress.

A unit named with terminal escapes, line breaks and CI workflow commands, in a folder whose name
holds HTML and table pipes, goes through the portfolio and the progress sections of every
human-readable format, and through `history` and `progress`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from test_safety_escaping import NAMES, assert_terminal_safe


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    hostile = tmp_path / "units" / "b<i>|x"
    hostile.mkdir(parents=True)
    shutil.copy(NAMES, hostile / "names.yaml")
    shutil.copy(EXAMPLES / "online-shop.yaml", tmp_path / "units" / "shop.yaml")
    return tmp_path / "units"


def test_text_portfolio_and_progress_are_terminal_safe(cli: Any, folders: Path) -> None:
    cli("check", folders, "--no-config", "--record")
    r = cli("check", folders, "--no-config", "--record")
    assert "Portfolio: 2 units in 2 folders" in r.stdout and "Progress since" in r.stdout
    assert_terminal_safe(r.stdout)
    assert "b<i>|x/: 1 unit(s)" in r.stdout
    for args in (("history",), ("history", "glyna-shop"), ("progress",)):
        out = cli(*args).stdout
        assert_terminal_safe(out)
    assert "Glyna\\x1b]0;owned title\\x07 shop\\r\\n::error" in cli("progress").stdout


def test_markdown_portfolio_and_progress_keep_names_in_their_cells(cli: Any,
                                                                   folders: Path) -> None:
    cli("check", folders, "--no-config", "--record")
    md = cli("check", folders, "--no-config", "--record", "-f", "md").stdout
    overview = md[md.index("## Portfolio"):md.index("### Best and worst")]
    for line in overview.splitlines():
        if line.startswith(("| 1 |", "| 2 |")):
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")
            assert len(line.replace("\\|", "").split(" | ")) == 17, line
    assert "b\\<i\\>\\|x" in overview
    assert "<i>" not in re.sub(r"`[^`\n]*`", "", md)  # only inside code spans
    progress = md[md.index("## Progress"):]
    assert "\n::" not in progress and "##[" not in progress


def test_html_portfolio_and_progress_escape_names(cli: Any, folders: Path) -> None:
    cli("check", folders, "--no-config", "--record")
    html = cli("check", folders, "--no-config", "--record", "-f", "html").stdout
    assert "b&lt;i&gt;|x/" in html and "<i>|x" not in html
    assert "<script" not in html
