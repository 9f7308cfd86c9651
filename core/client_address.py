"""The address a request came from, behind the proxies listed in ACADEMY_TRUSTED_PROXIES.

Behind a TLS-terminating proxy every request arrives from the proxy: REMOTE_ADDR alone would
make all people one address (30 failed sign-ins by anyone lock everyone out, every click on
a tracked link is the same visitor). The proxy passes the address it saw in
X-Forwarded-For, but anyone can send that header too, so it counts only when the request
comes from a proxy we trust, and only the part our proxies wrote:

- REMOTE_ADDR is not a trusted proxy (or none is listed, the default): it is the client;
  X-Forwarded-For is ignored entirely.
- Else X-Forwarded-For (every such header, joined) is read from the right, where our own
  proxies append. Trusted proxies are skipped; the first entry that is not one is the
  client. Anything left of it was written by the client and is never read.
- An entry that is not an address ("unknown", garbage, an empty entry) stops the walk: the
  client is the last trusted hop read before it (the proxy that got the request). That
  errs towards counting people together, never towards an address a client invented, and
  never towards an empty one (which the throttle would not count).
- Every entry trusted: the left-most one.
- Entries may carry a port ("203.0.113.7:5678", "[2001:db8::7]:443") or IPv6 brackets, as
  some proxies write them; the port is dropped. Addresses are normalised (an IPv4-mapped
  IPv6 address becomes the IPv4 address), so one client is one address however it came.

One way to get it: ClientAddressMiddleware (core.middleware) runs first and puts the client's
address in REMOTE_ADDR, the proxy's in META["academy.peer_address"], so every reader —
the throttle, tracked links, Wagtail, Django's own code, the logs — gets the client without
knowing about proxies; code that reads REMOTE_ADDR cannot get it wrong. client_address()
answers the same for a request that did not pass the middleware (a request built in a
test, a signal sent outside a view).

DESIGN.md lists trusted proxies under identity; they live here because core imports no app
and the throttle (core.throttle) needs them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Where the middleware keeps the address of the machine that connected (the proxy's).
PEER_ADDRESS = "academy.peer_address"


def trusted_proxies(entries: Iterable[str]) -> tuple[Network, ...]:
    """The networks of TRUSTED_PROXIES; an entry that is no address or network is an error."""
    networks = []
    for entry in entries:
        try:
            # strict: "10.0.0.1/8" (host bits set) is a typo, not a network to guess at.
            networks.append(ipaddress.ip_network(entry.strip(), strict=True))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                f"(write e.g. 10.0.0.5, 10.0.0.0/24, 2001:db8::/64): {exc}"
            ) from exc
    return tuple(networks)


@lru_cache(maxsize=4)
def _configured(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return trusted_proxies(entries)


def configured() -> tuple[Network, ...]:
    """The trusted proxies of the current settings (parsed once per value)."""
    return _configured(tuple(settings.ACADEMY_TRUSTED_PROXIES))


def parse(entry: str) -> Address | None:
    """One X-Forwarded-For entry as an address (port and brackets dropped), else None."""
    text = entry.strip()
    if text.startswith("["):  # [2001:db8::7] or [2001:db8::7]:443
        text, bracket, _port = text[1:].partition("]")
        if not bracket:
            return None
    elif text.count(":") == 1:  # 203.0.113.7:5678 (a bare IPv6 address has two or more)
        text, _colon, port = text.partition(":")
        if not port.isdigit():
            return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address in network for network in trusted)


def resolve(*, peer: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The client's address, from the connecting peer and X-Forwarded-For (see the module)."""
    hop = parse(peer) if peer else None
    if hop is None:
        return peer  # no address at all (a Unix socket): nothing to trust or normalise
    if not _is_trusted(hop, trusted):
        return str(hop)
    for entry in reversed(forwarded_for.split(",") if forwarded_for else []):
        address = parse(entry)
        if address is None:
            break  # not an address: the last trusted hop is all we know
        hop = address
        if not _is_trusted(address, trusted):
            break
    return str(hop)


def client_address(request) -> str:
    """The address of the person behind the request ("" without a request)."""
    if request is None:
        return ""
    meta = request.META
    if PEER_ADDRESS in meta:  # ClientAddressMiddleware already put it in REMOTE_ADDR
        return meta.get("REMOTE_ADDR") or ""
    return resolve(
        peer=meta.get("REMOTE_ADDR") or "",
        forwarded_for=meta.get("HTTP_X_FORWARDED_FOR") or "",
        trusted=configured(),
    )


def untrusted_proxy(request) -> str | None:
    """The peer, when it looks like a proxy we were not told about: it sent X-Forwarded-For
    from a private network but is not in TRUSTED_PROXIES (the header was ignored)."""
    peer = request.META.get(PEER_ADDRESS, request.META.get("REMOTE_ADDR")) or ""
    if not request.META.get("HTTP_X_FORWARDED_FOR"):
        return None
    address = parse(peer)
    if address is None or not address.is_private or _is_trusted(address, configured()):
        return None
    return str(address)


def check_trusted_proxies(app_configs=None, **kwargs) -> list:
    """System check: every TRUSTED_PROXIES entry is an address or a network."""
    from django.core.checks import Error

    try:
        trusted_proxies(settings.ACADEMY_TRUSTED_PROXIES)
    except ImproperlyConfigured as problem:
        return [Error(str(problem), id="core.E001")]
    return []
