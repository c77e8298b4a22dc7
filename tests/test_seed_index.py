"""The seed index (rules/data/seeds.yaml): its shape, and that every quote really is in its seed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
INDEX_PATH = ROOT / "rules" / "data" / "seeds.yaml"
# The seed texts live in shared/ beside the repository (the CI clone has it there too).
SEED_DIR = ROOT.parent / "shared" / "seeds"

INDEX: dict[str, Any] = yaml.safe_load(INDEX_PATH.read_text(encoding="utf-8"))
SEEDS: list[dict[str, Any]] = INDEX["seeds"]
PASSAGES = [(seed, pid, passage) for seed in SEEDS for pid, passage in seed["passages"].items()]

PASSAGE_ID = re.compile(r"^S\d{3}\.\d+$")
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]+\.txt$")
REQUIRED = {"file": str, "language": str, "title": str, "original_title": str, "passages": dict}
OPTIONAL = {"year": int, "note": str}


def seed_id(seed: dict[str, Any]) -> str:
    return "S" + str(seed.get("file", "?"))[:3]


def needs_seed_texts() -> None:
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed texts not available: {SEED_DIR} does not exist "
                    "(they live in shared/seeds beside the repository)")


def test_index_header() -> None:
    assert INDEX["version"] == 1
    assert isinstance(SEEDS, list) and SEEDS
    files = [s["file"] for s in SEEDS]
    assert len(files) == len(set(files)), "a seed file is listed twice"


@pytest.mark.parametrize("seed", SEEDS, ids=[seed_id(s) for s in SEEDS])
def test_seed_fields(seed: dict[str, Any]) -> None:
    for field, kind in REQUIRED.items():
        assert isinstance(seed.get(field), kind), f"{field} missing or not a {kind.__name__}"
        assert seed[field], f"{field} is empty"
    for field, kind in OPTIONAL.items():
        if field in seed:
            assert isinstance(seed[field], kind), f"{field} is not a {kind.__name__}"
    unknown = set(seed) - set(REQUIRED) - set(OPTIONAL)
    assert not unknown, f"unknown fields {sorted(unknown)}"
    assert SEED_FILE.match(seed["file"]), seed["file"]
    assert re.fullmatch(r"[a-z]{2}", seed["language"])
    if "year" in seed:
        assert 1990 <= seed["year"] <= 2100


@pytest.mark.parametrize("seed", SEEDS, ids=[seed_id(s) for s in SEEDS])
def test_passages_are_numbered_from_one_without_gaps(seed: dict[str, Any]) -> None:
    numbers = sorted(int(pid.split(".")[1]) for pid in seed["passages"] if PASSAGE_ID.match(pid))
    assert numbers == list(range(1, len(seed["passages"]) + 1))


@pytest.mark.parametrize(("seed", "pid", "passage"), PASSAGES, ids=[p[1] for p in PASSAGES])
def test_passage_shape(seed: dict[str, Any], pid: str, passage: dict[str, Any]) -> None:
    assert PASSAGE_ID.match(pid), f"{pid} does not look like S000.1"
    assert pid[1:4] == seed["file"][:3], f"{pid} is filed under {seed['file']}"
    assert set(passage) == {"summary", "quote"}
    summary, quote = passage["summary"], passage["quote"]
    assert isinstance(summary, str) and len(summary.split()) >= 5
    assert isinstance(quote, str) and 20 <= len(quote) <= 90, f"quote has {len(quote)} characters"
    assert "\n" not in quote and quote == quote.strip()


@pytest.mark.parametrize(("seed", "pid", "passage"), PASSAGES, ids=[p[1] for p in PASSAGES])
def test_quote_is_in_the_seed(seed: dict[str, Any], pid: str, passage: dict[str, Any]) -> None:
    needs_seed_texts()
    path = SEED_DIR / seed["file"]
    assert path.is_file(), f"{seed['file']} is indexed but not in {SEED_DIR}"
    text = path.read_text(encoding="utf-8")
    count = text.count(passage["quote"])
    assert count == 1, f"{pid}: quote found {count} times in {seed['file']}: {passage['quote']!r}"


@pytest.mark.parametrize("seed", SEEDS, ids=[seed_id(s) for s in SEEDS])
def test_original_title_is_in_the_seed(seed: dict[str, Any]) -> None:
    needs_seed_texts()
    path = SEED_DIR / seed["file"]
    assert path.is_file(), f"{seed['file']} is indexed but not in {SEED_DIR}"
    assert seed["original_title"] in path.read_text(encoding="utf-8")


def test_every_seed_file_is_indexed() -> None:
    needs_seed_texts()
    on_disk = {p.name for p in SEED_DIR.glob("*.txt")}
    indexed = {s["file"] for s in SEEDS}
    assert not on_disk - indexed, f"seed files missing from the index: {sorted(on_disk - indexed)}"
    assert not indexed - on_disk, f"indexed files not in {SEED_DIR}: {sorted(indexed - on_disk)}"
