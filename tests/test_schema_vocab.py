"""The cxaudit/v1 JSON Schema against the bundled examples, with two independent validators.

The schema must work for editors (yaml-language-server), for jsonschema (the authority that
writes our error messages) and for fastjsonschema (which only knows drafts 4/6/7 and falls
back to its 2019-09 generator for the 2020-12 URI). Both validators must give the same
verdict on every document here.

The examples are read with PyYAML, not with the cxaudit loader, so these tests do not depend
on it. PyYAML follows YAML 1.1; two differences from the YAML 1.2 the loader implements matter:
`on`/`off`/`yes`/`no` are booleans (so `trigger: {on: breach}` would get a True key) and dates
become `datetime.date`. `_Yaml12SafeLoader` keeps only true/false as booleans and `_iso_dates`
turns dates back into the YYYY-MM-DD strings our loader hands to validation.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
import yaml

ROOT = Path(__file__).parents[1]
SCHEMA_PATH = ROOT / "cxaudit" / "schema" / "process.schema.json"
EXAMPLES_DIR = ROOT / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.rglob("*.yaml"))
SPEC = ROOT.parent / "shared" / "spec" / "process-vocabulary.md"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
HEAD = {"apiVersion": "cxaudit/v1", "kind": "CustomerServiceProcess"}

# Keywords that mean the same in draft 7 and 2020-12 (plus annotations). Anything else, such as
# prefixItems, unevaluatedProperties, dependentSchemas or $dynamicRef, would be silently ignored
# or misread by fastjsonschema and by a draft-07 copy of the schema.
COMMON_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "default", "examples",
    "type", "enum", "const", "properties", "patternProperties", "additionalProperties",
    "required", "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum",
    "minLength", "maxLength", "pattern", "minProperties", "anyOf", "oneOf", "allOf", "not",
    "x-descriptive",  # our annotation: no rule judges the field (tests/test_field_reads.py)
}


# ----------------------------------------------------------------------------------- loading

class _Yaml12SafeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false, never on/off/yes/no/y/n."""


_Yaml12SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Yaml12SafeLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_12, list("tTfF"))


def _iso_dates(node: Any) -> Any:
    """Dates (and datetimes) back to ISO strings, as the cxaudit loader delivers them."""
    if isinstance(node, dict):
        return {_iso_dates(k): _iso_dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_iso_dates(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


def load_yaml(text: str) -> Any:
    return _iso_dates(yaml.load(text, Loader=_Yaml12SafeLoader))  # a SafeLoader subclass


def load_example(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def test_loader_reads_yaml_1_2_scalars() -> None:
    data = load_yaml("a: {on: breach}\nb: [NO, yes, true]\nc: 2025-09-01\nd: '08:00'\n")
    assert data == {"a": {"on": "breach"}, "b": ["NO", "yes", True], "c": "2025-09-01",
                    "d": "08:00"}


# -------------------------------------------------------------------------------- validators

@pytest.fixture(scope="module")
def fast() -> Callable[[Any], Any]:
    # fastjsonschema rewrites $ref values in the dict it is given: hand it a copy.
    return fastjsonschema.compile(copy.deepcopy(SCHEMA))


SLOW = jsonschema.Draft202012Validator(SCHEMA)


def _fast_ok(fast: Callable[[Any], Any], doc: Any) -> bool:
    try:
        fast(doc)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def verdicts(fast: Callable[[Any], Any], doc: Any) -> tuple[bool, bool]:
    """(jsonschema, fastjsonschema) verdicts on one document."""
    return SLOW.is_valid(doc), _fast_ok(fast, doc)


# ------------------------------------------------------------------------- the schema itself

def test_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "https://cxaudit.dev/schema/process/v1.json"
    assert SCHEMA["title"] and SCHEMA["description"]
    assert SCHEMA["required"] == ["apiVersion", "kind"]


def test_fastjsonschema_compiles_the_2020_12_schema_as_is(fast: Callable[[Any], Any]) -> None:
    assert _fast_ok(fast, dict(HEAD))
    assert not _fast_ok(fast, {})


def _walk(node: Any, path: str = "#") -> list[tuple[str, Any]]:
    out = [(path, node)]
    if isinstance(node, dict):
        for key, val in node.items():
            if key in ("properties", "patternProperties", "$defs"):
                out += [p for k, v in val.items() for p in _walk(v, f"{path}/{key}/{k}")]
            elif key in ("items", "not", "additionalProperties"):
                out += _walk(val, f"{path}/{key}")
            elif key in ("anyOf", "oneOf", "allOf"):
                out += [p for i, v in enumerate(val) for p in _walk(v, f"{path}/{key}/{i}")]
    return out


NODES = _walk(SCHEMA)


def test_only_keywords_common_to_draft_7_and_2020_12() -> None:
    used = {k for _, node in NODES if isinstance(node, dict) for k in node}
    assert used <= COMMON_KEYWORDS, sorted(used - COMMON_KEYWORDS)


def test_refs_are_local_and_have_no_validating_siblings() -> None:
    # draft 7 ignores everything next to $ref, so only annotations may sit there
    for path, node in NODES:
        if isinstance(node, dict) and "$ref" in node:
            assert node["$ref"].removeprefix("#/$defs/") in SCHEMA["$defs"], path
            assert set(node) <= {"$ref", "description", "title", "$comment", "x-descriptive"}, path


# Maps that only describe take any name: organization.size counts stores, branches, countries...
OPEN_MAPS = {"#/properties/organization/properties/size"}


def test_every_object_is_closed_but_open_to_x_keys() -> None:
    objects = [(p, n) for p, n in NODES if isinstance(n, dict) and n.get("type") == "object"
               and p not in OPEN_MAPS]
    assert len(objects) > 60
    for path, node in objects:
        assert node.get("additionalProperties") is False, path
        assert node.get("patternProperties") == {"^x-": {}}, path


def test_every_property_has_a_description() -> None:
    props = [(p, n) for p, n in NODES if re.search(r"/properties/[^/]+$", p)]
    assert len(props) > 250
    missing = [p for p, n in props if not str(n.get("description", "")).strip()]
    assert not missing
    for name, node in SCHEMA["$defs"].items():
        assert node.get("description"), name


SECTIONS = [k for k, v in SCHEMA["properties"].items() if v.get("type") == "object"]


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_accepts_applicable_false(fast: Callable[[Any], Any], section: str) -> None:
    assert verdicts(fast, {**HEAD, section: {"applicable": False}}) == (True, True)
    assert verdicts(fast, {**HEAD, section: {"applicable": "no"}}) == (False, False)


# -------------------------------------------------------------------------------- examples

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(EXAMPLES_DIR).as_posix())
def test_example_is_valid(fast: Callable[[Any], Any], path: Path) -> None:
    doc = load_example(path)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in SLOW.iter_errors(doc)]
    assert not errors
    assert _fast_ok(fast, doc)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(EXAMPLES_DIR).as_posix())
def test_example_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, first
    assert (path.parent / m.group(1)).resolve() == SCHEMA_PATH.resolve()


def test_bundled_examples_are_all_there() -> None:
    names = {p.relative_to(EXAMPLES_DIR).as_posix() for p in EXAMPLES}
    assert {"online-shop.yaml", "weak-small-shop.yaml", "b2b-saas-desk.yaml"} <= names
    assert len([n for n in names if n.startswith("units/")]) >= 2


@pytest.mark.skipif(not SPEC.exists(), reason="the shared spec is not checked out next to main")
def test_online_shop_is_the_spec_example() -> None:
    text = SPEC.read_text(encoding="utf-8")
    block = re.search(r"### 2\.6 .*?```yaml\n(.*?)```", text, re.DOTALL)
    assert block
    assert load_example(EXAMPLES_DIR / "online-shop.yaml") == load_yaml(block.group(1))


# --------------------------------------------------------------------- valid and invalid docs

def _doc(yaml_text: str) -> Any:
    return {**HEAD, **load_yaml(yaml_text)}


VALID = [
    pytest.param("x-client: acme\nx-audit: {by: consultant, items: [1, 2]}\n", id="x-key top level"),
    pytest.param("channels:\n  - {id: e, type: email, x-queue: 7, x-notes: {a: 1}}\n",
                 id="x-key in a channel"),
    pytest.param("sla_policies:\n  - id: s\n    x-zendesk-id: 360001\n    targets:\n"
                 "      x-source: import\n      first_response: {normal: 4h, x-note: hi}\n",
                 id="x-key deep in targets"),
    pytest.param("sla_policies:\n  - id: s\n    targets:\n      first_response: {p1: 15m, p2: 1h, "
                 "medium: 4h@business, lowest: 2bd}\n", id="priority aliases"),
    pytest.param("returns: {window: 2d@business}\n", id="2d@business is left to the parser"),
    pytest.param("returns: {window: -3d}\n", id="negative duration is left to the parser"),
    pytest.param("returns: {window: 14.5d}\n", id="decimal duration"),
    pytest.param("business_hours:\n  schedule:\n    - {days: weekdays, open: '00:00', close: '24:00'}\n"
                 "  holiday_calendar: [UA, PL]\n  holidays:\n"
                 "    - {date: 2025-12-24, name: Christmas Eve, closed: true}\n"
                 "    - {from: 2025-12-29, to: 2026-01-02, name: stocktaking}\n",
                 id="hours, calendars and holiday range"),
    pytest.param("organization: {jurisdictions: [EU, NO, GB-ENG, DE-BE]}\n",
                 id="jurisdictions with EU and Norway"),
    pytest.param("escalation:\n  levels:\n    - level: 1\n      trigger: {on: breach, after: 1h}\n"
                 "      owner: {name: A B, contact: a@b.example, hours: '09:00-17:00', "
                 "timezone: Europe/Kyiv}\n    - level: 2\n      owner:\n        name: C D\n"
                 "        hours: [{days: [mon, fri], open: '09:00', close: '17:00'}]\n",
                 id="owner hours as text or schedule"),
    pytest.param("channels:\n  - id: chat\n    type: chat\n    offline_mode: message\n    sla:\n"
                 "      clock: business\n      first_response_counts: human\n"
                 "      targets: {first_response: {normal: 2m}}\n", id="inline channel sla"),
    pytest.param("feedback:\n  surveys:\n    - {type: nps, mode: relationship, cadence: 90d, "
                 "contact_cooldown: 90d, reviewed: {cadence: 1mo, owner: cx}}\n",
                 id="cadences in d and mo"),
    pytest.param("data: {systems: [{name: Zendesk, role: helpdesk, since: 2022}]}\n",
                 id="year as integer"),
    pytest.param("data: {systems: [{name: Zendesk, since: '2022-03'}, {name: B, since: "
                 "2021-06-01}]}\n", id="month and date where a year is accepted"),
    pytest.param("organization: {size: {stores: 140, branches: 12, support_agents: 9}}\n",
                 id="size takes any name with a count"),
    pytest.param("organization: {sector: automotive, customer_type: b2b2c, sells: [food]}\n"
                 "channels:\n  - {id: e, type: emial, phone: {cost: cheap}}\n"
                 "returns: {window_starts: shipment, methods: [post]}\n",
                 id="classification fields take any word"),
]

INVALID = [
    pytest.param("sla_policies:\n  - id: s\n    targets:\n      frist_response: {normal: 4h}\n",
                 id="typo frist_response"),
    pytest.param("sla_policies:\n  - {id: s, clock: buisness}\n", id="bad enum clock"),
    pytest.param("channels:\n  - {id: e, type: 7}\n", id="number for a channel type"),
    pytest.param("organization: {size: {stores: many}}\n", id="size that is not a count"),
    pytest.param("organization: {size: {stores: -1}}\n", id="negative size"),
    pytest.param("data: {systems: [{name: Z, since: '2022-13'}]}\n", id="month 13 in since"),
    pytest.param("data: {systems: [{name: Z, since: 'March 2022'}]}\n", id="since in words"),
    pytest.param("organization:\n  size: {support_agents: many}\n", id="wrong type string for int"),
    pytest.param("returns: {free_for_customer: 'yes'}\n", id="wrong type string for bool"),
    pytest.param("returns:\n  window: 4 hours\n", id="bad duration 4 hours"),
    pytest.param("returns:\n  window: 4h@bussiness\n", id="bad clock name"),
    pytest.param("returns:\n  window: 1mo\n", id="cadence where a duration is due"),
    pytest.param("complaints: {review: {cadence: 4h}}\n", id="duration where a cadence is due"),
    pytest.param("business_hours:\n  schedule:\n    - {days: [mon], open: '8am', close: '17:00'}\n",
                 id="bad time"),
    pytest.param("business_hours:\n  schedule:\n    - {days: [mon], open: '24:00', close: '24:00'}\n",
                 id="opening at 24:00"),
    pytest.param("business_hours:\n  schedule:\n    - {days: [monday], open: '08:00', close: '17:00'}\n",
                 id="bad weekday"),
    pytest.param("business_hours:\n  holidays:\n    - {date: 2025-12-24, from: 2025-12-24, "
                 "to: 2025-12-26}\n", id="holiday both date and range"),
    pytest.param("business_hours:\n  holidays:\n    - {from: 2025-12-24, name: half a range}\n",
                 id="holiday range without end"),
    pytest.param("business_hours: {holiday_calendar: de-be}\n", id="lower-case holiday calendar"),
    pytest.param("organization: {jurisdictions: [Germany]}\n", id="jurisdiction not ISO"),
    pytest.param("process: {updated: '2025-13-01'}\n", id="month 13 (quoted string)"),
    pytest.param("sla_policies:\n  - id: s\n    targets:\n      first_response: {asap: 1h}\n",
                 id="unknown priority key"),
    pytest.param("escalation:\n  levels:\n    - {level: 1, trigger: {at_pct_of_target: 150}}\n",
                 id="percent above 100"),
    pytest.param("bogus: 1\n", id="unknown top-level key"),
    pytest.param("channels:\n  - {id: e, type: email, phone: {cost: [free]}}\n",
                 id="list where a call cost is due"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_documents(fast: Callable[[Any], Any], text: str) -> None:
    assert verdicts(fast, _doc(text)) == (True, True)


@pytest.mark.parametrize("text", INVALID)
def test_invalid_documents(fast: Callable[[Any], Any], text: str) -> None:
    doc = _doc(text)
    assert verdicts(fast, doc) == (False, False)


@pytest.mark.parametrize(("doc", "why"), [
    pytest.param({"kind": "CustomerServiceProcess"}, "apiVersion", id="missing apiVersion"),
    pytest.param({"apiVersion": "cxaudit/v1"}, "kind", id="missing kind"),
    pytest.param({**HEAD, "apiVersion": "cxaudit/v2"}, "cxaudit/v1", id="wrong apiVersion"),
    pytest.param({**HEAD, "kind": "Process"}, "CustomerServiceProcess", id="wrong kind"),
    pytest.param([HEAD], "object", id="not a mapping"),
])
def test_header_is_required(fast: Callable[[Any], Any], doc: Any, why: str) -> None:
    assert verdicts(fast, doc) == (False, False)
    assert any(why in e.message for e in SLOW.iter_errors(doc))


def test_minimal_document_is_valid(fast: Callable[[Any], Any]) -> None:
    assert verdicts(fast, dict(HEAD)) == (True, True)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(EXAMPLES_DIR).as_posix())
def test_a_typo_anywhere_in_an_example_is_caught(fast: Callable[[Any], Any], path: Path) -> None:
    """Rename the last key of every mapping in turn: both validators must refuse each typo."""
    base = load_example(path)
    spots: list[tuple[Any, ...]] = []

    def visit(node: Any, at: tuple[Any, ...]) -> None:
        if isinstance(node, dict) and node:
            spots.append(at)
            for k, v in node.items():
                visit(v, at + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, at + (i,))

    visit(base, ())
    spots = [s for s in spots if s[:2] != ("organization", "size")]  # an open map
    assert len(spots) > 10
    for at in spots:
        doc = copy.deepcopy(base)
        node = doc
        for part in at:
            node = node[part]
        key = list(node)[-1]
        node[f"{key}_typo"] = node.pop(key)
        assert verdicts(fast, doc) == (False, False), at + (key,)
