"""Small facts derived from one list item of a process file, shared by rules and checks.

A survey's mode: transactional (asked after an event) or relationship (asked in waves), as
stated, else as described (a trigger or a delay means transactional, a cadence
relationship; failing both, NPS counts as relationship, CSAT and CES as transactional).
"""

from __future__ import annotations

from typing import Any

TRANSACTIONAL, RELATIONSHIP = "transactional", "relationship"
_TRANSACTIONAL_TYPES = frozenset({"csat", "ces"})


def survey_mode(survey: Any) -> str | None:
    """transactional or relationship, as stated or described; None without a type."""
    if not isinstance(survey, dict):
        return None
    mode = survey.get("mode")
    if mode in (TRANSACTIONAL, RELATIONSHIP):
        return str(mode)
    if ("trigger" in survey or "send_after" in survey) and "cadence" not in survey:
        return TRANSACTIONAL
    if "cadence" in survey:
        return RELATIONSHIP
    kind = survey.get("type")
    return RELATIONSHIP if kind == "nps" else TRANSACTIONAL if kind in _TRANSACTIONAL_TYPES \
        else None
