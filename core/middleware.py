"""Middleware every request passes, whatever app answers it."""

import ipaddress
import logging

from . import client_address

logger = logging.getLogger(__name__)


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class ClientAddressMiddleware:
    """First of all: REMOTE_ADDR becomes the client's address behind our trusted proxies.

    The proxy's own address is kept in META["academy.peer_address"] (core.client_address
    says how the client is found and why it is done here, once, for every reader). It runs
    before the health check on purpose: the container's HEALTHCHECK connects over loopback
    without X-Forwarded-For, so it still counts as local; a request from outside that a
    proxy on this machine passes on counts as the outside client, so it gets the host check
    and HTTPS redirect like every page, as the README promises.

    A proxy on a private network that sends X-Forwarded-For but is not trusted is logged
    once per process: without it nothing would show that everyone counts as one address.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        client_address.configured()  # a malformed TRUSTED_PROXIES stops start-up here
        self.warned = False

    def __call__(self, request):
        address = client_address.client_address(request)
        request.META[client_address.PEER_ADDRESS] = request.META.get("REMOTE_ADDR", "")
        request.META["REMOTE_ADDR"] = address
        if not self.warned and (proxy := client_address.untrusted_proxy(request)):
            self.warned = True
            logger.warning(
                "X-Forwarded-For from %s is ignored: that address is not in TRUSTED_PROXIES. "
                "If it is your proxy, list it there, or everyone behind it counts as one "
                "address (sign-in throttling, unique visitors).",
                proxy,
            )
        return self.get_response(request)


class LocalHealthCheckMiddleware:
    """/healthz/ asked from this machine is answered before the host check and SSL redirect.

    The container's HEALTHCHECK asks http://127.0.0.1:8000/healthz/ from inside: no public
    host name, no TLS proxy in front. Production settings would answer that with 400 (host
    not allowed) or 301 (to HTTPS), and the container would never count as healthy. Only
    requests from a loopback address are answered here; from anywhere else /healthz/ passes
    every check like any other page. The answer names no host, so nothing can be poisoned.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz/" and _is_loopback(request.META.get("REMOTE_ADDR", "")):
            from .views import healthz

            return healthz(request)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on the site's own pages: scripts only from our own files.

    No inline scripts, no `eval`, no plugins, no framing by others, no foreign <base>. Styles
    allow inline `style` attributes (server-computed widths of progress bars and charts),
    which cannot run code. Lesson videos may come from the video hosts in
    ACADEMY_CSP_FRAME_SOURCES. The CMS (/cms/) keeps Wagtail's own needs and is left out.
    """

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        frames = " ".join(["'self'", *settings.ACADEMY_CSP_FRAME_SOURCES])
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: https:",
                f"frame-src {frames}",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
            ]
        )
        self.excluded = tuple(settings.ACADEMY_CSP_EXCLUDED_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.excluded):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
