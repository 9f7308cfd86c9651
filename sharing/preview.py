"""Link previews (Open Graph) fetched without letting the server be used against itself.

Only http(s); every address the host name resolves to must be public (no loopback, private,
link-local, multicast or reserved ranges), checked again for every redirect; short timeout,
size limit. DNS is resolved here and checked before the request: a host that changes its
answer between the check and the connection (DNS rebinding) is the remaining gap, narrowed
by the short timeout and by refusing redirects to anything not checked.
"""

from __future__ import annotations

import ipaddress
import socket
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests
from django.utils.translation import gettext_lazy as _

TIMEOUT_SECONDS = 5
MAX_BYTES = 1_000_000
MAX_REDIRECTS = 3
USER_AGENT = "AmbassadorAcademyPreview/1.0 (+link preview)"

ERROR_SCHEME = _("Only http and https addresses can be previewed.")
ERROR_ADDRESS = _("This address points to an internal network and is not fetched.")
ERROR_UNREACHABLE = _("The page could not be reached.")
ERROR_TOO_MANY_REDIRECTS = _("The page redirects too often.")
ERROR_NOT_HTML = _("The address is not a web page.")


class PreviewError(Exception):
    pass


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def check_url(url: str) -> None:
    """Refuse anything but http(s) to public addresses (every address the name resolves to)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PreviewError(ERROR_SCHEME)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        answers = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise PreviewError(ERROR_UNREACHABLE) from exc
    if not answers or not all(_public(answer[4][0]) for answer in answers):
        raise PreviewError(ERROR_ADDRESS)


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
        if urlsplit(image).scheme not in ("http", "https"):
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
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url)
        try:
            response = requests.get(
                url,
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
                stream=True,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html"},
            )
        except requests.RequestException as exc:
            raise PreviewError(ERROR_UNREACHABLE) from exc
        with response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                continue
            if response.status_code >= 400:
                raise PreviewError(ERROR_UNREACHABLE)
            if "html" not in response.headers.get("Content-Type", ""):
                raise PreviewError(ERROR_NOT_HTML)
            body = b""
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) >= MAX_BYTES:
                    break
            text = body[:MAX_BYTES].decode(response.encoding or "utf-8", errors="replace")
            return parse_preview(text, url)
    raise PreviewError(ERROR_TOO_MANY_REDIRECTS)
