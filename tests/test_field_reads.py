"""Every field a process file accepts is read by some rule, or the schema says it only describes.

How "a rule reads it" is found: every example of every built-in rule and every bundled example
is audited by all rules through wrappers that note each key asked for by name (see
tests/fieldreads.py). A field counts as read when some rule, or the model the rules are built
on, looks it up in at least one of those documents. So a rule that reads a field must carry an
example that gives it, which is also what shows the reading works.

A field no rule reads must be marked `"x-descriptive": true` in the schema (names, notes,
units, definitions, facts kept for the reader). A field marked descriptive that a rule does
read fails too, so the mark never outlives the day a rule starts judging the field.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fieldreads import Reads, SchemaPath, field, labels_unwatched, schema_leaves, watched

from cxaudit.document.loading import Document, load_file, load_text
from cxaudit.engine.examples import example_text
from cxaudit.engine.run import run_rules
from cxaudit.model.validate import validate
from cxaudit.rules.packs import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "process.schema.json").read_text("utf-8"))
RULES = builtin_rules()


def _show(path: SchemaPath) -> str:
    return ".".join(path).replace(".[]", "[]")


def _corpus() -> list[tuple[Document, date | None]]:
    docs = [(load_text(example_text(dict(e)), f"{r.id}:{e['name']}"),
             date.fromisoformat(str(e["as_of"])) if "as_of" in e else None)
            for r in RULES for e in r.examples]
    docs += [(load_file(p), None) for p in sorted((ROOT / "examples").rglob("*.yaml"))]
    return docs


@pytest.fixture(scope="module")
def read() -> set[SchemaPath]:
    reads = Reads()
    with labels_unwatched(reads):
        for doc, as_of in _corpus():
            validate(doc)
            run_rules(RULES, watched(doc, reads), as_of)
    return {field(p) for p in reads.paths}


@pytest.fixture(scope="module")
def leaves() -> dict[SchemaPath, bool]:
    out: dict[SchemaPath, bool] = {}
    for path, descriptive in schema_leaves(SCHEMA).items():
        key = field(path)
        out[key] = out.get(key, True) and descriptive
    return out


def test_the_schema_walk_finds_the_fields(leaves: dict[SchemaPath, bool]) -> None:
    for known in [("returns", "window"), ("channels", "[]", "social", "public_replies"),
                  ("sla_policies", "[]", "targets", "resolution", "*"),
                  ("feedback", "surveys", "[]", "reviewed", "owner"),
                  ("ownership", "cx_owner", "mandate")]:
        assert known in leaves, known
    assert leaves[("process", "name")] is True
    assert leaves[("returns", "window")] is False
    assert len(leaves) > 250


def test_every_field_is_read_by_a_rule_or_marked_descriptive(
        read: set[SchemaPath], leaves: dict[SchemaPath, bool]) -> None:
    unread = sorted(_show(p) for p, descriptive in leaves.items()
                    if not descriptive and p not in read)
    assert unread == [], ("no rule reads these fields: use them in the rule the catalogue names "
                          "(with an example that gives them), or mark them "
                          "\"x-descriptive\": true in the schema")


def test_no_field_marked_descriptive_is_read(read: set[SchemaPath],
                                             leaves: dict[SchemaPath, bool]) -> None:
    judged = sorted(_show(p) for p, descriptive in leaves.items() if descriptive and p in read)
    assert judged == [], "a rule reads these: drop their \"x-descriptive\" mark"


def test_the_watch_notices_a_read() -> None:
    reads = Reads()
    doc = load_text("apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
                    "data: {single_ticketing_system: true, unmanaged_inboxes: 0}\n", "t.yaml")
    dat001 = next(r for r in RULES if r.id == "DAT-001")
    run_rules([dat001], watched(doc, reads))
    assert ("data", "unmanaged_inboxes") in reads.paths
    assert ("data", "exports", "api") not in reads.paths
