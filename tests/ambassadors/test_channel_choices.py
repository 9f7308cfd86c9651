"""The profile's table of channels per kind of message, and the one switch that pauses them."""

import pytest
from bs4 import BeautifulSoup

from ambassadors import channels
from ambassadors.models import Ambassador
from ambassadors.roles import Role
from tests.factories.ambassadors import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat():
    """A chat channel the organisation set up, that reaches the people in `linked`."""
    linked: set[int] = set()
    state = {"on": True}
    channels.channel_offer(
        channels.ChannelOffer(
            code="chat",
            label="Chat",
            available=lambda: state["on"],
            reaches=lambda user: user.pk in linked,
            manage_url_name="ambassadors:notifications",
            manage_label="Link your chat account",
            categories=("suggestions", "missions"),
        )
    )
    yield linked, state
    channels._offers.pop("chat", None)


def _table(response):
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.channel-table")
    head = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {
        row.th.get_text(strip=True): [
            "on"
            if cell.select_one("input[checked]")
            else ("off" if cell.select_one("input") else "-")
            for cell in row.select("td")
        ]
        for row in table.select("tbody tr")
    }
    return head, rows


def test_the_table_shows_every_kind_and_the_channels_set_up(client_for, chat):
    """E-mail for everything by default; the chat column only where it may carry the kind,
    with the link to connect it; desk work only for mentors."""
    user = make_user(Role.EMPLOYEE, language="en")
    response = client_for(user).get("/profile/")
    head, rows = _table(response)
    assert head == ["Kind of message", "E-mail", "Chat not set up"]
    links = BeautifulSoup(response.content, "html.parser").select(".channel-links a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Link your chat account", "/notifications/")
    ]
    assert rows == {
        "Suggestions to share": ["on", "off"],
        "Mission offers and reminders": ["on", "off"],
        "Replies from your mentor": ["on", "-"],
        "Everything else": ["on", "-"],
    }
    mentor = make_user(Role.EMPLOYEE, Role.MENTOR, language="en")
    _head, rows = _table(client_for(mentor).get("/profile/"))
    assert rows["Mentor desk work"] == ["on", "-"]

    chat[1]["on"] = False
    head, _rows = _table(client_for(user).get("/profile/"))
    assert head == ["Kind of message", "E-mail"]


def _post(client, **checked):
    data = {"language": "en", **dict.fromkeys(checked, "on")}
    return client.post("/profile/", data)


def test_saving_the_table_keeps_each_choice(client_for, chat):
    user = make_user(Role.EMPLOYEE, language="en")
    response = _post(
        client_for(user),
        channel_suggestions_chat="on",
        channel_missions_email="on",
        channel_other_email="on",
        channels_paused="on",
    )
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(user=user)
    assert ambassador.channel_choices == {
        "suggestions": ["chat"],
        "missions": ["email"],
        "mentor": [],
        "other": ["email"],
    }
    assert ambassador.channels_paused
    assert ambassador.channels_for("share_suggestion") == set()  # paused: in-app only
    ambassador.channels_paused = False
    assert ambassador.channels_for("share_suggestion") == {"chat"}
    assert ambassador.channels_for("ticket_reply") == set()
    assert ambassador.channels_for("anything_new") == {"email"}


def test_a_channel_switched_off_keeps_its_choices_for_when_it_returns(client_for, chat):
    user = make_user(Role.EMPLOYEE, language="en", channel_choices={"suggestions": ["chat"]})
    chat[1]["on"] = False
    _post(client_for(user), channel_suggestions_email="on")
    ambassador = Ambassador.objects.get(user=user)
    assert ambassador.channel_choices["suggestions"] == ["chat", "email"]


def test_a_mentor_keeps_desk_choices_that_an_employee_cannot_see(client_for):
    employee = make_user(Role.EMPLOYEE, language="en", channel_choices={"desk": []})
    _post(client_for(employee), channel_other_email="on")
    assert Ambassador.objects.get(user=employee).channel_choices["desk"] == []


def test_unknown_and_hostile_fields_change_nothing_else(client_for, chat):
    """Made-up channel fields and values are ignored; only the table's own boxes count."""
    user = make_user(Role.EMPLOYEE, language="en")
    client = client_for(user)
    client.post(
        "/profile/",
        {
            "language": "en",
            "channel_suggestions_sms": "on",
            "channel_desk_chat": "on",
            "channel_other_email": "<script>alert(1)</script>",
            "channel_choices": '{"other": ["sms"]}',
        },
    )
    choices = Ambassador.objects.get(user=user).channel_choices
    assert choices["other"] == ["email"]
    assert "desk" not in choices
    assert all(set(chosen) <= {"email", "chat"} for chosen in choices.values())


def test_categories_are_filed_by_the_apps_that_make_the_kinds():
    assert channels.category_of("share_suggestion") == "suggestions"
    assert channels.category_of("mission_offer") == "missions"
    assert channels.category_of("ticket_reply") == "mentor"
    assert channels.category_of("mediation_alert") == "desk"
    assert channels.category_of("points_milestone") == "other"
    assert channels.choices_without(None, category="missions", channel="email") == {"missions": []}
