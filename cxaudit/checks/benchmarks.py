"""Channel benchmarks: nominal first-response promises against what customers expect per channel.

The benchmark is compared with the target as written (the nominal promise), not the worst
case: the worst case is RESP-001's job. A business-day target counts as a working day of
`BUSINESS_DAY_HOURS` hours, which is shorter than any real business day and so never makes a
`1bd` promise look faster than it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cxaudit.checks.base import CheckContext, Outcome, missing, purposes_missing, violation
from cxaudit.i18n import ENGLISH, current, formats
from cxaudit.model.durations import Duration, parse_duration
from cxaudit.model.process import MISSING, Channel, as_dict

BUSINESS_DAY_HOURS = 8.0
_GROUPS = {  # channel type: the param holding its benchmark
    "email": "written_max", "web_form": "written_max", "in_app": "written_max",
    "chat": "chat_max",
    "messenger": "messaging_max", "social": "messaging_max", "sms": "messaging_max",
}


def _hours(d: Duration) -> float:
    if d.minutes is None:
        return d.amount * BUSINESS_DAY_HOURS
    return d.minutes / 60


def _param_hours(ctx: CheckContext, name: str) -> float:
    return _hours(parse_duration(ctx.params[name]))


def channel_benchmarks(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-003: normal-priority promises meet the usual expectation of each channel."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    slow: dict[tuple[Any, ...], tuple[Any, str, str, list[str]]] = {}
    for ch in proc.channels:
        if not ch.enabled or (ch.purposes_known and not ch.customer_facing):
            continue
        if ch.type == "phone":
            found = list(_phone(ctx, ch))
            yield from (found if ch.purposes_known else [purposes_missing(ch)] if found else [])
            continue
        if ch.type not in _GROUPS:
            continue
        param = _GROUPS[ch.type]
        # a chat queue's own answer target, where given, is what the chat benchmark measures
        target = next((t for m in (("speed_of_answer", "first_response") if ch.type == "chat"
                                   else ("first_response",))
                       for t in ctx.facts.targets_for(channel=ch.id, metric=m, priority="normal")),
                      None)
        if target is None:
            continue  # no promise at all is RESP-002's finding
        if _hours(target.duration) > _param_hours(ctx, param) and not ch.purposes_known:
            yield purposes_missing(ch)  # slow for customers, if customers write there
        elif _hours(target.duration) > _param_hours(ctx, param):
            key = (target.path, param)
            slow.setdefault(key, (target, ch.type, _said(ctx.params[param]), []))[3].append(ch.id)
    for (path, _), (target, kind, benchmark, chans) in slow.items():
        yield violation(path, "slow_answer" if target.metric == "speed_of_answer" else "slow",
                        channel=chans, type=kind, target=target.duration.text,
                        policy=target.policy, benchmark=benchmark)


def _said(value: Any) -> str:
    """A benchmark as sentences say it: `2h` in English, in words elsewhere (`2 години`)."""
    if current() == ENGLISH:
        return str(value)
    d = parse_duration(str(value))
    return formats.duration(float(d.amount), d.unit, d.clock)


def _phone(ctx: CheckContext, ch: Channel) -> Iterator[Outcome]:
    phone = as_dict(ch.raw.get("phone"))
    level = phone.get("service_level")
    path = ch.path + ("phone",)
    unset = not isinstance(level, dict) or "pct" not in level or "within" not in level
    if unset:
        yield missing(path + ("service_level",), "service_level", channel=ch.id)
    elif isinstance(level, dict):  # the abandonment below is judged either way
        min_pct, max_within = float(ctx.params["phone_pct"]), _param_hours(ctx, "phone_within")
        within = ctx.process.durations.get(path + ("service_level", "within"))
        pct = float(level["pct"])
        if within is not None and (pct < min_pct or _hours(within) > max_within):
            yield violation(path + ("service_level",), "phone_slow", channel=ch.id, pct=pct,
                            within=within.text, min_pct=min_pct)
    abandon = phone.get("max_abandon_pct", MISSING)
    if abandon is MISSING:
        if not unset:  # otherwise the request above already asks for it
            yield missing(path + ("max_abandon_pct",))
    elif float(abandon) > float(ctx.params["phone_max_abandon_pct"]):
        yield violation(path + ("max_abandon_pct",), "abandoned", channel=ch.id,
                        abandon=float(abandon),
                        max_abandon=float(ctx.params["phone_max_abandon_pct"]))
