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


def violation(path: DocPath, severity: Severity | None = None, legal: Legal | None = None,
              anchor: DocPath | None = None, cause: str = "", affects: str = "",
              **values: Any) -> Outcome:
    """A failed check at `path`; `values` fill the rule's message placeholders.

    `cause` groups the rule's violations into one plan action, `affects` says what each adds
    (see `Outcome.cause`).
    """
    return Outcome(Kind.VIOLATION, path, values, severity, legal, anchor, cause, affects)



def missing(path: DocPath, **values: Any) -> Outcome:
    """A fact the check needs is not described at `path`."""
    return Outcome(Kind.NEEDS_EVIDENCE, path, values)


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
    """

    fn: CheckFn
    params: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)


HOURS_EVIDENCE = ("State the business hours (`business_hours`: timezone, schedule, holidays) so "
                  "business-clock targets can be turned into real waits.")


def purposes_missing(ch: Channel) -> Outcome:
    """Needs-evidence for a channel whose purposes are not stated (it is never assumed support)."""
    return missing(ch.path + ("purposes",), evidence=(
        f"Say what the '{ch.id}' channel is for (`purposes`: support, complaints, returns, sales "
        "or marketing), so it is judged as what it is rather than guessed."))

