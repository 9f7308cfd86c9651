"""Provisioning connections in the CMS: administrators make one and see its token once, the
platform keeps only its hash, revoking stops it at once; comms staff do not get there."""

import hashlib
import re

import pytest
from wagtail.models import ModelLogEntry

from identity.models import ScimConnection
from tests.factories.identity import ScimClient, make_scim_connection

pytestmark = pytest.mark.django_db

NEW = "/cms/provisioning-connections/new/"


def test_an_administrator_makes_a_connection_and_sees_its_token_once(client_for, administrator):
    cms = client_for(administrator)
    response = cms.post(NEW, {"name": "Contoso Entra ID", "slug": "entra"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = re.search(r'value="(aa-scim-[^"]+)"', response.content.decode())[1]
    connection = ScimConnection.objects.get()
    assert connection.created_by == administrator
    assert connection.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ScimConnection.objects.values().get())
    assert "http://testserver/scim/v2/" in response.content.decode()
    # It works, and it is never shown again.
    assert ScimClient(token).get("Users").status_code == 200
    for page in (
        "/cms/provisioning-connections/",
        f"/cms/provisioning-connections/edit/{connection.pk}/",
    ):
        answer = cms.get(page)
        assert answer.status_code == 200
        assert token not in answer.content.decode()


def test_a_name_is_enough_the_short_name_is_made_from_it(client_for, administrator):
    """Left empty, the short name is the name as a slug, with -2, -3 when that is taken."""
    cms = client_for(administrator)
    make_scim_connection(name="Earlier", slug="contoso-entra-id")
    for _ in range(2):
        response = cms.post(NEW, {"name": "Contoso Entra ID", "slug": ""})
        assert response.status_code == 200
        assert re.search(r'value="(aa-scim-[^"]+)"', response.content.decode())
    response = cms.post(NEW, {"name": "Één & twee!"})
    assert response.status_code == 200
    assert list(ScimConnection.objects.order_by("pk").values_list("slug", flat=True)) == [
        "contoso-entra-id",
        "contoso-entra-id-2",
        "contoso-entra-id-3",
        "een-twee",
    ]


def test_a_name_that_makes_no_short_name_still_gets_one(client_for, administrator):
    cms = client_for(administrator)
    assert cms.post(NEW, {"name": "!!!", "slug": ""}).status_code == 200
    assert ScimConnection.objects.get().slug == "connection"


def test_a_taken_or_bad_short_name_given_by_hand_is_refused(client_for, administrator):
    """What an administrator types is kept as typed, or refused; never silently changed."""
    make_scim_connection(slug="entra")
    cms = client_for(administrator)
    for slug in ("entra", "not a slug"):
        response = cms.post(NEW, {"name": "Contoso Entra ID", "slug": slug})
        assert response.status_code == 200
        assert "aa-scim-" not in response.content.decode()
    assert ScimConnection.objects.count() == 1


def test_without_a_name_nothing_is_made(client_for, administrator):
    cms = client_for(administrator)
    response = cms.post(NEW, {"name": "", "slug": ""})
    assert response.status_code == 200
    assert "aa-scim-" not in response.content.decode()
    assert not ScimConnection.objects.exists()


def test_the_short_name_cannot_change_later(client_for, administrator):
    connection, _token = make_scim_connection()
    cms = client_for(administrator)
    cms.post(
        f"/cms/provisioning-connections/edit/{connection.pk}/",
        {"name": "Entra ID (production)", "slug": "changed"},
    )
    connection.refresh_from_db()
    assert (connection.name, connection.slug) == ("Entra ID (production)", "entra")


def test_revoking_stops_the_token_at_once(client_for, administrator):
    connection, token = make_scim_connection()
    cms = client_for(administrator)
    page = cms.get(f"/cms/provisioning-connections/revoke/{connection.pk}/")
    assert page.status_code == 200
    response = cms.post(f"/cms/provisioning-connections/revoke/{connection.pk}/")
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.revoked_at is not None
    assert ScimClient(token).get("Users").status_code == 401
    entry = ModelLogEntry.objects.get(action="academy.scim_revoke")
    assert entry.user_id == administrator.pk


def test_comms_staff_cannot_make_or_revoke_connections(client_for, comms):
    connection, token = make_scim_connection()
    cms = client_for(comms)
    assert cms.post(NEW, {"name": "Mine", "slug": "mine"})["Location"] == "/cms/"
    assert cms.post(f"/cms/provisioning-connections/revoke/{connection.pk}/")["Location"] == "/cms/"
    assert ScimConnection.objects.get().revoked_at is None
    assert ScimConnection.objects.count() == 1
    assert ScimClient(token).get("Users").status_code == 200


def test_last_use_is_kept_without_a_write_per_call(scim, scim_connection):
    connection = scim_connection[0]
    scim.get("Users")
    connection.refresh_from_db()
    first = connection.last_used_at
    assert first is not None
    scim.get("Users")
    connection.refresh_from_db()
    assert connection.last_used_at == first


def test_the_list_takes_as_many_queries_for_two_connections_as_for_eight(client_for, administrator):
    from tests.queries import page_queries

    cms = client_for(administrator)
    for n in range(2):
        make_scim_connection(name=f"C{n}", slug=f"c{n}")
    few = page_queries(cms, "/cms/provisioning-connections/")
    for n in range(2, 8):
        ScimConnection.objects.filter(
            pk=make_scim_connection(name=f"C{n}", slug=f"c{n}")[0].pk
        ).update(created_by=administrator)
    assert page_queries(cms, "/cms/provisioning-connections/") == few
