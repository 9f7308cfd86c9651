"""Calling the API in the resource tests: a service token's GET and POST, the queries of a
call once the token is warm (its last-used time written), and a problem's body."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.test_framework import problem
from tests.factories.api import bearer, make_personal_token, make_service_token

__all__ = ["Caller", "problem"]


class Caller:
    """A system with a service token of these scopes, asking for English texts."""

    def __init__(self, *scopes: str):
        self.token, raw = make_service_token(*scopes)
        self.headers = {**bearer(raw), "Accept-Language": "en"}
        self.client = Client()

    def get(self, path: str, **query):
        return self.client.get(path, query, headers=self.headers)

    def post(self, path: str, body):
        import json

        return self.client.post(
            path,
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )

    def queries(self, path: str, **query) -> int:
        """Queries of one GET, after a first one (the token's last use is written once)."""
        self.get(path, **query)
        with CaptureQueriesContext(connection) as captured:
            response = self.get(path, **query)
        assert response.status_code == 200, response.content
        return len(captured)


def personal_get(user, path: str):
    _token, raw = make_personal_token(user)
    return Client().get(path, headers=bearer(raw))
