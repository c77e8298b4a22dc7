"""The seed index: every passage the rules may cite exists, and its quote is really in the seed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
INDEX = yaml.safe_load((ROOT / "rules" / "data" / "seeds.yaml").read_text(encoding="utf-8"))
SEED_DIR = ROOT.parent / "shared" / "seeds"
PASSAGES = [(s, pid, p) for s in INDEX["seeds"] for pid, p in s["passages"].items()]


def test_index_lists_four_seeds_and_their_passages() -> None:
    assert len(INDEX["seeds"]) == 4
    assert len(PASSAGES) == 25


@pytest.mark.parametrize(("seed", "pid", "passage"), PASSAGES, ids=[p[1] for p in PASSAGES])
def test_passage_shape(seed: dict[str, Any], pid: str, passage: dict[str, str]) -> None:
    assert re.fullmatch(r"S\d{3}\.\d+", pid)
    assert pid[1:4] == seed["file"][:3]
    assert len(passage["summary"]) > 20 and len(passage["quote"]) >= 20


@pytest.mark.parametrize(("seed", "pid", "passage"), PASSAGES, ids=[p[1] for p in PASSAGES])
def test_quote_is_in_the_seed(seed: dict[str, Any], pid: str, passage: dict[str, str]) -> None:
    path = SEED_DIR / seed["file"]
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed texts not found at {SEED_DIR}; they live in the shared/ folder")
    assert passage["quote"] in path.read_text(encoding="utf-8")


def test_every_seed_file_is_indexed() -> None:
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed texts not found at {SEED_DIR}")
    assert {p.name for p in SEED_DIR.glob("*.txt")} == {s["file"] for s in INDEX["seeds"]}
