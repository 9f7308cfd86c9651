"""The Slack messages the platform sends, as Block Kit, and their preview as HTML (the CMS
shows comms staff exactly what a suggestion becomes: the same blocks, rendered)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core import signing
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..channels.suggestions import Suggestion

NOT_RELEVANT = "not_relevant"
OPEN = "open"
NOT_RELEVANT_SALT = "integrations.slack.not_relevant"
SECTION_LIMIT = 3000  # characters of a section's text
BUTTON_LIMIT = 75  # characters of a button's label
FALLBACK_LIMIT = 4000


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, escaped as its docs ask."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def absolute(link: str) -> str:
    return f"{settings.SITE_URL}{link}" if link.startswith("/") else link


def not_relevant_value(item_id: int) -> str:
    return signing.Signer(salt=NOT_RELEVANT_SALT).sign(str(item_id))


def item_of_value(value: str) -> int | None:
    try:
        return int(signing.Signer(salt=NOT_RELEVANT_SALT).unsign(value))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _button(label: str, **fields) -> dict:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(label, BUTTON_LIMIT)},
        **fields,
    }


def notification_message(
    *, subject: str, body: str, link: str, suggestion: Suggestion | None = None
) -> tuple[str, list[dict]]:
    """(fallback text, blocks) of a notification, in the language active now."""
    lines = f"*{escape_mrkdwn(subject)}*"
    if body:
        lines += f"\n{escape_mrkdwn(body)}"
    blocks: list[dict] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(lines, SECTION_LIMIT)}}
    ]
    url = absolute(link) if link else ""
    if suggestion is not None:
        quoted = "\n".join(f"&gt; {line}" for line in escape_mrkdwn(suggestion.text).splitlines())
        blocks.append(
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _cut(f"*{escape_mrkdwn(suggestion.title)}*\n{quoted}", SECTION_LIMIT),
                },
            }
        )
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": escape_mrkdwn(
                            _("Suggested text for %(network)s. Make it your own in the composer.")
                            % {"network": suggestion.network_label}
                        ),
                    }
                ],
            }
        )
        elements = []
        if url:
            elements.append(
                _button(_("Open in the composer"), action_id=OPEN, url=url, style="primary")
            )
        elements.append(
            _button(
                _("Not relevant"),
                action_id=NOT_RELEVANT,
                value=not_relevant_value(suggestion.item_id),
            )
        )
        blocks.append({"type": "actions", "elements": elements})
    elif url:
        blocks.append(
            {"type": "actions", "elements": [_button(_("Open"), action_id=OPEN, url=url)]}
        )
    return _cut(subject, FALLBACK_LIMIT), blocks


def announcement_message(*, headline: str, title: str, link: str) -> tuple[str, list[dict]]:
    """(fallback text, blocks) of a channel announcement: what it is and where, no names."""
    text = f"*{escape_mrkdwn(headline)}*\n{escape_mrkdwn(title)}"
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}},
        {
            "type": "actions",
            "elements": [_button(_("Open in the platform"), action_id=OPEN, url=absolute(link))],
        },
    ]
    return _cut(f"{headline}: {title}", FALLBACK_LIMIT), blocks


def plain_message(text: str) -> tuple[str, list[dict]]:
    return text, [{"type": "section", "text": {"type": "mrkdwn", "text": escape_mrkdwn(text)}}]


# --- the preview --------------------------------------------------------------------------

_BOLD = re.compile(r"\*([^*\n]+)\*")


def _mrkdwn_html(text: str) -> SafeString:
    """The little mrkdwn we write (bold, quotes, line breaks) as HTML; the rest as text."""
    plain = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    parts, quote = [], []
    for line in plain.split("\n"):
        if line.startswith("> "):
            quote.append(_BOLD.sub(r"<strong>\1</strong>", escape(line[2:])))
            continue
        if quote:
            parts.append(f"<blockquote>{'<br>'.join(quote)}</blockquote>")
            quote = []
        parts.append(_BOLD.sub(r"<strong>\1</strong>", escape(line)) + "<br>")
    if quote:
        parts.append(f"<blockquote>{'<br>'.join(quote)}</blockquote>")
    html = "".join(parts)
    return mark_safe(html.removesuffix("<br>"))  # noqa: S308 (every piece escaped above)


def _element_html(element: dict) -> SafeString:
    label = element["text"]["text"]
    css = "slack-preview__button"
    if element.get("style") == "primary":
        css += " slack-preview__button--primary"
    if "url" in element:
        return format_html('<a class="{}" href="{}">{}</a>', css, element["url"], label)
    return format_html('<span class="{}">{}</span>', css, label)


def blocks_html(blocks: list[dict]) -> SafeString:
    """The blocks as Slack shows them, roughly: sections, context lines and buttons."""
    parts = []
    for block in blocks:
        if block["type"] == "section":
            parts.append(
                format_html(
                    '<div class="slack-preview__section">{}</div>',
                    _mrkdwn_html(block["text"]["text"]),
                )
            )
        elif block["type"] == "context":
            parts.append(
                format_html(
                    '<div class="slack-preview__context">{}</div>',
                    format_html_join(
                        " ", "{}", ((_mrkdwn_html(e["text"]),) for e in block["elements"])
                    ),
                )
            )
        elif block["type"] == "actions":
            parts.append(
                format_html(
                    '<div class="slack-preview__actions">{}</div>',
                    format_html_join("", "{}", ((_element_html(e),) for e in block["elements"])),
                )
            )
    return format_html_join("", "{}", ((part,) for part in parts))
