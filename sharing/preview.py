"""Link previews (Open Graph): title, description and image of a public web page.

Fetched through `core.outbound`, the one way the server reaches the internet: the
address is read once and strictly, resolved once, only public addresses, the connection
made to the address that was checked, every redirect checked again, size and time capped.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.outbound import OutboundError, fetch, public_url

ERROR_NOT_HTML = _("The address is not a web page.")

# One error for every refused or failed preview (the reason is in its message).
PreviewError = OutboundError


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if (
                key in ("og:title", "og:description", "og:image", "description")
                and key not in self.meta
            ):
                self.meta[key] = (values.get("content") or "").strip()
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title and len(self.title) < 300:
            self.title += data


def parse_preview(html: str, base_url: str) -> dict[str, str]:
    parser = _MetaParser()
    parser.feed(html)
    image = parser.meta.get("og:image", "")
    if image:
        image = urljoin(base_url, image)
        try:
            public_url(image)  # shown in the CMS: it must lead where it says
        except ValidationError:
            image = ""
    return {
        "title": (parser.meta.get("og:title") or " ".join(parser.title.split()))[:300],
        "description": (parser.meta.get("og:description") or parser.meta.get("description", ""))[
            :1000
        ],
        "image": image[:1000],
    }


def fetch_preview(url: str) -> dict[str, str]:
    """Title, description and image of a public web page, or PreviewError saying why not."""
    page = fetch(url, accept="text/html")
    if "html" not in page.content_type:
        raise PreviewError(ERROR_NOT_HTML)
    try:
        text = page.content.decode(page.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        text = page.content.decode("utf-8", errors="replace")
    return parse_preview(text, page.url)
