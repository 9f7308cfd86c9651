"""The one place user-written text and HTML are cleaned (bleach; swap for nh3 here only).

bleach was declared unmaintained upstream in 2026; keeping the policy in this module means
replacing the library touches nothing else.
"""

from __future__ import annotations

import bleach

ALLOWED_TAGS = ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"]
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


def clean_html(value: str) -> str:
    """A small, safe subset of HTML; everything else is escaped, links only http(s)/mailto."""
    return bleach.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def clean_text(value: str) -> str:
    """Plain text: every tag removed (its text kept), nothing left that a browser would run."""
    return bleach.clean(value or "", tags=[], attributes={}, strip=True, strip_comments=True)
