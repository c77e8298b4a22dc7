"""Vocabulary facts as data: severity order, channel-type classes and words, social
networks, country groups.

Read once from `classes.yaml` beside this module; everything that orders severities or asks
"is this channel written?" or "is this country in the EU?" asks here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from cxaudit.document.kept import bundled_yaml


def _load() -> dict[str, Any]:
    data: dict[str, Any] = bundled_yaml(Path(__file__).with_name("classes.yaml"))
    return data


_DATA = _load()

SEVERITY_RANK: dict[str, int] = {s["name"]: s["rank"] for s in _DATA["severities"]}
SEVERITY_WEIGHT: dict[str, int] = {s["name"]: s["weight"] for s in _DATA["severities"]}
# the severities a finding can fail a run at, worst first
SEVERITIES: tuple[str, ...] = tuple(s["name"] for s in _DATA["severities"] if s["rank"] > 0)
FAIL_LEVELS: tuple[str, ...] = (*SEVERITIES, "none")


def channel_class(name: str) -> frozenset[str]:
    """The channel types of one class of `classes.yaml` (`written`, `live`, `tickets`...)."""
    return frozenset(_DATA["channel_classes"][name])


@cache
def channel_classes() -> dict[str, frozenset[str]]:
    """Channel type -> the names of every class of `classes.yaml` it belongs to."""
    out: dict[str, set[str]] = {}
    for name, types in _DATA["channel_classes"].items():
        for t in types:
            out.setdefault(t, set()).add(name)
    return {t: frozenset(names) for t, names in out.items()}


@cache
def channel_type_words() -> dict[str, str]:
    """Words used for a channel type (`hotline` -> phone), from `classes.yaml`."""
    return {str(k): str(v) for k, v in _DATA["channel_type_words"].items()}


@cache
def social_networks() -> frozenset[str]:
    """Social networks and messengers a brand may be present on, from `classes.yaml`."""
    return frozenset(_DATA["social_networks"])


def country_groups() -> tuple[str, ...]:
    """The names of the country groups of `classes.yaml`."""
    return tuple(_DATA["country_groups"])


def country_group(name: str) -> frozenset[str]:
    """The country codes of one group of `classes.yaml` (`EU`, `basic_rate_calls`)."""
    return frozenset(_DATA["country_groups"][name])
