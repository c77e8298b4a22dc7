"""The helpdesk side of `cxaudit diff process.yaml zendesk:PATH` (or `freshdesk:PATH`).

It is the declared process as the helpdesk enforces it: the same document, with the
business hours (zone, weekly hours, and the holidays where the helpdesk lists them) taken
from the helpdesk, and every target the helpdesk can enforce replaced, channel by channel
and priority by priority, by the target of the helpdesk policy that catches that channel's
tickets. Each target names its own clock (`48h@business`). Where the channels of one
declared policy get different helpdesk targets, the policy is split per channel. Segment
policies (named differently on both sides) and everything a helpdesk does not hold (returns,
complaints, owners) are left as declared, so the diff shows drift only.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from cxaudit.document.loading import Limits, load_text
from cxaudit.importers.account import HELPDESK_METRICS, Account
from cxaudit.model.durations import normalise_priority
from cxaudit.model.normalise import normalise
from cxaudit.model.process import Process
from cxaudit.model.validate import validate

PREFIXES = {"zendesk:": "zendesk", "freshdesk:": "freshdesk"}
ENFORCED = {"zendesk": HELPDESK_METRICS,
            "freshdesk": ("first_response", "next_response", "resolution")}


def helpdesk_arg(arg: str) -> tuple[str, str] | None:
    """(vendor, export path) for `zendesk:PATH` / `freshdesk:PATH`, unless a file has that name."""
    for prefix, vendor in PREFIXES.items():
        if arg.startswith(prefix) and not Path(arg).exists():
            return vendor, arg[len(prefix):]
    return None


def helpdesk_side(arg: str, declared: Process, limits: Limits | None = None) -> Process:
    """The declared process as the helpdesk named by `arg` enforces it."""
    from cxaudit.importers import load_account

    found = helpdesk_arg(arg)
    assert found is not None
    vendor, path = found
    account = load_account(vendor, [path])
    data = copy.deepcopy(dict(declared.data))
    _hours(data, account)
    enforced = _enforced(account, declared)
    _rewrite(data, declared, enforced, ENFORCED[vendor])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    doc = load_text(text, arg, limits or Limits())
    validate(doc)
    return normalise(doc)


def _hours(data: dict[str, Any], account: Account) -> None:
    hours = account.hours
    if hours is None:
        return
    from cxaudit.importers.writer import hours_rows

    bh = dict(data.get("business_hours") or {})
    bh["timezone"] = hours.timezone
    bh["schedule"] = hours_rows(hours)
    if hours.holidays is not None:
        bh["holiday_calendar"] = []
        bh["holidays"] = [{"date": d, **({"name": n} if n else {})} for d, n in hours.holidays]
    data["business_hours"] = bh


def _enforced(account: Account, declared: Process) -> dict[tuple[str, str], dict[str, str]]:
    """(channel id, priority) -> metric -> target with its clock, as the helpdesk resolves it."""
    from cxaudit.importers.writer import policy_fields

    probe = {"apiVersion": "cxaudit/v1", "kind": "CustomerServiceProcess",
             "sla_policies": [policy_fields(p) for p in account.policies],
             "channels": [{"id": c.id, "type": c.type} for c in declared.channels]}
    proc = normalise(load_text(yaml.safe_dump(probe, sort_keys=False), "<helpdesk>"))
    out: dict[tuple[str, str], dict[str, str]] = {}
    for t in proc.targets:
        text = t.duration.text.split("@")[0]
        out.setdefault((t.channel, t.priority), {})[t.metric] = f"{text}@{t.clock}"
    return out


def _rewrite(data: dict[str, Any], declared: Process,
             enforced: dict[tuple[str, str], dict[str, str]], metrics: tuple[str, ...]) -> None:
    policies = {p.id: p for p in declared.policies}
    users: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    for chan in declared.channels:
        for prio, pid in chan.policy_for.items():
            if pid is not None:
                users.setdefault(pid, {}).setdefault(chan.id, {})[prio] = \
                    dict(enforced.get((chan.id, prio), {}))
    raw_policies = data.get("sla_policies") or []
    raw_channels = data.get("channels") or []
    for pid, by_chan in users.items():
        pol = policies.get(pid)
        if pol is None:
            continue
        index = int(pol.path[1])
        if pol.path[0] == "channels":  # an inline sla: rewrite it in place
            node = raw_channels[index]["sla"]
            _set_targets(node, by_chan[next(iter(by_chan))], metrics)
            continue
        node = raw_policies[index]
        variants: list[tuple[dict[str, dict[str, str]], list[str]]] = []
        for cid, prios in by_chan.items():
            match = next((v for v in variants if v[0] == prios), None)
            if match is None:
                variants.append((prios, [cid]))
            else:
                match[1].append(cid)
        if len(variants) == 1:
            _set_targets(node, variants[0][0], metrics)
            continue
        for prios, cids in variants:
            copy_ = copy.deepcopy(node)
            copy_["id"] = f"{pid} ({', '.join(cids)})"
            copy_["applies_to"] = {"segments": [f"{pid} as enforced for {', '.join(cids)}"]}
            _set_targets(copy_, prios, metrics)
            raw_policies.append(copy_)
            for chan in declared.channels:
                if chan.id in cids:
                    raw_channels[int(chan.path[1])]["sla_policy"] = copy_["id"]


def _set_targets(node: dict[str, Any], prios: dict[str, dict[str, str]],
                 metrics: tuple[str, ...]) -> None:
    targets = node.setdefault("targets", {})
    for metric in metrics:
        by_prio = targets.get(metric) if isinstance(targets.get(metric), dict) else {}
        assert isinstance(by_prio, dict)
        for prio, got in prios.items():
            for key in [k for k in by_prio if _prio(k) == prio]:
                del by_prio[key]
            if metric in got:
                by_prio[prio] = got[metric]
        if by_prio:
            targets[metric] = by_prio
        else:
            targets.pop(metric, None)


def _prio(key: str) -> str | None:
    try:
        return normalise_priority(key)
    except ValueError:
        return None


__all__ = ["ENFORCED", "PREFIXES", "helpdesk_arg", "helpdesk_side"]
