"""Normalising a validated document into the process model.

It parses every duration and cadence (refusing ambiguous ones with a position), resolves
which SLA target applies to each channel x priority x metric (inline `sla` first, then
`sla_policy`, then the first matching policy by `position`), and keeps "missing" apart from
"false" so rules can ask for evidence instead of passing.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from cxaudit.document.loading import DocPath, Document, format_path
from cxaudit.errors import InputError, Problem
from cxaudit.i18n import _, did_you_mean
from cxaudit.model.durations import (
    BUSINESS,
    PRIORITIES,
    Cadence,
    Duration,
    DurationError,
    ambiguous_day,
    normalise_priority,
    parse_cadence,
    parse_duration,
)
from cxaudit.model.process import (
    CADENCE_KEYS,
    DURATION_KEYS,
    MISSING,
    NONE,
    NONE_KEYS,
    SYNC_TYPES,
    Channel,
    Organization,
    Process,
    SlaPolicy,
    Target,
    as_dict,
    get_path,
)


def normalise(doc: Document) -> Process:
    """Build the Process model from a schema-valid document, or raise InputError.

    Classification values are read first (cxaudit.vocabulary): the model holds their known
    values, and an unknown value is not stated; the notices say what was read how.
    """
    from cxaudit.model import vocabulary

    doc, notices = vocabulary.apply(doc)
    problems: list[Problem] = []
    data = doc.data

    def fail(path: DocPath, message: str, hint: str) -> None:
        line, col = doc.locate(path)
        problems.append(Problem(doc.file, line, col, message, hint))

    durations, cadences = _parse_times(data, fail)
    policies = _policies(data, durations, fail)
    channels, targets, inline = _channels(data, policies, fail)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line, p.column)))
    org = as_dict(data.get("organization"))
    size = as_dict(org.get("size"))
    return Process(
        document=doc, data=data,
        organization=Organization(
            sector=org.get("sector"), customer_type=org.get("customer_type"),
            jurisdictions=_tuple(org.get("jurisdictions")), sells=_tuple(org.get("sells")),
            support_agents=size.get("support_agents") if isinstance(size, dict) else None),
        policies=tuple(policies.values()), channels=channels, targets=targets,
        durations=MappingProxyType(durations), cadences=MappingProxyType(cadences),
        notices=tuple(notices), inline_policies=inline)




def _tuple(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _parse_times(data: Any, fail: Any) -> tuple[dict[DocPath, Duration], dict[DocPath, Cadence]]:
    durations: dict[DocPath, Duration] = {}
    cadences: dict[DocPath, Cadence] = {}
    _visit_times(data, (), 0, durations, cadences, fail)
    return durations, cadences


def _visit_times(node: Any, path: DocPath, in_targets: int, durations: dict[DocPath, Duration],
                 cadences: dict[DocPath, Cadence], fail: Any) -> None:
    """Parse the durations and cadences under `node` (a module function, not a recursive
    closure: a closure that calls itself is a reference cycle, which would keep each unit's
    document alive until the cyclic collector runs)."""
    if isinstance(node, dict):
        for key, val in node.items():
            if key.startswith("x-"):
                continue
            sub = path + (key,)
            if key in NONE_KEYS and val == NONE:
                continue  # "no such deadline": a fact for the rules, not a duration
            if in_targets == 2 or (key in DURATION_KEYS and not isinstance(val, (dict, list))):
                try:
                    durations[sub] = parse_duration(val)
                except DurationError as exc:
                    fail(sub, str(exc), exc.hint)
            elif key in CADENCE_KEYS and not isinstance(val, (dict, list)):
                try:
                    cadences[sub] = parse_cadence(val)
                except DurationError as exc:
                    fail(sub, str(exc), exc.hint)
            elif isinstance(val, (dict, list)):  # a plain value below holds no time
                _visit_times(val, sub, 1 if key == "targets" else (2 if in_targets == 1 else 0),
                             durations, cadences, fail)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, (dict, list)):
                _visit_times(item, path + (i,), 0, durations, cadences, fail)


def _policy(raw: dict[str, Any], path: DocPath, index: int, durations: dict[DocPath, Duration],
            fail: Any, pid: str | None = None) -> SlaPolicy:
    applies = as_dict(raw.get("applies_to"))
    targets: dict[str, Mapping[str, tuple[Duration, DocPath]]] = {}
    label = _("SLA policy {id!r}").format(id=str(raw.get("id", f"policy-{index + 1}")))
    for metric, by_prio in (raw.get("targets") or {}).items():
        if metric.startswith("x-") or not isinstance(by_prio, dict):
            continue
        resolved: dict[str, tuple[Duration, DocPath]] = {}
        for key in by_prio:
            tpath = path + ("targets", metric, key)
            try:
                prio = normalise_priority(key)
            except DurationError as exc:
                fail(tpath, str(exc), exc.hint)
                continue
            if prio in resolved:
                fail(tpath, _("priority {prio!r} is given twice under {metric} ({key!r} is an "
                              "alias)").format(prio=prio, metric=metric, key=key),
                     _("keep one of them"))
            elif tpath in durations:
                dur = durations[tpath]
                if dur.unit in ("d", "w") and dur.clock is None and raw.get("clock") == BUSINESS:
                    err = ambiguous_day(dur.text, dur.amount, dur.unit,
                                        " " + _("under {label}, whose clock is business").format(
                                            label=label))
                    fail(tpath, str(err), err.hint)
                    continue
                resolved[prio] = (dur, tpath)
        targets[metric] = MappingProxyType(resolved)
    prios = applies.get("priorities")
    position = raw.get("position")
    return SlaPolicy(
        id=pid or str(raw.get("id", f"policy-{index + 1}")), path=path,
        order=(float(position) if isinstance(position, (int, float)) else float("inf"), index),
        channels=_tuple(applies.get("channels")),
        priorities=tuple(normalise_priority(p) for p in prios) if isinstance(prios, list) else None,
        segments=_tuple(applies.get("segments")), clock=raw.get("clock"),
        pause_on=_tuple(raw.get("pause_on")) or (),
        first_response_counts=raw.get("first_response_counts"),
        targets=MappingProxyType(targets))


def _policies(data: dict[str, Any], durations: dict[DocPath, Duration],
              fail: Any) -> dict[str, SlaPolicy]:
    out: dict[str, SlaPolicy] = {}
    for i, raw in enumerate(data.get("sla_policies") or []):
        if not isinstance(raw, dict):
            continue
        pol = _policy(raw, ("sla_policies", i), i, durations, fail)
        if pol.id in out:
            fail(("sla_policies", i, "id"), _("SLA policy id {id!r} is used twice").format(
                id=pol.id), _("give every policy its own id"))
            continue
        out[pol.id] = pol
    return out


def _channels(data: dict[str, Any], policies: dict[str, SlaPolicy],
              fail: Any) -> tuple[tuple[Channel, ...], tuple[Target, ...], tuple[SlaPolicy, ...]]:
    ordered = sorted(policies.values(), key=lambda p: p.order)
    channels: list[Channel] = []
    targets: list[Target] = []
    inlines: list[SlaPolicy] = []
    seen: set[str] = set()
    durations: dict[DocPath, Duration] = {}
    for i, raw in enumerate(data.get("channels") or []):
        if not isinstance(raw, dict):
            continue
        path: DocPath = ("channels", i)
        cid, ctype = str(raw.get("id", raw.get("type", f"channel-{i + 1}"))), str(raw.get("type", ""))
        if cid in seen:
            fail(path + ("id",), _("channel id {id!r} is used twice").format(id=cid),
                 _("give every channel its own id"))
        seen.add(cid)
        offline = raw.get("offline_mode")
        mode = raw.get("mode") or ("" if not ctype else "sync" if ctype in SYNC_TYPES and not (
            ctype == "chat" and offline == "message") else "async")  # "": type not stated
        stated = raw.get("purposes")
        purposes = _tuple(stated) or ()
        chan = Channel(cid, ctype, path, raw.get("enabled", True) is not False, str(mode), purposes,
                       MappingProxyType({}), MappingProxyType(raw), stated is not None)
        inline = None
        if isinstance(raw.get("sla"), dict):
            inline = _policy(raw["sla"], path + ("sla",), -1,
                             _inline_durations(raw["sla"], path + ("sla",), durations), fail,
                             f"{cid} (inline sla)")
            inlines.append(inline)
        ref = raw.get("sla_policy")
        if ref is not None and ref not in policies:
            close = difflib.get_close_matches(str(ref), list(policies), n=1)
            fail(path + ("sla_policy",), _("channel {id!r} names SLA policy {ref!r}, which is not "
                                           "defined under sla_policies").format(id=cid, ref=ref),
                 did_you_mean(close[0]) if close else _("add the policy or fix the id"))
        policy_for: dict[str, str | None] = {}
        for prio in PRIORITIES:
            if inline is not None or ref is not None:
                pol = inline or policies.get(str(ref))
                if pol is not None and pol.priorities is not None and prio not in pol.priorities:
                    pol = None
            else:
                pol = next((p for p in ordered if p.matches(chan, prio)), None)
            policy_for[prio] = pol.id if pol else None
            if pol is None:
                continue
            for metric, by_prio in pol.targets.items():
                if prio in by_prio:
                    dur, tpath = by_prio[prio]
                    targets.append(Target(cid, prio, metric, dur, dur.clock_or(pol.clock),
                                          pol.id, tpath))
        channels.append(Channel(cid, ctype, path, chan.enabled, chan.mode, purposes,
                                MappingProxyType(policy_for), chan.raw, chan.purposes_known))
    _check_redirects(channels, fail)
    return tuple(channels), tuple(targets), tuple(inlines)


def _check_redirects(channels: list[Channel], fail: Any) -> None:
    """`social.redirects_to` names another channel of the file."""
    ids = [c.id for c in channels]
    for ch in channels:
        social = as_dict(ch.raw.get("social"))
        ref = social.get("redirects_to")
        if ref is None or (ref in ids and ref != ch.id):
            continue
        close = difflib.get_close_matches(str(ref), [i for i in ids if i != ch.id], n=1)
        said = _("channel {id!r} sends customers to {ref!r}, which is the same channel") \
            if ref == ch.id else \
            _("channel {id!r} sends customers to {ref!r}, which is not a channel id in this file")
        fail(ch.path + ("social", "redirects_to"), said.format(id=ch.id, ref=ref),
             did_you_mean(close[0]) if close else
             _("name the id of the channel customers are sent to"))


def _inline_durations(sla: dict[str, Any], base: DocPath,
                      cache: dict[DocPath, Duration]) -> dict[DocPath, Duration]:
    out: dict[DocPath, Duration] = {}
    for metric, by_prio in (sla.get("targets") or {}).items():
        if isinstance(by_prio, dict):
            for key, val in by_prio.items():
                # a bad duration is already reported by _parse_times with its position
                with contextlib.suppress(DurationError):
                    out[base + ("targets", metric, key)] = parse_duration(val)
    cache.update(out)
    return out


__all__ = ["MISSING", "NONE", "Channel", "Organization", "Process", "SlaPolicy", "Target", "format_path",
           "get_path", "normalise"]
