"""Provisioning connections and a client that speaks SCIM with one's token."""

from __future__ import annotations

import json

from django.test import Client

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
