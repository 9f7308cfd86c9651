"""Running the test OpenID provider as a real process, and signing in at it as a person would."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.waiting import wait_until

from .serve import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    state_dir: Path
    log: Path

    def misbehave(self, **quirks) -> None:
        """From the next ID token on, send what a broken provider would (validator.py)."""
        (self.state_dir / "quirks.json").write_text(json.dumps(quirks))

    def behave(self) -> None:
        (self.state_dir / "quirks.json").unlink(missing_ok=True)


@contextlib.contextmanager
def running_provider(
    state_dir: Path, *, clients: dict[str, dict], people: dict[str, dict]
) -> Iterator[RunningProvider]:
    """The provider on a free port of 127.0.0.1, with a fresh RSA key, until the block ends.

    `clients`: client id → {"secret": ..., "redirect_uris": [...]}; `people`: username →
    claims (every password is serve.PASSWORD).
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (state_dir / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (state_dir / "clients.json").write_text(json.dumps(clients))
    (state_dir / "people.json").write_text(json.dumps(people))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_TEST_STATE_DIR": str(state_dir),
        "OIDC_TEST_SECRET_KEY": secrets.token_hex(32),
    }
    log = state_dir / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    issuer = f"http://127.0.0.1:{port}/o"
    try:
        wait_until(
            lambda: requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok,
            timeout=60,
            ignoring=(requests.ConnectionError,),
            message=lambda: log.read_text()[-3000:],
        )
        yield RunningProvider(issuer=issuer, state_dir=state_dir, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_at_provider(authorize_url: str, *, username: str, redirect_prefix: str) -> str:
    """Follow the site's redirect to the provider, sign in there with the login form, and
    return the URL the provider sends the browser back to (starting with redirect_prefix)."""
    browser = requests.Session()
    url = authorize_url
    for _hop in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and 'name="password"' in response.text:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
            next_url = re.search(r'name="next" value="([^"]*)"', response.text)
            response = browser.post(
                response.url,
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "username": username,
                    "password": PASSWORD,
                    "next": next_url.group(1).replace("&amp;", "&"),
                },
                headers={"Referer": response.url},
                allow_redirects=False,
                timeout=10,
            )
        if response.status_code not in (301, 302, 303):
            raise AssertionError(f"provider answered {response.status_code}: {response.text[:500]}")
        url = urljoin(response.url, response.headers["Location"])
        if url.startswith(redirect_prefix):
            return url
    raise AssertionError("the provider never sent the browser back")
