"""Server-side fetching: one strict reading of an address, the checked address connected to,
every redirect checked, size capped; a real internal server that never gets a request."""

import ipaddress
import re
import ssl
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from core import outbound
from sharing import preview
from tests.outbound_helpers import PUBLIC_IP, SECRET, fake_dns, gzip_bomb, route_public

PUBLIC_NAMES = {
    name: [PUBLIC_IP]
    for name in ("public.example", "example.com", "www.linkedin.com", "evil.example")
}
DNS = {**PUBLIC_NAMES, "internal.example": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]}

# Each one reads as a public host to a naive check (or to one parser) and reaches
# 127.0.0.1 through another; {port} is the internal server's.
CRAFTED = [
    "http://127.0.0.1:{port}\\@public.example/",
    "http://127.0.0.1:{port}\\@example.com/",
    "http://public.example@127.0.0.1:{port}/",
    "http://example.com@127.0.0.1:{port}/",
    "http://public.example:x@127.0.0.1:{port}/",
    "http://0x7f.1:{port}/",
    "http://0x7f000001:{port}/",
    "http://2130706433:{port}/",
    "http://017700000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://127.1:{port}/",
    "http://127.0.1:{port}/",
    "http://127.000.000.001:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[::127.0.0.1]:{port}/",
    "http://[64:ff9b::7f00:1]:{port}/",
    "http://[2002:7f00:1::]:{port}/",
    "http://[::1]:{port}/",
    "http://[fe80::1%25lo]:{port}/",
    "http://localhost:{port}/",
    "http://localhost.:{port}/",
    "http://LOCALHOST:{port}/",
    "http://ｌｏｃａｌｈｏｓｔ:{port}/",
    "http://127。0。0。1:{port}/",
    "http://%31%32%37.0.0.1:{port}/",
    "http://127.0.0.1%2f@public.example:{port}/",
    "http://internal.example:{port}/",
    "http://127.0.0.1:{port}/",
    "http://0.0.0.0:{port}/",
    "http://127.0.0.1:{port}#@public.example/",
    "http://public.example\t@127.0.0.1:{port}/",
    "http://127.0.0.1:{port}\n.public.example/",
    " http://127.0.0.1:{port}/",
    "http://127.0.0.1:0{port}/",
    "http:/127.0.0.1:{port}/",
    "http:\\\\127.0.0.1:{port}/",
    "HTTP://127.0.0.1:{port}/",
    "http://\u200b127.0.0.1:{port}/",
]


@pytest.fixture(autouse=True)
def _dns(monkeypatch):
    fake_dns(monkeypatch, dict(DNS))


@pytest.mark.parametrize("url", CRAFTED)
def test_crafted_addresses_never_reach_the_internal_server(internal, url):
    """Every crafted address is refused as a preview, and the internal server sees nothing."""
    with pytest.raises(outbound.OutboundError):
        preview.fetch_preview(url.format(port=internal.port))
    assert internal.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1\\@example.com/",
        "http://example.com@127.0.0.1/",
        "http://0x7f.1/",
        "http://2130706433/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost./",
        "http://localhost/",
        "http://intranet/",
        "http://db.internal/",
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://example.com:8080/",
        "http://example.com:/",
        "https://bÜcher.example/",
        "https://faß.example/",
        "https://example.com/\u202etxt.exe",
        "javascript:alert(1)",
        "ftp://example.com/",
        "//example.com/",
        "http://exa mple.com/",
    ],
)
def test_addresses_shown_to_people_are_read_strictly(url):
    """The stored-address validator refuses what a browser could read as another host."""
    with pytest.raises(ValidationError):
        outbound.public_url(url)


@pytest.mark.parametrize(
    ("url", "host", "port", "path"),
    [
        ("https://www.linkedin.com/posts/x?y=1#c", "www.linkedin.com", 443, "/posts/x?y=1"),
        ("HTTP://News.Example.org", "news.example.org", 80, "/"),
        ("https://bücher.example/ü", "xn--bcher-kva.example", 443, "/%C3%BC"),
        ("http://8.8.8.8:443/", "8.8.8.8", 443, "/"),
        ("https://[2606:4700::1]/", "2606:4700::1", 443, "/"),
        ("https://example.com?q=@evil.example", "example.com", 443, "/?q=@evil.example"),
    ],
)
def test_plain_addresses_are_read_as_a_browser_reads_them(url, host, port, path):
    """Ordinary addresses pass, with the host a browser would go to."""
    outbound.public_url(url)
    target = outbound.parse_url(url)
    assert (target.host, target.port, target.path) == (host, port, path)


def test_linkedin_means_the_real_host():
    """Only linkedin.com and its subdomains are LinkedIn, as a browser reads the host."""
    assert outbound.host_is(outbound.parse_url("https://www.linkedin.com/in/x"), "linkedin.com")
    assert outbound.host_is(outbound.parse_url("https://linkedin.com/"), "linkedin.com")
    for other in ("https://www.linkedin.com.evil.example/", "https://evillinkedin.com/"):
        assert not outbound.host_is(outbound.parse_url(other), "linkedin.com")
    with pytest.raises(outbound.OutboundError):
        outbound.parse_url("https://evil.example\\@www.linkedin.com/")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "100.64.0.1",
        "169.254.169.254",
        "0.0.0.0",  # noqa: S104
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:8.8.8.8",
        "::ffff:127.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a00:1",
        "2002:a00:1::",
        "2001:db8::1",
    ],
)
def test_only_public_addresses_count_as_public(address):
    assert not outbound.is_public(ipaddress.ip_address(address))


def test_public_addresses_are_public():
    for address in ("8.8.8.8", PUBLIC_IP, "2606:4700::1111"):
        assert outbound.is_public(ipaddress.ip_address(address))


def test_a_name_with_any_internal_answer_is_refused(monkeypatch, internal):
    """A name that answers with a public and an internal address is not fetched at all."""
    fake_dns(monkeypatch, {"mixed.example": [PUBLIC_IP, "127.0.0.1"]})
    with pytest.raises(outbound.OutboundError):
        outbound.fetch(f"http://mixed.example:{internal.port}/")
    assert internal.requests == []


def test_the_checked_address_is_the_one_connected_to(monkeypatch, http_server):
    """The name is resolved once and the connection goes to that address, with the name in
    the Host header (the page is read through a pinned connection)."""
    site, connected, asked = http_server(), [], []
    site.routes["/page"] = (200, {"Content-Type": "text/html; charset=utf-8"}, b"<p>hi</p>")
    fake_dns(monkeypatch, dict(DNS), calls=asked)
    route_public(monkeypatch, site, connected)
    page = outbound.fetch("http://public.example/page")
    assert page.content == b"<p>hi</p>"
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert site.requests == [("/page", "public.example")]
    assert connected == [PUBLIC_IP]
    assert asked == ["public.example"]


def test_dns_rebinding_cannot_move_the_connection(monkeypatch, http_server, internal):
    """A name that answers public first and 127.0.0.1 afterwards: the connection goes to the
    first, checked address, and the internal server never hears of it."""
    site, connected = http_server(), []
    fake_dns(monkeypatch, {"rebind.example": [[PUBLIC_IP], ["127.0.0.1"]]})
    monkeypatch.setattr(outbound, "PORTS", {80, 443, internal.port})
    route_public(monkeypatch, site, connected)
    found = preview.fetch_preview(f"http://rebind.example:{internal.port}/")
    assert found["title"] == SECRET  # the public site's page, reached at the checked address
    assert connected == [PUBLIC_IP]
    assert internal.requests == []
    assert site.requests == [("/", f"rebind.example:{internal.port}")]


@pytest.mark.parametrize(
    "location",
    [
        "http://internal.example:{port}/admin",
        "http://127.0.0.1:{port}/admin",
        "http://127.0.0.1:{port}\\@public.example/",
        "http://0x7f.1:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://metadata.example/latest/meta-data/",
        "/\\127.0.0.1:{port}/",
        "//127.0.0.1:{port}/",
        "file:///etc/passwd",
    ],
)
def test_every_redirect_hop_is_checked(monkeypatch, http_server, internal, location):
    """A public page that redirects to an internal address is refused at the redirect."""
    site = http_server()
    site.routes["/"] = (302, {"Location": location.format(port=internal.port)}, b"")
    route_public(monkeypatch, site)
    with pytest.raises(outbound.OutboundError):
        preview.fetch_preview("http://public.example/")
    assert site.requests == [("/", "public.example")]
    assert internal.requests == []


def test_redirects_are_followed_and_bounded(monkeypatch, http_server):
    """A redirect to a public page is followed; a loop stops after MAX_REDIRECTS hops."""
    site = http_server()
    site.routes["/old"] = (301, {"Location": "/new"}, b"")
    site.routes["/new"] = (200, {"Content-Type": "text/html"}, b"<title>New</title>")
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    route_public(monkeypatch, site)
    assert preview.fetch_preview("http://public.example/old")["title"] == "New"
    with pytest.raises(outbound.OutboundError) as refused:
        outbound.fetch("http://public.example/loop")
    assert str(refused.value) == str(outbound.ERROR_TOO_MANY_REDIRECTS)
    assert len([r for r in site.requests if r[0] == "/loop"]) == outbound.MAX_REDIRECTS + 1


def test_size_is_capped_also_after_decompression(monkeypatch, http_server):
    """A large page and a gzip bomb are both read only up to the limit."""
    site = http_server()
    site.routes["/big"] = (200, {"Content-Type": "text/html"}, b"a" * 3_000_000)
    site.routes["/bomb"] = (
        200,
        {"Content-Type": "text/html", "Content-Encoding": "gzip"},
        gzip_bomb(50_000_000),
    )
    route_public(monkeypatch, site)
    assert len(outbound.fetch("http://public.example/big").content) == outbound.MAX_BYTES
    assert len(outbound.fetch("http://public.example/bomb").content) == outbound.MAX_BYTES


def test_https_verifies_the_name_on_the_checked_address(monkeypatch):
    """TLS goes to the checked address, with the name for SNI and certificate checks."""
    connected, names = [], []

    class Context:
        def wrap_socket(self, sock, server_hostname):
            names.append(server_hostname)
            raise ssl.SSLCertVerificationError("certificate for another name")

    class Socket:
        def close(self):
            pass

    def connect(ip, port, timeout):
        connected.append((str(ip), port))
        return Socket()

    monkeypatch.setattr(outbound, "_connect", connect)
    monkeypatch.setattr(outbound, "_tls_context", Context)
    with pytest.raises(outbound.OutboundError):
        outbound.fetch("https://public.example/")
    assert connected == [(PUBLIC_IP, 443)]
    assert names == ["public.example"]


# Besides outbound itself, only `make run` asking its own local server whether it is up, and
# the OpenID Connect client: it talks to the provider the operator configured (SSO_<SLUG>_
# ISSUER, not an address people type), through mozilla-django-oidc, which uses requests for
# the token and userinfo calls itself; a test provider on loopback must work too.
ALLOWED = {
    "core/outbound.py",
    "demo/management/commands/run_platform.py",
    "identity/oidc.py",
}
APP_DIRS = ("ambassadors", "courses", "guidelines", "insights", "mentors", "missions", "sharing")
CLIENTS = re.compile(
    r"^\s*(?:import|from)\s+(?:requests|urllib3|httpx|aiohttp|pycurl|urllib\.request|http\.client)"
    r"\b|urlopen\(|feedparser\.parse\((?!io\.BytesIO)",
    re.MULTILINE,
)


def test_every_server_side_fetch_goes_through_outbound():
    """No app module talks HTTP itself (or lets feedparser fetch): only core/outbound."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in APP_DIRS + ("core", "identity", "api", "integrations", "demo", "config")
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*.py")
        if "migrations" not in path.parts
        and str(path.relative_to(root)) not in ALLOWED
        and CLIENTS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
