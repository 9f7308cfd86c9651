"""Real local HTTP servers and a fake resolver for the tests of server-side fetching.

`internal` plays the organisation's internal network: a real server on 127.0.0.1 that must
never receive a request. `public` plays a site on the internet: the fake resolver gives its
names the address PUBLIC_IP, and `route_public` makes connections to that address reach
the local server instead of the real internet (nothing in the tests leaves the machine).
"""

from __future__ import annotations

import gzip
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PUBLIC_IP = "93.184.216.34"
SECRET = "internal-secret-title"
REAL_GETADDRINFO = socket.getaddrinfo


@dataclass
class Server:
    port: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Host header)
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    # POSTs received: (path, headers, body); answered in turn from `post_answers` (each
    # (status, headers, body)), then 204 with no body.
    posts: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    post_answers: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            server.requests.append((self.path, self.headers.get("Host", "")))
            status, headers, body = server.routes.get(
                self.path,
                (200, {"Content-Type": "text/html"}, f"<title>{SECRET}</title>".encode()),
            )
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            server.posts.append((self.path, dict(self.headers.items()), body))
            status, headers, answer = (
                server.post_answers.pop(0) if server.post_answers else (204, {}, b"")
            )
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def http_server():
    """Start real local servers on demand; each is stopped after the test."""
    started = []

    def start() -> Server:
        server = Server()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
        server.port = httpd.server_address[1]
        threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
        started.append(httpd)
        return server

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def internal(http_server, monkeypatch):
    """The internal server; its port counts as a normal web port, so only the address
    decides whether a request is refused."""
    from core import outbound

    server = http_server()
    monkeypatch.setattr(outbound, "PORTS", {*outbound.PORTS, server.port})
    return server


def fake_dns(monkeypatch, table: dict[str, list[str]], calls: list[str] | None = None):
    """Names answer from the table (a list of answers is used up one call at a time when
    its entries are lists); IP literals are read as the system does; nothing goes out."""

    def getaddrinfo(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in table:
            answers = table[name]
            if answers and isinstance(answers[0], list):
                answers = answers.pop(0) if len(answers) > 1 else answers[0]
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port or 0),
                )
                for address in answers
            ]
        return REAL_GETADDRINFO(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def route_public(monkeypatch, server: Server, connected: list[str] | None = None):
    """Connections to PUBLIC_IP reach `server` on 127.0.0.1; every address asked is noted."""
    from core import outbound

    real = outbound._connect

    def connect(ip, port, timeout):
        if connected is not None:
            connected.append(str(ip))
        if str(ip) == PUBLIC_IP:
            import ipaddress

            return real(ipaddress.ip_address("127.0.0.1"), server.port, timeout)
        return real(ip, port, timeout)

    monkeypatch.setattr(outbound, "_connect", connect)


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)
