"""The terminal report: wrapped to the terminal between words, whole lines when piped, --quiet
and --statistics."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

SHOP = "examples/weak-small-shop.yaml"


def _run(*args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["NO_COLOR"] = "1"
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run([sys.executable, "-m", "cxaudit", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def _widest_wrapped(text: str) -> int:
    """The longest line that holds more than one word (a lone long word may overrun)."""
    return max((len(ln) for ln in text.splitlines() if len(ln.split()) > 1), default=0)


def test_piped_output_keeps_each_paragraph_on_one_line() -> None:
    out = _run("check", SHOP).stdout
    message = ("In UA, the policy's 7d from the purchase leaves about 1 day after delivery "
               "(with 6d in transit), less than the 14 days from delivery the law requires")
    line = next(ln for ln in out.splitlines() if message in ln)
    assert line.startswith("      In UA,") and line.endswith("statute's text).")
    assert _widest_wrapped(out) > 200


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_columns_wraps_between_words_and_loses_nothing(columns: int) -> None:
    whole = _run("check", SHOP).stdout
    wrapped = _run("check", SHOP, columns=str(columns)).stdout
    assert _widest_wrapped(wrapped) <= columns
    assert wrapped.split() == whole.split(), "a word was broken or lost by wrapping"


def test_a_terminal_is_wrapped_to_its_own_width() -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env.update(NO_COLOR="1", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "cxaudit", "check", SHOP], cwd=str(ROOT),
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 72))
    child.expect(pexpect.EOF)
    shown = child.before.replace("\r\n", "\n")
    assert "Glyna ceramics" in shown
    assert _widest_wrapped(shown) <= 72
    assert shown.split() == _run("check", SHOP).stdout.split()


def test_quiet_shows_the_summary_and_failing_actions_only() -> None:
    full = _run("check", SHOP)
    quiet = _run("check", SHOP, "--quiet")
    assert quiet.returncode == full.returncode == 1
    text = quiet.stdout
    for gone in ("Next three things to do", "Plan next", "Later (",
                 "Next questions to answer", "Scores by category", "Order: "):
        assert gone in full.stdout and gone not in text, gone
    assert text.startswith("examples/weak-small-shop.yaml  Glyna ceramics - online shop UA\n"
                           "  Score 23/100")
    assert "11 actions at or above the fail level" in text
    plan = json.loads(_run("check", SHOP, "-f", "json").stdout)["actions"]
    failing = [a["findings"][0]["rule_id"] for a in plan if a["fails_run"]]
    shown = [ln.split()[1] for ln in text.splitlines() if re.match(r" *\d+\. ", ln)]
    assert shown == failing and len(shown) == 11
    assert text.rstrip().endswith("exit code 1.")


def test_statistics_counts_findings_per_rule(tmp_path: Path) -> None:
    r = _run("check", "examples/", "--quiet", "--statistics")
    data = json.loads(_run("check", "examples/", "-f", "json").stdout)
    found: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for f in data["findings"]:
        (missing if f["kind"] == "needs-evidence" else found)[f["rule_id"]] += 1
    table = r.stdout[r.stdout.index("Findings per rule"):].splitlines()
    assert table[0] == f"Findings per rule ({len(set(found) | set(missing))} rules)"
    assert table[1].split() == ["Findings", "Units", "Missing", "Severity", "Rule"]
    rows = {}
    for ln in table[2:table.index("")]:
        parts = ln.split()
        if len(parts) > 4 and parts[0].isdigit():
            rule = next(p for p in parts[3:] if "-" in p and p[:3].isupper())
            rows[rule] = (int(parts[0]), int(parts[2]))
    assert rows == {rid: (found[rid], missing[rid]) for rid in set(found) | set(missing)}
    counts = [n for n, _ in rows.values()]
    assert counts == sorted(counts, reverse=True)  # most findings first
    assert r.returncode == 1
