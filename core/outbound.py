"""The one way the server fetches from the internet, and the one reading of a web address.

Link previews, news feeds and anything later (webhooks, xAPI, Slack) fetch through
`fetch()`, and every address stored to be shown to people is checked with `parse_url()`
(`public_url` is its form and model validator). One parser, so no check can read a host
that a client or a browser reads differently:

- `parse_url` reads the address once and refuses what does not read the same everywhere:
  anything but http(s), user names (`a@b`), backslashes (a browser reads them as `/`),
  whitespace and control or invisible characters, ports other than 80 and 443, hosts that
  are percent-encoded, not plain letters-digits-hyphens, end in a dot, have one label,
  are special-use names (localhost, .local, .internal), IPv4 in any form but four decimals
  (`0x7f.1`, `2130706433`, `0177.0.0.1`) and international names that change when
  normalised (full-width letters or dots). urllib's own reading must agree.
- `fetch` resolves the name once, refuses the lot if any answer is not a public address
  (loopback, private, link-local, shared, multicast, reserved, unspecified, and IPv6 that
  carries an IPv4 address: mapped, compatible, 6to4, NAT64), then connects to exactly the
  address it checked (TLS still verifies the certificate for the name): a name that
  answers differently a moment later (DNS rebinding) is never asked again. Redirects are
  followed here, each hop read and checked like the first, at most `MAX_REDIRECTS`.
  The body is capped in bytes (also after decompression) and the whole exchange in time.
  No proxy from the environment is used.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import unicodedata
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TIMEOUT_SECONDS = 5  # connecting, and each wait for data
TOTAL_SECONDS = 15  # the whole exchange, redirects included
MAX_BYTES = 1_000_000
MAX_REDIRECTS = 3
MAX_URL_LENGTH = 2000
PORTS = {80, 443}
USER_AGENT = "AmbassadorAcademy/1.0 (+link preview and feeds)"

ERROR_SCHEME = _("Enter an http or https address.")
ERROR_MALFORMED = _(
    "This address is written in an unusual way, so it could lead somewhere else than it "
    "shows. Paste the address as your browser shows it."
)
ERROR_ADDRESS = _("This address points to an internal network and is not fetched.")
ERROR_UNREACHABLE = _("The page could not be reached.")
ERROR_TOO_MANY_REDIRECTS = _("The page redirects too often.")

# Names that never lead to a public site (RFC 6761 and friends); resolvers answer some of
# them with loopback or the local network.
SPECIAL_NAMES = ("localhost", "local", "internal", "arpa", "localdomain", "lan", "intranet")
LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# A browser reads a host whose last label is a number (decimal or 0x…) as an IPv4 address.
NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
DECIMAL_OCTET = re.compile(r"^(?:0|[1-9][0-9]{0,2})$")
REDIRECTS = {301, 302, 303, 307, 308}
# IPv6 ranges that carry or reach an IPv4 address; `is_global` says yes to some of them.
IPV6_WITH_IPV4 = [
    ipaddress.ip_network(net) for net in ("2002::/16", "64:ff9b::/96", "64:ff9b:1::/48", "::/96")
]
GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")


class OutboundError(Exception):
    """The address is refused or could not be fetched; the message says why, for a person."""


@dataclass(frozen=True)
class Target:
    """An address read once: what to connect to and what to ask for."""

    url: str
    scheme: str
    host: str  # lower case, international names as ASCII (xn--)
    port: int
    explicit_port: bool
    path: str  # path and query, never empty; the fragment left out
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None  # set when the host is a literal

    @property
    def host_header(self) -> str:
        host = f"[{self.ip}]" if self.ip is not None and self.ip.version == 6 else self.host
        return f"{host}:{self.port}" if self.explicit_port else host


@dataclass(frozen=True)
class Fetched:
    url: str  # the final address, after redirects
    status: int
    content_type: str
    charset: str
    content: bytes


def _unsafe_character(char: str) -> bool:
    # Controls, format (zero-width, bidi), unassigned, private use and every kind of space.
    return char == "\\" or unicodedata.category(char)[0] in "CZ"


def _international_host(text: str) -> str:
    """The ASCII form of an international name, refused when normalising would change it."""
    try:
        ascii_form = text.encode("idna").decode("ascii")
        back = ascii_form.encode("ascii").decode("idna")
    except UnicodeError as exc:
        raise OutboundError(ERROR_MALFORMED) from exc
    # Full-width letters, ideographic full stops, capitals and ß come back different.
    if back != text:
        raise OutboundError(ERROR_MALFORMED)
    return ascii_form.lower()


def _host(text: str) -> tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address | None]:
    if text.startswith("["):
        inner = text[1:-1] if text.endswith("]") else ""
        if not inner or "%" in inner:  # no zone ids
            raise OutboundError(ERROR_MALFORMED)
        try:
            ip6 = ipaddress.IPv6Address(inner)
        except ValueError as exc:
            raise OutboundError(ERROR_MALFORMED) from exc
        return str(ip6), ip6
    host = text.lower() if text.isascii() else _international_host(text)
    if not host or len(host) > 253 or host.endswith("."):
        raise OutboundError(ERROR_MALFORMED)
    labels = host.split(".")
    if NUMERIC_LABEL.match(labels[-1]):
        # Only the plain dotted-decimal form: a browser and a resolver read the others
        # (octal, hex, fewer parts, one big number) as some other address.
        if len(labels) != 4 or not all(DECIMAL_OCTET.match(label) for label in labels):
            raise OutboundError(ERROR_MALFORMED)
        try:
            ip4 = ipaddress.IPv4Address(host)
        except ValueError as exc:
            raise OutboundError(ERROR_MALFORMED) from exc
        return host, ip4
    if len(labels) < 2 or not all(LABEL.match(label) for label in labels):
        raise OutboundError(ERROR_MALFORMED)
    for label in labels:
        if label.startswith("xn--"):
            try:
                label.encode("ascii").decode("idna")
            except UnicodeError as exc:
                raise OutboundError(ERROR_MALFORMED) from exc
        elif label[2:4] == "--":  # reserved for encodings other than punycode
            raise OutboundError(ERROR_MALFORMED)
    if labels[-1] in SPECIAL_NAMES or host in SPECIAL_NAMES:
        raise OutboundError(ERROR_ADDRESS)
    return host, None


def parse_url(url: str) -> Target:
    """Read an http(s) address strictly; OutboundError if it could be read two ways."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        raise OutboundError(ERROR_MALFORMED)
    if any(_unsafe_character(char) for char in url):
        raise OutboundError(ERROR_MALFORMED)
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if not sep or scheme not in ("http", "https"):
        raise OutboundError(ERROR_SCHEME)
    end = next((i for i, char in enumerate(rest) if char in "/?#"), len(rest))
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        raise OutboundError(ERROR_MALFORMED)
    if authority.startswith("["):
        close = authority.find("]")
        host_text, after = authority[: close + 1], authority[close + 1 :]
        if close < 0 or (after and not after.startswith(":")):
            raise OutboundError(ERROR_MALFORMED)
        port_text = after[1:] if after else None
    else:
        host_text, colon, port_text = authority.partition(":")
        port_text = port_text if colon else None
    host, ip = _host(host_text)
    default = 443 if scheme == "https" else 80
    port = default
    if port_text is not None:
        if not port_text.isascii() or not port_text.isdigit() or str(int(port_text)) != port_text:
            raise OutboundError(ERROR_MALFORMED)
        port = int(port_text)
    if port not in PORTS:
        raise OutboundError(ERROR_MALFORMED)
    # urllib (and so Django's validators and most libraries) must read the same host.
    try:
        parts = urlsplit(url)
        other_port = parts.port
    except ValueError as exc:
        raise OutboundError(ERROR_MALFORMED) from exc
    if ip is not None and ip.version == 6:
        try:
            same_host = ipaddress.ip_address(parts.hostname or "") == ip
        except ValueError:
            same_host = False
    else:
        same_host = parts.hostname == host_text.lower()
    if (
        not same_host
        or parts.username is not None
        or other_port != (port if port_text is not None else None)
    ):
        raise OutboundError(ERROR_MALFORMED)
    # What goes on the request line: no fragment, non-ASCII as UTF-8 escapes (as browsers do).
    path = "".join(char if char.isascii() else quote(char) for char in tail.split("#", 1)[0])
    if not path.startswith("/"):
        path = "/" + path
    return Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port,
        explicit_port=port_text is not None and port != default,
        path=path,
        ip=ip,
    )


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet and nothing else."""
    if ip.version == 6:
        if ip.ipv4_mapped is not None or any(ip in net for net in IPV6_WITH_IPV4):
            return False
        if ip not in GLOBAL_UNICAST:
            return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_reserved
        or ip.is_link_local
        or ip.is_loopback
        or ip.is_private
        or ip.is_unspecified
    )


def public_url(value: str) -> None:
    """Validator for an address shown to people: read strictly, and not an internal host."""
    try:
        target = parse_url(value)
    except OutboundError as error:
        raise ValidationError(error.args[0], code="invalid") from error
    if target.ip is not None and not is_public(target.ip):
        raise ValidationError(ERROR_ADDRESS, code="invalid")


def host_is(target: Target, domain: str) -> bool:
    """Whether the address's host is the domain or one of its subdomains."""
    return target.ip is None and (target.host == domain or target.host.endswith("." + domain))


def resolve(target: Target) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The one address to connect to; refused if any answer for the name is not public."""
    if target.ip is not None:
        answers = [target.ip]
    else:
        try:
            found = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise OutboundError(ERROR_UNREACHABLE) from exc
        try:
            answers = [ipaddress.ip_address(answer[4][0]) for answer in found]
        except ValueError as exc:  # a scoped IPv6 answer, say
            raise OutboundError(ERROR_ADDRESS) from exc
    if not answers or not all(is_public(ip) for ip in answers):
        raise OutboundError(ERROR_ADDRESS)
    return answers[0]


def _connect(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int, timeout: float):
    """A TCP connection to exactly this address (no name lookup on the way)."""
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((str(ip), port))
    except OSError:
        sock.close()
        raise
    return sock


def _tls_context() -> ssl.SSLContext:
    try:
        import certifi  # the bundle requests uses; the system's store otherwise
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


def _read(response: http.client.HTTPResponse, sock, max_bytes: int, deadline: float) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decompressor = zlib.decompressobj(47)  # gzip or zlib, told by the header
    elif encoding == "identity":
        decompressor = None
    else:
        raise OutboundError(ERROR_UNREACHABLE)
    body = bytearray()
    while len(body) < max_bytes:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        sock.settimeout(min(TIMEOUT_SECONDS, remaining))
        chunk = response.read1(64 * 1024) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            break
        if decompressor is not None:
            try:
                chunk = decompressor.decompress(chunk, max_bytes - len(body))
            except zlib.error as exc:
                raise OutboundError(ERROR_UNREACHABLE) from exc
        body += chunk
    return bytes(body[:max_bytes])


def _exchange(
    target: Target,
    ip,
    *,
    headers: dict[str, str],
    max_bytes: int,
    deadline: float,
    method: str = "GET",
    body: bytes | None = None,
) -> tuple[int, http.client.HTTPResponse, bytes]:
    remaining = max(0.1, min(TIMEOUT_SECONDS, deadline - time.monotonic()))
    sock = _connect(ip, target.port, remaining)
    try:
        if target.scheme == "https":
            # The certificate is checked for the name, on the address that was checked.
            sock = _tls_context().wrap_socket(sock, server_hostname=target.host)
        connection = http.client.HTTPConnection(target.host, target.port, timeout=remaining)
        connection.sock = sock  # already connected: http.client never looks the name up
        connection.request(
            method,
            target.path,
            body=body,
            headers={
                "Host": target.host_header,
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, identity",
                "Connection": "close",
                **headers,
            },
        )
        response = connection.getresponse()
        body = b"" if response.status in REDIRECTS else _read(response, sock, max_bytes, deadline)
        return response.status, response, body
    finally:
        sock.close()


def fetch(
    url: str,
    *,
    accept: str = "*/*",
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET a public address: every hop read strictly, resolved once, connected to as checked.

    Returns the first `max_bytes` of a 2xx answer; OutboundError (with a reason for people)
    for anything refused or failed."""
    deadline = time.monotonic() + TOTAL_SECONDS
    for _hop in range(max_redirects + 1):
        target = parse_url(url)
        ip = resolve(target)
        try:
            status, response, body = _exchange(
                target, ip, headers={"Accept": accept}, max_bytes=max_bytes, deadline=deadline
            )
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            raise OutboundError(ERROR_UNREACHABLE) from exc
        if status in REDIRECTS:
            location = response.getheader("Location") or ""
            if not location:
                raise OutboundError(ERROR_UNREACHABLE)
            url = urljoin(target.url, location)
            continue
        if not 200 <= status < 300:
            raise OutboundError(ERROR_UNREACHABLE)
        content_type = response.getheader("Content-Type") or ""
        charset = ""
        for part in content_type.split(";")[1:]:
            key, _sep, value = part.strip().partition("=")
            if key.lower() == "charset":
                charset = value.strip("\"' ")
        return Fetched(
            url=target.url,
            status=status,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=charset,
            content=body,
        )
    raise OutboundError(ERROR_TOO_MANY_REDIRECTS)


def _configured_target(url: str) -> tuple[Target, ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """An operator-configured address read and resolved: internal hosts and any port."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise OutboundError(ERROR_MALFORMED) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise OutboundError(ERROR_SCHEME)
    try:
        ip = ipaddress.ip_address(parts.hostname)
    except ValueError:
        ip = None
    target = Target(
        url=url,
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        explicit_port=parts.port is not None,
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        ip=ip,
    )
    if ip is None:
        try:
            found = socket.getaddrinfo(target.host, port, type=socket.SOCK_STREAM)
            ip = ipaddress.ip_address(found[0][4][0])
        except (OSError, UnicodeError, ValueError, IndexError) as exc:
            raise OutboundError(ERROR_UNREACHABLE) from exc
    return target, ip


def fetch_configured(url: str, *, accept: str = "*/*", max_bytes: int = MAX_BYTES) -> Fetched:
    """GET an address the operator configured in the environment (a SAML IdP's metadata),
    never one a person typed: such hosts are often internal (an ADFS on the intranet, on its
    own port), so internal addresses and any port are allowed. The rest is as `fetch`: the
    name resolved once and connected to as resolved, TLS checked for the name, the body
    capped, the exchange bounded in time, no proxy from the environment, no redirects (a
    configured address names the document itself).
    """
    target, ip = _configured_target(url)
    deadline = time.monotonic() + TOTAL_SECONDS
    try:
        status, response, body = _exchange(
            target, ip, headers={"Accept": accept}, max_bytes=max_bytes, deadline=deadline
        )
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        raise OutboundError(ERROR_UNREACHABLE) from exc
    if not 200 <= status < 300:
        raise OutboundError(ERROR_UNREACHABLE)
    content_type = response.getheader("Content-Type") or ""
    return Fetched(
        url=url,
        status=status,
        content_type=content_type.split(";")[0].strip().lower(),
        charset="",
        content=body,
    )


@dataclass(frozen=True)
class Answered:
    """What a server answered to a POST, whatever the status: the caller decides."""

    status: int
    content_type: str
    content: bytes  # at most the `max_bytes` asked for
    retry_after: str  # the Retry-After header, as sent ("" when none)


def _post(target: Target, ip, *, body: bytes, headers: dict[str, str], max_bytes: int) -> Answered:
    deadline = time.monotonic() + TOTAL_SECONDS
    try:
        status, response, content = _exchange(
            target,
            ip,
            headers={"Content-Length": str(len(body)), **headers},
            max_bytes=max_bytes,
            deadline=deadline,
            method="POST",
            body=body,
        )
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        raise OutboundError(ERROR_UNREACHABLE) from exc
    content_type = response.getheader("Content-Type") or ""
    return Answered(
        status=status,
        content_type=content_type.split(";")[0].strip().lower(),
        content=content,
        retry_after=response.getheader("Retry-After") or "",
    )


def post(url: str, *, body: bytes, headers: dict[str, str], max_bytes: int = 64_000) -> Answered:
    """POST to a public address somebody entered (a webhook's target), checked like `fetch`:
    read once, resolved once, refused if any answer is internal, connected to as checked.
    Redirects are not followed (a 3xx is returned like any other status): a POST that is
    sent on elsewhere could be sent inside. OutboundError when refused or unreachable."""
    target = parse_url(url)
    return _post(target, resolve(target), body=body, headers=headers, max_bytes=max_bytes)


def get_configured(url: str, *, headers: dict[str, str], max_bytes: int = 64_000) -> Answered:
    """GET an operator-configured address (an API such as Microsoft Graph) with headers,
    whatever the status, as `post_configured` does for a POST; no redirects."""
    target, ip = _configured_target(url)
    deadline = time.monotonic() + TOTAL_SECONDS
    try:
        status, response, content = _exchange(
            target, ip, headers=headers, max_bytes=max_bytes, deadline=deadline
        )
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        raise OutboundError(ERROR_UNREACHABLE) from exc
    return Answered(
        status=status,
        content_type=(response.getheader("Content-Type") or "").split(";")[0].strip().lower(),
        content=content,
        retry_after=response.getheader("Retry-After") or "",
    )


def post_configured(
    url: str, *, body: bytes, headers: dict[str, str], max_bytes: int = 64_000
) -> Answered:
    """POST to an address the operator configured in the environment (the learning record
    store): internal hosts and any port allowed, as `fetch_configured`; no redirects."""
    target, ip = _configured_target(url)
    return _post(target, ip, body=body, headers=headers, max_bytes=max_bytes)
