"""The CMS page about the learning record store: administrators only, figures, a test statement."""

import pytest
from django.conf import settings
from django.utils.html import escape

from integrations.models import XapiStatement
from integrations.xapi import services, statements
from tests.factories import make_user

from .xapi_stub import stub_lrs_fixture  # noqa: F401 (the stub_lrs fixture)

pytestmark = pytest.mark.django_db

URL = "/cms/learning-record-store/"


def test_without_an_lrs_the_page_says_so_and_offers_no_test(client_for, administrator, settings):
    settings.XAPI_ENDPOINT = ""
    response = client_for(administrator).get(URL)
    assert response.status_code == 200
    status = response.context["status"]
    assert not status.configured
    assert (status.waiting, status.sent, status.failed) == (0, 0, 0)
    assert b"XAPI_ENDPOINT" in response.content
    assert b'type="submit"' not in response.content.split(b"main")[-1]
    response = client_for(administrator).post(URL)
    assert response.status_code == 400
    assert str(services.ERROR_NOT_CONFIGURED) in response.content.decode()


def test_the_page_shows_what_waits_what_went_and_what_failed(client_for, administrator, stub_lrs):
    user = make_user()
    rows = [
        services.statement_record(
            user=user,
            body=statements.item_shared(
                user_id=user.pk, item_id=n, network="x", names={}, timestamp=user.date_joined
            ),
        )
        for n in range(4)
    ]
    stub_lrs.answers = [200, 409]
    services.statement_send(statement_id=rows[0].pk)
    services.statement_send(statement_id=rows[1].pk)

    response = client_for(administrator).get(URL)
    status = response.context["status"]
    assert (status.configured, status.waiting, status.sent, status.failed) == (True, 2, 1, 1)
    assert status.last_error.startswith("409 ")
    assert stub_lrs.endpoint.encode() in response.content
    assert escape(status.last_error) in response.content.decode()


def test_an_administrator_sends_the_failed_statements_again(client_for, administrator, stub_lrs):
    user = make_user()
    row = services.statement_record(
        user=user,
        body=statements.item_shared(
            user_id=user.pk, item_id=1, network="x", names={}, timestamp=user.date_joined
        ),
    )
    stub_lrs.answers = [409]
    services.statement_send(statement_id=row.pk)
    client = client_for(administrator)
    # The administrator's interface is Dutch (the default).
    assert "Stuur de mislukte leerresultaten opnieuw" in client.get(URL).content.decode()
    response = client.post(URL, {"action": "retry"}, follow=True)
    assert "1 mislukt leerresultaat gaat opnieuw de deur uit." in response.content.decode()
    assert XapiStatement.objects.waiting().get() == row


def test_an_administrator_sends_a_test_statement(client_for, administrator, stub_lrs):
    response = client_for(administrator).post(URL)
    assert response.status_code == 302
    assert response["Location"] == URL
    [request] = stub_lrs.received
    [sent] = request["statements"]
    account = {"homePage": settings.SITE_URL, "name": str(administrator.pk)}
    assert sent["actor"]["account"] == account
    assert sent["verb"]["id"] == statements.INTERACTED
    assert not XapiStatement.objects.exists()  # a test, not a record


def test_a_refused_test_statement_shows_the_answer(client_for, administrator, stub_lrs):
    stub_lrs.answers = [401]
    response = client_for(administrator).post(URL)
    assert response.status_code == 400
    assert "401" in response.content.decode()


def test_comms_staff_neither_see_nor_send(client_for, comms, stub_lrs):
    client = client_for(comms)
    assert client.get(URL).status_code == 302
    client.post(URL)
    assert stub_lrs.received == []
    assert URL not in client.get("/cms/").content.decode()


def test_administrators_find_it_under_settings(client_for, administrator):
    assert URL in client_for(administrator).get("/cms/").content.decode()
