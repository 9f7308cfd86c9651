"""An employee downloads everything the platform keeps about them, and nothing of others."""

import json

import pytest

from ambassadors import services
from mentors import services as desk
from sharing.models import Share
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor
from tests.factories.sharing import make_item
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _export(client) -> dict:
    response = client.get("/profile/my-data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def _fill(user, items=1):
    for number in range(items):
        Share.objects.create(
            user=user, item=make_item(), network="linkedin", text=f"My words {user.pk}-{number}"
        )
        services.notify(
            recipient=user, kind="test", key=f"data-{user.pk}-{number}", subject="Hello there"
        )


def test_the_export_holds_my_data_and_nothing_of_others(client_for, employee, other_employee):
    _fill(employee)
    _fill(other_employee)
    mentor = make_mentor("question")
    ticket = file_request(employee, body="My question about tone")
    desk.ticket_reply(ticket=ticket, author=mentor, body="Mentor-only remark", internal=True)
    desk.ticket_reply(ticket=ticket, author=mentor, body="Try a friendlier tone")
    data = _export(client_for(employee))
    text = json.dumps(data)

    assert data["account"][0]["email"] == employee.email
    assert "password" not in data["account"][0]
    assert [share["text"] for share in data["sharing"][0]["shares"]] == [
        f"My words {employee.pk}-0"
    ]
    assert "Hello there" in [row["subject"] for row in data["notifications"]]
    assert data["help_requests"][0]["requests"][0]["body"] == "My question about tone"
    assert "Try a friendlier tone" in text
    for section in ("courses", "guidelines", "missions", "programme"):
        assert section in data
    # Another person's words and a mentor's internal note are not part of it.
    assert f"My words {other_employee.pk}" not in text
    assert "Mentor-only remark" not in text


def test_the_export_costs_the_same_queries_whatever_the_data(client_for):
    few, many = make_user(), make_user()
    _fill(few, 1)
    _fill(many, 12)
    assert page_queries(client_for(few), "/profile/my-data/") == page_queries(
        client_for(many), "/profile/my-data/"
    )


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/profile/my-data/").status_code == 302
