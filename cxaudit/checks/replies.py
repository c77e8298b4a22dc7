"""Whether anyone answers where customers write: social accounts read (or visibly pointing
elsewhere), written messages acknowledged."""

from __future__ import annotations

from collections.abc import Iterator

from cxaudit.checks.base import CheckContext, Outcome, missing, violation
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


