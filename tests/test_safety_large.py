"""Large but legal files are audited with work linear in their size: list-item labels are
computed once per list, and channels and targets are looked up through indexes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from cxaudit.api import Options, audit, audit_process, load_process, load_rules
from cxaudit.document import docpaths, identity
from cxaudit.document.loading import Limits

SHOP = (EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8")


def big_process(tmp_path: Path, channels: int) -> Path:
    """The online shop with `channels` e-mail channels (instead of its six); its standard policy
    covers e-mail by type."""
    head = SHOP[:SHOP.index("\nchannels:") + 1]
    tail = SHOP[SHOP.index("\nself_service:") + 1:]
    rows = "".join(f"  - {{id: m{i}, type: email, purposes: [support]}}\n"
                   for i in range(channels))
    path = tmp_path / f"shop-{channels}.yaml"
    path.write_text(head + "channels:\n" + rows + tail, encoding="utf-8")
    return path


# --- labels: the same as before, computed once per list -------------------------------------

def reference_label(items: list[Any], index: int) -> str:
    """The label as it was computed before (rescanning the list), kept as the reference."""
    item = items[index]
    if not isinstance(item, dict):
        return str(index)
    for key in identity.ITEM_KEYS:
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            same = sum(1 for other in items if isinstance(other, dict) and other.get(key) == value)
            if same == 1:
                return f"{key}={value}"
    return str(index)


VALUES = st.one_of(st.sampled_from(["a", "b", "chat", ""]), st.integers(0, 3), st.booleans(),
                   st.floats(0, 2).map(round), st.none(), st.just([1]))
ITEMS = st.one_of(st.dictionaries(st.sampled_from(["id", "name", "level", "type", "date", "x"]),
                                  VALUES, max_size=4), st.integers(), st.text(max_size=2))


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEMS, max_size=8))
def test_labels_are_the_same_as_rescanning_the_list(items: list[Any]) -> None:
    for i in range(len(items)):
        assert docpaths.stable_path({"l": items}, ("l", i, "x")) == \
            f"l[{reference_label(items, i)}].x"


class CountingList(list[Any]):
    """A list that counts the items read by iterating over it."""

    reads = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            CountingList.reads += 1
            yield item


def test_labelling_every_item_of_a_long_list_reads_it_once() -> None:
    items = CountingList({"id": f"c{i}", "type": "email"} for i in range(17_650))
    CountingList.reads = 0
    paths = [docpaths.stable_path({"channels": items}, ("channels", i, "sla")) for i in
             range(len(items))]
    assert paths[17_649] == "channels[id=c17649].sla"
    assert CountingList.reads <= 2 * len(items)  # rescanning would read it 17,650 times


class CountingTuple(tuple[Any, ...]):
    """A tuple that counts the items read by iterating over it."""

    reads = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            CountingTuple.reads += 1
            yield item


def _reads(path: Path) -> int:
    """Items of the unit's channel and target lists read during a whole audit of `path`."""
    proc = load_process(str(path))
    proc = dataclasses.replace(proc, channels=CountingTuple(proc.channels),
                               targets=CountingTuple(proc.targets))
    CountingTuple.reads = 0
    audit_process(proc, load_rules(Options()), proc_as_of(proc))
    return CountingTuple.reads


def proc_as_of(proc: Any) -> Any:
    from cxaudit.model.process import as_of_date

    return as_of_date(proc, None)


def test_doubling_the_channels_doubles_the_work(tmp_path: Path) -> None:
    small, large = _reads(big_process(tmp_path, 300)), _reads(big_process(tmp_path, 600))
    assert large < 2.5 * small, (small, large)  # quadratic work would be about 4x


# --- a large legal file, end to end ----------------------------------------------------------

def test_17650_channels_within_the_size_limit_are_audited(tmp_path: Path) -> None:
    path = big_process(tmp_path, 17_650)
    assert path.stat().st_size <= Limits().max_bytes
    result = audit([str(path)], Options(), keep_documents=False)
    unit = result.units[0]
    assert unit.process is None  # the document is dropped once the unit is audited
    assert len(load_process(str(path)).channels) == 17_650
    by_rule: dict[str, int] = {}
    for f in unit.findings:
        by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
    assert by_rule["RESP-009"] == 17_650  # no acknowledgement on any of the new channels
    anchors = {f.location.anchor for f in unit.findings if f.rule_id == "RESP-009"}
    assert {"channels[id=m0].auto_acknowledge.enabled",
            "channels[id=m17649].auto_acknowledge.enabled"} <= anchors
    from cxaudit.report import render

    report = json.loads(render("json", result))
    assert len({f["fingerprint"] for f in report["findings"]}) == len(report["findings"])
