"""Findings do not depend on the order in which a file lists things.

Every list of every bundled example and of every rule example document is shuffled (seeded,
several permutations) and the audit must report the same findings: same rule, severity, kind
and anchor. Anchors name list items by their id (`channels[id=chat]`); where an item has no
identifying key, the test names it by its content, so a finding that moves to another item
after a shuffle is caught. Line numbers and message wording are not compared.

One list keeps its order: `sla_policies`, because the first matching policy wins, as in the
helpdesks the vocabulary maps to; reordering it changes the meaning of the file.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxaudit.document.loading import load_text
from cxaudit.engine.examples import example_text
from cxaudit.engine.run import run_rules
from cxaudit.model.normalise import normalise
from cxaudit.rules.packs import builtin_rules

RULES = builtin_rules()
ROOT = Path(__file__).resolve().parents[1]
ORDERED = frozenset({("sla_policies",)})
SEEDS = (1, 2, 3)
_PART = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


def _shuffled(node: Any, rng: random.Random, path: tuple[str, ...] = ()) -> Any:
    if isinstance(node, dict):
        return {k: _shuffled(v, rng, (*path, str(k))) for k, v in node.items()}
    if isinstance(node, list):
        items = [_shuffled(v, rng, (*path, "[]")) for v in node]
        if path not in ORDERED:
            rng.shuffle(items)
        return items
    return node


def _label(item: Any) -> str:
    return "=" + json.dumps(item, sort_keys=True, default=str)


def _identity(data: Any, anchor: str) -> str:
    """The anchor with every list index replaced by the content of the item it points at."""
    out, node = "", data
    for name, bracket in _PART.findall(anchor):
        if name:
            out += f".{name}" if out else name
            node = node.get(name) if isinstance(node, dict) else None
            continue
        if bracket.isdigit() and isinstance(node, list) and int(bracket) < len(node):
            node = node[int(bracket)]
            out += f"[{_label(node)}]"
            continue
        key, _, value = bracket.partition("=")
        out += f"[{bracket}]"
        node = next((x for x in node or [] if isinstance(x, dict) and str(x.get(key)) == value),
                    None) if isinstance(node, list) else None
    return out


def _findings(text: str, name: str, as_of: date | None) -> Counter[tuple[str, ...]]:
    doc = load_text(text, name)
    proc = normalise(doc)
    found: Counter[tuple[str, ...]] = Counter()
    for result in run_rules(RULES, proc, as_of):
        for f in result.findings:
            found[(f.rule_id, f.severity.value, f.kind.value,
                   _identity(doc.data, f.location.anchor))] += 1
    return found


def _has_list_to_shuffle(node: Any, path: tuple[str, ...] = ()) -> bool:
    if isinstance(node, dict):
        return any(_has_list_to_shuffle(v, (*path, str(k))) for k, v in node.items())
    if isinstance(node, list):
        return (len(node) > 1 and path not in ORDERED) or any(
            _has_list_to_shuffle(v, (*path, "[]")) for v in node)
    return False


def _documents() -> list[Any]:
    docs = []
    for path in sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/units/*.yaml")]):
        data = load_text(path.read_text(encoding="utf-8"), str(path)).data
        docs.append(pytest.param(data, None, id=str(path.relative_to(ROOT))))
        assert _has_list_to_shuffle(data)
    for rule in RULES:
        for ex in rule.examples:
            data = load_text(example_text(dict(ex)), rule.id).data
            as_of = date.fromisoformat(ex["as_of"]) if "as_of" in ex else None
            if _has_list_to_shuffle(data):  # a document of one-item lists has no other order
                docs.append(pytest.param(data, as_of, id=f"{rule.id}:{ex['name']}"))
    assert len(docs) > len(RULES), "the collector found too few documents"
    return docs


@pytest.mark.parametrize(("data", "as_of"), _documents())
def test_findings_do_not_depend_on_list_order(data: Any, as_of: date | None) -> None:
    dump = yaml.safe_dump  # YAML 1.2 scalars survive: strings that look like 1.1 values are quoted
    want = _findings(dump(data, sort_keys=False, allow_unicode=True), "original", as_of)
    for seed in SEEDS:
        shuffled = _shuffled(data, random.Random(seed))
        got = _findings(dump(shuffled, sort_keys=False, allow_unicode=True), f"seed {seed}", as_of)
        assert got == want, (
            f"seed {seed}: only before {sorted((want - got).elements())}; "
            f"only after {sorted((got - want).elements())}")


def test_a_reordered_list_changes_nothing_the_identity_can_see() -> None:
    data = {"marketing": {"active_channels": ["instagram", "tiktok"]}}
    assert _identity(data, "marketing.active_channels[1]") == 'marketing.active_channels[="tiktok"]'
    data = {"channels": [{"id": "chat", "hours": {}}]}
    assert _identity(data, "channels[id=chat].hours") == "channels[id=chat].hours"
