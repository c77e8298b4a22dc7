"""Absent is not false: a document that states nothing gets needs-evidence or not-applicable
from every rule, never a violation and never a pass.

EMPTY_SECTIONS lists, for every built-in rule, where it asks for evidence when every section is
present but empty: the first fact it needs. A new rule must add its line, which makes its
author decide what the rule asks for when the file is silent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cxaudit.document.loading import load_text
from cxaudit.model.findings import Kind, Status
from cxaudit.model.normalise import normalise
from cxaudit.model.validate import validate
from cxaudit.rules.packs import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = builtin_rules()
HEAD = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\n"
SCHEMA = json.loads((ROOT / "cxaudit" / "schema" / "process.schema.json").read_text("utf-8"))
SECTIONS = [k for k, v in SCHEMA["properties"].items() if v.get("type") == "object"]

# rule: the paths it asks about when every section is there but says nothing (None: the rule
# does not apply to such a unit)
EMPTY_SECTIONS: dict[str, list[str] | None] = {
    "ACC-001": ["channels"],
    "ACC-002": ["self_service.knowledge_base.exists"],
    "ACC-003": ["channels"],
    "ACC-004": ["organization.jurisdictions"],
    "ACC-005": ["complaints.free_of_charge"],
    "ACC-006": ["business_hours"],
    "CMP-001": ["complaints.published.website"],
    "CMP-002": ["complaints.acknowledge_within"],
    "CMP-003": ["organization.jurisdictions"],
    "CMP-004": ["complaints.intake_channels"],
    "CMP-005": ["complaints.recording.categorised"],
    "CMP-006": ["complaints.owner_per_case"],
    "CMP-007": ["organization.jurisdictions"],
    "CMP-008": ["complaints.burden_of_proof"],
    "DAT-001": ["data.single_ticketing_system", "data.unmanaged_inboxes"],
    "DAT-002": ["data.exports.api"],
    "DAT-003": ["data.clv.computed"],
    "DAT-004": ["data.systems"],
    "ESC-001": ["escalation.levels"],
    "ESC-002": ["escalation.levels"],
    "ESC-003": ["escalation.levels"],
    "ESC-004": ["escalation.levels"],
    "ESC-005": ["escalation.levels"],
    "ESC-006": ["escalation.customer_can_request", "escalation.levels"],
    "ESC-007": ["escalation.levels"],
    "FDB-001": ["feedback.surveys"],
    "FDB-002": ["feedback.surveys"],
    "FDB-003": ["feedback.closed_loop.detractors"],
    "FDB-004": ["feedback.closed_loop"],
    "FDB-005": ["feedback.churn"],
    "FDB-006": ["feedback.churn"],
    "FDB-007": ["feedback.contact_drivers.tagged"],
    "FDB-008": ["feedback.community.exists"],
    "FDB-009": ["feedback.surveys"],
    "FDB-010": ["feedback.surveys"],
    "JRN-001": ["journey.maps", "journey.personas"],
    "JRN-002": ["journey.maps"],
    "JRN-003": ["journey.proactive_notifications"],
    "OWN-001": ["ownership.executive_sponsor.role"],
    "OWN-002": ["ownership.cx_owner.name"],
    "OWN-003": ["ownership.service_vision"],
    "OWN-004": ["ownership.governance.departments"],
    "OWN-005": None,  # weighs acquisition spending against critical failures: there are none
    "OWN-006": ["feedback.kpis"],
    "REC-001": ["service_recovery.compensation_matrix"],
    "REC-002": ["service_recovery.compensation_matrix"],
    "REC-003": ["service_recovery.frontline_authority.max_amount"],
    "REC-004": ["service_recovery.guarantee.unconditional"],
    "REC-005": ["service_recovery.recovery_within"],
    "RESP-001": ["channels"],
    "RESP-002": ["channels"],
    "RESP-003": ["channels"],
    "RESP-004": ["channels"],
    "RESP-005": ["sla_policies"],
    "RESP-006": ["sla_policies"],
    "RESP-007": ["sla_policies"],
    "RESP-008": ["channels"],
    "RESP-009": ["channels"],
    "RESP-010": ["sla_policies"],
    "RESP-011": ["channels"],
    "RESP-012": ["organization.sector"],
    "RESP-013": ["sla_policies"],
    "RESP-014": ["sla_policies"],
    **{f"RET-{n:03d}": ["organization.sells"] for n in range(1, 12)},
}


def _audit(text: str) -> dict[str, tuple[Status, list[str], set[Kind]]]:
    from cxaudit.engine.run import run_rules

    doc = load_text(text, "silent.yaml")
    validate(doc)
    return {r.rule_id: (r.status, sorted({f.location.path for f in r.findings}),
                        {f.kind for f in r.findings})
            for r in run_rules(RULES, normalise(doc))}


SILENT = {
    "empty": HEAD,
    "identity only": HEAD + "process: {id: p1, name: Shop, updated: 2025-09-01}\n",
    "every section empty": HEAD + yaml.safe_dump({s: {} for s in SECTIONS}),
}


@pytest.mark.parametrize("name", list(SILENT))
def test_a_silent_document_gets_no_verdict_from_any_rule(name: str) -> None:
    results = _audit(SILENT[name])
    assert set(results) == {r.id for r in RULES}
    judged = {rid: (status.value, paths) for rid, (status, paths, kinds) in results.items()
              if status not in (Status.NEEDS_EVIDENCE, Status.NOT_APPLICABLE)
              or Kind.VIOLATION in kinds}
    assert judged == {}


def test_every_rule_says_what_it_needs_from_a_silent_file() -> None:
    assert set(EMPTY_SECTIONS) == {r.id for r in RULES}, \
        "add every new rule to EMPTY_SECTIONS with the path it asks about"
    results = _audit(SILENT["every section empty"])
    asked = {rid: (paths if status is Status.NEEDS_EVIDENCE else None)
             for rid, (status, paths, _) in results.items()}
    assert asked == EMPTY_SECTIONS


def test_a_section_left_out_is_asked_for_by_name() -> None:
    results = _audit(SILENT["empty"])
    for rid, (status, paths, _) in results.items():
        if status is Status.NEEDS_EVIDENCE:
            assert paths and all("[" not in p for p in paths), (rid, paths)
