"""Schema validation: positioned errors with hints, and the fast checker agrees with jsonschema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxaudit.document.loading import load_file, load_text
from cxaudit.document.schemacheck import compile_schema
from cxaudit.errors import InputError
from cxaudit.model.validate import process_schema, validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
FAST = compile_schema(process_schema())
SLOW = jsonschema.Draft202012Validator(process_schema())


def test_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(process_schema())
    assert process_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_are_valid(path: Path) -> None:
    data = load_file(path).data
    assert FAST(data) and SLOW.is_valid(data)


@pytest.mark.parametrize(("text", "where", "message", "hint"), [
    pytest.param(HEAD + "sla_policies:\n  - id: s\n    targets:\n      frist_response: {normal: 4h}\n",
                 "6:7", "unknown field 'frist_response'", "did you mean 'first_response'?",
                 id="typo"),
    pytest.param(HEAD + "sla_policies:\n  - id: s\n    clock: buisness\n", "5:5",
                 "'buisness' is not one of", "did you mean 'business'?", id="enum typo"),
    pytest.param(HEAD + "returns:\n  window: 4 weeks\n", "4:3", "is not in the expected format",
                 "30m, 4h", id="bad duration"),
    pytest.param(HEAD + "organization:\n  size: {support_agents: many}\n", "4:10",
                 "expected integer, found str", "", id="wrong type"),
    pytest.param("apiVersion: cxaudit/v2\nkind: CustomerServiceProcess\n", "1:1",
                 "must be 'cxaudit/v1'", "apiVersion: cxaudit/v1", id="wrong version"),
    pytest.param("kind: CustomerServiceProcess\n", "1:1", "'apiVersion' is required",
                 "apiVersion: cxaudit/v1", id="missing apiVersion"),
    pytest.param(HEAD + "business_hours:\n  schedule:\n    - {days: [mon], open: '8am', close: '17:00'}\n",
                 "5:21", "is not in the expected format", "HH:MM", id="bad time"),
])
def test_errors_are_positioned(text: str, where: str, message: str, hint: str) -> None:
    doc = load_text(text, "p.yaml")
    with pytest.raises(InputError) as err:
        validate(doc)
    p = err.value.problems[0]
    assert f"{p.line}:{p.column}" == where
    assert message in p.message
    assert hint in p.hint


def test_every_problem_is_reported_at_once() -> None:
    doc = load_text(HEAD + "returns: {window: 30 days, free_for_customer: 'yes'}\nbogus: 1\n", "p.yaml")
    with pytest.raises(InputError) as err:
        validate(doc)
    assert len(err.value.problems) == 3


def test_extension_keys_are_allowed_anywhere() -> None:
    doc = load_text(HEAD + "x-client: acme\nchannels:\n  - {id: e, type: email, x-queue: 7}\n",
                    "p.yaml")
    validate(doc)


# Differential test: the fast checker must never accept what jsonschema rejects, or the
# other way round, on realistic documents with random damage.
BASE = [load_file(p).data for p in EXAMPLES]
MUTANTS: list[Any] = [1, "x", True, None, [], {}, "4h", -1, 2.5, ["email"], {"x-a": 1},
                      {"bogus": 1}, "urgent", "09:00", "2025-01-01"]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


@settings(max_examples=300, deadline=None)
@given(doc=st.sampled_from(range(len(BASE))), pick=st.integers(0, 10_000),
       value=st.sampled_from(MUTANTS), mode=st.sampled_from(["replace", "add", "delete"]))
def test_fast_checker_agrees_with_jsonschema(doc: int, pick: int, value: Any, mode: str) -> None:
    data = copy.deepcopy(BASE[doc])
    paths = _paths(data)[1:]
    path = paths[pick % len(paths)]
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if mode == "replace":
        parent[last] = value
    elif mode == "add" and isinstance(parent, dict):
        parent[f"{last}_extra" if pick % 2 else "x-extra"] = value
    elif mode == "delete":
        del parent[last]
    assert FAST(data) == SLOW.is_valid(data), json.dumps(path)


def test_digits_where_text_is_due_get_a_quoting_hint() -> None:
    doc = load_text(HEAD + "channels:\n  - {id: line, type: phone, phone: {cost: 0800}}\n",
                    "p.yaml")
    with pytest.raises(InputError) as err:
        validate(doc)
    (p,) = err.value.problems
    assert (p.line, p.column) == (4, 37) and "expected string, found int 800" in p.message
    assert 'write "0800"' in p.hint


def test_long_descriptions_are_cut_at_a_sentence_end() -> None:
    doc = load_text(HEAD + "channels:\n  - {id: a, type: [email]}\n", "p.yaml")
    with pytest.raises(InputError) as err:
        validate(doc)
    hint = err.value.problems[0].hint
    assert hint.endswith(".") and len(hint) <= 201 and hint.startswith("Kind of channel")
