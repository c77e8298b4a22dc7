"""A consultant's own pack says, without Python, what the built-in rules moved to data say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PACK = Path(__file__).parent / "data" / "consultant-pack"


def _findings(cli: Any, example: str) -> list[dict[str, Any]]:
    r = cli("check", "--rules", str(PACK), f"examples/{example}.yaml", "-f", "json")
    assert r.exit_code in (0, 1), r.output
    return [f for f in json.loads(r.stdout)["findings"] if f["rule_id"].startswith("ACME-")]


def test_the_pack_examples_pass(cli: Any) -> None:
    r = cli("rules", "test", str(PACK))
    assert r.exit_code == 0, r.output
    assert "13 passed, 0 failed" in r.stdout


def test_the_pack_is_a_pack_of_rules_without_python() -> None:
    for path in PACK.glob("*.yaml"):
        assert "function:" not in path.read_text(encoding="utf-8"), path.name


def test_chat_worst_wait_points_at_the_target_that_causes_it(cli: Any) -> None:
    (f,) = _findings(cli, "online-shop")
    assert f["rule_id"] == "ACME-001" and f["kind"] == "violation" and f["severity"] == "high"
    assert f["location"]["path"] == "sla_policies[2].targets.first_response.normal"
    assert (f["location"]["line"], f["location"]["column"]) == (54, 24)
    assert f["message"] == (
        "A customer who starts a chat on 'chat' at Fri 18:00 gets a human answer only at "
        "Mon 09:02: 63 h, not the 2m we promise."
    )


def test_lists_words_and_dates_on_a_weak_shop(cli: Any) -> None:
    found = {(f["rule_id"], f["kind"], f["location"]["path"]): f for f in _findings(cli, "weak-small-shop")}
    written = found["ACME-003", "violation", "(document)"]["message"]
    assert written == (
        "Customers can write to support only through email, so one outage leaves them without "
        "a written way in."
    )
    fee = found["ACME-005", "violation", "sla_policies[0].first_response_counts"]
    assert fee["location"]["line"] == 30
    assert "lets any public reply, an automatic one too, stop the first-response clock" in fee["message"]
    assert ("ACME-002", "needs-evidence", "ownership.service_vision.last_communicated") in found
    owner = found["ACME-004", "needs-evidence", "escalation.levels[0].owner.name"]
    assert "'Whoever is in the studio'" in owner["message"]


def test_the_readme_worked_example_is_the_rule_in_the_pack() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- worked-example:start -->\n```yaml\n", 1)[1].split("```\n", 1)[0]
    rule = (PACK / "ACME-001.yaml").read_text(encoding="utf-8")
    body = rule.split("\n", 1)[1].split("examples:\n", 1)[0]  # without the comment and examples
    assert shown == body, "README's worked example is stale: paste ACME-001.yaml"
