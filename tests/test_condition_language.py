"""The condition language beyond single leaves: quantifiers, dates, words, facts, several
findings per rule (each, for_each, if, let), sentences per branch and placeholder formats."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cxaudit.clock.facts import Facts
from cxaudit.document.loading import load_text
from cxaudit.engine.examples import example_text
from cxaudit.model.normalise import normalise
from cxaudit.model.sentences import choose, render
from cxaudit.rules.branches import compile_check
from cxaudit.rules.conditions import FALSE, TRUE, UNKNOWN, ConditionError, Scope, compile_condition

ITEM = {"maps": [{"name": "Order", "owner": "Ann"}, {"name": "Return"}, {"name": "Claim",
                                                                         "owner": ""}],
        "tags": ["handling-fee 3 EUR", "postage"], "how": "call our telephone line with the receipt",
        "reviewed": "2024-01-10", "since": 2019, "cadence": "26w", "n": 2}


def ev(cond: dict[str, Any], item: Any = ITEM, as_of: date | None = None,
       params: dict[str, Any] | None = None, types: dict[str, str] | None = None) -> Any:
    facts = Facts.build(normalise(load_text(example_text({"document": {}}), "t.yaml")), as_of)
    return compile_condition(cond, params or {}, types or {})(Scope(item, ("x",), {"x": item},
                                                                     facts))


@pytest.mark.parametrize(("cond", "state"), [
    pytest.param({"path": "maps", "every": {"path": "name", "stated": True}}, TRUE, id="every"),
    pytest.param({"path": "maps", "every": {"path": "owner", "equals": "ann"}}, FALSE,
                 id="every fails on a failing item though another is unknown"),
    pytest.param({"path": "maps", "every": {"path": "owner", "stated": True}}, UNKNOWN,
                 id="every is unknown while an item is unknown"),
    pytest.param({"path": "maps", "none": {"path": "name", "equals": "return"}}, FALSE,
                 id="none"),
    pytest.param({"path": "maps", "some": {"path": "owner", "equals": "ann"}}, TRUE, id="some"),
    pytest.param({"path": "maps", "count": {"where": {"path": "owner", "exists": True},
                                            "at_least": 2}}, TRUE, id="count"),
    pytest.param({"path": "maps", "count": {"at_most": 2}}, FALSE, id="count without where"),
    pytest.param({"path": "nope", "every": {"path": "a", "exists": True}}, UNKNOWN,
                 id="missing list is unknown"),
    pytest.param({"path": "nope", "every": {"path": "a", "exists": True}, "default": []}, TRUE,
                 id="a default list"),
    pytest.param({"path": "maps.1.owner", "stated": True}, UNKNOWN, id="stated: missing"),
    pytest.param({"path": "maps.2.owner", "stated": True}, UNKNOWN, id="stated: blank"),
    pytest.param({"path": "n", "fail": True}, FALSE, id="fail"),
    pytest.param({"path": "n", "ask": True}, UNKNOWN, id="ask"),
    pytest.param({"path": "tags", "mentions_any": ["Handling fee"]}, TRUE,
                 id="mentions ignores case, spaces and hyphens"),
    pytest.param({"path": "how", "mentions_none": ["phone"]}, FALSE, id="mentions inside words"),
    pytest.param({"path": "how", "mentions_none": ["phone"], "word_start": True}, TRUE,
                 id="word_start"),
    pytest.param({"path": "cadence", "at_most": "6mo"}, TRUE, id="cadences on the calendar"),
])
def test_quantifiers_and_operators(cond: dict[str, Any], state: int) -> None:
    assert ev(cond).state == state


def test_a_failing_quantifier_names_its_items() -> None:
    r = ev({"path": "maps", "none": {"path": "owner", "stated": True}})
    assert r.state == FALSE and [m["name"] for m in r.values["items"].values] == ["Order"]
    assert r.path == ("x", "maps", 0, "owner")


@pytest.mark.parametrize(("cond", "as_of", "state", "age"), [
    pytest.param({"path": "reviewed", "not_older_than": "12mo"}, date(2025, 6, 1), FALSE,
                 "17 months", id="older than a year"),
    pytest.param({"path": "reviewed", "older_than": "90d"}, date(2024, 2, 1), FALSE,
                 "3 weeks", id="recent, in weeks"),
    pytest.param({"path": "since", "not_older_than": "5y"}, date(2025, 6, 1), FALSE,
                 "72 months", id="a bare year counts in months"),
    pytest.param({"path": "reviewed", "not_older_than": "12mo"}, None, UNKNOWN, None,
                 id="no date to count from"),
])
def test_ages_count_from_the_as_of_date(cond: dict[str, Any], as_of: date | None, state: int,
                                       age: str | None) -> None:
    r = ev(cond, as_of=as_of)
    assert r.state == state
    if age is not None:
        assert r.values["age"] == age
    else:
        assert r.path == ("process", "updated") and "process.updated" in r.evidence


def test_a_cadence_param_compares_on_the_calendar() -> None:
    cond = {"path": "cadence", "at_most": {"param": "limit"}}
    assert ev(cond, params={"limit": "6mo"}, types={"limit": "cadence"}).state == TRUE
    assert ev(cond, params={"limit": "180d"}, types={"limit": "duration"}).state == FALSE


def test_branch_sentences_and_severity() -> None:
    r = ev({"path": "n", "equals": 3, "message": "Only {value}.", "severity": "low"})
    assert (r.state, r.message, r.severity) == (FALSE, "Only {value}.", "low")
    r = ev({"path": "nope", "equals": 3, "evidence": "Say it."})
    assert (r.state, r.evidence) == (UNKNOWN, "Say it.")
    assert choose({"a": "one", "*": "other {value}"}, "A") == "one"
    assert choose({"a": "one", "*": "other {value}"}, "b") == "other {value}"


DOC = {"business_hours": {"timezone": "Europe/Berlin",
                          "schedule": [{"days": "weekdays", "open": "09:00", "close": "17:00"}]},
       "sla_policies": [{"id": "std", "clock": "business",
                         "targets": {"first_response": {"normal": "8h", "urgent": "1h"}}}],
       "channels": [{"id": "chat", "type": "chat", "purposes": ["support"]},
                    {"id": "mail", "type": "email", "purposes": ["sales"]},
                    {"id": "hotline", "type": "phone", "enabled": False}]}


def checked(check: dict[str, Any], select: str = "channels[*]") -> list[tuple[int, Any, Any]]:
    proc = normalise(load_text(example_text({"document": DOC}), "t.yaml"))
    facts = Facts.build(proc)
    fn = compile_check(check, {}, {})
    from cxaudit.rules.branches import select_in

    top = Scope(proc.data, (), proc.data, facts)
    items, _ = select_in(top, select)
    return [(r.state, r.path, r.value) for item, path in items
            for r in fn(top.inner(item, path))]


def test_channel_facts_and_worst_cases() -> None:
    found = checked({"fact": "worst_case", "metric": "first_response", "priority": "normal",
                     "at_most": "24h"})
    # 8 business hours from Friday 17:00 end on Monday 17:00: 72 h, on every channel
    assert [(s, str(v)) for s, _, v in found] == [(FALSE, "72 h")] * 3
    assert found[0][1] == ("sla_policies", 0, "targets", "first_response", "normal")
    found = checked({"all": [{"fact": "enabled", "equals": True},
                             {"fact": "customer_facing", "equals": True}]})
    assert [s for s, _, _ in found] == [FALSE, FALSE]  # the e-mail is for sales; no purposes
    assert found[1][1] == ("channels", 2, "enabled")  # the phone is off: its purposes wait
    assert checked({"fact": "classes", "contains": "live"}) == [
        (FALSE, ("channels", 1, "type"), ["acknowledged", "all", "tickets", "written",
                                          "written_complaints", "written_legal"])]


def test_each_for_each_if_and_let() -> None:
    rule = {"each": [
        {"if": {"fact": "enabled", "equals": False},
         "then": {"path": "enabled", "fail": True, "message": "{item.id} is off"}},
        {"for_each": "purposes[*]", "default": [], "check": {"path": "", "fail": True}},
    ]}
    with pytest.raises(ConditionError):  # an empty path is no path
        checked(rule)
    rule["each"][1] = {"for_each": "purposes[*]", "default": [],
                       "check": {"path": "^.id", "not_equals": "mail"}}
    found = checked(rule)
    assert (FALSE, ("channels", 2, "enabled"), False) in found
    assert (FALSE, ("channels", 1, "id"), "mail") in found
    assert len(found) == 2


def test_placeholders() -> None:
    values = {"items": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "n": 10.0, "who": "",
              "word": "support_only", "ok": True}
    assert render("{items.id:and}", values) == "a, b and c"
    assert render("{items.id:or}", values) == "a, b or c"
    assert render("{items.id}", values) == "a, b, c"
    assert render("{n:g} %", values) == "10 %"
    assert render("{who|'The CX owner'}", values) == "The CX owner"
    assert render("{word:words}", values) == "support only"
    assert render("{ok} {typo} {n:bogus}", values) == "true {typo} {n:bogus}"
    assert render("write `resolution: {}`", values) == "write `resolution: {}`"
