"""Reproducers of issue 10, sections 1 and 6, run as a user runs them.

Every `vocab-*.yaml` file and `portfolio-*/` directory in tests/data/regressions is audited with
`cxaudit check`. The expectations sit in the file's leading comments (for a directory, in its
`expect` file):

    # args: --strict                    extra command-line arguments
    # expect-exit: 0,1                  the exit codes allowed
    # expect-output: some text          must appear in stdout or stderr (repeatable)
    # expect-absent: some text          must not appear (repeatable)

Realistic files must audit (exit 0 or 1) and name their unusual values; broken ones must exit 2
with file, line and a hint. No case may print a traceback.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

REGRESSIONS = ROOT / "tests" / "data" / "regressions"
CASES = sorted([*REGRESSIONS.glob("vocab-*.yaml"), *REGRESSIONS.glob("portfolio-*/")])


def expectations(case: Path) -> dict[str, list[str]]:
    text = (case / "expect" if case.is_dir() else case).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {"args": [], "expect-exit": [], "expect-output": [],
                                 "expect-absent": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        name, sep, value = line.lstrip("# ").partition(": ")
        if sep and name in out:
            out[name].append(value.strip())
    return out


def test_there_are_cases_for_both_sections() -> None:
    names = [c.name for c in CASES]
    assert sum(n.startswith("vocab-") for n in names) >= 5
    assert any(n.startswith("portfolio-") for n in names)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_regression(cli: Any, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = expectations(case)
    assert want["expect-exit"], f"{case.name} states no expect-exit"
    monkeypatch.chdir(REGRESSIONS)
    args = [a for line in want["args"] for a in shlex.split(line)]
    r = cli("check", case.name, "--no-config", *args)
    output = r.stdout + r.stderr
    codes = {int(c) for line in want["expect-exit"] for c in line.split(",")}
    assert r.exit_code in codes, output[-3000:]
    assert "Traceback" not in output
    for text in want["expect-output"]:
        assert text in output, text
    for text in want["expect-absent"]:
        assert text not in output, text
