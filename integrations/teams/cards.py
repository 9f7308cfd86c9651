"""The Adaptive Cards we send to Teams (schema 1.4, the version Teams renders everywhere),
and the two envelopes that carry one: a Workflows webhook's message and a Bot Framework
message activity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
# Teams shows about this much of a text block before "see more"; longer text is cut.
MAX_TEXT = 1000


def absolute(link: str) -> str:
    """A path of this site as the address a Teams client opens."""
    return link if link.startswith(("https://", "http://")) else settings.SITE_URL + link


# What Adaptive Card Markdown reads as markup in a TextBlock: emphasis, links, code, and a
# list or heading at the start of a line. Escaped with a backslash (CommonMark), so what
# people wrote reads as they wrote it: "[win](https://…)" in a title is text, not a link.
_MARKUP = re.compile(r"([\\`*_~\[\]()<>#|])")
_LIST_START = re.compile(r"^(\s*(?:\d+)?)([-+.)])(?=\s)", re.MULTILINE)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def plain(text: str) -> str:
    """Text for a TextBlock that Teams shows as written, not as Markdown."""
    return _LIST_START.sub(r"\1\\\2", _MARKUP.sub(r"\\\1", text))


def unescaped(text: str) -> str:
    """What a TextBlock of `plain` text shows (for the CMS preview, which draws HTML)."""
    return _ESCAPED.sub(r"\1", text)


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    """Plain text cut to the limit (before escaping: a cut never splits an escape)."""
    text = str(text).strip()
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return plain(text)


@dataclass(frozen=True)
class Button:
    title: str
    url: str


def card(
    *,
    title: str,
    text: str = "",
    quote: str = "",
    quote_label: str = "",
    buttons: list[Button] = (),
) -> dict:
    """An Adaptive Card: a bold title, a text, an optional quoted suggestion, buttons that
    open addresses of this site. Everything shown is plain text: Adaptive Cards render a
    little Markdown in TextBlocks, and what people wrote is escaped so none of it becomes a
    link or emphasis (Teams renders no HTML or scripts from it either)."""
    body: list[dict] = [
        {
            "type": "TextBlock",
            "text": _cut(title, 200),
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        },
    ]
    if text:
        body.append({"type": "TextBlock", "text": _cut(text), "wrap": True})
    if quote:
        container: list[dict] = []
        if quote_label:
            container.append(
                {
                    "type": "TextBlock",
                    "text": _cut(quote_label, 200),
                    "isSubtle": True,
                    "size": "Small",
                    "wrap": True,
                }
            )
        container.append({"type": "TextBlock", "text": _cut(quote, 3000), "wrap": True})
        body.append({"type": "Container", "style": "emphasis", "items": container})
    return {
        "$schema": SCHEMA,
        "type": "AdaptiveCard",
        "version": VERSION,
        "body": body,
        "actions": [
            {"type": "Action.OpenUrl", "title": button.title, "url": absolute(button.url)}
            for button in buttons
        ],
    }


def attachment(adaptive_card: dict) -> dict:
    return {"contentType": CONTENT_TYPE, "contentUrl": None, "content": adaptive_card}


def webhook_message(adaptive_card: dict) -> dict:
    """What a Teams Workflows webhook ("Post to a channel when a webhook request is
    received") takes: a message with the card as its one attachment."""
    return {"type": "message", "attachments": [attachment(adaptive_card)]}


def bot_activity(adaptive_card: dict, *, summary: str) -> dict:
    """A Bot Framework message activity with the card (the summary shows in notifications)."""
    return {
        "type": "message",
        "summary": _cut(summary, 200),
        "attachments": [attachment(adaptive_card)],
    }


def as_preview(adaptive_card: dict) -> dict:
    """The card in the shape the CMS preview template draws: title, texts, quote, buttons."""
    body = adaptive_card["body"]
    quote = next((element for element in body if element["type"] == "Container"), None)
    return {
        "title": unescaped(body[0]["text"]),
        "texts": [unescaped(e["text"]) for e in body[1:] if e["type"] == "TextBlock"],
        "quote_label": unescaped(quote["items"][0]["text"])
        if quote and len(quote["items"]) > 1
        else "",
        "quote": unescaped(quote["items"][-1]["text"]) if quote else "",
        "buttons": [(a["title"], a["url"]) for a in adaptive_card["actions"]],
    }
