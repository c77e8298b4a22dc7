"""Messages read aloud: every channel type and priority, no YAML inside the client's sentence.

Every built-in rule is run on a file that gets every channel type wrong at every priority, on
the bundled examples and on every rule example; no violation message may hold a dotted YAML
path, a backticked key, `key: value` syntax or a rule id (they belong in the location column,
and in the `evidence` texts that instruct the file's author). The responsiveness and access
rules, CMP-004 and FDB-001/002 must also put the right article before a priority, and call no
social account or shop "live".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxaudit import resources
from cxaudit.document.loading import load_text
from cxaudit.engine.examples import example_text
from cxaudit.engine.run import run_rules
from cxaudit.model.findings import Finding, Kind
from cxaudit.model.normalise import normalise
from cxaudit.rules.packs import builtin_rules

RULES = builtin_rules()
ROOT = Path(__file__).resolve().parents[1]
CHECKED = re.compile(r"^(RESP-\d+|ACC-00[1236]|CMP-004|FDB-00[12])$")
TYPES = ("email", "web_form", "chat", "phone", "messenger", "social", "sms", "in_app",
         "community", "store", "app_review", "letter")
_KEYS = ("first_response", "next_response", "periodic_update", "total_resolution",
         "speed_of_answer", "agent_work_time", "auto_acknowledge", "after_hours",
         "any_public_reply", "on_call", "states_expected_time", "send_after", "contact_cooldown",
         "intake_channels", "holiday_calendar", "customer_can_request", "waiting_on_")
CHANNEL_WORDS = {
    "an article that does not fit": re.compile(r"\ba (?:urgent|[aeio]\w*)\b", re.IGNORECASE),
    "a YAML key": re.compile("|".join(_KEYS)),
    "a channel called live": re.compile(r"(?<!')\blive\b(?! chat)(?!')", re.IGNORECASE),
}


def _schema_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_keys(value)


_SCHEMA = json.loads(resources.schema_text("process.schema.json"))
_SECTIONS = sorted(_SCHEMA["properties"], key=len, reverse=True)
# keys a user could not mistake for a channel or a level name: snake_case ones
_SNAKE_KEYS = sorted({k for k in _schema_keys(_SCHEMA) if "_" in k}, key=len, reverse=True)
ANY_RULE = {
    "a rule id": re.compile(r"\b(?:RESP|ACC|CMP|FDB|ESC|RET|REC|OWN|DAT|JRN)-\d{3}\b"),
    "a YAML path": re.compile(rf"\b(?:{'|'.join(_SECTIONS)})(?:\.[a-z_]|\[)|\w\[\d+\]"),
    "a backticked key": re.compile(r"`"),
    "key: value syntax": re.compile(
        rf"\b(?:{'|'.join(_SNAKE_KEYS)}): |\b[a-z_]+: (?:true|false)\b"),
}
BAD = {**CHANNEL_WORDS, **ANY_RULE}

_CHANNELS = "".join(
    f"  - {{id: {t}_desk, type: {t}, purposes: [support, complaints]}}\n"
    f"  - {{id: {t}_side, type: {t}, purposes: [support], enabled: true}}\n" for t in TYPES)
EVERYTHING_WRONG = f"""apiVersion: cxaudit/v1
kind: CustomerServiceProcess
process: {{id: worst, updated: "2025-09-01"}}
organization: {{sector: bank, jurisdictions: [DE, UA], customer_type: b2c}}
business_hours:
  timezone: Europe/Berlin
  schedule: [{{days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}}]
  holiday_calendar: DE-BE
  after_hours: {{coverage: on_call, priorities: [high]}}
sla_policies:
  - id: slow
    applies_to: {{channels: [{", ".join(f"{t}_desk" for t in TYPES)}]}}
    clock: business
    pause_on: [waiting_on_warehouse]
    first_response_counts: any_public_reply
    targets:
      first_response: {{urgent: 30h, high: 20h, normal: 10h, low: 5h}}
      next_response: {{urgent: 40h, high: 40h, normal: 40h, low: 40h}}
      periodic_update: {{urgent: 3bd, high: 3bd, normal: 3bd, low: 3bd}}
      resolution: {{urgent: 1h, high: 1h, normal: 1h, low: 1h}}
channels:
{_CHANNELS}complaints:
  intake_channels: [phone, store_desk]
feedback:
  surveys:
    - {{type: nps, mode: transactional, trigger: ticket_solved, send_after: 72h,
       reviewed: {{cadence: 1y, owner: nobody}}}}
    - {{type: csat, mode: relationship, cadence: 30d, contact_cooldown: 7d}}
"""


def _messages(text: str, name: str, only: re.Pattern[str] | None = None) -> list[Finding]:
    proc = normalise(load_text(text, name))
    return [f for r in run_rules(RULES, proc) for f in r.findings
            if (only is None or only.match(f.rule_id)) and f.kind is Kind.VIOLATION]


def _documents(rules: re.Pattern[str] | None) -> list[object]:
    docs = [pytest.param(EVERYTHING_WRONG, id="every channel type and priority wrong")]
    for path in sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/units/*.yaml")]):
        docs.append(pytest.param(path.read_text(encoding="utf-8"), id=path.name))
    for rule in RULES:
        if rules is None or rules.match(rule.id):
            docs += [pytest.param(example_text(dict(e)), id=f"{rule.id}:{e['name']}")
                     for e in rule.examples if e["expect"] in ("fail", "pass")]
    return docs


@pytest.mark.parametrize("text", _documents(CHECKED))
def test_messages_read_aloud(text: str) -> None:
    for f in _messages(text, "process.yaml", CHECKED):
        for what, pattern in CHANNEL_WORDS.items():
            assert not pattern.search(f.message), f"{f.rule_id} has {what}: {f.message}"


@pytest.mark.parametrize("text", _documents(None))
def test_no_rule_puts_yaml_or_rule_ids_in_its_message(text: str) -> None:
    for f in _messages(text, "process.yaml"):
        for what, pattern in ANY_RULE.items():
            assert not pattern.search(f.message), f"{f.rule_id} has {what}: {f.message}"


def test_the_wrong_file_reaches_every_rule_it_should() -> None:
    found = {f.rule_id for f in _messages(EVERYTHING_WRONG, "worst.yaml", CHECKED)}
    assert {"RESP-001", "RESP-002", "RESP-003", "RESP-006", "RESP-007", "RESP-008", "RESP-010",
            "RESP-011", "RESP-012", "RESP-013", "CMP-004", "FDB-001", "FDB-002"} <= found


@pytest.mark.parametrize("sentence", [
    pytest.param("lands in the shared mailbox support@shop.example", id="a mail address"),
    pytest.param("only through phone and store_desk: there is", id="a channel id before a colon"),
    pytest.param("longest on billing_desk: 2h, policy 'billing'", id="a channel id and a target"),
])
def test_the_checks_leave_the_users_own_values_alone(sentence: str) -> None:
    assert not any(pattern.search(sentence) for pattern in ANY_RULE.values())


@pytest.mark.parametrize(("what", "sentence"), [
    ("an article that does not fit", "so a urgent case waits"),
    ("a rule id", "fails critically (RESP-001)"),
    ("a YAML path", "(channels[0].auto_acknowledge.enabled: false)"),
    ("a YAML key", "but next_response allows 3bd"),
    ("a channel called live", "Support is reachable only live (instagram)"),
    ("a YAML path", "Churn is not fully understood (feedback.churn.measured: false)"),
    ("a backticked key", "the complaint target `final_response_within: 30d`"),
    ("key: value syntax", "a restocking fee (restocking_fee_pct: 10)"),
    ("key: value syntax", "pays for the return (free for customer: false)"),
    ("a rule id", "fails critically (CMP-003, RESP-001)"),
])
def test_the_checks_catch_what_they_look_for(what: str, sentence: str) -> None:
    assert BAD[what].search(sentence)
