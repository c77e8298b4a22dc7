"""Whether anyone answers where customers write: social accounts read (or visibly pointing
elsewhere), written messages acknowledged."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, purposes_missing, violation
from cxaudit.clock.facts import Facts
from cxaudit.model.classes import channel_class
from cxaudit.model.findings import Severity
from cxaudit.model.process import MISSING, Channel, Process, as_dict

_NETWORKS = frozenset({"instagram", "facebook", "messenger", "vk", "vkontakte", "telegram",
                       "twitter", "x", "tiktok", "youtube", "linkedin", "whatsapp", "viber",
                       "odnoklassniki", "ok", "threads", "pinterest", "wechat", "line"})
_ACK_TYPES = channel_class("acknowledged")


def _answered(facts: Facts, ch: Channel) -> bool:
    """Someone answers there: it has a first-response target and is not said to be unread."""
    return (ch.enabled and any(facts.targets_for(channel=ch.id, metric="first_response"))
            and as_dict(ch.raw.get("social")).get("monitored") is not False)


def social_monitored(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-004: every social or messenger presence is read, or visibly points elsewhere."""
    proc = ctx.process
    marketing_off = proc.applicable("marketing") is False
    if not proc.channels and (marketing_off or proc.get(("marketing", "active_channels"))
                              is MISSING):
        yield missing(("channels",))
        return
    by_id = {c.id: c for c in proc.channels}
    covered: set[str] = set()
    for ch in proc.channels:
        if ch.type not in ("social", "messenger"):
            continue
        social = as_dict(ch.raw.get("social"))
        platform = str(social.get("platform") or ch.id).lower()
        covered |= {platform, ch.id.lower()}
        if not ch.enabled:
            continue
        redirect = social.get("redirects_to")
        target = by_id.get(str(redirect)) if redirect is not None else None
        if target is not None and target.id != ch.id and _answered(ctx.facts, target):
            continue  # the profile and auto-reply send customers to a channel that is read
        monitored = social.get("monitored")
        has_target = any(ctx.facts.targets_for(channel=ch.id, metric="first_response"))
        # "while the brand keeps posting" only where the account is used for marketing
        posting = " while the brand keeps posting" if "marketing" in ch.purposes or \
            platform in _marketing(proc) else ""
        if monitored is False:
            where = f", and the channel it points to ('{target.id}') is not answered either" \
                if target is not None else ""
            yield violation(ch.path + ("social", "monitored"), channel=ch.id, platform=platform,
                            problem=f"is not monitored{where}", posting=posting)
        elif not has_target:
            yield violation(ch.path, channel=ch.id, platform=platform,
                            problem="has no first-reply target", posting=posting)
        elif social.get("public_replies") is False:
            yield violation(ch.path + ("social", "public_replies"), Severity.MEDIUM,
                            channel=ch.id, platform=platform,
                            problem="answers private messages but not public comments",
                            posting=posting)
    active = proc.get(("marketing", "active_channels"))
    if isinstance(active, list) and not marketing_off:
        for i, name in enumerate(active):
            key = str(name).lower()
            if key in _NETWORKS and key not in covered:
                yield violation(("marketing", "active_channels", i), channel=key, platform=key,
                                problem="is used for marketing but is not listed as a channel "
                                "anyone reads", posting=" while the brand keeps posting")


def _marketing(proc: Process) -> set[str]:
    active = proc.get(("marketing", "active_channels"))
    return {str(a).lower() for a in active} if isinstance(active, list) else set()


def acknowledgement(ctx: CheckContext) -> Iterator[Outcome]:
    """RESP-009: written channels confirm receipt and say when a person will answer."""
    proc = ctx.process
    if not proc.channels:
        yield missing(("channels",))
        return
    for ch in proc.channels:
        if not ch.enabled or ch.type not in _ACK_TYPES or (ch.purposes_known
                                                           and not ch.customer_facing):
            continue
        if not ch.purposes_known:
            yield purposes_missing(ch)
            continue
        ack = ch.raw.get("auto_acknowledge")
        path = ch.path + ("auto_acknowledge",)
        if not isinstance(ack, dict):
            yield missing(path + ("enabled",))
            continue
        enabled, timed = ack.get("enabled", MISSING), ack.get("states_expected_time", MISSING)
        if enabled is False:
            yield violation(path + ("enabled",), channel=ch.id,
                            problem="get no acknowledgement at all")
            continue
        if enabled is MISSING:
            yield missing(path + ("enabled",))
        if timed is False:
            yield violation(path + ("states_expected_time",), channel=ch.id,
                            problem="get an acknowledgement that does not say when to expect "
                            "an answer")
        elif timed is MISSING:
            yield missing(path + ("states_expected_time",))
        if ack.get("offers_alternatives") is False:  # a refinement: judged when stated
            yield violation(path + ("offers_alternatives",), Severity.LOW, channel=ch.id,
                            problem="are not pointed to self-service or a faster channel while "
                            "they wait, even when the matter is urgent")
