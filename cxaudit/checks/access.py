"""Access checks: a customer finishes what they started in the channel they chose, and can
complain in writing."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, purposes_missing, violation
from cxaudit.model.classes import channel_class
from cxaudit.model.findings import Kind
from cxaudit.model.process import MISSING, Channel

_JOURNEYS = {"returns": "return", "complaints": "complaint", "cancellations": "cancellation"}


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
