"""Provisioning connections and a client that speaks SCIM with one's token; second factors
(an authenticator app and the code it shows now)."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity import two_factor
from identity.models import ScimConnection
from identity.scim.services import scim_connection_create

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def make_scim_connection(name="Contoso Entra ID", slug="entra") -> tuple[ScimConnection, str]:
    """A usable connection and its token (as the CMS shows it once)."""
    return scim_connection_create(name=name, slug=slug, created_by=None)


class ScimClient:
    """Calls /scim/v2/ as a provisioning client: bearer token, application/scim+json."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def _send(self, method, path, body):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.client, method)(
            f"/scim/v2/{path}", data, content_type="application/scim+json", **self.headers
        )

    def get(self, path, **params):
        return self.client.get(f"/scim/v2/{path}", params, **self.headers)

    def post(self, path, body):
        return self._send("post", path, body)

    def put(self, path, body):
        return self._send("put", path, body)

    def patch(self, path, *operations):
        return self._send("patch", path, {"schemas": [PATCH_OP], "Operations": list(operations)})

    def patch_raw(self, path, body):
        return self._send("patch", path, body)

    def delete(self, path):
        return self.client.delete(f"/scim/v2/{path}", **self.headers)


def entra_user(user_name="sam.jansen@contoso.example", external_id="sam.jansen", **more) -> dict:
    """A User as Entra ID's default attribute mappings send it on create."""
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": external_id,
        "userName": user_name,
        "active": True,
        "displayName": "Sam Jansen",
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "name": {"formatted": "Sam Jansen", "familyName": "Jansen", "givenName": "Sam"},
        "preferredLanguage": "en-GB",
        ENTERPRISE: {"department": "Sales"},
    }
    body.update(more)
    return body


def app_for(user: User, name: str = "Phone") -> TOTPDevice:
    """A confirmed authenticator app, as if the person had set it up."""
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def code_from(device: TOTPDevice | str) -> str:
    """The six digits the app (or an app holding this hex key) shows at this moment."""
    key = device if isinstance(device, str) else device.key
    return f"{totp(bytes.fromhex(key)):06d}"


def recovery_codes_for(user: User) -> list[str]:
    return two_factor.recovery_codes_new(user=user)
