"""Survey checks: the right measures are taken, on the right journeys, and somebody reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.durations import parse_cadence
from cxaudit.findings import Severity

_TRANSACTIONAL = frozenset({"csat", "ces"})
_SOLVED = re.compile(r"solved|closed|resolved", re.IGNORECASE)


def _surveys(ctx: CheckContext) -> tuple[list[Any] | None, Outcome | None]:
    path = ("feedback", "surveys")
    surveys = ctx.process.get(path)
    if not isinstance(surveys, list):
        return None, missing(path)
    return surveys, None


def survey_mix(ctx: CheckContext) -> Iterator[Outcome]:
    """FDB-001: NPS plus CSAT or CES, each read by a named owner at least monthly."""
    surveys, need = _surveys(ctx)
    if need or surveys is None:
        yield need or missing(("feedback", "surveys"))
        return
    base = ("feedback", "surveys")
    if not surveys:
        yield violation(base, problem="No survey is run, so nobody knows how customers feel "
                        "until they leave")
        return
    types = [s.get("type") if isinstance(s, dict) else None for s in surveys]
    if None in types:
        yield missing(base + (types.index(None), "type"))
    else:
        if "nps" not in types:
            yield violation(base, problem="There is no relationship measure (NPS), so loyalty "
                            "is not tracked beyond single contacts")
        if not _TRANSACTIONAL & set(types):
            yield violation(base, problem="There is no transactional measure (CSAT or CES), so "
                            "nobody learns how individual contacts went")
    limit = parse_cadence(ctx.params["max_review"]).days
    for i, survey in enumerate(surveys):
        if isinstance(survey, dict):
            yield from _reviewed(ctx, base + (i,), survey, limit)


def _reviewed(ctx: CheckContext, path: tuple[Any, ...], survey: dict[str, Any],
              limit: float) -> Iterator[Outcome]:
    kind = str(survey["type"]).upper() if survey.get("type") else "survey"
    reviewed = survey.get("reviewed")
    if reviewed == "never":
        yield violation(path + ("reviewed",), problem=(
            f"Nobody reviews the {kind} results, so customers are asked for their opinion and "
            "nothing is done with it"))
    elif not isinstance(reviewed, dict):
        yield missing(path + ("reviewed",), evidence=(
            f"Say who reads the {kind} results and how often (`reviewed`: cadence, owner)."))
    else:
        cadence = ctx.process.cadences.get(path + ("reviewed", "cadence"))
        rhythm = ctx.process.cadences.get(path + ("cadence",))
        # A survey that runs in waves cannot be read more often than it runs.
        allowed = max(limit, rhythm.days if rhythm and survey.get("mode") == "relationship"
                      else 0.0)
        if "cadence" not in reviewed:
            yield missing(path + ("reviewed", "cadence"))
        elif cadence is not None and cadence.days > allowed:
            yield violation(path + ("reviewed", "cadence"), problem=(
                f"The {kind} results are read only every {reviewed['cadence']}, so what "
                f"customers say waits longer than {ctx.params['max_review']} for anyone to act"))
        if not str(reviewed.get("owner") or "").strip():
            yield missing(path + ("reviewed", "owner"))
    trigger = str(survey.get("trigger") or "")
    if survey.get("mode") == "transactional" and _SOLVED.search(trigger) \
            and survey.get("includes_abandoned") is False:
        yield violation(path + ("includes_abandoned",), Severity.INFO, problem=(
            f"The {kind} survey goes out only on '{trigger}', so customers who gave up or whose "
            "case was closed automatically are never asked and the score looks better than "
            "the service"))


def effort_measured(ctx: CheckContext) -> Iterator[Outcome]:
    """FDB-009: customer effort (CES) is asked on a journey where effort is high."""
    surveys, need = _surveys(ctx)
    if need or surveys is None:
        yield need or missing(("feedback", "surveys"))
        return
    base = ("feedback", "surveys")
    ces = [(i, s) for i, s in enumerate(surveys) if isinstance(s, dict) and s.get("type") == "ces"]
    if not ces:
        if any(isinstance(s, dict) and "type" not in s for s in surveys):
            yield missing(base)
            return
        yield violation(base, problem="Customer effort (CES) is not measured at all, so nobody "
                        "sees which steps make customers work hardest")
        return
    keywords = [str(k).lower() for k in ctx.params["journeys"]]
    triggers = [(i, str(s.get("trigger") or "")) for i, s in ces]
    if any(k in t.lower() for _, t in triggers for k in keywords):
        return
    untriggered = [i for i, t in triggers if not t]
    if untriggered:
        yield missing(base + (untriggered[0], "trigger"))
        return
    yield violation(base + (ces[0][0], "trigger"), problem=(
        f"Customer effort is asked only after {', '.join(t for _, t in triggers)}, not on "
        "returns, complaints or onboarding, where effort is highest"))
