"""SCIM Users as Microsoft Entra ID's provisioning service uses them: the create, match, update,
switch-off, switch-on and delete sequence, and every kind of bad call refused in SCIM's
shape, with nothing changed and an entry in the audit trail."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from ambassadors.models import Ambassador, Notification, Source
from ambassadors.roles import Role
from ambassadors.services import ambassador_join
from identity.models import ExternalIdentity
from missions.models import Assignment, PointsEntry
from missions.services import points_award
from tests.factories import PASSWORD, make_user
from tests.factories.ambassadors import NotificationFactory
from tests.factories.identity import ENTERPRISE, ScimClient, entra_user, make_scim_connection
from tests.factories.missions import AssignmentFactory, submitted

pytestmark = pytest.mark.django_db

ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


def created(scim, **more) -> User:
    response = scim.post("Users", entra_user(**more))
    assert response.status_code == 201, response.content
    return User.objects.get(pk=response.json()["id"])


def assert_scim_error(response, status, scim_type=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/scim+json"
    body = response.json()
    assert body["schemas"] == [ERROR]
    assert body["status"] == str(status)
    assert body.get("scimType") == scim_type
    return body


# --- the Entra ID sequence ------------------------------------------------------------------


def test_create_makes_an_invited_employee_with_what_entra_sends(scim, scim_connection):
    """POST /Users: the person, their department and language, the client's id; audited."""
    response = scim.post("Users", entra_user())
    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"
    body = response.json()
    user = User.objects.get(pk=body["id"])
    assert response["Location"] == f"http://testserver/scim/v2/Users/{user.pk}"
    assert (user.username, user.email, user.get_full_name()) == (
        "sam.jansen@contoso.example",
        "sam.jansen@contoso.example",
        "Sam Jansen",
    )
    assert user.is_active
    assert not user.has_usable_password()
    assert user.groups.filter(name=Role.EMPLOYEE.value).exists()
    ambassador = Ambassador.objects.get(user=user)
    assert ambassador.status == Ambassador.Status.INVITED
    assert (ambassador.source, ambassador.source_name) == (Source.SCIM, "Contoso Entra ID")
    assert (ambassador.department.name, ambassador.language) == ("Sales", "en")
    assert ExternalIdentity.objects.get(user=user).subject == "sam.jansen"
    assert body["externalId"] == "sam.jansen"
    assert body[ENTERPRISE] == {"department": "Sales"}
    assert body["active"] is True
    assert body["emails"] == [
        {"value": "sam.jansen@contoso.example", "type": "work", "primary": True}
    ]
    assert entries("academy.scim_create").get().data["person"] == user.pk


def test_entra_finds_the_person_by_user_name_or_external_id(scim):
    """GET /Users?filter=userName eq "..." (any case) and externalId eq "..."."""
    user = created(scim)
    created(scim, user_name="kim@contoso.example", external_id="kim")
    for expression in (
        'userName eq "SAM.JANSEN@contoso.example"',
        'externalId eq "sam.jansen"',
        f'id eq "{user.pk}"',
    ):
        body = scim.get("Users", filter=expression).json()
        assert body["totalResults"] == 1, expression
        assert [r["id"] for r in body["Resources"]] == [str(user.pk)]
    # Entra's connection test asks for someone who does not exist: an empty list.
    body = scim.get("Users", filter='userName eq "00000000-0000-0000-0000-000000000000"').json()
    assert (body["totalResults"], body["Resources"]) == (0, [])


def test_patch_replaces_what_entra_changed(scim):
    """Entra's PATCH: capitalised ops, value filters on emails, the enterprise department."""
    user = created(scim)
    response = scim.patch(
        f"Users/{user.pk}",
        {"op": "Replace", "path": "name.givenName", "value": "Samira"},
        {"op": "Replace", "path": "name.familyName", "value": "de Vries"},
        {
            "op": "Replace",
            "path": 'emails[type eq "work"].value',
            "value": "samira@contoso.example",
        },
        {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Marketing"},
        {"op": "Replace", "path": "displayName", "value": "Samira de Vries"},
        {"op": "Replace", "path": "userName", "value": "samira@contoso.example"},
        {"op": "Replace", "path": "externalId", "value": "samira"},
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "samira@contoso.example",
        "samira@contoso.example",
        "Samira",
        "de Vries",
    )
    assert user.ambassador.department.name == "Marketing"
    assert ExternalIdentity.objects.get(user=user).subject == "samira"
    assert response.json()["name"]["formatted"] == "Samira de Vries"


def test_patch_without_a_path_replaces_the_attributes_of_its_value(scim):
    """A path-less replace: dotted names, nested objects and the extension's URN as keys."""
    user = created(scim)
    response = scim.patch(
        f"Users/{user.pk}",
        {
            "op": "replace",
            "value": {
                "name.givenName": "Sem",
                "name": {"givenName": "Sem", "familyName": "Bakker"},
                ENTERPRISE: {"department": "Finance"},
                "active": False,
            },
        },
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.get_full_name(), user.ambassador.department.name) == ("Sem Bakker", "Finance")
    assert not user.is_active


def test_switching_off_ends_sessions_offers_and_suggestions_but_keeps_history(scim):
    """PATCH active "False": signed out on the next request, out of the programme, no open
    offers or planned nudges, and the missions done, points and submissions stay."""
    user = created(scim)
    ambassador_join(ambassador=user.ambassador)
    browser = Client()
    browser.force_login(user)
    assert browser.get("/path/").status_code == 200
    now = timezone.now()
    shown_offer = AssignmentFactory(user=user, offered_at=now - dt.timedelta(hours=1))
    planned_offer = AssignmentFactory(user=user, offered_at=now + dt.timedelta(days=1))
    done = submitted(user)
    points_award(user=user, points=10, reason="test", key="kept")
    NotificationFactory(recipient=user, is_nudge=True, visible_from=now + dt.timedelta(days=1))
    NotificationFactory(recipient=user, is_nudge=True, visible_from=now - dt.timedelta(days=1))

    response = scim.patch(f"Users/{user.pk}", {"op": "Replace", "path": "active", "value": "False"})

    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    user.refresh_from_db()
    assert not user.is_active
    assert browser.get("/path/")["Location"].startswith("/accounts/login/")
    assert Ambassador.objects.get(user=user).status == Ambassador.Status.LEFT
    assert Assignment.objects.get(pk=shown_offer.pk).state == Assignment.State.EXPIRED
    assert not Assignment.objects.filter(pk=planned_offer.pk).exists()
    assert Assignment.objects.get(pk=done.pk).state == Assignment.State.SUBMITTED
    assert PointsEntry.objects.filter(user=user, key="kept").exists()
    # The nudge that had shown stays in their history; the planned one is gone.
    assert Notification.objects.nudges().get(recipient=user).visible_from < now
    assert entries("academy.scim_deactivate").get().data["person"] == user.pk


def test_switching_on_again_asks_for_consent_again(scim):
    """PATCH active true: the account works again; who had joined rejoins on /welcome/."""
    user = created(scim)
    ambassador_join(ambassador=user.ambassador)
    before = Client()
    before.force_login(user)
    scim.patch(f"Users/{user.pk}", {"op": "Replace", "path": "active", "value": "False"})
    response = scim.patch(f"Users/{user.pk}", {"op": "Replace", "path": "active", "value": True})
    # A session from before the switch-off does not come back with the account.
    assert before.get("/path/")["Location"].startswith("/accounts/login/")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active
    assert user.ambassador.status == Ambassador.Status.LEFT
    browser = Client()
    browser.force_login(user)
    assert browser.get("/path/")["Location"] == "/welcome/"
    assert entries("academy.scim_reactivate").get().data["person"] == user.pk


def test_delete_switches_off_and_lets_go_of_the_clients_id_never_erases(scim):
    """DELETE /Users/{id}: 204; the account and its history stay, switched off."""
    user = created(scim)
    ambassador_join(ambassador=user.ambassador)
    done = submitted(user)
    response = scim.delete(f"Users/{user.pk}")
    assert response.status_code == 204
    user.refresh_from_db()
    assert not user.is_active
    assert user.username == "sam.jansen@contoso.example"
    assert not ExternalIdentity.objects.filter(user=user).exists()
    assert Assignment.objects.filter(pk=done.pk).exists()
    assert entries("academy.scim_deactivate").count() == 1
    # Provisioned again later (same UPN): Entra finds the account and switches it on.
    body = scim.get("Users", filter='userName eq "sam.jansen@contoso.example"').json()
    assert body["Resources"][0]["active"] is False


def test_an_existing_employee_is_taken_over_by_the_connection(scim):
    """An account from the import, matched by userName, is kept up to date by SCIM from then on."""
    user = make_user(Role.EMPLOYEE, joined=False, source=Source.IMPORT)
    user.username = "kim@contoso.example"
    user.save()
    scim.patch(
        f"Users/{user.pk}",
        {"op": "Add", "path": "externalId", "value": "kim"},
        {"op": "Replace", "path": "name.givenName", "value": "Kim"},
    )
    ambassador = Ambassador.objects.get(user=user)
    assert (ambassador.source, ambassador.source_name) == (Source.SCIM, "Contoso Entra ID")
    assert ExternalIdentity.objects.get(user=user).subject == "kim"


def test_put_replaces_the_whole_user(scim):
    """PUT: what is left out is emptied (name, department), the address follows userName."""
    user = created(scim)
    response = scim.put(f"Users/{user.pk}", {"userName": "sam@contoso.example", "active": True})
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.username, user.email, user.get_full_name()) == (
        "sam@contoso.example",
        "sam@contoso.example",
        "",
    )
    assert user.ambassador.department is None
    assert not ExternalIdentity.objects.filter(user=user).exists()


def test_superusers_and_erased_accounts_are_out_of_reach(scim, administrator):
    """A provisioning mistake cannot switch off the administrators: they are not there."""
    body = scim.get("Users", filter=f'userName eq "{administrator.username}"').json()
    assert body["totalResults"] == 0
    assert_scim_error(scim.get(f"Users/{administrator.pk}"), 404)
    assert_scim_error(
        scim.patch(
            f"Users/{administrator.pk}", {"op": "replace", "path": "active", "value": False}
        ),
        404,
    )
    administrator.refresh_from_db()
    assert administrator.is_active


# --- accounts that exist already (matched on user name or e-mail address) ------------------


def employee(source=Source.IMPORT, username="kim.devries", email="kim@contoso.example") -> User:
    """An account from the employee import (or made by hand), before any provisioning."""
    user = make_user(Role.EMPLOYEE, source=source, source_name="")
    User.objects.filter(pk=user.pk).update(username=username, email=email)
    user.refresh_from_db()
    return user


@pytest.mark.parametrize("source", [Source.IMPORT, Source.PLATFORM])
def test_entra_finds_an_existing_account_by_its_address_updates_and_switches_it_off(scim, source):
    """Entra's sequence against an account the person already uses: the filter on userName
    finds it by its e-mail address, PATCH updates that account and the connection takes it
    over, `active: false` switches THAT account off; no second account is made."""
    user = employee(source)
    assert Client().login(username="kim.devries", password=PASSWORD)
    body = scim.get("Users", filter='userName eq "Kim@Contoso.example"').json()
    assert body["totalResults"] == 1
    assert body["Resources"][0]["id"] == str(user.pk)
    response = scim.patch(
        f"Users/{user.pk}",
        {"op": "Add", "path": "externalId", "value": "kim"},
        {"op": "Replace", "path": "name.familyName", "value": "de Vries"},
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.username, user.email, user.last_name) == (
        "kim.devries",
        "kim@contoso.example",
        "de Vries",
    )
    ambassador = Ambassador.objects.get(user=user)
    assert (ambassador.source, ambassador.source_name) == (Source.SCIM, "Contoso Entra ID")
    response = scim.patch(f"Users/{user.pk}", {"op": "Replace", "path": "active", "value": False})
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert not user.is_active
    assert not Client().login(username="kim.devries", password=PASSWORD)
    assert User.objects.filter(email__iexact="kim@contoso.example").count() == 1
    assert entries("academy.scim_deactivate").get().data["person"] == user.pk


def test_the_user_name_filter_also_finds_by_user_name_and_nobody_else(scim, administrator):
    """By user name in any case; not a superuser by their address; nothing for an empty one."""
    user = employee()
    body = scim.get("Users", filter='userName eq "KIM.DEVRIES"').json()
    assert [r["id"] for r in body["Resources"]] == [str(user.pk)]
    assert (
        scim.get("Users", filter=f'userName eq "{administrator.email}"').json()["totalResults"] == 0
    )
    assert scim.get("Users", filter='userName eq ""').json()["totalResults"] == 0


@pytest.mark.parametrize(
    "body",
    [
        entra_user(user_name="kim@contoso.example"),  # userName is the address
        entra_user(user_name="KIM.DEVRIES"),  # the user name, any case
        entra_user(
            user_name="kim.upn@contoso.example",
            emails=[
                {"type": "other", "value": "k@home.example"},
                {"type": "work", "primary": True, "value": "Kim@Contoso.example"},
            ],
        ),  # the primary work address
        entra_user(
            user_name="kim.upn@contoso.example",
            emails=[{"type": "work", "value": "KIM@contoso.example"}],
        ),  # the work address
    ],
    ids=["userName-is-address", "userName-is-user-name", "primary-email", "work-email"],
)
def test_creating_a_second_account_for_someone_is_a_conflict(scim, body):
    """POST with an existing account's user name or address: 409, nothing made, audited."""
    employee()
    before = User.objects.count()
    assert_scim_error(scim.post("Users", body), 409, "uniqueness")
    assert User.objects.count() == before
    assert not ExternalIdentity.objects.exists()
    assert not entries("academy.scim_create").exists()
    entry = entries("academy.scim_refused").get()
    assert (entry.data["method"], entry.data["status"], entry.data["scim_type"]) == (
        "POST",
        409,
        "uniqueness",
    )


def test_an_administrators_address_is_not_given_to_a_second_account(scim, administrator):
    """Superusers are out of SCIM's reach, and their address is still not for a new account."""
    response = scim.post("Users", entra_user(user_name=administrator.email.upper()))
    assert_scim_error(response, 409, "uniqueness")
    assert User.objects.filter(email__iexact=administrator.email).count() == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda scim, pk: scim.patch(
            f"Users/{pk}", {"op": "replace", "path": "userName", "value": "KIM@contoso.example"}
        ),
        lambda scim, pk: scim.patch(
            f"Users/{pk}", {"op": "replace", "path": "userName", "value": "kim.devries"}
        ),
        lambda scim, pk: scim.patch(
            f"Users/{pk}",
            {
                "op": "replace",
                "path": 'emails[type eq "work"].value',
                "value": "kim@contoso.example",
            },
        ),
        lambda scim, pk: scim.put(f"Users/{pk}", entra_user(user_name="kim@contoso.example")),
        lambda scim, pk: scim.put(
            f"Users/{pk}",
            entra_user(emails=[{"type": "work", "primary": True, "value": "Kim@contoso.example"}]),
        ),
    ],
    ids=["patch-userName-address", "patch-userName", "patch-email", "put-userName", "put-email"],
)
def test_changing_to_another_accounts_name_or_address_is_a_conflict(scim, call):
    user = created(scim)
    employee()
    assert_scim_error(call(scim, user.pk), 409, "uniqueness")
    user.refresh_from_db()
    assert (user.username, user.email) == (
        "sam.jansen@contoso.example",
        "sam.jansen@contoso.example",
    )
    assert entries("academy.scim_refused").get().data["status"] == 409


def test_an_account_keeps_its_own_address_when_another_already_shares_it(scim):
    """Only a change is checked: two accounts that already share an address (from before)
    can still be brought up to date."""
    user = employee(username="kim@contoso.example")
    employee(username="kim.old")  # the same address
    response = scim.put(f"Users/{user.pk}", entra_user(user_name="kim@contoso.example"))
    assert response.status_code == 200, response.content
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Sam", "kim@contoso.example")


@pytest.mark.parametrize("source", [Source.SSO, Source.SCIM])
def test_an_account_from_sign_in_or_another_connection_keeps_its_source(scim, source):
    """Like single sign-on, a connection takes over only accounts made by hand or import."""
    user = make_user(Role.EMPLOYEE, source=source, source_name="Okta")
    response = scim.patch(
        f"Users/{user.pk}", {"op": "replace", "path": "name.givenName", "value": "K"}
    )
    assert response.status_code == 200, response.content
    ambassador = Ambassador.objects.get(user=user)
    assert (ambassador.source, ambassador.source_name) == (source, "Okta")


# --- refusals -------------------------------------------------------------------------------


def test_a_taken_user_name_is_a_conflict(scim):
    """POST with a userName already used (any case): 409 uniqueness, nothing made, audited."""
    created(scim)
    response = scim.post(
        "Users", entra_user(user_name="Sam.Jansen@CONTOSO.example", external_id="x")
    )
    assert_scim_error(response, 409, "uniqueness")
    assert User.objects.count() == 1
    entry = entries("academy.scim_refused").get()
    assert (entry.data["status"], entry.data["scim_type"]) == (409, "uniqueness")


def test_a_taken_external_id_is_a_conflict(scim):
    created(scim)
    response = scim.post("Users", entra_user(user_name="other@contoso.example"))
    assert_scim_error(response, 409, "uniqueness")
    assert User.objects.count() == 1


def test_a_body_that_is_not_json_is_refused(scim):
    for body in ("{not json", b"\xff\xfe", "[1, 2]", '"text"'):
        response = scim.post("Users", body)
        assert_scim_error(response, 400, "invalidSyntax")
    assert not User.objects.exists()
    assert entries("academy.scim_refused").count() == 4


@pytest.mark.parametrize(
    "change",
    [
        {"userName": 42},
        {"userName": ""},
        {"userName": None},
        {"userName": "has space@contoso.example"},
        {"active": {"value": True}},
        {"active": "maybe"},
        {"name": "Sam Jansen"},
        {"name": {"givenName": ["Sam"]}},
        {"emails": "sam@contoso.example"},
        {"emails": [{"value": "not an address"}]},
        {ENTERPRISE: {"department": 7}},
        {"schemas": "urn:ietf:params:scim:schemas:core:2.0:User"},
    ],
)
def test_wrong_types_are_refused_and_nothing_is_made(scim, change):
    """A userName that is a number, an active that is an object...: 400, no account."""
    body = entra_user()
    body.update(change)
    response = scim.post("Users", body)
    assert response.status_code == 400
    assert response.json()["scimType"] in ("invalidValue", "invalidSyntax")
    assert not User.objects.exists()
    assert entries("academy.scim_refused").count() == 1


def test_a_missing_user_name_is_refused(scim):
    body = entra_user()
    del body["userName"]
    assert_scim_error(scim.post("Users", body), 400, "invalidValue")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("operations", "scim_type"),
    [
        ([{"op": "Replace", "path": "active", "value": {"a": 1}}], "invalidValue"),
        ([{"op": "Replace", "path": "userName", "value": 5}], "invalidValue"),
        ([{"op": "frobnicate", "path": "active", "value": False}], "invalidSyntax"),
        ([{"op": "remove"}], "noTarget"),
        ([{"op": "remove", "path": "userName"}], "invalidValue"),
        ([{"op": "replace", "path": "emails[type eq", "value": "x@y.example"}], "invalidPath"),
        ([{"op": "replace", "value": "not an object"}], "invalidValue"),
        ([], "invalidSyntax"),
        ("not a list", "invalidSyntax"),
    ],
)
def test_bad_patches_are_refused_and_change_nothing(scim, operations, scim_type):
    """Even when an earlier operation of the same request was fine."""
    user = created(scim)
    body = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": (
            [{"op": "replace", "path": "name.givenName", "value": "Changed"}, *operations]
            if isinstance(operations, list) and operations
            else operations
        ),
    }
    assert_scim_error(scim.patch_raw(f"Users/{user.pk}", body), 400, scim_type)
    user.refresh_from_db()
    assert user.first_name == "Sam"
    assert entries("academy.scim_refused").count() == 1


def test_renaming_to_a_taken_user_name_is_a_conflict_and_changes_nothing(scim):
    user = created(scim)
    created(scim, user_name="kim@contoso.example", external_id="kim")
    response = scim.patch(
        f"Users/{user.pk}",
        {"op": "replace", "path": "name.givenName", "value": "Changed"},
        {"op": "replace", "path": "userName", "value": "KIM@contoso.example"},
    )
    assert_scim_error(response, 409, "uniqueness")
    user.refresh_from_db()
    assert (user.username, user.first_name) == ("sam.jansen@contoso.example", "Sam")


def test_unknown_attributes_are_ignored(scim):
    """Attributes we do not keep (in the schema or not) are ignored, in POST and PATCH."""
    response = scim.post(
        "Users",
        entra_user(
            nickName="Sammy",
            title="Account manager",
            phoneNumbers=[{"type": "mobile", "value": "+31 6 1234 5678"}],
            **{"urn:example:custom:1.0": {"badge": 7}},
        ),
    )
    assert response.status_code == 201
    assert "nickName" not in response.json()
    user = User.objects.get()
    response = scim.patch(
        f"Users/{user.pk}",
        {"op": "Add", "path": "title", "value": "Director"},
        {"op": "Replace", "path": 'phoneNumbers[type eq "mobile"].value', "value": "+31"},
        {"op": "Replace", "path": "urn:example:custom:1.0:badge", "value": 8},
    )
    assert response.status_code == 200
    assert not entries("academy.scim_refused").exists()


def test_unknown_users_are_not_found(scim):
    for ident in ("999999", "abc", "-1"):
        assert_scim_error(scim.get(f"Users/{ident}"), 404)
        assert_scim_error(scim.delete(f"Users/{ident}"), 404)


def test_unsupported_filters_and_methods_are_refused(scim):
    assert_scim_error(scim.get("Users", filter='userName co "sam"'), 400, "invalidFilter")
    assert_scim_error(scim.get("Users", filter='title eq "x"'), 400, "invalidFilter")
    assert_scim_error(scim.get("Users", startIndex="abc"), 400, "invalidValue")
    assert_scim_error(scim.delete("Users"), 405)


# --- tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer wrong-token", "Basic dXNlcjpwYXNz"],
)
def test_calls_without_a_usable_token_are_refused(scim_connection, authorization):
    """401 with WWW-Authenticate: Bearer and a SCIM error body; nothing made; audited."""
    client = Client()
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.post(
        "/scim/v2/Users", json.dumps(entra_user()), content_type="application/scim+json", **headers
    )
    assert_scim_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not User.objects.exists()
    assert entries("academy.scim_refused").get().data["status"] == 401


def test_a_revoked_token_is_refused(scim, scim_connection, administrator):
    from identity.scim.services import scim_connection_revoke

    scim_connection_revoke(connection=scim_connection[0], by=administrator)
    response = scim.post("Users", entra_user())
    body = assert_scim_error(response, 401)
    assert body["detail"] == "This token has been revoked."
    assert not User.objects.filter(username="sam.jansen@contoso.example").exists()
    entry = entries("academy.scim_refused").get()
    assert entry.object_id == str(scim_connection[0].pk)


def test_a_session_is_no_token(client_for, administrator):
    """Signed in to the CMS is not signed in to SCIM."""
    assert_scim_error(client_for(administrator).get("/scim/v2/Users"), 401)


def test_another_connections_ids_are_its_own(scim):
    """externalId belongs to the connection: a second client neither sees nor takes it."""
    user = created(scim)
    _other, token = make_scim_connection(name="Okta", slug="okta")
    okta = ScimClient(token)
    assert "externalId" not in okta.get(f"Users/{user.pk}").json()
    assert okta.get("Users", filter='externalId eq "sam.jansen"').json()["totalResults"] == 0


# --- lists ----------------------------------------------------------------------------------


def test_pages_of_users(scim):
    """startIndex (1-based) and count; totalResults counts every match."""
    ids = [
        created(scim, user_name=f"p{n}@contoso.example", external_id=f"p{n}").pk for n in range(5)
    ]
    body = scim.get("Users", startIndex=3, count=2).json()
    assert (body["totalResults"], body["startIndex"], body["itemsPerPage"]) == (5, 3, 2)
    assert [r["id"] for r in body["Resources"]] == [str(ids[2]), str(ids[3])]
    body = scim.get("Users", startIndex=5, count=10).json()
    assert [r["id"] for r in body["Resources"]] == [str(ids[4])]
    assert scim.get("Users", count=0).json()["Resources"] == []
    assert scim.get("Users", startIndex=9).json()["Resources"] == []
    assert len(scim.get("Users", startIndex=-4, count=-1).json()["Resources"]) == 0


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code < 300, response.content
    return len(captured)


def test_queries_per_call_do_not_grow_with_the_number_of_people(scim):
    """A list, a filter, a GET, a PATCH and a create: as many queries with 3 people as 12."""

    def measure(n):
        for i in range(n):
            created(scim, user_name=f"q{n}-{i}@contoso.example", external_id=f"q{n}-{i}")
        some = User.objects.filter(username__startswith=f"q{n}-").first()
        counts = (
            _queries(lambda: scim.get("Users")),
            _queries(lambda: scim.get("Users", filter=f'userName eq "{some.username}"')),
            _queries(lambda: scim.get("Users", filter=f'userName eq "{some.email.upper()}"')),
            _queries(lambda: scim.get(f"Users/{some.pk}")),
            _queries(
                lambda: scim.patch(
                    f"Users/{some.pk}", {"op": "replace", "path": "name.givenName", "value": "X"}
                )
            ),
            _queries(
                lambda: scim.patch(
                    f"Users/{some.pk}",
                    {"op": "replace", "path": "userName", "value": f"r{n}@contoso.example"},
                )
            ),
            _queries(
                lambda: scim.post(
                    "Users", entra_user(user_name=f"new{n}@contoso.example", external_id=f"n{n}")
                )
            ),
        )
        User.objects.filter(username__startswith=f"q{n}-").delete()
        User.objects.filter(
            username__in=[f"new{n}@contoso.example", f"r{n}@contoso.example"]
        ).delete()
        return counts

    assert measure(3) == measure(12)


def test_odd_ids_and_values_are_refused_not_crashed(scim):
    """Ids too large for the database, NUL characters and over-long values: 4xx, never 500."""
    huge = "9" * 40
    assert_scim_error(scim.get(f"Users/{huge}"), 404)
    assert scim.get("Users", filter=f'id eq "{huge}"').json()["totalResults"] == 0
    assert scim.get("Users", filter='userName eq "a\\u0000b"').status_code == 200
    assert scim.get("Users", startIndex=huge).json()["Resources"] == []
    assert_scim_error(scim.post("Users", entra_user(user_name="x" * 151)), 400, "invalidValue")
    assert_scim_error(scim.post("Users", entra_user(external_id="x" * 256)), 400, "invalidValue")
    response = scim.post("Users", entra_user(name={"givenName": "Sam\u0000", "familyName": "J"}))
    assert response.status_code == 201
    assert response.json()["name"]["givenName"] == "Sam"
