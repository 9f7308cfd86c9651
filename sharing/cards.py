"""The feed's cards, rendered once and kept: what a card shows of an item is the same for
everyone who reads it in the same language, on the same network tab and in the same state
(saved or not; the feed or the saved list), so each such card is rendered from
templates/sharing/feed_card.html once per library version and process, with markers where the
person's own words go: why it is suggested, the text offered to them, and the CSRF field.
A page then fills in the markers, never rendering a template per card.

The kept cards hold no token and nothing of one person. The card whose hiding was refused is
rendered afresh, with its bound form and error.
"""

from __future__ import annotations

import secrets
import time
from functools import lru_cache

from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr, truncatewords
from django.template.loader import get_template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ambassadors.models import Network

from . import snapshots
from .forms import DismissForm
from .selectors import Suggestion

# Private-use characters that escaping leaves as they are, with a word of this process's own:
# no item's text can hold a marker by chance or on purpose.
_NONCE = secrets.token_hex(8)
REASON = f"\ue000reason-{_NONCE}\ue000"
BODY = f"\ue000body-{_NONCE}\ue000"
CSRF = f"\ue000csrf-{_NONCE}\ue000"
_KEPT = 5000
_kept: dict[tuple, tuple[float, str]] = {}
# The library version the kept cards were rendered for: a new one drops them all (none of
# them is read again), so the process holds one version's cards, not every version's.
_kept_for: list[int | None] = [None]


@lru_cache(maxsize=4096)
def body_html(text: str) -> str:
    """The offered text as a card shows it: its first 40 words, line breaks kept."""
    return linebreaksbr(truncatewords(text, 40), autoescape=True)


def _render(suggestion: Suggestion, *, network: str, show: str, dismiss_form=None) -> str:
    item = suggestion.item
    return get_template("sharing/feed_card.html").render(
        {
            "suggestion": suggestion,
            "item": item,
            "image": suggestion.image,
            "network": network,
            "network_label": Network(network).label,
            "show": show,
            "saved": suggestion.saved,
            "reason": mark_safe(REASON),  # noqa: S308 (a marker, filled in escaped)
            "body": mark_safe(BODY),  # noqa: S308
            "csrf_input": mark_safe(CSRF),  # noqa: S308
            "dismiss_form": dismiss_form or DismissForm(auto_id=f"dismiss-{item.pk}-%s"),
        }
    )


def _card(suggestion: Suggestion, *, network: str, show: str, version: int) -> str:
    if _kept_for[0] != version:
        _kept.clear()
        _kept_for[0] = version
    key = (version, get_language(), suggestion.item.pk, network, show, suggestion.saved)
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    html = _render(suggestion, network=network, show=show)
    if len(_kept) >= _KEPT:
        _kept.clear()
    _kept[key] = (now + snapshots.TIMEOUT, html)
    return html


def feed_cards(
    request,
    suggestions: list[Suggestion],
    *,
    network: str,
    show: str,
    refused_item: int | None = None,
    dismiss_form=None,
) -> list[SafeString]:
    """Each suggestion's card for this person, in order."""
    version = snapshots.versions(request)[snapshots.LIBRARY_VERSION]
    csrf = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    cards = []
    for suggestion in suggestions:
        if suggestion.item.pk == refused_item:
            html = _render(suggestion, network=network, show=show, dismiss_form=dismiss_form)
        else:
            html = _card(suggestion, network=network, show=show, version=version)
        html = (
            html.replace(REASON, conditional_escape(str(suggestion.reason)))
            .replace(BODY, body_html(suggestion.body))
            .replace(CSRF, csrf)
        )
        cards.append(mark_safe(html))  # noqa: S308 (rendered by the template, filled escaped)
    return cards
