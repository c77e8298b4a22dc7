"""Run the examples a rule carries: each is a small process document and an expected outcome."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from cxaudit.document.loading import load_text
from cxaudit.errors import CxauditError
from cxaudit.model.findings import Status
from cxaudit.model.normalise import normalise
from cxaudit.rules.packs import Rule

_EXPECT = {"pass": Status.PASSED, "fail": Status.FAILED, "needs-evidence": Status.NEEDS_EVIDENCE,
           "not-applicable": Status.NOT_APPLICABLE}


@dataclass(frozen=True)
class ExampleResult:
    """Whether one example of one rule behaved as its author said."""

    rule_id: str
    name: str
    ok: bool
    detail: str


def example_text(example: dict[str, Any]) -> str:
    """The example's document as YAML text, with apiVersion and kind filled in."""
    doc = {"apiVersion": "cxaudit/v1", "kind": "CustomerServiceProcess", **example["document"]}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def _as_of(text: Any) -> date | None:
    """An example's `as_of`, refused like --as-of when it is no day an audit can count from."""
    from cxaudit.document.dates import as_of_problem, real_date

    if text is None:
        return None
    day = real_date(str(text))
    if day is None:
        raise ValueError(f"{text!r} is not a real calendar date")
    why = as_of_problem(day)
    if why is not None:
        raise ValueError(why)
    return day


def run_example(rule: Rule, example: dict[str, Any], context: Iterable[Rule] = ()) -> ExampleResult:
    """Evaluate `rule` (with the example's params) on the example's document.

    The other rules of `context` run too, so rules that weigh earlier findings (OWN-005)
    see them; only `rule`'s own result is compared with the expectation.
    """
    from cxaudit.clock.values import check_values
    from cxaudit.engine.run import run_rules
    from cxaudit.model.validate import validate

    name = example["name"]
    try:
        doc = load_text(example_text(example), f"{rule.id}:{name}")
        validate(doc)
        proc = normalise(doc)
        check_values(proc)
        effective = rule.with_params(example.get("params", {})) if example.get("params") else rule
        others = [r for r in context if r.id != rule.id]
        as_of = _as_of(example.get("as_of"))
        result = next(r for r in run_rules([*others, effective], proc, as_of)
                      if r.rule_id == rule.id)
    except CxauditError as exc:
        return ExampleResult(rule.id, name, False, f"example document is invalid: {exc}")
    except ValueError as exc:  # the example's as_of
        return ExampleResult(rule.id, name, False, f"example as_of: {exc}")
    want = _EXPECT[example["expect"]]
    problems = []
    if result.status is not want:
        problems.append(f"expected {want.value}, got {result.status.value}")
    shown = [f for f in result.findings if f.kind.value != "needs-evidence"] \
        if want is Status.FAILED else list(result.findings)
    if "count" in example and len(shown) != example["count"]:
        problems.append(f"expected {example['count']} finding(s), got {len(shown)}")
    if "severity" in example and any(f.severity.value != example["severity"] for f in shown):
        problems.append(f"expected severity {example['severity']}, got "
                        f"{sorted({f.severity.value for f in shown})}")
    if "message_contains" in example and not any(
            example["message_contains"] in f.message for f in shown):
        problems.append(f"no message contains {example['message_contains']!r}")
    for f in result.findings:
        if re.search(r"\{[a-z_][a-z0-9_.]*\}", f.message):
            problems.append(f"unfilled placeholder in message: {f.message}")
    detail = "; ".join(problems) or "ok"
    if problems and result.findings:
        detail += " | findings: " + " / ".join(f"[{f.severity.value}] {f.message}"
                                               for f in result.findings)
    return ExampleResult(rule.id, name, not problems, detail)


def run_examples(rules: Iterable[Rule]) -> list[ExampleResult]:
    """Run every example of every rule, plus a check that each rule has a pass and a fail."""
    out: list[ExampleResult] = []
    rules = list(rules)
    for rule in rules:
        kinds = {e["expect"] for e in rule.examples}
        for missing in ({"pass", "fail"} - kinds):
            out.append(ExampleResult(rule.id, f"has a {missing}ing example", False,
                                     f"rule {rule.id} has no example with expect: {missing}"))
        out.extend(run_example(rule, dict(e), rules) for e in rule.examples)
    return out
