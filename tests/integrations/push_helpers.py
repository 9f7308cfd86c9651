"""A browser's side of web push, for the tests: its key pair and auth secret (as
`PushManager.subscribe` makes them), the site's VAPID keys, and reading what arrived."""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.outbound_helpers import PUBLIC_IP, fake_dns, route_public

PUSH_HOST = "push.example.com"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """What a browser keeps of its subscription: the private key and the auth secret."""

    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @classmethod
    def make(cls) -> Browser:
        return cls(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )
        return b64(point)

    def keys(self) -> dict:
        return {"p256dh": self.p256dh, "auth": b64(self.auth)}

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


@pytest.fixture
def vapid(settings):
    """The site's VAPID keys, made for the test."""
    key = ec.generate_private_key(ec.SECP256R1())
    settings.WEBPUSH_VAPID_PRIVATE_KEY = b64(key.private_numbers().private_value.to_bytes(32))
    settings.WEBPUSH_VAPID_PUBLIC_KEY = b64(
        key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    )
    settings.WEBPUSH_SUBJECT = "mailto:comms@example.org"
    return key.public_key()


@pytest.fixture
def push_service(http_server, monkeypatch):
    """A real HTTP server that plays push.example.com on the internet."""
    server = http_server()
    fake_dns(monkeypatch, {PUSH_HOST: [PUBLIC_IP]})
    route_public(monkeypatch, server)
    return server


def vapid_claims(authorization: str, public_key: ec.EllipticCurvePublicKey) -> dict:
    """The claims of a `vapid t=…, k=…` header, after checking that its key is the site's
    and its ES256 signature holds (RFC 8292); AssertionError otherwise."""
    scheme, _space, params = authorization.partition(" ")
    assert scheme == "vapid"
    parts = dict(part.strip().split("=", 1) for part in params.split(","))
    site_key = public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    assert unb64(parts["k"]) == site_key
    header, payload, signature = parts["t"].split(".")
    raw = unb64(signature)
    assert len(raw) == 64
    der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
    public_key.verify(der, f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
    assert json.loads(unb64(header)) == {"typ": "JWT", "alg": "ES256"}
    claims = json.loads(unb64(payload))
    assert time.time() < claims["exp"] <= time.time() + 24 * 60 * 60
    return claims
