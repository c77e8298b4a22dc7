"""Messages read aloud: every channel type and priority, no YAML inside the client's sentence.

The responsiveness and access rules, CMP-004 and FDB-001/002 are run on a file that gets
every channel type wrong at every priority, on the bundled examples and on every rule example;
each violation message must read as a sentence: the right article before a priority, no
social account or shop called "live", no YAML keys, paths or rule ids (they belong in the
location column).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxaudit.engine import run_rules
from cxaudit.findings import Finding, Kind
from cxaudit.loading import load_text
from cxaudit.model import normalise
from cxaudit.rulepacks import builtin_rules
from cxaudit.ruletest import example_text

RULES = builtin_rules()
ROOT = Path(__file__).resolve().parents[1]
CHECKED = re.compile(r"^(RESP-\d+|ACC-00[1236]|CMP-004|FDB-00[12])$")
TYPES = ("email", "web_form", "chat", "phone", "messenger", "social", "sms", "in_app",
         "community", "store", "app_review", "letter")
_KEYS = ("first_response", "next_response", "periodic_update", "total_resolution",
         "speed_of_answer", "agent_work_time", "auto_acknowledge", "after_hours",
         "any_public_reply", "on_call", "states_expected_time", "send_after", "contact_cooldown",
         "intake_channels", "holiday_calendar", "customer_can_request", "waiting_on_")
BAD = {
    "an article that does not fit": re.compile(r"\ba (?:urgent|[aeio]\w*)\b", re.IGNORECASE),
    "a rule id": re.compile(r"\b(?:RESP|ACC|CMP|FDB|ESC|RET|REC|OWN|DAT|JRN)-\d{3}\b"),
    "a YAML path": re.compile(r"\b[a-z_]{2,}\.[a-z_]{2,}(?:[.\[]|:)|\w\[\d+\]"),
    "a YAML key": re.compile("|".join(_KEYS)),
    "a channel called live": re.compile(r"(?<!')\blive\b(?! chat)(?!')", re.IGNORECASE),
}

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


def _messages(text: str, name: str) -> list[Finding]:
    proc = normalise(load_text(text, name))
    return [f for r in run_rules(RULES, proc) for f in r.findings
            if CHECKED.match(f.rule_id) and f.kind is Kind.VIOLATION]


def _documents() -> list[object]:
    docs = [pytest.param(EVERYTHING_WRONG, id="every channel type and priority wrong")]
    for path in sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/units/*.yaml")]):
        docs.append(pytest.param(path.read_text(encoding="utf-8"), id=path.name))
    for rule in RULES:
        if CHECKED.match(rule.id):
            docs += [pytest.param(example_text(dict(e)), id=f"{rule.id}:{e['name']}")
                     for e in rule.examples if e["expect"] in ("fail", "pass")]
    return docs


@pytest.mark.parametrize("text", _documents())
def test_messages_read_aloud(text: str) -> None:
    for f in _messages(text, "process.yaml"):
        for what, pattern in BAD.items():
            assert not pattern.search(f.message), f"{f.rule_id} has {what}: {f.message}"


def test_the_wrong_file_reaches_every_rule_it_should() -> None:
    found = {f.rule_id for f in _messages(EVERYTHING_WRONG, "worst.yaml")}
    assert {"RESP-001", "RESP-002", "RESP-003", "RESP-006", "RESP-007", "RESP-008", "RESP-010",
            "RESP-011", "RESP-012", "RESP-013", "CMP-004", "FDB-001", "FDB-002"} <= found


@pytest.mark.parametrize(("what", "sentence"), [
    ("an article that does not fit", "so a urgent case waits"),
    ("a rule id", "fails critically (RESP-001)"),
    ("a YAML path", "(channels[0].auto_acknowledge.enabled: false)"),
    ("a YAML key", "but next_response allows 3bd"),
    ("a channel called live", "Support is reachable only live (instagram)"),
])
def test_the_checks_catch_what_they_look_for(what: str, sentence: str) -> None:
    assert BAD[what].search(sentence)
