"""What a built-in check function receives and returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cxaudit.clock.facts import Facts
from cxaudit.document.loading import DocPath
from cxaudit.model.findings import Finding, Kind, Legal, Severity
from cxaudit.model.process import Channel, Process
from cxaudit.model.sentences import render


@dataclass(frozen=True)
class Outcome:
    """One thing a check function found: a violation or missing evidence at a path."""

    kind: Kind
    path: DocPath
    vars: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    legal: Legal | None = None
    # What the finding is about, when that is wider than the line it points at: a policy's
    # worst target moves between priorities as targets change, the policy does not. The
    # fingerprint (baselines, SARIF, diff) is built from the anchor.
    anchor: DocPath | None = None
    # What this violation shares with others of the same rule, in the client's words: the
    # rule's violations with one cause are one action in the plan, which lists each one's
    # `affects`. Both are templates filled like the message ("policy '{policy}'").
    cause: str = ""
    affects: str = ""  # this violation's own part ("{priority} priority ({target}): {case}")
    message: str = ""  # the failing branch's sentence, replacing the rule's message
    # the name of the sentence in the rule file's `messages` this outcome says (a check
    # function's named branch); its values fill the sentence's placeholders
    branch: str = ""


def violation(path: DocPath, branch: str, *, severity: Severity | None = None,
              legal: Legal | None = None, anchor: DocPath | None = None,
              **values: Any) -> Outcome:
    """A failed check at `path`, said by the rule file's sentence `branch` (its `message`, and
    its `cause` and `affects` where the rule groups violations); `values` fill it."""
    return Outcome(Kind.VIOLATION, path, values, severity, legal, anchor, branch=branch)


def missing(path: DocPath, branch: str = "", **values: Any) -> Outcome:
    """A fact the check needs is not described at `path`; `branch` names the rule file's
    sentence that asks for it (the rule's `evidence` without one)."""
    return Outcome(Kind.NEEDS_EVIDENCE, path, values, branch=branch)


class NotApplicable(Exception):
    """Raised by a check function when the rule does not concern this unit."""


@dataclass(frozen=True)
class CheckContext:
    """Inputs of a check function: the unit's derived facts, the rule's parameters, earlier
    findings."""

    facts: Facts
    params: Mapping[str, Any]
    # (category, finding) of the rules run before, in the categories the rule declares it
    # weighs (`weighs_findings_of`), and the words its message uses for each category
    prior: tuple[tuple[str, Finding], ...] = ()
    legal_dir: str | None = None  # legal tables to use (None: the bundled ones)
    prior_words: Mapping[str, str] = field(default_factory=dict)
    parts: Mapping[str, str] = field(default_factory=dict)  # the rule's sentence parts
    words: Mapping[str, Any] = field(default_factory=dict)  # the rule's wording of values

    def say(self, part: str, **values: Any) -> str:
        """The rule file's sentence part `part`, filled with `values`: how a check puts a
        sentence together from several parts, every word of it from the rule file."""
        return render(self.parts[part], values, self.words)

    @property
    def process(self) -> Process:
        """The unit."""
        return self.facts.process

    @property
    def as_of(self) -> date | None:
        """The date time-relative checks count from (--as-of, else `process.updated`)."""
        return self.facts.as_of


CheckFn = Callable[[CheckContext], Iterable[Outcome]]


@dataclass(frozen=True)
class CheckSpec:
    """A named check function.

    `params` are the rule params the function reads (name -> type), which a rule naming it
    must declare with that type; `optional` ones, if declared, must have their type too.
    `branches` are the names of the sentences it says, which the rule's `messages` give, and
    `parts` those of the pieces it puts into them, which the rule's `parts` give.
    """

    fn: CheckFn
    params: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)
    # the sentences the function says (the rule file's `messages`) and the parts it puts into
    # them (the rule file's `parts`)
    branches: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()


def hours_missing() -> Outcome:
    """Needs-evidence for business hours a business-clock target needs (sentence `hours`)."""
    return missing(("business_hours",), "hours")


def purposes_missing(ch: Channel) -> Outcome:
    """Needs-evidence for a channel whose purposes are not stated (it is never assumed
    support): the rule file's sentence `purposes`, naming the `{channel}`."""
    return missing(ch.path + ("purposes",), "purposes", channel=ch.id)
