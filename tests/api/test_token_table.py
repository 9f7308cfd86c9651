"""Every API operation × every kind of token, with the status each must get.

OPERATIONS has a row per operation of the schema (`test_every_operation_has_a_row` fails on
one without); REQUESTS says how to call it (method, path from the `world`, JSON body). The
scope a service token needs is read from the schema (security: bearer: [scope]); "service"
has exactly that scope, "service-without-scope" every other scope.
"""

import json

import pytest
from django.test import Client

from api.main import api
from api.models import SCOPES
from api.services import token_revoke
from tests.factories import make_user
from tests.factories.api import bearer, expire, make_personal_token, make_service_token
from tests.factories.sharing import make_item

pytestmark = pytest.mark.django_db

KINDS = ("none", "expired", "revoked", "personal", "service-without-scope", "service")


def service_only(status: int = 200) -> dict[str, int]:
    """An organisation-wide operation: only a service token with its scope."""
    return {
        "none": 401,
        "expired": 401,
        "revoked": 401,
        "personal": 403,
        "service-without-scope": 403,
        "service": status,
    }


def personal_only(status: int = 200) -> dict[str, int]:
    """A /me operation: only a personal token (it reads its own person)."""
    return {
        "none": 401,
        "expired": 401,
        "revoked": 401,
        "personal": status,
        "service-without-scope": 403,
        "service": 403,
    }


OPERATIONS: dict[str, dict[str, int]] = {
    "me_get": personal_only(),
    "me_progress": personal_only(),
    "me_acknowledgements": personal_only(),
    "me_reach": personal_only(),
    "people_list": service_only(),
    "people_get": service_only(),
    "courses_list": service_only(),
    "completions_list": service_only(),
    "person_progress": service_only(),
    "acknowledgements_list": service_only(),
    "acknowledgements_coverage": service_only(),
    "missions_list": service_only(),
    "assignments_list": service_only(),
    "content_items_create": service_only(201),
    "content_items_list": service_only(),
    "sharing_daily": service_only(),
    "content_item_figures": service_only(),
    "insights_table": service_only(),
    "people_create": service_only(201),
    "people_update": service_only(),
    "people_deactivate": service_only(),
    "people_reactivate": service_only(),
}

# operation_id → (method, path or path builder taking the world, JSON body or None)
REQUESTS = {
    "me_get": ("GET", "/api/v1/me", None),
    "me_progress": ("GET", "/api/v1/me/progress", None),
    "me_acknowledgements": ("GET", "/api/v1/me/acknowledgements", None),
    "me_reach": ("GET", "/api/v1/me/reach", None),
    "people_list": ("GET", "/api/v1/people", None),
    "people_get": ("GET", lambda w: f"/api/v1/people/{w['person'].pk}", None),
    "courses_list": ("GET", "/api/v1/courses", None),
    "completions_list": ("GET", "/api/v1/completions", None),
    "person_progress": ("GET", lambda w: f"/api/v1/people/{w['person'].pk}/progress", None),
    "acknowledgements_list": ("GET", "/api/v1/acknowledgements", None),
    "acknowledgements_coverage": ("GET", "/api/v1/acknowledgements/coverage", None),
    "missions_list": ("GET", "/api/v1/missions", None),
    "assignments_list": ("GET", "/api/v1/assignments", None),
    "content_items_create": (
        "POST",
        "/api/v1/content-items",
        {
            "url": "https://news.example/table",
            "title": "From the table",
            "variants": [{"network": "linkedin", "text": "Worth a read."}],
        },
    ),
    "content_items_list": ("GET", "/api/v1/content-items", None),
    "sharing_daily": ("GET", "/api/v1/sharing/daily", None),
    "content_item_figures": (
        "GET",
        lambda w: f"/api/v1/content-items/{w['item'].pk}/figures",
        None,
    ),
    "insights_table": ("GET", "/api/v1/insights/funnel", None),
    "people_create": ("POST", "/api/v1/people", {"email": "new@contoso.example"}),
    "people_update": ("PATCH", lambda w: f"/api/v1/people/{w['person'].pk}", {"last_name": "X"}),
    "people_deactivate": ("POST", lambda w: f"/api/v1/people/{w['person'].pk}/deactivate", None),
    "people_reactivate": ("POST", lambda w: f"/api/v1/people/{w['person'].pk}/reactivate", None),
}


def _operations() -> dict[str, str | None]:
    """operation_id → the scope its schema names (None for personal operations)."""
    found = {}
    for path in api.get_openapi_schema()["paths"].values():
        for operation in path.values():
            needs = operation["security"][0]["bearer"]
            found[operation["operationId"]] = needs[0] if needs else None
    return found


def test_every_operation_has_a_row():
    operations = set(_operations())
    assert operations - set(OPERATIONS) == set(), "operations without a row"
    assert set(OPERATIONS) - operations == set(), "rows for operations that do not exist"
    assert set(REQUESTS) == set(OPERATIONS)
    for row in OPERATIONS.values():
        assert set(row) == set(KINDS)


@pytest.fixture
def world(db):
    return {"person": make_user(), "me": make_user(), "item": make_item()}


def _token_for(kind: str, scope: str | None, world) -> str | None:
    if kind == "none":
        return None
    if kind == "personal":
        return make_personal_token(world["me"])[1]
    if kind == "service-without-scope":
        return make_service_token(*(set(SCOPES) - {scope}))[1]
    token, raw = make_service_token(*([scope] if scope else SCOPES))
    if kind == "expired":
        expire(token)
    elif kind == "revoked":
        token_revoke(token=token, by=None)
    return raw


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_token_kind_gets_the_tables_status(operation_id, kind, world):
    scope = _operations()[operation_id]
    method, path, body = REQUESTS[operation_id]
    path = path(world) if callable(path) else path
    raw = _token_for(kind, scope, world)
    headers = bearer(raw) if raw else {}
    client = Client()
    response = client.generic(
        method,
        path,
        data="" if body is None else json.dumps(body),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == OPERATIONS[operation_id][kind], response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
