"""/api/v1/people through a service token: the same people, rules and services as SCIM."""

import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from ambassadors.models import Ambassador, Department, Source
from ambassadors.roles import Role
from ambassadors.services import ambassador_join
from api import errors, services
from api.models import ApiToken
from tests.factories import make_user
from tests.factories.api import bearer, make_service_token

pytestmark = pytest.mark.django_db


class Caller:
    """An HR system with a people:read + people:write token."""

    def __init__(self):
        self.token, raw = make_service_token("people:read", "people:write", name="Workday")
        self.client = Client(headers=bearer(raw))

    def get(self, path, **query):
        return self.client.get(f"/api/v1/{path}", query)

    def send(self, method, path, body=None, *, raw=None, **extra):
        data = raw if raw is not None else json.dumps(body)
        return self.client.generic(
            method, f"/api/v1/{path}", data, content_type="application/json", **extra
        )

    def post(self, path, body=None, **extra):
        return self.send("POST", path, body if body is not None else {}, **extra)

    def patch(self, path, body, **extra):
        return self.send("PATCH", path, body, **extra)


@pytest.fixture
def hr(db):
    return Caller()


def writes() -> list:
    return list(ModelLogEntry.objects.filter(action="academy.api_write").order_by("pk"))


def counts() -> tuple:
    return (
        User.objects.count(),
        Ambassador.objects.count(),
        Department.objects.count(),
        ModelLogEntry.objects.filter(action="academy.api_write").count(),
    )


def test_create_makes_an_invited_employee_and_an_audit_entry_naming_the_token(hr):
    response = hr.post(
        "people",
        {
            "email": "kim@contoso.example",
            "first_name": "Kim",
            "last_name": "de Vries",
            "department": "Sales",
            "language": "en",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    user = User.objects.get(pk=body["id"])
    assert body["username"] == user.username == "kim@contoso.example"
    assert body["status"] == "invited"
    assert body["department"] == "Sales"
    assert body["source"] == "api"
    assert user.groups.filter(name=Role.EMPLOYEE.value).exists()
    assert not user.has_usable_password()
    assert user.ambassador.source == Source.API
    assert user.ambassador.source_name == "Workday"
    (entry,) = writes()
    assert entry.data["person"] == user.pk
    assert entry.data["token"] == hr.token.pk
    assert entry.data["token_name"] == "Workday"
    assert entry.data["operation"] == "create"


def test_creating_an_existing_address_or_user_name_is_409_and_makes_nothing(hr, administrator):
    existing = make_user()
    before = counts()
    for body in (
        {"email": existing.email.upper()},
        {"email": "new@contoso.example", "username": existing.username},
        {"email": administrator.email},
    ):
        response = hr.post("people", body)
        assert response.status_code == 409, (body, response.content)
        assert response["Content-Type"] == errors.CONTENT_TYPE
        assert response.json()["detail"] == services.TAKEN
    assert counts() == before


def test_update_changes_only_what_is_sent_and_takes_over_an_imported_account(hr):
    user = make_user(source=Source.IMPORT, source_name="")
    first_name = user.first_name
    response = hr.patch(f"people/{user.pk}", {"last_name": "Jansen", "department": "Legal"})
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert user.last_name == "Jansen"
    assert user.first_name == first_name
    assert user.ambassador.department.name == "Legal"
    assert user.ambassador.source == Source.API
    assert writes()[-1].data["fields"] == ["department", "last_name"]


def test_renaming_to_another_accounts_address_is_409_and_changes_nothing(hr):
    user, other = make_user(), make_user()
    response = hr.patch(f"people/{user.pk}", {"email": other.email, "last_name": "X"})
    assert response.status_code == 409
    user.refresh_from_db()
    assert user.last_name != "X"
    assert writes() == []


def test_deactivate_switches_off_and_reactivate_asks_for_consent_again(hr):
    user = make_user(joined=False)
    ambassador_join(ambassador=user.ambassador)
    browser = Client()
    browser.force_login(user)
    response = hr.post(f"people/{user.pk}/deactivate")
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert response.json()["status"] == "left"
    assert browser.get("/path/")["Location"].startswith("/accounts/login/")
    again = hr.post(f"people/{user.pk}/deactivate")  # idempotent
    assert again.status_code == 200
    response = hr.post(f"people/{user.pk}/reactivate")
    assert response.json()["active"] is True
    assert response.json()["status"] == "left"
    browser.force_login(User.objects.get(pk=user.pk))
    assert browser.get("/path/")["Location"] == "/welcome/"
    assert [e.data["operation"] for e in writes()] == ["deactivate", "deactivate", "reactivate"]
    assert [e.data["changed"] for e in writes()] == [True, False, True]


def test_superusers_and_erased_accounts_are_out_of_reach(hr, administrator):
    erased = make_user()
    User.objects.filter(pk=erased.pk).update(username=f"erased-{erased.pk}", is_active=False)
    for person in (administrator, erased):
        assert hr.get(f"people/{person.pk}").status_code == 404
        assert hr.post(f"people/{person.pk}/deactivate").status_code == 404
        assert hr.patch(f"people/{person.pk}", {"last_name": "X"}).status_code == 404
    ids = [item["id"] for item in hr.get("people").json()["items"]]
    assert administrator.pk not in ids
    assert erased.pk not in ids
    administrator.refresh_from_db()
    assert administrator.is_active


def test_accounts_that_reach_the_cms_are_not_changed_through_the_api(hr):
    """An HR token cannot change a comms editor's address (then reset the password), nor
    switch them off: a 403 problem, nothing changed. They are still listed."""
    editor = make_user(Role.COMMS)
    before = (editor.email, editor.is_active)
    for response in (
        hr.patch(f"people/{editor.pk}", {"email": "attacker@evil.example"}),
        hr.post(f"people/{editor.pk}/deactivate"),
        hr.post(f"people/{editor.pk}/reactivate"),
    ):
        assert response.status_code == 403, response.content
        assert response["Content-Type"] == errors.CONTENT_TYPE
        assert "CMS" in response.json()["detail"]
    editor.refresh_from_db()
    assert (editor.email, editor.is_active) == before
    assert writes() == []
    assert hr.get(f"people/{editor.pk}").status_code == 200


def test_moments_far_away_or_with_odd_offsets_are_read_not_a_crash(hr):
    kim = make_user()
    for moment in (
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "2020-01-01T00:00+21:46",
    ):
        response = hr.get("people", updated_since=moment)
        assert response.status_code == 200, (moment, response.content)
    ids = [
        p["id"] for p in hr.get("people", updated_since="0001-01-01T00:00:00+05:00").json()["items"]
    ]
    assert kim.pk in ids
    assert hr.get("people", updated_since="9999-12-31T23:00:00-05:00").json()["items"] == []


def test_list_filters(hr):
    sales = Department.objects.create(name="Sales")
    kim = make_user(department=sales)
    make_user()
    joined = make_user()
    assert [p["id"] for p in hr.get("people", department="sales").json()["items"]] == [kim.pk]
    assert [p["id"] for p in hr.get("people", email=kim.email.upper()).json()["items"]] == [kim.pk]
    statuses = {p["id"]: p["status"] for p in hr.get("people", status="active").json()["items"]}
    assert joined.pk in statuses
    assert set(statuses.values()) == {"active"}
    assert hr.get("people", updated_since="2999-01-01T00:00:00Z").json()["items"] == []
    assert hr.get("people", status="gone").status_code == 422


# --- bad input: a 4xx problem and nothing written -------------------------------------------


@pytest.mark.parametrize(
    ("call", "status"),
    [
        (lambda hr, pk: hr.send("POST", "people", raw="{not json"), 400),
        (lambda hr, pk: hr.send("POST", "people", raw='{"email": "a@b.example",'), 400),
        (lambda hr, pk: hr.post("people", {"email": 12}), 422),
        (lambda hr, pk: hr.post("people", {"email": "not-an-address"}), 422),
        (lambda hr, pk: hr.post("people", {"email": "a@b.example", "role": "admin"}), 422),
        (lambda hr, pk: hr.post("people", {"email": "a@b.example", "language": "fr"}), 422),
        (lambda hr, pk: hr.post("people", {"first_name": "No address"}), 422),
        (lambda hr, pk: hr.send("POST", "people", ["a@b.example"]), 422),
        (
            lambda hr, pk: hr.post(
                "people", {"email": "a@b.example", "first_name": "x" * 2_000_000}
            ),
            413,
        ),
        (lambda hr, pk: hr.patch(f"people/{pk}", {"is_superuser": True}), 422),
        (lambda hr, pk: hr.patch(f"people/{pk}", {"last_name": ["X"]}), 422),
        (lambda hr, pk: hr.patch(f"people/{pk}", {"last_name": "X\x00"}), 422),
        (lambda hr, pk: hr.post("people", {"email": "a@b.example", "first_name": "\x00"}), 422),
        (lambda hr, pk: hr.patch(f"people/{pk}", {"username": ""}), 422),
        (lambda hr, pk: hr.patch(f"people/{pk + 1000}", {"last_name": "X"}), 404),
        (lambda hr, pk: hr.post(f"people/{pk + 1000}/deactivate"), 404),
        (lambda hr, pk: hr.post("people?dry_run=1", {"email": "a@b.example"}), 400),
    ],
)
def test_bad_input_is_a_problem_and_writes_nothing(hr, call, status):
    pk = make_user().pk
    before = counts()
    response = call(hr, pk)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == errors.CONTENT_TYPE
    assert response.json()["status"] == status
    if status == 422:
        assert response.json()["errors"]
    assert counts() == before
    assert not User.objects.filter(last_name="X").exists()


def test_a_token_without_write_scope_or_revoked_writes_nothing(client):
    _token, read_only = make_service_token("people:read")
    token, revoked = make_service_token("people:write")
    services.token_revoke(token=token, by=None)
    before = counts()
    for raw, status in ((read_only, 403), (revoked, 401)):
        response = client.post(
            "/api/v1/people",
            json.dumps({"email": "a@b.example"}),
            content_type="application/json",
            headers=bearer(raw),
        )
        assert response.status_code == status
    assert counts() == before


def test_a_browser_session_cannot_write_even_with_csrf_checks(administrator):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(administrator)
    response = browser.post(
        "/api/v1/people", json.dumps({"email": "a@b.example"}), content_type="application/json"
    )
    assert response.status_code == 401
    assert not User.objects.filter(email="a@b.example").exists()


def test_tokens_are_stored_as_hashes_only():
    token, raw = make_service_token("people:read")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw.startswith("aa-api-")
    assert raw not in json.dumps(stored, default=str)
    assert services.token_for(raw) == token


def test_list_queries_do_not_grow_with_the_number_of_people(hr):
    def measure(n):
        department = Department.objects.create(name=f"D{n}")
        for _ in range(n):
            make_user(department=department)
        hr.get("people", page_size=100)
        with CaptureQueriesContext(connection) as captured:
            response = hr.get("people", page_size=100)
        assert response.status_code == 200
        return len(captured)

    assert measure(3) == measure(30)
