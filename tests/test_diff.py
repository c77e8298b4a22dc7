"""`cxaudit diff OLD NEW`: did a change to the process description make the service worse?

The fixtures derive from examples/online-shop.yaml: tests/data/diff/base.yaml is a frozen copy,
reordered.yaml and reformatted.yaml hold the same policy in another order or layout, and the
table below edits base.yaml the way pull requests do.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cxaudit

DATA = Path(__file__).resolve().parent / "data" / "diff"
BASE = DATA / "base.yaml"

FR_STANDARD = "      first_response: {urgent: 1h, high: 2h, normal: 4h, low: 1bd}\n"
NR_STANDARD = "      next_response:  {urgent: 2h, high: 4h, normal: 4h, low: 8h}\n"
WEEKDAYS = '    - {days: [mon, tue, wed, thu, fri], open: "08:00", close: "20:00"}\n'
XMAS = "    - {date: 2025-12-24, name: Heiligabend, closed: true}\n"
LABEL = "  prepaid_label: {provided: true, applies_to: all, delivery: in_parcel, prefilled: true}\n"
LEVEL_3 = """    - level: 3
      name: Managing director
      type: hierarchical
      trigger: {on: manual, when: [legal_threat, press, repeat_complaint]}
      owner: {name: Tom Berg, role: ceo, contact: tom.berg@tundra.example}
"""
OWNER_2 = "      owner: {name: Mara Klein, role: head_of_care, contact: mara.klein@tundra.example}\n"
NPS = """    - {type: nps, mode: relationship, cadence: 90d, contact_cooldown: 90d, scale: 10,
       reviewed: {cadence: 1mo, owner: head_of_care}}
"""


def edited(tmp_path: Path, *edits: tuple[str, str], name: str = "new.yaml") -> Path:
    """base.yaml with each (old, new) text replaced exactly once."""
    text = BASE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"edit must match once: {old!r}"
        text = text.replace(old, new)
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def as_json(cli: Any, old: Path | str, new: Path | str, *extra: str) -> tuple[int, dict[str, Any]]:
    r = cli("diff", old, new, "-f", "json", *extra)
    return r.exit_code, json.loads(r.stdout)


def rows(data: dict[str, Any], verdict: str) -> dict[str, dict[str, Any]]:
    return {c["key"]: c for c in data["changes"] if c["verdict"] == verdict}


SCENARIOS = [
    pytest.param([(NR_STANDARD, NR_STANDARD.replace("low: 8h", "low: 2d@calendar"))],
                 "regression", "sla_policies[id=standard].targets.next_response.low",
                 ("8h@business", "2d@calendar"), 1, id="SLA loosened 8h -> 2d"),
    pytest.param([(FR_STANDARD, FR_STANDARD.replace("normal: 4h", "normal: 2h"))],
                 "improvement", "sla_policies[id=standard].targets.first_response.normal",
                 ("4h", "2h"), 0, id="SLA tightened 4h -> 2h"),
    pytest.param([("  window: 30d\n", "  window: 14d\n")],
                 "regression", "returns.window", ("30d", "14d"), 1, id="return window 30d -> 14d"),
    pytest.param([("  window: 30d\n", "  window: 60d\n")],
                 "improvement", "returns.window", ("30d", "60d"), 0, id="return window longer"),
    pytest.param([("  window_starts: delivery\n", "  window_starts: purchase\n")],
                 "regression", "returns.window_starts", ("delivery", "purchase"), 1,
                 id="window starts earlier"),
    pytest.param([(LABEL, "")], "regression", "returns.prepaid_label.provided",
                 ("true", None), 1, id="prepaid label removed"),
    pytest.param([(LABEL, LABEL.replace("provided: true", "provided: false"))],
                 "regression", "returns.prepaid_label.provided", ("true", "false"), 1,
                 id="prepaid label withdrawn"),
    pytest.param([("  free_for_customer: true\n", "  free_for_customer: false\n")],
                 "regression", "returns.free_for_customer", ("true", "false"), 1,
                 id="customer pays return shipping"),
    pytest.param([("  restocking_fee_pct: 0\n", "  restocking_fee_pct: 15\n")],
                 "regression", "returns.restocking_fee_pct", ("0", "15"), 1,
                 id="restocking fee introduced"),
    pytest.param([("    within: 3d\n", "    within: 14d\n")],
                 "regression", "returns.refund.within", ("3d", "14d"), 1, id="refund slower"),
    pytest.param([(LEVEL_3, "")], "regression", "escalation.levels[level=3]",
                 ("present", None), 1, id="escalation level removed"),
    pytest.param([(OWNER_2, "")], "regression", "escalation.levels[level=2].owner",
                 ("present", None), 1, id="escalation owner removed"),
    pytest.param([(NPS, "")], "regression", "feedback.surveys[type=nps]", ("present", None), 1,
                 id="survey dropped"),
    pytest.param([("within: 48h, owner_role", "within: 5d, owner_role")], "regression",
                 "feedback.closed_loop.detractors.within", ("48h", "5d"), 1,
                 id="detractor follow-up slower"),
    pytest.param([("  acknowledge_within: 1bd\n", "  acknowledge_within: 3bd\n")], "regression",
                 "complaints.acknowledge_within", ("1bd", "3bd"), 1,
                 id="complaint acknowledgement later"),
    pytest.param([('value: "10 EUR"', 'value: "5 EUR"')], "regression",
                 "service_recovery.compensation_matrix[failure=late_delivery].remedy.value",
                 ("10 EUR", "5 EUR"), 1, id="compensation halved"),
    pytest.param([("mandate: cross_functional", "mandate: advisory")], "regression",
                 "ownership.cx_owner.mandate", ("cross_functional", "advisory"), 1,
                 id="CX owner loses mandate"),
    pytest.param([("  cx_owner: {role: head_of_care, name: Mara Klein, mandate: cross_functional}\n",
                   "")], "regression", "ownership.cx_owner", ("present", None), 1,
                 id="CX owner removed"),
]


@pytest.mark.parametrize("edits, verdict, key, values, code", SCENARIOS)
def test_field_changes_are_judged_by_their_direction(
        cli: Any, tmp_path: Path, edits: list[tuple[str, str]], verdict: str, key: str,
        values: tuple[str | None, str | None], code: int) -> None:
    new = edited(tmp_path, *edits)
    exit_code, data = as_json(cli, BASE, new)
    found = rows(data, verdict)
    assert key in found, sorted(c["key"] for c in data["changes"])
    assert (found[key]["old"], found[key]["new"]) == values
    assert exit_code == code
    assert data["exit_code"] == code
    assert data["verdict"] == ("worse" if verdict == "regression" else "better")


def test_the_reverse_change_is_the_opposite_verdict(cli: Any, tmp_path: Path) -> None:
    worse = edited(tmp_path, ("  window: 30d\n", "  window: 14d\n"), (LEVEL_3, ""))
    code, data = as_json(cli, worse, BASE)
    assert code == 0 and data["verdict"] == "better"
    better = rows(data, "improvement")
    assert better["returns.window"]["old"] == "14d"
    assert better["escalation.levels[level=3]"]["new"] == "present"


def test_a_removed_level_is_one_row_not_one_per_field(cli: Any, tmp_path: Path) -> None:
    _, data = as_json(cli, BASE, edited(tmp_path, (LEVEL_3, "")))
    keys = [c["key"] for c in data["changes"]]
    assert keys == ["escalation.levels[level=3]"]
    assert data["changes"][0]["severity"] == "high"
    assert data["changes"][0]["side"] == "old" and data["changes"][0]["line"] == 93


def test_a_removed_channel_is_one_row_and_repeats_no_waits(cli: Any, tmp_path: Path) -> None:
    whatsapp = ("  - {id: whatsapp, type: messenger, enabled: true, purposes: [support], "
                "sla_policy: messaging,\n"
                "     auto_acknowledge: {enabled: true, states_expected_time: true}}\n")
    code, data = as_json(cli, BASE, edited(tmp_path, (whatsapp, "")))
    assert code == 1
    assert [(c["key"], c["text"]) for c in data["changes"]] == [("channels[id=whatsapp]",
                                                                 "removed")]
    assert data["waits"] == []


def test_a_section_marked_not_applicable_is_withdrawn(cli: Any, tmp_path: Path) -> None:
    code, data = as_json(cli, BASE, edited(tmp_path, ("  applicable: true\n",
                                                      "  applicable: false\n")))
    assert code == 1
    assert [(c["key"], c["old"], c["new"]) for c in data["changes"]] == [
        ("returns", "present", "not applicable")]


def test_durations_without_business_hours_are_not_compared(cli: Any, tmp_path: Path) -> None:
    head = "apiVersion: cxaudit/v1\nkind: CustomerServiceProcess\nchannels:\n"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(head + "  - {type: email, sla: {targets: {first_response: {p3: 8h@business}}}}\n")
    new.write_text(head + "  - {type: email, sla: {targets: {first_response: {normal: 1d}}}}\n")
    r = cli("diff", old, new)
    assert r.exit_code == 0
    assert "Verdict: CHANGED" in r.stdout and "no as-of date" in r.stdout
    assert ("  -        first response target: 8h@business -> 1d\n"
            "           at channels[id=email].sla.targets.first_response.normal, line 4; "
            "not comparable: business hours are not described on both sides") in r.stdout


def test_renaming_a_policy_or_a_channel_is_neutral(cli: Any, tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8").replace("id: standard", "id: default")
    text = text.replace("sla_policy: standard", "sla_policy: default")
    text = text.replace("{id: chat, type: chat", "{id: livechat, type: chat")
    new = tmp_path / "renamed.yaml"
    new.write_text(text, encoding="utf-8")
    code, data = as_json(cli, BASE, new)
    assert code == 0 and data["verdict"] == "changed"
    assert {c["key"]: c["text"] for c in data["changes"] if c["note"] == "renamed"} == {
        "sla_policies[id=default]": "renamed id=standard -> id=default",
        "channels[id=livechat]": "renamed id=chat -> id=livechat"}
    assert data["waits"] == [] and data["findings"] == {"introduced": [], "resolved": []}


def test_a_renamed_and_changed_policy_is_a_removal_and_an_addition(cli: Any,
                                                                    tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8").replace("id: standard", "id: default")
    text = text.replace("sla_policy: standard", "sla_policy: default")
    new = tmp_path / "renamed.yaml"
    new.write_text(text.replace(NR_STANDARD, NR_STANDARD.replace("low: 8h", "low: 2d@calendar")),
                   encoding="utf-8")
    code, data = as_json(cli, BASE, new)
    assert code == 1
    assert rows(data, "regression")["sla_policies[id=standard]"]["text"] == "removed"
    assert rows(data, "improvement")["sla_policies[id=default]"]["text"] == "added"
    assert any(w["verdict"] == "regression" and w["metric"] == "next_response"
               for w in data["waits"])  # the customer's wait still says what changed


def test_restocking_fee_added_where_none_was_described(cli: Any, tmp_path: Path) -> None:
    old = edited(tmp_path, ("  restocking_fee_pct: 0\n", ""), name="old.yaml")
    code, data = as_json(cli, old, BASE)
    assert code == 0 and rows(data, "neutral")["returns.restocking_fee_pct"]["new"] == "0"
    fee = edited(tmp_path, ("  restocking_fee_pct: 0\n", "  restocking_fee_pct: 10\n"))
    code, data = as_json(cli, old, fee)
    assert code == 1 and rows(data, "regression")["returns.restocking_fee_pct"]["old"] is None


def test_sets_report_each_member_added_or_removed(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, ("  methods: [drop_off, courier_pickup]\n",
                            "  methods: [drop_off, in_store]\n"))
    code, data = as_json(cli, BASE, new)
    assert code == 1
    reg, imp = rows(data, "regression"), rows(data, "improvement")
    assert reg["returns.methods"]["text"] == "removed courier_pickup"
    assert imp["returns.methods"]["text"] == "added in_store"


def test_narrower_business_hours_are_a_worst_case_regression(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (WEEKDAYS, WEEKDAYS.replace('"20:00"', '"18:00"')))
    code, data = as_json(cli, BASE, new)
    assert code == 1
    assert not [c for c in data["changes"] if ".targets." in c["key"]]  # no number changed
    hours = rows(data, "regression")["business_hours.schedule"]
    assert hours["old"].endswith("(72 h/week)") and hours["new"].endswith("(62 h/week)")
    longer = [w for w in data["waits"] if w["verdict"] == "regression"]
    email = next(w for w in longer if w["metric"] == "first_response"
                 and w["priority"] == "normal" and "email" in w["channels"])
    assert email["old_target"] == email["new_target"] == "4h@business"
    assert email["new_hours"] > email["old_hours"]
    assert "chat" not in {c for w in longer for c in w["channels"]}  # chat keeps its own hours


def test_narrower_hours_in_text_name_the_longer_wait(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (WEEKDAYS, WEEKDAYS.replace('"20:00"', '"18:00"')))
    r = cli("diff", BASE, new)
    assert r.exit_code == 1
    assert "Worst-case waits longer" in r.stdout
    assert ("first response, normal on email, web_form\n"
            "           target 4h@business: worst case 3d 18h -> 3d 20h") in r.stdout


def test_a_new_holiday_closure_is_a_regression(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (XMAS, XMAS + "    - {date: 2025-12-27, name: Inventur, closed: true}\n"))
    code, data = as_json(cli, BASE, new)
    assert code == 1
    assert rows(data, "regression")["business_hours.holidays"]["new"] == "2025-12-27 (Inventur)"
    longer = [w for w in data["waits"] if w["verdict"] == "regression"]
    assert longer and all(w["new_hours"] > w["old_hours"] for w in longer)
    assert all(w["old_week_hours"] == w["new_week_hours"] for w in longer)  # weeks unchanged


def test_a_closure_before_the_as_of_date_changes_no_wait(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (XMAS, XMAS + "    - {date: 2025-12-27, name: Inventur, closed: true}\n"))
    code, data = as_json(cli, BASE, new, "--as-of", "2026-01-05")
    assert data["as_of"] == "2026-01-05"
    assert data["waits"] == []
    assert code == 1  # the closed day itself is still a regression of the field


@pytest.mark.parametrize("fixture", ["reordered.yaml", "reformatted.yaml"])
def test_reordering_and_reformatting_change_nothing(cli: Any, fixture: str) -> None:
    r = cli("diff", BASE, DATA / fixture)
    assert r.exit_code == 0
    assert "Verdict: UNCHANGED: no change to the policy" in r.stdout
    _code, data = as_json(cli, BASE, DATA / fixture)
    assert data["changes"] == data["waits"] == []
    assert data["findings"] == {"introduced": [], "resolved": []}


def test_fixtures_really_differ_from_base() -> None:
    base = BASE.read_text(encoding="utf-8")
    assert DATA.joinpath("reordered.yaml").read_text(encoding="utf-8") != base
    assert "p3: 4h" in DATA.joinpath("reformatted.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, verdict, note", [
    pytest.param("normal: 4h,", "normal: 240m,", None, "", id="4h == 240m"),
    pytest.param("normal: 4h,", "normal: 4h@business,", None, "", id="policy clock made explicit"),
    pytest.param("normal: 4h,", "normal: 4h@calendar,", "improvement", "", id="business->calendar"),
    pytest.param("low: 1bd}", "low: 8h@business}", "improvement", "ordinary week",
                 id="1bd -> 8h@business by worst case"),
    pytest.param("low: 1bd}", "low: 3bd}", "regression", "", id="1bd -> 3bd"),
])
def test_durations_compare_as_durations(cli: Any, tmp_path: Path, old: str, new: str,
                                        verdict: str | None, note: str) -> None:
    path = edited(tmp_path, (FR_STANDARD, FR_STANDARD.replace(old, new)))
    _, data = as_json(cli, BASE, path)
    fields = [c for c in data["changes"] if ".targets." in c["key"]]
    if verdict is None:
        assert fields == []
    else:
        assert [c["verdict"] for c in fields] == [verdict]
        assert note in fields[0]["note"]


def test_neutral_changes_are_reported_not_judged(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, ("  name: Tundra Outdoor - online shop DE/AT\n",
                            "  name: Tundra Outdoor - shop DE/AT/CH\n"),
                 ("      name: Shift lead\n", "      name: Team lead on duty\n"))
    code, data = as_json(cli, BASE, new)
    assert code == 0 and data["verdict"] == "changed"
    neutral = rows(data, "neutral")
    assert set(neutral) == {"process.name", "escalation.levels[level=1].name"}
    assert neutral["process.name"]["severity"] == "-"


def test_findings_introduced_and_resolved(cli: Any, tmp_path: Path) -> None:
    loose = edited(tmp_path, (FR_STANDARD, FR_STANDARD.replace("normal: 4h", "normal: 2d@calendar")))
    _, data = as_json(cli, BASE, loose)
    introduced = {(f["rule_id"], f["path"]) for f in data["findings"]["introduced"]}
    assert ("RESP-001", "sla_policies[id=standard].targets.first_response.normal") in introduced
    _, back = as_json(cli, loose, BASE)
    resolved = {(f["rule_id"], f["path"]) for f in back["findings"]["resolved"]}
    assert resolved == introduced and back["findings"]["introduced"] == data["findings"]["resolved"]


def test_a_finding_on_both_sides_that_got_worse_is_listed_with_why(cli: Any,
                                                                     tmp_path: Path) -> None:
    sms = "  - {id: sms, type: sms, enabled: true, purposes: [support], sla_policy: standard}\n"
    new = edited(tmp_path, ("  - {id: whatsapp,", sms + "  - {id: whatsapp,"),
                 ("channels: [email, web_form]}", "channels: [email, web_form, sms]}"))
    code, data = as_json(cli, BASE, new)
    assert code == 0 and data["verdict"] == "better"  # a channel more is better for customers
    worse = {f["rule_id"]: f["worse"] for f in data["findings"]["introduced"] if "worse" in f}
    # ...but the holiday gap of the policy now also reaches customers who text
    assert worse["RESP-011"] == "now also applies to sms"
    assert all("worse" not in f for f in data["findings"]["resolved"])
    md = cli("diff", BASE, new, "-f", "md").stdout
    assert "(worse: now also applies to sms) |" in md
    loose = edited(tmp_path, (FR_STANDARD, FR_STANDARD.replace("normal: 4h", "normal: 6h")),
                   name="loose.yaml")
    _, data = as_json(cli, BASE, loose)
    assert {f["rule_id"]: f.get("worse") for f in data["findings"]["introduced"]}[
        "RESP-011"] == "first response target: 4h -> 6h"
    _, back = as_json(cli, loose, BASE)  # tightening makes nothing worse
    assert not any("worse" in f for f in back["findings"]["introduced"])


def test_the_audits_use_the_project_config(cli: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    short = edited(tmp_path, ("  window: 30d\n", "  window: 14d\n"))
    (tmp_path / ".cxaudit.yaml").write_text("disable: [RET-006]\nseverity:\n  RET-001: info\n",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, data = as_json(cli, BASE, short)
    assert code == 1 and data["findings"]["introduced"] == []  # the policy still got worse
    code, data = as_json(cli, BASE, short, "--no-config")
    assert [f["rule_id"] for f in data["findings"]["introduced"]] == ["RET-006"]


def test_fail_on_regression_filters_by_severity(cli: Any, tmp_path: Path) -> None:
    low = edited(tmp_path, ("  exchange: {offered: true}\n", "  exchange: {offered: false}\n"))
    assert cli("diff", BASE, low).exit_code == 1
    assert cli("diff", BASE, low, "--fail-on-regression", "low").exit_code == 1
    r = cli("diff", BASE, low, "--fail-on-regression", "medium")
    assert r.exit_code == 0
    assert "exit code 0: 0 regressions at or above medium" in r.stdout
    high = edited(tmp_path, ("  window: 30d\n", "  window: 14d\n"), name="high.yaml")
    assert cli("diff", BASE, high, "--fail-on-regression", "high").exit_code == 1
    assert cli("diff", BASE, high, "--fail-on-regression", "critical").exit_code == 0
    assert cli("diff", BASE, high, "--fail-on-regression", "none").exit_code == 0


def test_unknown_fail_level_is_a_usage_error(cli: Any) -> None:
    r = cli("diff", BASE, BASE, "--fail-on-regression", "severe")
    assert r.exit_code == 2 and "unknown level 'severe'" in r.stderr


def test_markdown_is_a_pr_comment_with_the_right_rows(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, ("  window: 30d\n", "  window: 14d\n"),
                 ("  exchange: {offered: true}\n", ("  exchange: {offered: true}\n"
                  "  x-note: unchanged\n")),
                 ("  name: Tundra Outdoor - online shop DE/AT\n", "  name: Tundra | <b>Shop</b>\n"),
                 (FR_STANDARD, FR_STANDARD.replace("normal: 4h", "normal: 2h")))
    out = tmp_path / "diff.md"
    r = cli("diff", BASE, new, "-f", "md", "-o", out)
    assert r.exit_code == 1 and r.stdout == ""
    md = out.read_text(encoding="utf-8")
    assert md.startswith("## cxaudit diff: the change makes the service worse\n")
    assert "**WORSE**: 1 regression, " in md
    assert "| high | return window | 30d → 14d | `returns.window` line 114 |" in md
    assert "### Improvements (" in md and "| first response target | 4h → 2h |" in md
    assert "<details><summary>Neutral changes (1)</summary>" in md
    assert "Tundra \\| \\<b\\>Shop\\</b\\>" in md and "<b>Shop" not in md
    assert md.rstrip().endswith("(--fail-on-regression)")


def test_long_markdown_is_shortened_to_fit_a_comment(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (WEEKDAYS, WEEKDAYS.replace('"20:00"', '"18:00"')),
                 ("  name: Tundra Outdoor - online shop DE/AT\n", "  name: Tundra\n"),
                 ("  window: 30d\n", "  window: 14d\n"))
    full = cli("diff", BASE, new, "-f", "md", "--md-limit", "0").stdout
    short = cli("diff", BASE, new, "-f", "md", "--md-limit", "2500").stdout
    assert len(short) <= 2500 < len(full)
    assert "> Shortened to fit 2,500 characters: left out neutral changes, " in short
    assert "| high | return window | 30d → 14d |" in short  # regressions stay
    assert short.rstrip().endswith("(--fail-on-regression)")
    assert "Shortened" not in cli("diff", BASE, new, "-f", "md").stdout


def test_json_is_documented_sorted_and_deterministic(cli: Any, tmp_path: Path) -> None:
    new = edited(tmp_path, (WEEKDAYS, WEEKDAYS.replace('"20:00"', '"18:00"')), (LEVEL_3, ""))
    first = cli("diff", BASE, new, "-f", "json").stdout
    assert first == cli("diff", BASE, new, "-f", "json").stdout
    data = json.loads(first)
    assert first == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert set(data) == {"diff_version", "tool", "old", "new", "as_of", "verdict",
                         "fail_on_regression", "exit_code", "counts", "changes", "waits",
                         "findings"}
    assert data["diff_version"] == "1" and data["as_of"] == "2025-09-01"
    assert set(data["changes"][0]) == {"key", "field", "label", "kind", "direction", "severity",
                                       "verdict", "old", "new", "note", "line", "side", "text"}
    assert data["counts"]["regression"] == (len(rows(data, "regression"))
                                            + sum(w["verdict"] == "regression"
                                                  for w in data["waits"]))


def _diff_schema() -> Any:
    import jsonschema

    schema = json.loads((ROOT / "cxaudit" / "schema" / "diff.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("other", ["reordered.yaml", "edited", "examples"])
def test_json_matches_the_published_schema(cli: Any, tmp_path: Path, other: str) -> None:
    if other == "edited":
        old, new = BASE, edited(tmp_path, (WEEKDAYS, WEEKDAYS.replace('"20:00"', '"18:00"')),
                                (LEVEL_3, ""), ("  methods: [drop_off, courier_pickup]\n",
                                                "  methods: [drop_off, in_store]\n"))
    elif other == "examples":
        old, new = ROOT / "examples" / "weak-small-shop.yaml", BASE
    else:
        old, new = BASE, DATA / other
    _, data = as_json(cli, old, new)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in _diff_schema().iter_errors(data)]
    assert errors == []


def test_cli_prints_the_diff_schema(cli: Any) -> None:
    r = cli("schema", "diff")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["$id"] == "https://cxaudit.dev/schema/diff/v1.json"


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_same_input_same_bytes(cli: Any, tmp_path: Path, fmt: str) -> None:
    new = edited(tmp_path, (LABEL, ""), (NPS, ""), (XMAS, ""))
    outputs = {cli("diff", BASE, new, "-f", fmt).stdout for _ in range(2)}
    outputs.add(run_cxaudit("diff", BASE, new, "-f", fmt).stdout)
    assert len(outputs) == 1


def test_several_formats_in_one_run(cli: Any, tmp_path: Path) -> None:
    md, js = tmp_path / "d.md", tmp_path / "d.json"
    r = cli("diff", BASE, BASE, "-f", "md", "-o", md, "-f", "json", "-o", js, "-f", "text")
    assert r.exit_code == 0
    assert md.read_text().startswith("## cxaudit diff: no change to the policy")
    assert json.loads(js.read_text())["verdict"] == "unchanged"
    assert "Verdict: UNCHANGED" in r.stdout


def test_unknown_format(cli: Any) -> None:
    r = cli("diff", BASE, BASE, "-f", "sarif")
    assert r.exit_code == 2 and "unknown format 'sarif'" in r.stderr


@pytest.mark.parametrize("args, message", [
    pytest.param(["--as-of", "2025-13-01"], "--as-of: '2025-13-01' is not a date", id="as-of"),
    pytest.param(["-f", "json", "-o", "x.md"], "x.md: the file name says md, but the formats "
                 "asked for are json", id="outputs"),
    pytest.param(["-o", "x.html"], "x.html: the file name says html, which this command does "
                 "not write", id="format diff cannot write"),
    pytest.param(["--template-dir", "nowhere"], "nowhere: no such template directory",
                 id="template dir"),
    pytest.param(["-o", "missing-dir/diff.txt"], "missing-dir/diff.txt: cannot write report",
                 id="unwritable output"),
])
def test_usage_errors(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("diff", BASE, BASE, *args)
    assert r.exit_code == 2 and message in r.stderr


def test_a_custom_template_brands_the_markdown(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "diff.md.j2").write_text("ACME review: {{ verdict }} ({{ summary }})\n",
                                         encoding="utf-8")
    r = cli("diff", BASE, BASE, "-f", "md", "--template-dir", tmp_path)
    assert r.exit_code == 0
    assert r.stdout.startswith("ACME review: unchanged (0 regressions, ")


# --- input errors ---------------------------------------------------------------------------

def test_invalid_yaml_on_one_side_names_file_line_col(cli: Any, tmp_path: Path) -> None:
    bad = edited(tmp_path, ("  window: 30d\n", "  window: [30d\n"), name="broken.yaml")
    r = cli("diff", BASE, bad)
    assert r.exit_code == 2
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: YAML syntax error", r.stderr)
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_both_sides_errors_are_reported_at_once(cli: Any, tmp_path: Path) -> None:
    bad = edited(tmp_path, ("  window: 30d\n", "  window: 2d@business\n"), name="bad.yaml")
    r = cli("diff", tmp_path / "missing.yaml", bad)
    assert r.exit_code == 2
    assert f"{tmp_path / 'missing.yaml'}: no such file" in r.stderr
    assert re.search(rf"{re.escape(str(bad))}:114:\d+: '2d@business' is ambiguous", r.stderr)


def test_a_path_with_a_colon_that_exists_is_a_file(cli: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    weird = tmp_path / "v1:process.yaml"
    weird.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("diff", "v1:process.yaml", BASE)
    assert r.exit_code == 0, r.stderr


def test_a_directory_is_a_usage_error(cli: Any) -> None:
    r = cli("diff", DATA, BASE)
    assert r.exit_code == 2 and "is a directory" in r.stderr


# --- git revisions --------------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: the base policy, then a loosened one (working tree: base)."""
    root = tmp_path / "repo"
    (root / "cx").mkdir(parents=True)
    git(root, "init", "-q")
    target = root / "cx" / "process.yaml"
    target.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "add", "cx/process.yaml")
    git(root, "commit", "-q", "-m", "base")
    loose = BASE.read_text(encoding="utf-8").replace(NR_STANDARD,
                                                     NR_STANDARD.replace("low: 8h", "low: 2d@calendar"))
    target.write_text(loose, encoding="utf-8")
    git(root, "commit", "-q", "-am", "loosen")
    target.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_revisions_from_git(repo: Path) -> None:
    r = run_cxaudit("diff", "HEAD~1:cx/process.yaml", "HEAD:cx/process.yaml", cwd=repo)
    assert r.returncode == 1, r.stderr
    assert "cxaudit diff HEAD~1:cx/process.yaml -> HEAD:cx/process.yaml" in r.stdout
    assert "next response target: 8h@business -> 2d@calendar" in r.stdout
    # Back to 8h@business: shorter in an ordinary week, longer over Christmas (mixed).
    back = run_cxaudit("diff", "HEAD:cx/process.yaml", "cx/process.yaml", cwd=repo)
    assert back.returncode == 1
    assert ("next response target: 2d@calendar -> 8h@business\n"
            "           at sla_policies[id=standard].targets.next_response.low, line 37; worst "
            "case in an ordinary week 2d -> 1d 18h, over the year 2d -> 4d 16h") in back.stdout
    here = run_cxaudit("diff", "HEAD~1:./process.yaml", "process.yaml", cwd=repo / "cx")
    assert here.returncode == 0 and "Verdict: UNCHANGED" in here.stdout


def test_revisions_in_process(cli: Any, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, data = as_json(cli, "HEAD~1:cx/process.yaml", "HEAD:cx/process.yaml")
    assert code == 1 and data["old"]["source"] == "HEAD~1:cx/process.yaml"


@pytest.mark.parametrize("arg, message", [
    ("nope:cx/process.yaml", ("nope:cx/process.yaml: cannot read from git: invalid object name "
                             "'nope'")),
    ("HEAD:cx/missing.yaml", ("HEAD:cx/missing.yaml: cannot read from git: path 'cx/missing.yaml' "
                             "does not exist in 'HEAD'")),
    ("HEAD:cx", "HEAD:cx: is a tree in git, not a file"),
    ("missing.yaml", "missing.yaml: no such file"),
])
def test_bad_revisions_are_input_errors(repo: Path, arg: str, message: str) -> None:
    r = run_cxaudit("diff", arg, "cx/process.yaml", cwd=repo)
    assert r.returncode == 2
    assert message in r.stderr and "hint:" in r.stderr
    assert "Traceback" not in r.stderr


def test_both_bad_revisions_are_reported(repo: Path) -> None:
    r = run_cxaudit("diff", "nope:cx/process.yaml", "HEAD:cx/gone.yaml", cwd=repo)
    assert r.returncode == 2
    assert "nope:cx/process.yaml: cannot read from git" in r.stderr
    assert "HEAD:cx/gone.yaml: cannot read from git" in r.stderr


def test_outside_a_repository(tmp_path: Path) -> None:
    r = run_cxaudit("diff", "HEAD:process.yaml", BASE, cwd=tmp_path)
    assert r.returncode == 2
    assert "HEAD:process.yaml: cannot read from git: not a git repository" in r.stderr


def test_invalid_yaml_in_a_revision_is_named_by_the_revision(repo: Path) -> None:
    bad = repo / "cx" / "process.yaml"
    bad.write_text("apiVersion: cxaudit/v1\nkind: [\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "break")
    r = run_cxaudit("diff", "HEAD~1:cx/process.yaml", "HEAD:cx/process.yaml", cwd=repo)
    assert r.returncode == 2
    assert re.search(r"HEAD:cx/process.yaml:\d+:\d+: YAML syntax error", r.stderr)


# --- the direction table --------------------------------------------------------------------

def _schema_paths() -> tuple[set[str], dict[str, set[str]]]:
    """Every document path of the process schema (`[]` for list items) and enum values."""
    schema = json.loads((ROOT / "cxaudit" / "schema" / "process.schema.json").read_text())
    defs = schema["$defs"]
    paths: set[str] = set()
    enums: dict[str, set[str]] = {}

    def walk(node: dict[str, Any], path: str, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                walk(defs[name], path, seen | {name})
            return
        if path:
            paths.add(path)
        if "enum" in node:
            enums.setdefault(path, set()).update(map(str, node["enum"]))
        elif "examples" in node:  # an open vocabulary field: its known values
            enums.setdefault(path, set()).update(map(str, node["examples"]))
        for alt in node.get("anyOf", []) + node.get("oneOf", []):
            walk(alt, path, seen)
        for key, sub in node.get("properties", {}).items():
            walk(sub, f"{path}.{key}" if path else key, seen)
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            walk(node["items"], path + "[]", seen)

    walk(schema, "", frozenset())
    return paths, enums


def _fold(path: str) -> str:
    from cxaudit.model.durations import PRIORITY_ALIASES

    return re.sub(r"(\.targets\.[a-z_]+\.)([a-z0-9_]+)\Z",
                  lambda m: m.group(1) + PRIORITY_ALIASES.get(m.group(2), m.group(2)), path)


def _row_for(path: str) -> Any:
    """The row a schema path is compared by: a whole-value row above it, else its own row."""
    from cxaudit.compare.fields import WHOLE_KINDS, lookup

    path = _fold(path)
    parts = re.findall(r"[^.\[\]]+|\[\]", path)
    prefix = ""
    for part in parts:
        prefix = prefix + part if part == "[]" else (f"{prefix}.{part}" if prefix else part)
        row = lookup(prefix)
        if row is not None and row.kind in WHOLE_KINDS and prefix != path:
            return row
    if path.endswith(".applicable"):
        section = lookup(path.removesuffix(".applicable"))
        if section is not None and section.kind == "presence":
            return section
    return lookup(path)


def test_every_vocabulary_field_has_a_declared_direction() -> None:
    paths, _ = _schema_paths()
    leaves = {p for p in paths if not any(q.startswith((p + ".", p + "[]"))
                                          for q in paths)}
    assert len(leaves) > 300
    missing = sorted(p for p in leaves if _row_for(p) is None)
    assert missing == []


def test_every_row_names_a_vocabulary_field() -> None:
    from cxaudit.compare.fields import ROWS

    paths, _ = _schema_paths()
    folded = {_fold(p) for p in paths}
    for row in ROWS:
        rx = re.compile(re.escape(row.pattern).replace(r"\*", r"[^.\[\]]+") + r"\Z")
        assert any(rx.match(p) for p in folded), row.pattern


def test_rows_are_well_formed_and_enum_orders_cover_the_schema() -> None:
    from cxaudit.compare.fields import DIRECTIONS, KINDS, ROWS, SEVERITIES

    _, enums = _schema_paths()
    assert len({r.pattern for r in ROWS}) == len(ROWS)
    for row in ROWS:
        assert row.kind in KINDS and row.direction in DIRECTIONS, row
        assert row.severity in SEVERITIES or (row.direction == "neutral" and row.severity == "-")
        assert row.absent in ("worse", "better", "neutral")
        if row.kind == "enum":
            values = {v for group in row.order for v in group.split("|")}
            schema = {v for p, vs in enums.items() if _row_for(p) is row for v in vs}
            assert values == schema, row.pattern


def test_readme_documents_the_direction_table() -> None:
    from cxaudit.diff.docs import direction_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- diff-directions:start -->\n", "<!-- diff-directions:end -->"
    assert start in readme and end in readme
    documented = readme.split(start, 1)[1].split(end, 1)[0]
    assert documented.strip() == direction_table().strip(), \
        "regenerate with: python -m cxaudit.diff.docs"


def test_diff_modules_stay_below_the_cli() -> None:
    for path in (ROOT / "cxaudit" / "diff").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "cxaudit.cli" not in text and "from cxaudit import cli" not in text, path.name
