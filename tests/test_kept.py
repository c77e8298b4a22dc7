"""What cxaudit keeps between runs: the same answers with or without the kept copies, and a
kept copy that is broken, odd or unwritable changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cxaudit.document import kept


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CXAUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("CXAUDIT_NO_CACHE", raising=False)
    return folder


def test_a_bundled_table_is_read_back_from_its_kept_copy_unchanged(tmp_path: Path,
                                                                   cache: Path) -> None:
    table = tmp_path / "table.yaml"
    table.write_text("version: 3\nrows:\n  - {name: Kyiv, since: 2024-03-01, share: 0.5}\n",
                     encoding="utf-8")
    first = kept.bundled_yaml(table)
    assert first == {"version": 3, "rows": [{"name": "Kyiv", "since": date(2024, 3, 1),
                                             "share": 0.5}]}
    copies = list(cache.glob("data-*.json"))
    assert len(copies) == 1
    assert kept.bundled_yaml(table) == first


def test_a_broken_kept_copy_is_ignored(tmp_path: Path, cache: Path) -> None:
    table = tmp_path / "table.yaml"
    table.write_text("a: [1, 2]\n", encoding="utf-8")
    kept.bundled_yaml(table)
    for copy in cache.glob("data-*.json"):
        copy.write_text('{"a": {"$date": 7}', encoding="utf-8")  # cut short, and a bad date
    assert kept.bundled_yaml(table) == {"a": [1, 2]}


def test_what_json_would_change_is_never_kept(tmp_path: Path, cache: Path) -> None:
    table = tmp_path / "table.yaml"
    table.write_text("1: one\nNO: false in YAML 1.1\n", encoding="utf-8")
    assert kept.bundled_yaml(table) == {1: "one", False: "false in YAML 1.1"}
    assert not list(cache.glob("data-*.json"))


def test_no_cache_keeps_nothing(tmp_path: Path, cache: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXAUDIT_NO_CACHE", "1")
    table = tmp_path / "table.yaml"
    table.write_text("a: 1\n", encoding="utf-8")
    assert kept.bundled_yaml(table) == {"a": 1}
    assert not cache.exists()


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path, cache: Path) -> None:
    cache.write_text("a file where the folder should be", encoding="utf-8")
    table = tmp_path / "table.yaml"
    table.write_text("a: 1\n", encoding="utf-8")
    assert kept.bundled_yaml(table) == {"a": 1}
    assert kept.bundled_yaml(table) == {"a": 1}


def test_the_bundled_legal_tables_read_back_as_from_their_files(cache: Path) -> None:
    """Kept copies of the legal tables give the very tables read with positions (`NO` stays
    Norway under YAML 1.2)."""
    from cxaudit.legal import tables

    tables._load.cache_clear()
    first = tables.load()  # parsed, then kept
    tables._load.cache_clear()
    again = tables.load()  # from the kept copies
    tables._load.cache_clear()
    assert list(cache.glob("data-read-*.json"))
    assert again == first
