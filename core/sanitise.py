"""The one place user-written text and HTML are cleaned (bleach; swap for nh3 here only).

bleach was declared unmaintained upstream in 2026; keeping the policy in this module means
replacing the library touches nothing else.
"""

from __future__ import annotations

import html
import re

import bleach

ALLOWED_TAGS = ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"]
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


# The longest text a person may write anywhere on the site (a mentor's draft). The cleaner's
# time grows faster than the text (bench/sanitise_bench.py), so it never sees more than the
# field's own limit: forms refuse longer text with a length error before cleaning, and a
# service called another way cleans only the first `max_length` characters.
MAX_TEXT_LENGTH = 20_000


def clean_html(value: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """A small, safe subset of HTML; everything else is escaped, links only http(s)/mailto."""
    return bleach.clean(
        (value or "")[:max_length],
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


# Control characters other than tab and newlines: nothing a person types, and PostgreSQL
# refuses NUL in text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value: str) -> str:
    return CONTROL.sub("", value or "")


def clean_text(value: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Plain text: every tag removed (its text kept), no control characters; at most
    `max_length` characters, cut before cleaning.

    The result is text, not HTML: "Q&A <3" stays "Q&A <3" (templates escape it when they
    show it, e-mails are plain text); escaping here too would show "Q&amp;A &lt;3"."""
    value = (value or "")[:max_length]
    stripped = bleach.clean(value, tags=[], attributes={}, strip=True, strip_comments=True)
    return strip_controls(html.unescape(stripped))[:max_length]


# What a spreadsheet reads as the start of a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell: text that starts like a formula gets a leading apostrophe (OWASP's advice),
    so a spreadsheet shows it instead of running it. Numbers are written as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text
