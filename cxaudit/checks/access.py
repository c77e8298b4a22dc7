"""Access checks: can a customer reach the company, help themselves, finish what they started
in the channel they chose, and do so without paying extra?"""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, purposes_missing, violation
from cxaudit.model.classes import channel_class, country_group
from cxaudit.model.findings import Kind
from cxaudit.model.process import MISSING, Channel

WRITTEN = channel_class("written")
LIVE = channel_class("live")
_JOURNEYS = {"returns": "return", "complaints": "complaint", "cancellations": "cancellation"}
_BASIC_RATE = country_group("basic_rate_calls")


def _support(ctx: CheckContext) -> list[Channel]:
    return [c for c in ctx.process.channels if c.enabled and c.customer_facing]


def channel_mix(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-001: customers can both write and talk live; phone is never the only way in."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    support = _support(ctx)
    unknown = [c for c in proc.channels if c.enabled and not c.purposes_known]
    if not support:
        if unknown:  # whether any of them serves customers is not said
            yield from (purposes_missing(c) for c in unknown)
            return
        yield violation(("channels",), problem="No enabled channel serves support, complaints "
                        "or returns, so customers with a problem have nowhere to go")
        return
    written = [c.id for c in support if c.type in WRITTEN]
    live = [c.id for c in support if c.type in LIVE]
    names = ", ".join(c.id for c in support)
    fills = [c for c in unknown if c.type in (LIVE if written else WRITTEN)]
    if (not written or not live) and fills:
        yield from (purposes_missing(c) for c in fills)  # they might close the gap
        return
    if not written and {c.type for c in support} == {"phone"}:
        yield violation(("channels",), problem=f"The phone ({names}) is the only way to reach "
                        "support, so customers who cannot call during opening hours, or cannot "
                        "hear, have no way in and nothing in writing")
    elif not written:
        listed = _join([c.id for c in support], "and")
        yield violation(("channels",), problem=f"Support can be reached only through {listed}, "
                        "none of them an e-mail, web form, messenger or in-app channel, so a "
                        "customer cannot write to support privately and keep a record")
    elif not live:
        how = "only in writing" if len(written) == len(support) else "only through"
        yield violation(("channels",), problem=f"Support is reachable {how} ({names}): "
                        "there is no phone or live chat for a customer whose problem cannot "
                        "wait for a reply")


def _join(items: list[str], word: str) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _completers(channels: list[Channel], journey: str) -> list[str]:
    out = []
    for c in channels:
        done = c.raw.get("completes")
        if isinstance(done, list) and journey in done:
            out.append(c.id)
    return out


def no_forced_switch(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-003: what can be started in a channel can be finished there; history travels along."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    journeys = [j for j in _JOURNEYS if j == "cancellations" or proc.applicable(j) is not False]
    enabled = [c for c in proc.channels if c.enabled]
    unknown: list[Channel] = []
    for ch in enabled:
        if not ch.purposes_known:
            yield purposes_missing(ch)  # which journeys start there is not said
            continue
        started = [j for j in journeys if j in ch.purposes]
        if not started:
            continue
        done = ch.raw.get("completes")
        if not isinstance(done, list):
            unknown.append(ch)
            continue
        stuck = [j for j in started if j not in done]
        if not stuck:
            continue
        elsewhere = sorted({c for j in stuck for c in _completers(enabled, j) if c != ch.id})
        where = (f"must move to {_join(elsewhere, 'or')} to finish it" if elsewhere else
                 "cannot finish it in any channel described")
        yield violation(ch.path + ("completes",), problem=(
            f"A {_join([_JOURNEYS[j] for j in stuck], 'or')} started by {ch.id} cannot be "
            f"finished there: the customer {where}"))
    label = proc.get(("returns", "prepaid_label"))
    if proc.applicable("returns") is not False and isinstance(label, dict) \
            and label.get("provided") is True and label.get("delivery") == "on_request":
        yield violation(("returns", "prepaid_label", "delivery"), problem="The return label has "
                        "to be asked for separately, which adds a contact (often a call) before "
                        "anything can be sent back")
    shared = proc.get(("data", "customer_history_shared_across_channels"))
    if shared is False:
        yield violation(("data", "customer_history_shared_across_channels"), problem="Agents do "
                        "not see what the customer said in other channels, so every switch means "
                        "telling the story again")
    elif shared is MISSING:
        yield missing(("data", "customer_history_shared_across_channels"))
    if unknown:
        names = _join([c.id for c in unknown], "and")
        kinds = sorted({j for c in unknown for j in journeys if j in c.purposes})
        # one finding for all of them, anchored on the list so its order does not matter
        yield Outcome(Kind.NEEDS_EVIDENCE, unknown[0].path + ("completes",), {"evidence": (
            f"Say whether a customer can finish {_join(kinds, 'and')} in the {names} "
            f"channel{'s' if len(unknown) > 1 else ''} without being sent to another channel "
            "for any step (`channels[].completes`).")}, anchor=("channels",))


def free_to_contact(ctx: CheckContext) -> Iterator[Outcome]:
    """ACC-005: support and complaint lines cost no more than a normal call; complaining is free."""
    proc = ctx.process
    if not proc.channels and proc.applicable("complaints") is None:
        yield missing(("channels",))
        return
    law = sorted(j for j in (proc.organization.jurisdictions or ())
                 if j.split("-")[0] in _BASIC_RATE)
    for ch in proc.channels:
        if not ch.enabled or ch.type != "phone" or (ch.purposes_known and not ch.customer_facing):
            continue
        phone = ch.raw.get("phone")
        cost = phone.get("cost", MISSING) if isinstance(phone, dict) else MISSING
        if not ch.purposes_known and cost in ("premium", MISSING):
            yield purposes_missing(ch)  # a premium sales line is not a support line
        elif cost == "premium":
            note = (f"; in {', '.join(law)} calls about an existing contract may cost no more "
                    "than the basic rate (Directive 2011/83/EU, Art. 21)") if law else ""
            yield violation(ch.path + ("phone", "cost"), problem=f"Calls to '{ch.id}' cost a "
                            f"premium rate, so customers pay extra to get help{note}")
        elif cost is MISSING:
            yield missing(ch.path + ("phone", "cost"))
    if proc.applicable("complaints") is False:
        return
    free = proc.get(("complaints", "free_of_charge"))
    if free is False:
        yield violation(("complaints", "free_of_charge"), problem="Customers are charged for "
                        "complaining, so the unhappiest ones give up and leave instead")
    elif free is MISSING:
        yield missing(("complaints", "free_of_charge"))


WRITTEN_COMPLAINTS = channel_class("written_complaints")
_CHANNEL_TYPES = channel_class("all")
_TYPE_WORDS = {
    "e_mail": "email", "mail": "email", "mailbox": "email", "form": "web_form",
    "webform": "web_form", "contact_form": "web_form", "online_form": "web_form",
    "app": "in_app", "text": "sms", "text_message": "sms", "live_chat": "chat",
    "post": "letter", "postal": "letter", "telephone": "phone", "hotline": "phone",
    "call_centre": "phone", "call_center": "phone", "in_person": "store", "in_store": "store",
    "shop": "store", "branch": "store", "counter": "store", "box_office": "store",
    "whatsapp": "messenger", "telegram": "messenger", "viber": "messenger",
    "signal": "messenger", "wechat": "messenger", "line": "messenger", "imessage": "messenger",
    "instagram": "social", "facebook": "social", "vk": "social", "vkontakte": "social",
    "twitter": "social", "x": "social", "tiktok": "social", "linkedin": "social",
    "odnoklassniki": "social",
}


def _intake_type(entry: str, channels: dict[str, Channel]) -> tuple[str | None, bool]:
    """(channel type, usable) of an intake entry: a channel id first, then a type name."""
    ch = channels.get(entry.casefold())
    if ch is not None and ch.type:
        return ch.type, ch.enabled
    key = entry.casefold().replace("-", "_").replace(" ", "_")
    kind = key if key in _CHANNEL_TYPES else _TYPE_WORDS.get(key)
    return kind, True


def written_complaints(ctx: CheckContext) -> Iterator[Outcome]:
    """CMP-004: complaints can be made in writing, through a channel that keeps a record."""
    path = ("complaints", "intake_channels")
    intake = ctx.process.get(path)
    if not isinstance(intake, list):
        yield missing(path)
        return
    if not intake:
        yield violation(path, problem="No channel is named for complaints, so customers do not "
                        "know where to complain and nothing they say is recorded")
        return
    channels = {c.id.casefold(): c for c in ctx.process.channels}
    kinds = {str(e): _intake_type(str(e), channels) for e in intake}
    if any(kind in WRITTEN_COMPLAINTS and usable for kind, usable in kinds.values()):
        return
    unknown = sorted(e for e, (kind, _) in kinds.items() if kind is None)
    if unknown:
        where = path + (next(i for i, e in enumerate(intake) if str(e) == unknown[0]),)
        yield missing(where, evidence=(
            f"Say what kind of channel '{unknown[0]}' is: list it under `channels` with its "
            "`type`, or name a channel type (email, web_form, phone...) in "
            "`complaints.intake_channels`."))
        return
    off = sorted(e for e, (kind, usable) in kinds.items() if not usable)
    note = (f" ({_join(off, 'and')} {'is' if len(off) == 1 else 'are'} switched off)"
            if off else "")
    yield violation(path, problem=(
        f"Complaints are taken only through {_join([str(e) for e in intake], 'and')}{note}: "
        "there is no written, durable record of what the customer said and when"))
