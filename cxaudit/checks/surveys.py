"""Survey checks: the right measures are taken, on the right journeys, and somebody reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
from cxaudit.model.durations import Cadence, cadence_fits, parse_cadence, parse_duration
from cxaudit.model.findings import Severity

_TRANSACTIONAL = frozenset({"csat", "ces"})
_SOLVED = re.compile(r"solved|closed|resolved", re.IGNORECASE)
TRANSACTIONAL, RELATIONSHIP = "transactional", "relationship"


def survey_mode(survey: dict[str, Any]) -> str | None:
    """transactional (after an event) or relationship (periodic): as stated, else as described.

    Without `mode`, a trigger or delay means transactional and a cadence relationship; failing
    both, NPS counts as relationship and CSAT or CES as transactional. None without a type.
    """
    mode = survey.get("mode")
    if mode in (TRANSACTIONAL, RELATIONSHIP):
        return str(mode)
    if ("trigger" in survey or "send_after" in survey) and "cadence" not in survey:
        return TRANSACTIONAL
    if "cadence" in survey:
        return RELATIONSHIP
    kind = survey.get("type")
    return RELATIONSHIP if kind == "nps" else TRANSACTIONAL if kind in _TRANSACTIONAL else None


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
        modes = {survey_mode(s) for s in surveys if isinstance(s, dict)}
        if RELATIONSHIP not in modes:
            yield violation(base, problem="There is no relationship measure (such as a periodic "
                            "NPS), so loyalty is not tracked beyond single contacts")
        if TRANSACTIONAL not in modes:
            yield violation(base, problem="There is no transactional measure (CSAT, CES or an "
                            "NPS asked after a contact), so nobody learns how individual "
                            "contacts went")
    limit = parse_cadence(ctx.params["max_review"])
    for i, survey in enumerate(surveys):
        if isinstance(survey, dict):
            yield from _reviewed(ctx, base + (i,), survey, limit)


def _reviewed(ctx: CheckContext, path: tuple[Any, ...], survey: dict[str, Any],
              limit: Cadence) -> Iterator[Outcome]:
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
        waves = rhythm is not None and survey_mode(survey) == RELATIONSHIP
        if "cadence" not in reviewed:
            yield missing(path + ("reviewed", "cadence"))
        elif cadence is not None and not cadence_fits(cadence, limit, at_most=True) and not (
                waves and rhythm is not None and cadence_fits(cadence, rhythm, at_most=True)):
            yield violation(path + ("reviewed", "cadence"), problem=(
                f"The {kind} results are read only every {reviewed['cadence']}, so what "
                f"customers say waits longer than {ctx.params['max_review']} for anyone to act"))
        if not str(reviewed.get("owner") or "").strip():
            yield missing(path + ("reviewed", "owner"))
    trigger = str(survey.get("trigger") or "")
    if survey_mode(survey) == TRANSACTIONAL and _SOLVED.search(trigger) \
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


def survey_timing(ctx: CheckContext) -> Iterator[Outcome]:
    """FDB-002: transactional surveys go out soon after the event, relationship ones in waves.

    Cadences are compared on the calendar: `6mo`, `2q` and `26w` all run twice a year.
    """
    surveys, need = _surveys(ctx)
    if need or surveys is None:
        yield need or missing(("feedback", "surveys"))
        return
    for i, survey in enumerate(surveys):
        if not isinstance(survey, dict):
            continue
        path = ("feedback", "surveys", i)
        mode = survey_mode(survey)
        if mode is None:
            yield missing(path + ("mode",))
        elif mode == TRANSACTIONAL:
            yield from _sent_in_time(ctx, path, survey)
        else:
            yield from _waves(ctx, path, survey)


def _name(survey: dict[str, Any], mode: str) -> str:
    kind = str(survey.get("type") or "").upper()
    return f"{mode} {kind} survey" if kind else f"{mode} survey"


def _sent_in_time(ctx: CheckContext, path: tuple[Any, ...],
                  survey: dict[str, Any]) -> Iterator[Outcome]:
    delay = ctx.process.durations.get(path + ("send_after",))
    if delay is None:
        if "send_after" not in survey:
            yield missing(path + ("send_after",))
        return
    limit = parse_duration(ctx.params["max_delay"])
    hours = delay.minutes / 60 if delay.minutes is not None else delay.amount * 24
    if hours > (limit.minutes or 0) / 60:
        after = f"after '{survey['trigger']}'" if survey.get("trigger") else "after its trigger"
        yield violation(path + ("send_after",), problem=(
            f"The {_name(survey, TRANSACTIONAL)} goes out {delay.text} {after}, later than "
            f"{limit.text}: by then customers remember the contact less well and fewer answer"))


def _waves(ctx: CheckContext, path: tuple[Any, ...], survey: dict[str, Any]) -> Iterator[Outcome]:
    name = _name(survey, RELATIONSHIP)
    cadence = ctx.process.cadences.get(path + ("cadence",))
    low, high = parse_cadence(ctx.params["min_cadence"]), parse_cadence(ctx.params["max_cadence"])
    if cadence is None:
        if "cadence" not in survey:
            yield missing(path + ("cadence",))
    elif not cadence_fits(cadence, low, at_most=False):
        yield violation(path + ("cadence",), problem=(
            f"The {name} runs every {cadence.text}, more often than every {low.text}: "
            "customers asked the same question that often stop answering"))
    elif not cadence_fits(cadence, high, at_most=True):
        yield violation(path + ("cadence",), problem=(
            f"The {name} runs only every {cadence.text}, less often than every {high.text}: "
            "a change in loyalty shows up long after it happened"))
    cooldown = ctx.process.durations.get(path + ("contact_cooldown",))
    floor = parse_duration(ctx.params["min_cooldown"])
    if cooldown is None:
        if "contact_cooldown" not in survey:
            yield missing(path + ("contact_cooldown",))
    elif (cooldown.minutes or 0) < (floor.minutes or 0):
        yield violation(path + ("contact_cooldown",), problem=(
            f"The {name} may ask the same person again after {cooldown.text}, sooner than "
            f"{floor.text}: customers asked that often stop answering"))
