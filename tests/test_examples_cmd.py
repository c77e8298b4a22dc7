"""`cxaudit examples list | show | copy`: the bundled examples, ready to start from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES


def test_list_names_every_example_with_what_it_describes(cli: Any) -> None:
    r = cli("examples", "list")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    names = [ln.split()[0] for ln in lines]
    expected = sorted([p.stem for p in EXAMPLES.glob("*.yaml")] + ["units"])
    assert names == expected
    assert any("Tundra Outdoor - online shop DE/AT" in ln for ln in lines)
    assert any(ln.startswith("units ") and "2 units" in ln for ln in lines)


def test_show_prints_the_file(cli: Any) -> None:
    r = cli("examples", "show", "online-shop")
    assert r.exit_code == 0
    assert r.stdout == (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
    r = cli("examples", "show", "online-shp")
    assert r.exit_code == 2 and "did you mean 'online-shop'?" in r.output


def test_copy_points_the_editor_at_a_schema_that_exists(cli: Any, tmp_path: Path) -> None:
    r = cli("examples", "copy", "online-shop", tmp_path)
    assert r.exit_code == 0, r.output
    copied = (tmp_path / "online-shop.yaml").read_text(encoding="utf-8")
    first, _, rest = copied.partition("\n")
    assert first == "# yaml-language-server: $schema=./cxaudit.schema.json"
    original = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
    assert rest == original.partition("\n")[2]  # only the editor line changes
    schema = json.loads((tmp_path / "cxaudit.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/process/v1.json")
    checked = cli("check", tmp_path / "online-shop.yaml")
    assert checked.exit_code == 1 and "RESP-004" in checked.stdout
    again = cli("examples", "copy", "online-shop", tmp_path)
    assert again.exit_code == 2 and "already exists" in again.output and "--force" in again.output
    assert cli("examples", "copy", "online-shop", tmp_path, "--force").exit_code == 0


def test_copy_of_a_directory_example_keeps_its_units(cli: Any, tmp_path: Path) -> None:
    r = cli("examples", "copy", "units", tmp_path)
    assert r.exit_code == 0, r.output
    files = sorted(p.name for p in (tmp_path / "units").iterdir())
    assert files == ["cxaudit.schema.json", "kyiv-stores.yaml", "online.yaml"]
    checked = cli("check", tmp_path / "units")
    assert checked.exit_code == 1 and "2 unit(s) audited" in checked.stdout
