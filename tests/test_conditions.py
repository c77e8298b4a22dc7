"""Each declarative operator, and the three-valued logic that turns gaps into evidence requests."""

from __future__ import annotations

from typing import Any

import pytest

from cxaudit.rules.conditions import (
    FALSE,
    TRUE,
    UNKNOWN,
    ConditionError,
    Scope,
    compile_condition,
    select,
)

ITEM = {"window": "30d", "fee": 0, "methods": ["drop_off", "locker"], "label": {"to": "all"},
        "name": "Head of Care", "notes": ["handling fee 3 EUR"], "flag": False, "n": 3}


def ev(cond: dict[str, Any], item: Any = ITEM, params: dict[str, Any] | None = None) -> int:
    fn = compile_condition(cond, params or {})
    return fn(Scope(item, ("returns",), {"returns": item})).state


@pytest.mark.parametrize(("cond", "state"), [
    pytest.param({"path": "window", "exists": True}, TRUE, id="exists"),
    pytest.param({"path": "nope", "exists": True}, FALSE, id="exists missing"),
    pytest.param({"path": "nope", "exists": False}, TRUE, id="not exists"),
    pytest.param({"path": "label.to", "equals": "ALL"}, TRUE, id="equals ignores case"),
    pytest.param({"path": "flag", "equals": False}, TRUE, id="equals false is a fact"),
    pytest.param({"path": "label.to", "not_equals": "all"}, FALSE, id="not_equals"),
    pytest.param({"path": "label.to", "one_of": ["all", "some"]}, TRUE, id="one_of"),
    pytest.param({"path": "label.to", "not_one_of": ["all"]}, FALSE, id="not_one_of"),
    pytest.param({"path": "window", "at_least": "14d"}, TRUE, id="at_least durations"),
    pytest.param({"path": "window", "at_most": "2w"}, FALSE, id="at_most durations"),
    pytest.param({"path": "fee", "at_most": 0}, TRUE, id="at_most numbers"),
    pytest.param({"path": "n", "less_than": 3}, FALSE, id="less_than"),
    pytest.param({"path": "n", "greater_than": 2}, TRUE, id="greater_than"),
    pytest.param({"path": "window", "at_least": 5}, FALSE, id="duration vs number is no match"),
    pytest.param({"path": "name", "matches": "^head"}, TRUE, id="matches"),
    pytest.param({"path": "notes", "not_matches": "handling fee"}, FALSE, id="not_matches list"),
    pytest.param({"path": "methods", "contains": "locker"}, TRUE, id="contains"),
    pytest.param({"path": "methods", "not_contains": "locker"}, FALSE, id="not_contains"),
    pytest.param({"path": "methods", "contains_any": ["in_store", "drop_off"]}, TRUE,
                 id="contains_any"),
    pytest.param({"path": "methods", "contains_all": ["in_store", "drop_off"]}, FALSE,
                 id="contains_all"),
    pytest.param({"path": "methods", "length_at_least": 2}, TRUE, id="length_at_least"),
    pytest.param({"path": "methods", "length_at_most": 1}, FALSE, id="length_at_most"),
    pytest.param({"path": "nope", "equals": 1}, UNKNOWN, id="missing is unknown"),
    pytest.param({"path": "nope", "equals": 1, "default": 1}, TRUE, id="default"),
    pytest.param({"path": "$.returns.fee", "equals": 0}, TRUE, id="absolute path"),
    pytest.param({"all": [{"path": "fee", "equals": 0}, {"path": "nope", "equals": 1}]}, UNKNOWN,
                 id="all with a gap is unknown"),
    pytest.param({"all": [{"path": "fee", "equals": 1}, {"path": "nope", "equals": 1}]}, FALSE,
                 id="all with a failure is false"),
    pytest.param({"any": [{"path": "fee", "equals": 1}, {"path": "n", "equals": 3}]}, TRUE,
                 id="any"),
    pytest.param({"any": [{"path": "fee", "equals": 1}, {"path": "nope", "equals": 1}]}, UNKNOWN,
                 id="any with a gap is unknown"),
    pytest.param({"not": {"path": "fee", "equals": 0}}, FALSE, id="not"),
    pytest.param({"not": {"path": "nope", "equals": 0}}, UNKNOWN, id="not keeps unknown"),
])
def test_operator(cond: dict[str, Any], state: int) -> None:
    assert ev(cond) == state


def test_param_reference() -> None:
    assert ev({"path": "window", "at_least": {"param": "min"}}, params={"min": "60d"}) == FALSE


def test_failing_leaf_reports_its_path_and_value() -> None:
    fn = compile_condition({"all": [{"path": "fee", "equals": 0},
                                    {"path": "label.to", "equals": "defective_only"}]}, {})
    r = fn(Scope(ITEM, ("returns",), {}))
    assert (r.state, r.path, r.value) == (FALSE, ("returns", "label", "to"), "all")


@pytest.mark.parametrize(("cond", "message"), [
    pytest.param({"path": "a", "equals": 1, "one_of": [1]}, "exactly one operator",
                 id="two operators"),
    pytest.param({"path": "a"}, "exactly one operator", id="no operator"),
    pytest.param({"path": "a", "bogus": 1}, "unknown operator", id="unknown operator"),
    pytest.param({"path": "a", "matches": r"(a)\1"}, "cannot be used", id="backreference"),
    pytest.param({"path": "a", "matches": "("}, "cannot be used: missing \\)", id="bad regex"),
    pytest.param({"path": "a[*]", "equals": 1}, "wildcards belong in `select`", id="wildcard"),
    pytest.param({"path": "a", "equals": {"param": "x"}}, "unknown param", id="unknown param"),
])
def test_refused(cond: dict[str, Any], message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        compile_condition(cond, {})


def test_select_wildcards_and_missing_prefix() -> None:
    root = {"channels": [{"id": "a"}, {"id": "b"}], "m": {"x": 1, "x-y": 2}}
    items, missing = select(root, "channels[*]")
    assert [p for _, p in items] == [("channels", 0), ("channels", 1)] and missing is None
    items, _ = select(root, "m.*")
    assert [p for _, p in items] == [("m", "x")]
    assert select(root, "returns.refund") == ([], ("returns",))


def test_a_pattern_gives_the_same_answer_on_texts_it_has_seen_and_after_forgetting_them() -> None:
    fn = compile_condition({"path": "name", "matches": "^head"}, {})
    texts = [f"Head {i}" if i % 2 else f"Lead {i}" for i in range(5000)]  # past what it keeps
    for _ in range(2):
        states = [fn(Scope({"name": t}, (), {})).state for t in texts]
        assert states == [TRUE if i % 2 else FALSE for i in range(5000)]
    assert fn(Scope({"name": 7}, (), {})).state == FALSE  # a number is no text to match
    assert fn(Scope({"name": ["x", "HEAD"]}, (), {})).state == TRUE
