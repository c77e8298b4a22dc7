"""Answers -> a commented process file. The one builder behind `init`, its templates and
`--answers`, so the same answers always give the same bytes.

Nothing is assumed: a question that was skipped leaves its key out (the audit then asks for
it) and a comment in its place says what to write there. Comments explain each value and,
at the end of each section, what to add next.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cxaudit.init.emit import Block, Comment, Entry, Flow, Raw, Seq, dump
from cxaudit.init.questions import chosen_channels
from cxaudit.init.store import Answers
from cxaudit.init.texts import say

SCHEMA_NAME = "cxaudit.schema.json"
MODELINE = f"# yaml-language-server: $schema=./{SCHEMA_NAME}"
WRITTEN = ("email", "web_form", "messenger", "social", "sms", "in_app", "letter")
_WEEK = ("mon", "tue", "wed", "thu", "fri")


class _Writer:
    """Puts answers into blocks, with their comments, in one language."""

    def __init__(self, answers: Answers, lang: str | None) -> None:
        self.a = answers.values
        self.updated = answers.updated
        self.lang = lang

    def say(self, key: str, **values: object) -> str:
        return say(key, self.lang, **values)

    def get(self, key: str) -> Any:
        return self.a.get(key)

    def missing(self, block: Block, qid: str) -> None:
        """A comment where a skipped answer would go: what it is and an example."""
        q = qid.split(".", 1)[0]  # `purposes.email` is asked by question `purposes`
        block.note(self.say("ui.not_described", what=self.say(f"{q}.comment"),
                            example=self.say(f"{q}.example")))

    def put(self, block: Block, key: str, qid: str, value: Any = None,
            convert: Callable[[Any], Any] | None = None) -> None:
        """`key: answer` with the question's comment, or the missing-answer comment."""
        answer = self.get(qid) if value is None else value
        if answer is None:
            self.missing(block, qid)
            return
        comment = self.say(f"{qid.split('.', 1)[0]}.comment")
        block.add(key, convert(answer) if convert else answer, comment)


def slug(text: str) -> str:
    """A short id from a name: `Tundra Outdoor - shop` -> `tundra-outdoor-shop`."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:60].strip("-")


def _person(text: str) -> dict[str, str]:
    name, _, rest = text.partition(" <")
    return {"name": name, **({"contact": rest.rstrip(">")} if rest else {})}


def _process(w: _Writer) -> Block:
    b = Block()
    name = w.get("name")
    b.add("id", slug(name or "") or "unit", w.say("ui.comment_unit_id"))
    w.put(b, "name", "name")
    b.add("status", "draft", trailing=w.say("ui.comment_status"))
    b.add("updated", Raw(w.updated), trailing=w.say("ui.comment_updated"))
    return b


def _organization(w: _Writer) -> Block:
    b = Block()
    w.put(b, "jurisdictions", "countries", convert=Flow)
    w.put(b, "sector", "sector")
    w.put(b, "customer_type", "customer_type")
    w.put(b, "sells", "sells", convert=Flow)
    b.note(w.say("notes.organization"))
    return b


def _schedule(w: _Writer) -> Seq | None:
    rows: list[Flow] = []
    days = {"weekday_hours": list(_WEEK), "saturday_hours": ["sat"], "sunday_hours": ["sun"]}
    hours = {k: w.get(k) for k in days}
    if hours["weekday_hours"] is None:
        return None
    if hours["saturday_hours"] == hours["sunday_hours"] and hours["saturday_hours"] is not None:
        days = {"weekday_hours": days["weekday_hours"], "saturday_hours": ["sat", "sun"]}
    for key, names in days.items():
        h = hours[key]
        if h is None or h == "closed":
            continue
        open_, close = h.split("-")
        rows.append(Flow({"days": Flow(names), "open": open_, "close": close}))
    return Seq(list(rows))


def _business_hours(w: _Writer) -> Block:
    b = Block()
    w.put(b, "timezone", "timezone")
    schedule = _schedule(w)
    if schedule is None:
        w.missing(b, "weekday_hours")
    else:
        b.add("schedule", schedule if schedule.items else Flow([]),
              w.say("weekday_hours.comment") + " " + w.say("ui.comment_closed_days"))
        for key in ("saturday_hours", "sunday_hours"):
            if w.get(key) is None:
                w.missing(b, key)
    cal = w.get("holiday_calendar")
    if cal == "none":
        b.add("holidays", Flow([]), w.say("ui.comment_no_holidays"))
    else:
        w.put(b, "holiday_calendar", "holiday_calendar")
    w.put(b, "after_hours", "after_hours", convert=lambda v: Flow({"coverage": v}))
    b.note(w.say("notes.business_hours"))
    return b


def _target(w: _Writer, qid: str) -> Any:
    """A duration answer for a policy; calendar days stay calendar days on a business clock."""
    value = w.get(qid)
    if value is not None and w.get("clock") == "business" and re.fullmatch(r"[\d.]+[dw]", value):
        return f"{value}@calendar"
    return value


def _written_channels(w: _Writer) -> list[str]:
    return [c for c in chosen_channels(w.a) if c in WRITTEN]


def _policies(w: _Writer) -> Seq | None:
    items: list[Block] = []
    written = _written_channels(w)
    targets = {k: _target(w, k) for k in ("first_response", "first_response_urgent",
                                          "resolution", "resolution_urgent")}
    if written and any(v is not None for v in targets.values()):
        p = Block()
        p.add("id", "written", w.say("ui.comment_written_policy"))
        p.add("applies_to", Flow({"channels": Flow(written)}))
        w.put(p, "clock", "clock")
        t = Block()
        first = {k: v for k, v in (("urgent", targets["first_response_urgent"]),
                                   ("normal", targets["first_response"])) if v is not None}
        if first:
            t.add("first_response", Flow(first), w.say("first_response.comment"))
        for qid in ("first_response", "first_response_urgent"):
            if targets[qid] is None:
                w.missing(t, qid)
        solved = {k: v for k, v in (("urgent", targets["resolution_urgent"]),
                                    ("normal", targets["resolution"])) if v is not None}
        if solved:
            t.add("resolution", Flow(solved), w.say("resolution.comment"))
        for qid in ("resolution", "resolution_urgent"):
            if targets[qid] is None:
                w.missing(t, qid)
        p.add("targets", t)
        items.append(p)
    if "chat" in chosen_channels(w.a) and w.get("chat_answer") is not None:
        c = Block()
        c.add("id", "chat", w.say("ui.comment_chat_policy"))
        c.add("applies_to", Flow({"channels": Flow(["chat"])}))
        if w.get("clock") is not None:
            c.add("clock", w.get("clock"))
        c.add("targets", Flow({"first_response": Flow({"normal": _target(w, "chat_answer")})}),
              w.say("chat_answer.comment"))
        items.append(c)
    return Seq(list(items)) if items else None


def _channel(w: _Writer, kind: str) -> Block:
    b = Block()
    b.add("id", kind)
    b.add("type", kind)
    w.put(b, "purposes", f"purposes.{kind}", convert=Flow)
    if kind in ("social", "messenger"):
        w.put(b, "social", "social_monitored", convert=lambda v: Flow({"monitored": v}))
    if kind == "phone":
        phone: dict[str, Any] = {}
        level = w.get("phone_service_level")
        if level is not None:
            pct, _, within = level.partition("% in ")
            phone["service_level"] = Flow({"pct": Raw(pct), "within": within})
        if w.get("phone_cost") is not None:
            phone["cost"] = w.get("phone_cost")
        for qid in ("phone_service_level", "phone_cost"):
            if w.get(qid) is None:
                w.missing(b, qid)
        if phone:
            b.add("phone", Flow(phone), w.say("phone_service_level.comment"))
    if kind == "chat" and w.get("chat_answer") is None:
        w.missing(b, "chat_answer")
    return b


def _returns(w: _Writer) -> Block:
    b = Block()
    w.put(b, "window", "returns_window")
    w.put(b, "window_starts", "returns_window_starts")
    w.put(b, "free_for_customer", "returns_free")
    w.put(b, "restocking_fee_pct", "restocking_fee")
    w.put(b, "refund", "refund_within", convert=lambda v: Flow({"within": v}))
    w.put(b, "info_given_at_delivery", "returns_info_written",
          convert=lambda v: Flow({"written": v}))
    b.note(w.say("notes.returns"))
    return b


def _complaints(w: _Writer) -> Block:
    b = Block()
    places = ("website", "at_point_of_sale", "in_parcel")
    w.put(b, "published", "complaints_published",
          convert=lambda v: Flow({p: p in v for p in places}))
    intake = [c for c in chosen_channels(w.a) if "complaints" in (w.get(f"purposes.{c}") or ())]
    if intake:
        b.add("intake_channels", Flow(intake), w.say("ui.comment_intake"))
    w.put(b, "acknowledge_within", "complaints_acknowledge")
    w.put(b, "resolve_within", "complaints_resolve")
    b.note(w.say("notes.complaints"))
    return b


def _escalation(w: _Writer) -> Block:
    b = Block()
    levels = Seq()
    first, top = w.get("escalation_first"), w.get("escalation_top")
    if first is not None:
        lv = Block()
        lv.add("level", 1, w.say("escalation_first.comment"))
        lv.add("name", w.say("ui.level_1"))
        when = w.get("escalation_when")
        if when is None:
            w.missing(lv, "escalation_when")
        else:
            trigger = {"on": "manual"} if when == "manual" else \
                {"metric": "resolution", "on": when}
            lv.add("trigger", Flow(trigger), w.say("escalation_when.comment"))
        lv.add("owner", Flow(_person(first)))
        levels.items.append(lv)
    else:
        w.missing(b, "escalation_first")
    if top is not None:
        lv = Block()
        lv.add("level", len(levels.items) + 1, w.say("escalation_top.comment"))
        lv.add("name", w.say("ui.level_2"))
        lv.add("owner", Flow(_person(top)))
        levels.items.append(lv)
    else:
        w.missing(b, "escalation_top")
    if levels.items:
        b.add("levels", levels)
    b.note(w.say("notes.escalation"))
    return b


_MODE = {"csat": "transactional", "ces": "transactional", "nps": "relationship"}


def _feedback(w: _Writer) -> Block:
    b = Block()
    w.put(b, "surveys", "surveys", convert=lambda v: Seq(
        [Flow({"type": t, "mode": _MODE[t]}) for t in v if t != "none"]) if v != ["none"]
        else Flow([]))
    w.put(b, "closed_loop", "detractor_callback", convert=lambda v: Flow({"detractors": Flow(
        {"enabled": False} if v == "never" else {"enabled": True, "within": v})}))
    b.note(w.say("notes.feedback"))
    return b


def _ownership(w: _Writer) -> Block:
    b = Block()
    w.put(b, "executive_sponsor", "executive_sponsor", convert=lambda v: Flow({"role": v}))
    owner = w.get("cx_owner")
    if owner == "none":
        b.add("cx_owner", "none", w.say("cx_owner.comment"))
    elif owner is None:
        w.missing(b, "cx_owner")
    else:
        fields: dict[str, Any] = {"name": _person(owner)["name"]}
        if w.get("cx_owner_mandate") is not None:
            fields["mandate"] = w.get("cx_owner_mandate")
        else:
            w.missing(b, "cx_owner_mandate")
        b.add("cx_owner", Flow(fields), w.say("cx_owner.comment"))
    b.note(w.say("notes.ownership"))
    return b


def _section(doc: Block, key: str, block: Block) -> None:
    """`key:` and its block; a block of comments only stays as comments (never `key: null`)."""
    if any(isinstance(item, Entry) for item in block.items):
        doc.add(key, block)
        return
    for item in block.items[:-1]:  # the last one is the section's "add next" note
        assert isinstance(item, Comment)
        doc.note(*(f"{key}: {line}" for line in item.lines))


def document(answers: Answers, lang: str | None = None) -> Block:
    """The process document for these answers, as a commented block."""
    w = _Writer(answers, lang)
    doc = Block()
    doc.add("apiVersion", "cxaudit/v1")
    doc.add("kind", "CustomerServiceProcess")
    doc.add("process", _process(w))
    _section(doc, "organization", _organization(w))
    _section(doc, "business_hours", _business_hours(w))
    policies = _policies(w)
    if policies is not None:
        doc.add("sla_policies", policies)
        doc.note(w.say("notes.sla_policies"))
    kinds = chosen_channels(answers.values)
    if kinds:
        doc.add("channels", Seq([_channel(w, k) for k in kinds]), w.say("channels.comment"))
        doc.note(w.say("notes.channels"))
    else:
        w.missing(doc, "channels")
    sells = answers.values.get("sells")
    if isinstance(sells, list) and "physical_goods" in sells:
        _section(doc, "returns", _returns(w))
    _section(doc, "complaints", _complaints(w))
    _section(doc, "escalation", _escalation(w))
    _section(doc, "feedback", _feedback(w))
    _section(doc, "ownership", _ownership(w))
    doc.note(w.say("notes.rest"))
    return doc


def render(answers: Answers, lang: str | None = None) -> str:
    """The process file's text: the editor line, a two-line header, then the document."""
    header = (MODELINE, f"# {say('ui.header_written', lang)}",
              f"# {say('ui.header_continue', lang)}")
    return dump(document(answers, lang), header)


def verify(text: str, name: str) -> None:
    """Load, validate and normalise `text` as `cxaudit check` would; InputError if it fails.

    Run on every file before it is written: what init writes must audit.
    """
    from cxaudit.clock.values import check_values
    from cxaudit.document.loading import load_text
    from cxaudit.model.normalise import normalise
    from cxaudit.model.validate import validate

    doc = load_text(text, name)
    validate(doc)
    check_values(normalise(doc))
