"""How helpdesks name channels: Zendesk via ids, Freshdesk ticket sources, schedule names.

Zendesk's via ids are from its "Via types reference"; Freshdesk's source ids from its ticket
API (1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email; 4 forum, 5
Twitter, 6 Facebook, 8 Mobihelp on older accounts). Ids that name no way a customer writes
in (an API call, a trigger, a merge) map to no channel.
"""

from __future__ import annotations

import re

# The channel types of the vocabulary, in the order the process file lists them.
CHANNEL_TYPES = ("email", "web_form", "chat", "phone", "messenger", "social", "sms", "in_app",
                 "community", "store", "app_review", "letter")

ZENDESK_VIA: dict[int, tuple[str, str]] = {
    0: ("web_form", "web form"),
    4: ("email", "e-mail"),
    16: ("community", "Get Satisfaction"),
    17: ("web_form", "feedback tab"),
    23: ("social", "X (Twitter) like"),
    24: ("community", "forum topic"),
    26: ("social", "X (Twitter) direct message"),
    29: ("chat", "chat"),
    30: ("social", "X (Twitter)"),
    33: ("phone", "voicemail"),
    34: ("phone", "phone call (incoming)"),
    35: ("phone", "phone call (outbound)"),
    38: ("social", "Facebook post"),
    41: ("messenger", "Facebook private message"),
    44: ("phone", "CTI voicemail"),
    45: ("phone", "CTI phone call (inbound)"),
    46: ("phone", "CTI phone call (outbound)"),
    48: ("web_form", "Web Widget"),
    49: ("in_app", "mobile SDK"),
    50: ("community", "Help Center post"),
    57: ("sms", "text message"),
    72: ("messenger", "LINE"),
    73: ("messenger", "WeChat"),
    74: ("messenger", "WhatsApp"),
    75: ("chat", "messaging (Web Widget and SDKs)"),
    77: ("sms", "MessageBird SMS"),
    78: ("messenger", "Facebook Messenger"),
    79: ("messenger", "Telegram"),
    80: ("sms", "Twilio SMS"),
    81: ("messenger", "Viber"),
    82: ("sms", "Google RCS"),
    83: ("messenger", "Apple Messages for Business"),
    84: ("messenger", "Google Business Messages"),
    85: ("messenger", "KakaoTalk"),
    86: ("social", "Instagram direct message"),
    88: ("social", "X (Twitter) direct message via Sunshine Conversations"),
    90: ("chat", "chat transcript"),
    91: ("messenger", "Slack Connect"),
}

FRESHDESK_SOURCES: dict[int, tuple[str, str]] = {
    1: ("email", "email"),
    2: ("web_form", "portal"),
    3: ("phone", "phone"),
    4: ("community", "forum"),
    5: ("social", "Twitter"),
    6: ("social", "Facebook"),
    7: ("chat", "chat"),
    8: ("in_app", "Mobihelp"),
    9: ("web_form", "feedback widget"),
    10: ("email", "outbound email"),
}

_NAME_WORDS = (
    (r"\b(live ?chat|chat|messaging)\b", "chat"),
    (r"\b(phone|call|calls|voice|talk|hotline)\b", "phone"),
    (r"\b(e-?mail|mail)\b", "email"),
    (r"\b(whatsapp|telegram|viber|messenger)\b", "messenger"),
    (r"\b(sms|text)\b", "sms"),
    (r"\b(social|twitter|facebook|instagram)\b", "social"),
)


def type_from_name(name: str) -> str | None:
    """The channel type a schedule's name suggests ("Live chat hours" -> chat), if any."""
    low = name.lower()
    for pattern, kind in _NAME_WORDS:
        if re.search(pattern, low):
            return kind
    return None


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A unique, readable id: `Gold customers (EMEA)` -> `gold-customers-emea`."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or fallback
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


__all__ = ["CHANNEL_TYPES", "FRESHDESK_SOURCES", "ZENDESK_VIA", "slug", "type_from_name"]
