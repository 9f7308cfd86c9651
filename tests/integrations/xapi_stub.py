"""A stand-in learning record store for the unit tests: a real local HTTP server that answers
POST /xAPI/statements with the statuses it is told, in order, and keeps what it was sent."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class StubLrs:
    port: int = 0
    # Statuses to answer, one per request; 200 once they are used up.
    answers: list[int] = field(default_factory=list)
    received: list[dict] = field(default_factory=list)  # {"path", "headers", "statements"}

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def statement_ids(self) -> list[str]:
        return [s["id"] for request in self.received for s in request["statements"]]


def _handler(lrs: StubLrs):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null")
            lrs.received.append(
                {"path": self.path, "headers": dict(self.headers), "statements": body}
            )
            status = lrs.answers.pop(0) if lrs.answers else 200
            content = (
                json.dumps([s["id"] for s in body]).encode()
                if status == 200
                else json.dumps({"detail": f"answered {status}"}).encode()
            )
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(name="stub_lrs")
def stub_lrs_fixture(settings):
    """A stub LRS, configured as the site's LRS for the test."""
    lrs = StubLrs()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(lrs))
    lrs.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    settings.XAPI_ENDPOINT = lrs.endpoint
    settings.XAPI_USERNAME = "academy"
    settings.XAPI_PASSWORD = "s3cret"
    yield lrs
    httpd.shutdown()
    httpd.server_close()
