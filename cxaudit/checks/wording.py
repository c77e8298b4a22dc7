"""Words shared by the messages of the responsiveness rules, so every sentence reads aloud.

Priorities take the right article ("an urgent case", "a high-priority case"), SLA metrics are
named by what the customer waits for ("a first reply"), not by their YAML keys, and the
out-of-hours cover is said in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence

# what the customer waits for, and the same wait as a noun phrase after "its"
_METRIC_WAIT = {
    "first_response": "a first reply",
    "next_response": "the next reply",
    "periodic_update": "an update",
    "resolution": "a solution",
    "total_resolution": "a final solution (reopenings included)",
    "speed_of_answer": "an agent to answer",
    "acknowledge": "an acknowledgement",
    "agent_work_time": "the agents' working time",
}
_COVER = {
    "none": "no out-of-hours cover",
    "bot": "only a bot out of hours",
    "on_call": "on-call cover out of hours",
    "outsourced": "an outsourced out-of-hours desk",
}


def priority_adjective(priority: str) -> str:
    """`urgent`, `high-priority`: the word before a noun."""
    return "urgent" if priority == "urgent" else f"{priority}-priority"


def a_priority(priority: str, noun: str = "case") -> str:
    """`an urgent case`, `a high-priority message`."""
    adjective = priority_adjective(priority)
    article = "an" if adjective[0] in "aeiou" else "a"
    return f"{article} {adjective} {noun}"


def metric_wait(metric: str) -> str:
    """What a customer waits for under `metric`: `a first reply`, `a solution`."""
    return _METRIC_WAIT.get(metric, metric.replace("_", " "))


def join(items: Sequence[str], word: str = "and") -> str:
    """`a`, `a and b`, `a, b and c`."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def cover_words(coverage: str, priorities: Sequence[str] | None = None) -> str:
    """`no out-of-hours cover`, `on-call cover out of hours for urgent cases only`."""
    words = _COVER.get(coverage, "no out-of-hours cover described")
    if priorities is not None and coverage in ("on_call", "outsourced"):
        words += f" for {join([priority_adjective(p) for p in priorities])} cases only"
    return words
