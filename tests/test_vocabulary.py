"""Realistic values are audited, not refused: the open vocabulary of classification fields.

Every example of issue 10, section 1 is here: each realistic value audits (exit 0 or 1), a
synonym is read as its known value with a note, an unknown value gives a warning with its
position and the closest known value and is treated as not stated (needs evidence, never a
guess), `--strict` and `strict: true` make warnings exit-2 errors, and a day on a business
clock is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from cxaudit.api import Options, audit, load_process
from cxaudit.document.loading import load_text
from cxaudit.errors import InputError
from cxaudit.model.findings import Kind
from cxaudit.model.normalise import normalise
from cxaudit.model.terms import TERMS
from cxaudit.model.validate import validate
from cxaudit.model.vocabulary import key, read

HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "process.schema.json").read_text("utf-8"))


def write(tmp_path: Path, body: str, name: str = "p.yaml") -> Path:
    f = tmp_path / name
    f.write_text(HEAD + body, encoding="utf-8")
    return f


def model(body: str) -> Any:
    doc = load_text(HEAD + body, "p.yaml")
    validate(doc)
    return normalise(doc)


# ------------------------------------------------------------------ the vocabulary itself

def _schema_node(path: str) -> dict[str, Any]:
    node: dict[str, Any] = SCHEMA
    for part in path.split("."):
        while "$ref" in node:
            node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if "properties" not in node:  # a value that may also be `none`: the object form
            node = next(n for n in node["anyOf"] if "properties" in n)
        node = node["properties"][part.removesuffix("[]")]
        if part.endswith("[]"):
            node = node["items"]
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.path)
def test_the_schema_offers_editors_the_known_values(term: Any) -> None:
    node = _schema_node(term.path)
    assert node["type"] == "string" and "enum" not in node
    assert node["examples"] == list(term.known)
    assert "audited as not stated, with a warning" in node["description"]


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.path)
def test_synonyms_are_not_known_values_and_point_at_one(term: Any) -> None:
    assert len(set(term.known)) == len(term.known)
    for synonym, known in term.synonyms.items():
        assert synonym == key(synonym), synonym
        assert synonym not in term.known and known in term.known, (synonym, known)
    assert all(v in term.known for v in term.near.values())


def test_every_closed_list_left_in_the_schema_is_a_clock_time_or_priority() -> None:
    """What makes an audit wrong stays refused: clocks, metrics, priorities, weekdays."""
    closed: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                closed.update(map(str, node["enum"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(SCHEMA)
    from cxaudit.model.durations import PRIORITY_ALIASES
    from cxaudit.model.process import METRICS

    allowed = {"calendar", "business", *METRICS, *PRIORITY_ALIASES, "mon", "tue", "wed", "thu",
               "fri", "sat", "sun", "weekdays", "weekend", "all", "daily"}
    assert closed <= allowed, sorted(closed - allowed)


@pytest.mark.parametrize(("path", "written", "known"), [
    ("channels[].type", "whatsapp", "messenger"),
    ("channels[].type", "Telegram", "messenger"),
    ("channels[].type", "viber", "messenger"),
    ("channels[].type", "signal", "messenger"),
    ("channels[].type", "hotline", "phone"),
    ("channels[].type", "call-center", "phone"),
    ("channels[].type", "E-Mail", "email"),
    ("channels[].phone.cost", "toll-free", "free"),
    ("channels[].phone.cost", "freephone", "free"),
    ("organization.customer_type", "B2B2C", "mixed"),
    ("returns.methods[]", "post", "drop_off"),
    ("business_hours.after_hours.coverage", "24/7", "staffed"),
    ("business_hours.after_hours.coverage", "On-Call", "on_call"),
    ("returns.window_starts", "shipment", "dispatch"),
    ("organization.sector", "Automotive", "automotive"),
])
def test_spellings_and_synonyms(path: str, written: str, known: str) -> None:
    assert read(path, written) == known


# ------------------------------------------------------------- the examples of the issue

REALISTIC = [
    pytest.param("organization: {size: {stores: 140, support_agents: 12}}\n", id="size stores"),
    pytest.param("organization: {sector: cinema, jurisdictions: [DE]}\n"
                 "returns: {refund: {default_method: cash}}\n", id="cinema refunds in cash"),
    pytest.param("organization: {sector: automotive}\n", id="sector automotive"),
    pytest.param("organization: {sells: [food]}\n", id="sells food"),
    pytest.param("organization: {customer_type: b2b2c}\n", id="customer type b2b2c"),
    pytest.param("channels:\n  - {id: line, type: phone, phone: {cost: freephone}}\n",
                 id="phone cost freephone"),
    pytest.param("channels:\n  - {id: line, type: phone, phone: {cost: toll_free}}\n",
                 id="phone cost toll_free"),
    pytest.param("returns: {methods: [post]}\n", id="returns by post"),
    pytest.param("process: {status: pilot}\n", id="status pilot"),
    pytest.param("data: {systems: [{name: Zendesk, role: helpdesk, since: '2022-03'}]}\n",
                 id="since 2022-03"),
]


@pytest.mark.parametrize("body", REALISTIC)
def test_realistic_values_are_audited(cli: Any, tmp_path: Path, body: str) -> None:
    r = cli("check", write(tmp_path, body), "--fail-on", "none")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "warning:" not in r.stdout + r.stderr


def test_the_issue_examples_in_one_file_give_notes_not_warnings(cli: Any,
                                                                tmp_path: Path) -> None:
    f = write(tmp_path, "process: {id: k, name: Kino, status: pilot, updated: 2025-09-01}\n"
              "organization: {sector: automotive, customer_type: b2b2c, sells: [food],\n"
              "               size: {stores: 140}}\n"
              "channels:\n  - {id: line, type: hotline, phone: {cost: freephone}}\n"
              "  - {id: wa, type: whatsapp}\n"
              "returns: {methods: [post], refund: {default_method: cash}}\n"
              "data: {systems: [{name: Zendesk, role: helpdesk, since: '2022-03'}]}\n")
    r = cli("check", f, "-f", "json", "--fail-on", "none")
    assert r.exit_code == 0
    notes = {(w["value"], w["read_as"], w["line"]) for w in json.loads(r.stdout)["warnings"]}
    assert notes == {("b2b2c", "mixed", 4), ("hotline", "phone", 7), ("freephone", "free", 7),
                     ("whatsapp", "messenger", 8), ("post", "drop_off", 9)}
    assert "5 note(s) in the report" in r.stderr


def test_an_unknown_value_is_a_warning_with_position_and_closest_value(cli: Any,
                                                                       tmp_path: Path) -> None:
    f = write(tmp_path, "organization:\n  sector: autmotive\n")
    r = cli("check", f, "--fail-on", "none")
    assert r.exit_code == 0
    assert f"  warning  {f}:4:3\n      organization.sector: 'autmotive' is not a known" in r.stdout
    assert "the closest known value is 'automotive'" in r.stdout
    data = json.loads(cli("check", f, "-f", "json", "--fail-on", "none").stdout)
    assert data["summary"]["warnings"] == 1
    assert data["warnings"] == [{
        "level": "warning", "code": "unknown-value", "file": str(f), "line": 4, "column": 3,
        "path": "organization.sector", "value": "autmotive", "closest": "automotive",
        "read_as": None,
        "message": "organization.sector: 'autmotive' is not a known sector, so it is audited "
                   "as not stated",
        "hint": data["warnings"][0]["hint"]}]


def test_an_unknown_value_is_not_stated_for_the_rules() -> None:
    """Rules see an unknown sector as missing: needs evidence, pointing at the written value."""
    proc = model("process: {updated: 2025-09-01}\norganization: {sector: spaceflight}\n"
                 "journey: {proactive_notifications: [order_delayed]}\n")
    assert proc.organization.sector is None and "sector" not in proc.data["organization"]
    assert proc.document.locate(("organization", "sector")) == (4, 16)
    from cxaudit.api import audit_process, load_rules

    unit = audit_process(proc, load_rules(Options()))
    jrn = next(r for r in unit.results if r.rule_id == "JRN-003")
    (f,) = jrn.findings
    assert f.kind is Kind.NEEDS_EVIDENCE and f.location.path == "organization.sector"
    assert (f.location.line, f.location.column) == (4, 16)


def test_an_unknown_list_item_is_left_out_and_positions_stay_right() -> None:
    proc = model("organization: {sells: [widgets, physical_goods]}\n"
                 "channels:\n  - {id: e, type: email, purposes: [loyalty, complaints]}\n")
    assert proc.organization.sells == ("physical_goods",)
    assert proc.channels[0].purposes == ("complaints",)
    assert proc.document.locate(("organization", "sells", 0)) == (3, 33)
    assert proc.document.locate(("channels", 0, "purposes", 0)) == (5, 46)
    assert [n.value for n in proc.notices] == ["widgets", "loyalty"]


def test_a_list_of_unknown_items_only_is_not_stated() -> None:
    proc = model("organization: {sells: [widgets]}\n")
    assert proc.organization.sells is None


def test_the_users_file_is_not_changed_in_memory_either() -> None:
    doc = load_text(HEAD + "channels:\n  - {type: whatsapp}\n  - {id: x, type: pigeon}\n",
                    "p.yaml")
    validate(doc)
    proc = normalise(doc)
    assert doc.data["channels"] == [{"type": "whatsapp"}, {"id": "x", "type": "pigeon"}]
    assert proc.data["channels"] == [{"type": "messenger", "id": "whatsapp"}, {"id": "x"}]


def test_a_channel_named_by_a_synonym_keeps_its_name_and_its_policy() -> None:
    proc = model("sla_policies:\n  - id: chat\n    applies_to: {channels: [whatsapp, hotline]}\n"
                 "    targets: {first_response: {normal: 1h}}\n"
                 "channels:\n  - {type: whatsapp}\n  - {id: care, type: hotline}\n")
    assert [(c.id, c.type) for c in proc.channels] == [("whatsapp", "messenger"),
                                                       ("care", "phone")]
    assert {t.channel for t in proc.targets} == {"whatsapp", "care"}


def test_messenger_apps_are_written_channels_and_a_video_call_is_live() -> None:
    proc = model("channels:\n  - {id: a, type: telegram}\n  - {id: b, type: video_call}\n")
    assert [(c.type, c.mode) for c in proc.channels] == [("messenger", "async"),
                                                         ("video", "sync")]


def test_billing_and_claims_are_customer_service_purposes() -> None:
    proc = model("channels:\n  - {id: a, type: email, purposes: [invoices]}\n"
                 "  - {id: b, type: email, purposes: [newsletter]}\n")
    assert [c.customer_facing for c in proc.channels] == [True, False]


def test_a_go_live_month_is_judged_to_the_month(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, "process: {updated: 2025-09-01}\n"
              "data: {systems: [{name: Genesys, role: telephony, since: '2020-08'},\n"
              "                 {name: Zendesk, role: helpdesk, since: 2020-10-01}]}\n")
    found = [x for x in json.loads(cli("check", f, "-f", "json").stdout)["findings"]
             if x["rule_id"] == "DAT-004" and x["kind"] == "violation"]
    assert [x["location"]["path"] for x in found] == ["data.systems[0].since"]


def test_size_takes_any_count_but_not_words(cli: Any, tmp_path: Path) -> None:
    assert cli("check", write(tmp_path, "organization: {size: {stores: 140}}\n"),
               "--fail-on", "none").exit_code == 0
    r = cli("check", write(tmp_path, "organization: {size: {stores: many}}\n"))
    assert r.exit_code == 2 and "p.yaml:3:23" in r.stderr and "expected integer" in r.stderr


# -------------------------------------------------------------------------------- --strict

UNKNOWN = "organization: {sector: spaceflight}\n"


def test_strict_makes_an_unknown_value_an_error_in_check(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, UNKNOWN)
    r = cli("check", f, "--strict", "-f", "json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["units"] == [] and data["errors"][0]["line"] == 3
    assert f"{f}:3:16: organization.sector: 'spaceflight' is not a known sector" in r.stderr
    assert "--strict refuses unknown values" in r.stderr


def test_strict_leaves_synonyms_alone(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, "channels:\n  - {id: a, type: whatsapp}\n")
    assert cli("check", f, "--strict", "--fail-on", "none").exit_code == 0


def test_strict_true_in_the_config(cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    f = write(tmp_path, UNKNOWN)
    assert cli("check", f, "--fail-on", "none").exit_code == 0
    (tmp_path / ".cxaudit.yaml").write_text("strict: true\n", encoding="utf-8")
    r = cli("check", f, "--fail-on", "none")
    assert r.exit_code == 2 and "'spaceflight' is not a known sector" in r.stderr
    assert cli("sla", f).exit_code == 2
    assert cli("diff", f, f).exit_code == 2


def test_strict_in_sla_and_diff(cli: Any, tmp_path: Path) -> None:
    f = write(tmp_path, "process: {updated: 2025-09-01}\n" + UNKNOWN)
    r = cli("sla", f)
    assert r.exit_code == 0 and f"{f}:4:16: warning: organization.sector" in r.stderr
    r = cli("sla", f, "--strict")
    assert r.exit_code == 2 and f"{f}:4:16:" in r.stderr and "the nearest by spelling" in r.stderr
    r = cli("diff", f, f)  # the text report lists both sides' warnings itself, once each
    assert r.exit_code == 0 and r.stdout.count("'spaceflight' is not a known sector") == 2
    assert "Warnings and notes (2)" in r.stdout and f"{f}:4:16: organization.sector" in r.stdout
    assert "spaceflight" not in r.stderr
    r = cli("diff", f, f, "-f", "json")  # other formats carry them and stderr says them too
    warned = json.loads(r.stdout)["warnings"]
    assert [(w["file"], w["line"], w["column"], w["value"], w["level"]) for w in warned] == \
        [(str(f), 4, 16, "spaceflight", "warning")] * 2
    assert r.stderr.count("'spaceflight' is not a known sector") == 2
    r = cli("diff", f, f, "-f", "md")
    assert "### Warnings and notes (2)" in r.stdout and f"`{f}:4:16`" in r.stdout
    r = cli("diff", f, f, "--strict")
    assert r.exit_code == 2 and f"{f}:4:16:" in r.stderr


def test_the_api_keeps_warnings_on_the_unit_or_raises_with_strict(tmp_path: Path) -> None:
    f = str(write(tmp_path, UNKNOWN))
    assert [n.value for n in load_process(f).notices] == ["spaceflight"]
    with pytest.raises(InputError) as err:
        load_process(f, strict=True)
    assert [(p.line, p.column) for p in err.value.problems] == [(3, 16)]
    result = audit([f], Options(strict=True))
    assert result.exit_code == 2 and result.units == () and result.errors


# ---------------------------------------------------------- a day on a business clock

@pytest.mark.parametrize(("target", "hint"), [
    ("2d", "write 16h@business or 2bd"),
    ("1w", "write 40h@business or 5bd"),
])
def test_a_day_under_a_business_policy_is_refused(cli: Any, tmp_path: Path, target: str,
                                                  hint: str) -> None:
    f = write(tmp_path, "sla_policies:\n  - id: std\n    clock: business\n"
              f"    targets: {{resolution: {{normal: 8h, low: {target}}}}}\n")
    for command in (("check",), ("sla",), ("diff", str(f))):
        r = cli(*command, f)
        assert r.exit_code == 2, command
        assert (f"{f}:6:40: '{target}' is ambiguous under SLA policy 'std', whose clock is "
                "business") in r.stderr
        assert f"hint: {hint}, or {target}@calendar if calendar time is meant" in r.stderr


def test_an_inline_business_sla_is_refused_too(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        model("channels:\n  - id: chat\n    type: chat\n    sla:\n      clock: business\n"
              "      targets: {resolution: {normal: 3d}}\n")
    (p,) = err.value.problems
    assert (p.line, p.column) == (8, 30) and "write 24h@business or 3bd" in p.hint


def test_calendar_days_stay_allowed() -> None:
    proc = model("sla_policies:\n  - id: std\n    clock: business\n"
                 "    targets: {resolution: {normal: 2d@calendar, low: 2bd}}\n"
                 "  - id: cal\n    targets: {resolution: {normal: 2d}}\n")
    assert len(proc.policies) == 2


def test_the_readme_lists_the_vocabulary() -> None:
    from cxaudit.model.vocabulary import vocabulary_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- vocabulary:start -->\n", "<!-- vocabulary:end -->"
    documented = readme.split(start, 1)[1].split(end, 1)[0]
    assert documented == vocabulary_table(), "regenerate with: python -m cxaudit.vocabulary"


@pytest.mark.parametrize(("ctype", "judged"), [("email", True), ("carrier_pigeon", False)])
def test_a_channel_of_unknown_type_is_not_guessed_to_be_written(cli: Any, tmp_path: Path,
                                                                ctype: str, judged: bool) -> None:
    f = write(tmp_path, "channels:\n  - id: inbox\n    purposes: [support]\n"
              f"    type: {ctype}\n    sla: {{targets: {{first_response: {{normal: 72h}}}}}}\n")
    data = json.loads(cli("check", f, "-f", "json", "--fail-on", "none").stdout)
    resp = [x for x in data["findings"] if x["rule_id"] == "RESP-001" and x["kind"] == "violation"]
    assert bool(resp) is judged
    assert [w["value"] for w in data["warnings"]] == ([] if judged else [ctype])


def test_a_warning_is_in_every_format(cli: Any, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    f = write(tmp_path, UNKNOWN)
    where = f"{f}:3:16"

    def out(fmt: str) -> str:
        r = cli("check", f, "-f", fmt, "--fail-on", "none")
        assert r.exit_code == 0
        return str(r.stdout)

    sarif = json.loads(out("sarif"))["runs"][0]["invocations"][0]
    assert sarif["executionSuccessful"] is True
    (n,) = sarif["toolExecutionNotifications"]
    assert n["level"] == "warning" and n["descriptor"] == {"id": "unknown-value"}
    assert n["locations"][0]["physicalLocation"]["region"] == {"startLine": 3,
                                                                "startColumn": 16}
    assert "'spaceflight' is not a known sector" in n["message"]["text"]
    junit = ET.fromstring(out("junit"))
    assert f"{where}: warning: organization.sector: 'spaceflight'" in \
        (junit.find("testsuite/system-err").text or "")  # type: ignore[union-attr]
    assert "`" + where in out("md") and "'spaceflight' is not a known sector" in out("md")
    assert f'<code class="where">{where}</code>' in out("html")
    assert f"warning  {where}" in out("text")
    assert json.loads(out("json"))["warnings"][0]["value"] == "spaceflight"


@pytest.mark.parametrize(("lang", "said", "hint"), [
    ("uk", "'spaceflight' — невідоме значення («галузь»), тому аудит вважає його не вказаним",
     "підказка: близького відомого значення немає (найближче за написанням — "),
    ("ru", "'spaceflight' — неизвестное значение («отрасль»), поэтому аудит считает его не указанным",
     "подсказка: близкого известного значения нет (ближайшее по написанию — "),
])
def test_warnings_about_values_speak_the_report_language(cli: Any, tmp_path: Path, lang: str,
                                                         said: str, hint: str) -> None:
    f = write(tmp_path, "process: {updated: 2025-09-01}\n" + UNKNOWN)
    r = cli("sla", f, "--lang", lang)
    assert r.exit_code == 0 and f"{f}:4:16: " in r.stderr and said in r.stderr
    assert hint in r.stderr and "is not a known" not in r.stderr
    r = cli("diff", f, f, "--lang", lang)
    assert r.stdout.count(said) == 2
