"""API tokens in the CMS: administrators make one (shown once, kept as a hash), see when it
was last used and when it expires, and revoke it; comms staff do not get there."""

import datetime as dt
import hashlib
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from api.models import ApiToken
from tests.factories import make_user
from tests.factories.api import bearer, make_service_token

pytestmark = pytest.mark.django_db

NEW = "/cms/api-tokens/new/"


def later(days=30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def made_token(response) -> str:
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    return re.search(r'value="(aa-api-[^"]+)"', response.content.decode())[1]


def test_an_administrator_makes_a_service_token_and_sees_it_once(client_for, administrator):
    cms = client_for(administrator)
    response = cms.post(
        NEW,
        {
            "name": "Workday",
            "kind": "service",
            "scopes": ["people:read", "people:write"],
            "expires_on": later(),
            "rate_per_minute": 60,
        },
    )
    raw = made_token(response)
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.values().get())
    assert token.scopes == ["people:read", "people:write"]
    assert token.created_by == administrator
    assert token.rate_per_minute == 60
    assert timezone.localdate(token.expires_at).isoformat() == later()
    assert ModelLogEntry.objects.filter(action="academy.api_token_create").count() == 1
    assert Client().get("/api/v1/people", headers=bearer(raw)).status_code == 200
    listing = cms.get("/cms/api-tokens/")
    assert listing.status_code == 200
    assert raw not in listing.content.decode()
    assert "people:read, people:write" in listing.content.decode()


def test_a_personal_token_belongs_to_the_person_named(client_for, administrator):
    person = make_user()
    cms = client_for(administrator)
    response = cms.post(
        NEW,
        {
            "name": "Kim's phone",
            "kind": "personal",
            "person": person.email.upper(),
            "expires_on": later(),
            "rate_per_minute": 120,
        },
    )
    raw = made_token(response)
    assert ApiToken.objects.get().user == person
    assert Client().get("/api/v1/me", headers=bearer(raw)).json()["id"] == person.pk


@pytest.mark.parametrize(
    "form",
    [
        {"kind": "service", "scopes": [], "expires_on": later()},
        {"kind": "service", "scopes": ["people:read"], "person": "x", "expires_on": later()},
        {"kind": "service", "scopes": ["people:read", "root"], "expires_on": later()},
        {"kind": "personal", "person": "nobody@example.org", "expires_on": later()},
        {"kind": "service", "scopes": ["people:read"], "expires_on": later(-1)},
        {"kind": "service", "scopes": ["people:read"], "expires_on": ""},
    ],
)
def test_incomplete_forms_make_nothing(client_for, administrator, form):
    response = client_for(administrator).post(
        NEW, {"name": "Something", "rate_per_minute": 120, **form}
    )
    assert response.status_code == 200
    assert "aa-api-" not in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_at_once(client_for, administrator):
    token, raw = make_service_token("people:read")
    cms = client_for(administrator)
    assert cms.get(f"/cms/api-tokens/revoke/{token.pk}/").status_code == 200
    response = cms.post(f"/cms/api-tokens/revoke/{token.pk}/")
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert Client().get("/api/v1/people", headers=bearer(raw)).status_code == 401
    entry = ModelLogEntry.objects.get(action="academy.api_token_revoke")
    assert entry.user_id == administrator.pk
    assert f"/cms/api-tokens/revoke/{token.pk}/" not in cms.get("/cms/api-tokens/").content.decode()


def test_comms_staff_do_not_get_there(client_for, comms):
    token, _raw = make_service_token("people:read")
    cms = client_for(comms)
    for page in ("/cms/api-tokens/", NEW, f"/cms/api-tokens/revoke/{token.pk}/"):
        assert cms.get(page)["Location"] == "/cms/"
    cms.post(f"/cms/api-tokens/revoke/{token.pk}/")
    cms.post(NEW, {"name": "x", "kind": "service", "scopes": ["people:read"]})
    assert ApiToken.objects.get().revoked_at is None
    assert ApiToken.objects.count() == 1
