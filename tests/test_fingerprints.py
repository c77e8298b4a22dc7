"""Fingerprints name a finding by rule, file and document path, so edits that move it keep it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from cxaudit.api import Options, audit
from cxaudit.document.docpaths import stable_path


def _prints(path: Path) -> dict[str, str]:
    unit = audit([str(path)], Options()).units[0]
    return {f.fingerprint: f"{f.rule_id} {f.location.path}" for f in unit.findings}


def test_list_items_are_named_by_a_unique_identifying_key() -> None:
    data = {"channels": [{"id": "chat", "type": "chat"}, {"id": "mail", "type": "email"}],
            "levels": [{"name": "a"}, {"name": "a"}], "tags": ["x"]}
    assert stable_path(data, ("channels", 1, "sla")) == "channels[id=mail].sla"
    assert stable_path(data, ("levels", 1, "owner")) == "levels[1].owner"  # not unique
    assert stable_path(data, ("tags", 0)) == "tags[0]"
    assert stable_path(data, ()) == "(document)"


def test_reordering_lists_and_reformatting_keep_every_fingerprint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = EXAMPLES / "weak-small-shop.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc["channels"].reverse()
    doc["escalation"]["levels"].reverse()
    moved = tmp_path / "weak-small-shop.yaml"
    moved.write_text("# reformatted and reordered\n" + yaml.safe_dump(doc, indent=4,
                                                                     sort_keys=True),
                     encoding="utf-8")
    # the file name is part of the fingerprint: audit both under the same relative name
    monkeypatch.chdir(EXAMPLES)
    before = _prints(Path(source.name))
    monkeypatch.chdir(tmp_path)
    after = _prints(Path(moved.name))
    assert len(before) >= 10 and any("[id=" in v or "[" not in v for v in before.values())
    assert set(after) == set(before), (sorted(before.values()), sorted(after.values()))


def test_a_finding_about_a_policy_keeps_its_fingerprint_when_its_worst_target_moves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    prints = []
    for normal in ("4h", "2h"):  # 2h makes `high` the worst first-response target of 'standard'
        Path("process.yaml").write_text(
            text.replace("normal: 4h, low: 1bd", f"normal: {normal}, low: 1bd"), encoding="utf-8")
        unit = audit(["process.yaml"], Options()).units[0]
        found = [f for f in unit.findings if f.rule_id == "RESP-011"
                 and "standard" in f.location.anchor]
        assert len(found) == 1
        prints.append((found[0].fingerprint, found[0].location.path))
    (before, path_before), (after, path_after) = prints
    assert path_before.endswith(".normal") and path_after.endswith(".high")  # the line moves...
    assert before == after  # ...the finding is the same
