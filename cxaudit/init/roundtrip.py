"""Add answers to an existing process file, keeping everything the user wrote.

Each answer becomes (document path, value); cxaudit.init.textedit adds it as text where it
belongs, so every line the user wrote stays as it was. Used only by `cxaudit init --continue`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cxaudit.i18n import N_
from cxaudit.init.questions import Asked, chosen_channels
from cxaudit.init.texts import say

Parts = tuple[str | int, ...]
WRITTEN = ("email", "web_form", "messenger", "social", "sms", "in_app", "letter")
_MODE = {"csat": "transactional", "ces": "transactional", "nps": "relationship"}
_TARGETS: dict[str, Parts] = {
    "clock": ("clock",),
    "first_response": ("targets", "first_response", "normal"),
    "first_response_urgent": ("targets", "first_response", "urgent"),
    "resolution": ("targets", "resolution", "normal"),
    "resolution_urgent": ("targets", "resolution", "urgent"),
}
SIMPLE: dict[str, Parts] = {
    "countries": ("organization", "jurisdictions"),
    "sector": ("organization", "sector"),
    "customer_type": ("organization", "customer_type"),
    "sells": ("organization", "sells"),
    "timezone": ("business_hours", "timezone"),
    "after_hours": ("business_hours", "after_hours", "coverage"),
    "returns_window": ("returns", "window"),
    "returns_window_starts": ("returns", "window_starts"),
    "returns_free": ("returns", "free_for_customer"),
    "restocking_fee": ("returns", "restocking_fee_pct"),
    "refund_within": ("returns", "refund", "within"),
    "returns_info_written": ("returns", "info_given_at_delivery", "written"),
    "complaints_acknowledge": ("complaints", "acknowledge_within"),
    "complaints_resolve": ("complaints", "resolve_within"),
    "executive_sponsor": ("ownership", "executive_sponsor", "role"),
    "cx_owner_mandate": ("ownership", "cx_owner", "mandate"),
    "name": ("process", "name"),
}


def _person(text: str) -> dict[str, str]:
    name, _, rest = text.partition(" <")
    return {"name": name, **({"contact": rest.rstrip(">")} if rest else {})}


def _schedule(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, days in (("weekday_hours", ["mon", "tue", "wed", "thu", "fri"]),
                      ("saturday_hours", ["sat"]), ("sunday_hours", ["sun"])):
        h = answers.get(key)
        if h and h != "closed":
            open_, close = h.split("-")
            rows.append({"days": days, "open": open_, "close": close})
    return rows


def assignments(answers: Mapping[str, Any], asked: Mapping[str, Asked],
                data: Mapping[str, Any]) -> list[tuple[Parts, Any, str]]:
    """(path, value, question id) for every answer, where it goes in the document."""
    out: list[tuple[Parts, Any, str]] = []
    a = dict(answers)
    for key, value in a.items():
        qid = key.split(".", 1)[0]
        where = asked.get(key)
        i = where.index if where is not None else None
        if qid in SIMPLE:
            out.append((SIMPLE[qid], value, qid))
        elif qid == "purposes" and i is not None:
            out.append((("channels", i, "purposes"), value, qid))
        elif qid == "social_monitored":
            for n, ch in enumerate(data.get("channels") or []):
                if isinstance(ch, Mapping) and ch.get("type") in ("social", "messenger") and \
                        (i is None or n == i):
                    out.append((("channels", n, "social", "monitored"), value, qid))
        elif qid in ("phone_service_level", "phone_cost"):
            for n, ch in enumerate(data.get("channels") or []):
                if isinstance(ch, Mapping) and ch.get("type") == "phone" and (i is None or n == i):
                    if qid == "phone_cost":
                        out.append((("channels", n, "phone", "cost"), value, qid))
                    else:
                        pct, _, within = value.partition("% in ")
                        out.append((("channels", n, "phone", "service_level"),
                                    {"pct": float(pct) if "." in pct else int(pct),
                                     "within": within}, qid))
        elif qid in ("weekday_hours", "saturday_hours", "sunday_hours"):
            if qid == "weekday_hours" or "weekday_hours" not in a:
                out.append((("business_hours", "schedule"), _schedule(a), "weekday_hours"))
        elif qid == "holiday_calendar":
            out.append((("business_hours", "holidays"), [], qid) if value == "none" else
                        (("business_hours", "holiday_calendar"), value, qid))
        elif qid == "complaints_published":
            out.append((("complaints", "published"),
                        {p: p in value for p in ("website", "at_point_of_sale", "in_parcel")},
                        qid))
        elif qid == "surveys":
            out.append((("feedback", "surveys"),
                        [{"type": t, "mode": _MODE[t]} for t in value if t != "none"], qid))
        elif qid == "detractor_callback":
            out.append((("feedback", "closed_loop", "detractors"),
                        {"enabled": False} if value == "never" else
                        {"enabled": True, "within": value}, qid))
        elif qid == "cx_owner":
            owner: Any = "none" if value == "none" else {"name": _person(value)["name"]}
            if isinstance(owner, dict) and a.get("cx_owner_mandate"):
                owner["mandate"] = a["cx_owner_mandate"]
            out.append((("ownership", "cx_owner"), owner, qid))
        elif qid == "escalation_first":
            levels: list[dict[str, Any]] = [{"level": 1, "name": say("ui.level_1"),
                                             "owner": _person(value)}]
            when = a.get("escalation_when")
            if when:
                levels[0]["trigger"] = {"on": "manual"} if when == "manual" else \
                    {"metric": "resolution", "on": when}
            if a.get("escalation_top"):
                levels.append({"level": 2, "name": say("ui.level_2"),
                               "owner": _person(a["escalation_top"])})
            out.append((("escalation", "levels"), levels, qid))
        elif qid == "escalation_when" and i is not None and "escalation_first" not in a:
            out.append((("escalation", "levels", i, "trigger"),
                        {"on": "manual"} if value == "manual" else
                        {"metric": "resolution", "on": value}, qid))
        elif qid == "channels":
            out.append((("channels",), [
                {"id": t, "type": t, **({"purposes": a[f"purposes.{t}"]}
                                        if a.get(f"purposes.{t}") else {})}
                for t in chosen_channels(a)], qid))
        elif qid in _TARGETS and data.get("sla_policies"):
            if i is not None:
                out.append((("sla_policies", i, *_TARGETS[qid]), value, qid))
        elif qid in _TARGETS:
            out.extend(_policy(a, data, qid))
    return _dedupe(out)


def _policy(a: Mapping[str, Any], data: Mapping[str, Any],
            qid: str) -> list[tuple[Parts, Any, str]]:
    """A first SLA policy for the written channels, when the file has none."""
    if qid != next(k for k in ("clock", "first_response", "first_response_urgent",
                               "resolution", "resolution_urgent") if k in a):
        return []  # built once, from all of its answers
    channels = [c.get("id") for c in (data.get("channels") or [])
                if isinstance(c, Mapping) and c.get("type") in WRITTEN]
    targets: dict[str, Any] = {}
    for metric, pairs in (("first_response", (("urgent", "first_response_urgent"),
                                              ("normal", "first_response"))),
                          ("resolution", (("urgent", "resolution_urgent"),
                                          ("normal", "resolution")))):
        got = {p: a[k] for p, k in pairs if a.get(k)}
        if got:
            targets[metric] = got
    policy: dict[str, Any] = {"id": "written", "applies_to": {"channels": channels}}
    if a.get("clock"):
        policy["clock"] = a["clock"]
    if targets:
        policy["targets"] = targets
    return [(("sla_policies",), [policy], "clock" if "clock" in a else "first_response")]


def _dedupe(items: list[tuple[Parts, Any, str]]) -> list[tuple[Parts, Any, str]]:
    seen: dict[Parts, tuple[Parts, Any, str]] = {}
    for item in items:
        seen[item[0]] = item
    return list(seen.values())


def update(path: Path, answers: Mapping[str, Any], asked: Mapping[str, Asked],
           lang: str | None = None) -> Path:
    """Write the answers into `path` (a backup first); returns the backup's path."""
    from ruamel.yaml import YAML

    from cxaudit.init.build import verify
    from cxaudit.init.files import backup, replace
    from cxaudit.init.textedit import add

    original = path.read_text(encoding="utf-8")
    text = original
    for parts, value, qid in assignments(answers, asked, YAML(typ="rt").load(original)):
        text = add(text, parts, value, say(f"{qid}.comment", lang))
    verify(text, str(path))
    saved = backup(path)
    replace(path, text, N_("process file"))
    return saved
