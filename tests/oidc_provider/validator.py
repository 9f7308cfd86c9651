"""Claims for the test people, and quirks a test switches on to make the provider misbehave.

`people.json` (username → claims) gives each person's claims. `quirks.json`, read for every
ID token, makes the provider send what a broken or impersonated provider would:
  {"iss": "..."}          another issuer
  {"aud": "..."}          another audience (e.g. the second application's client id)
  {"time_shift": -3600}   iat and exp shifted by that many seconds (an expired token)
  {"foreign_key": true}   signed with a key that is not in the provider's JWKS
"""

import json
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


def _read(name: str) -> dict:
    path = settings.STATE / name
    return json.loads(path.read_text()) if path.exists() else {}


class Validator(OAuth2Validator):
    # Every claim goes out whatever the scopes (groups and department are not standard).
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        return _read("people.json").get(request.user.username, {})

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        quirks = _read("quirks.json")
        for name in ("iss", "aud"):
            if name in quirks:
                claims[name] = quirks[name]
        if "time_shift" in quirks:
            now = int(time.time()) + quirks["time_shift"]
            claims["iat"], claims["exp"] = now, now + 60
        return claims, expiration

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if not _read("quirks.json").get("foreign_key"):
            return signed
        header = jwt.get_unverified_header(signed)
        payload = jwt.decode(signed, options={"verify_signature": False})
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = other.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return jwt.encode(payload, pem, algorithm="RS256", headers={"kid": header["kid"]})
