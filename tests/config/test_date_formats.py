"""One date style per language on every page: "5 december 2026, 14:30" / "5 December 2026"."""

import re

import pytest
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3

from ambassadors.roles import Role
from ambassadors.services import notify
from mentors import services as desk
from tests.factories import make_user
from tests.factories.mentors import file_request, make_mentor
from tests.factories.missions import mission

pytestmark = pytest.mark.django_db


def _words(months, language):
    with translation.override(language):
        return {str(name) for name in months.values()}


FULL = {language: _words(MONTHS, language) for language in ("nl", "en")}
SHORT = _words(MONTHS_3, "nl") | _words(MONTHS_3, "en")
ALL_MONTHS = FULL["nl"] | FULL["en"] | SHORT | {word.title() for word in SHORT}
DATE = re.compile(r"\b(\d{1,2}) ([A-Za-z]+)\.?(?: (\d{4}))?(?:, (\d{2}:\d{2}))?")


def dates_in(html: str) -> list[tuple[str, str]]:
    """The dates a person reads (text, not attributes): (month word, the whole date)."""
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "an ISO date on the page"
    assert not re.search(r"\b[ap]\.m\.", text), "a 12-hour time on the page"
    return [
        (found.group(2), found.group(0))
        for found in DATE.finditer(text)
        if found.group(2) in ALL_MONTHS
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pages_show_dates_in_one_style(client_for, language):
    """Notifications, the desk, help requests and missions write dates the same way."""
    employee = make_user(Role.EMPLOYEE, language=language)
    helper = make_mentor("ghostwriting")
    helper.ambassador.language = language
    helper.ambassador.save()
    ticket = file_request(requester=employee, kind="ghostwriting")
    desk.ticket_reply(ticket=ticket, author=helper, body="Here you are.")
    desk.draft_add(ticket=ticket, mentor=helper, text="A draft.")
    notify(recipient=employee, kind="test", key="dated", subject="Something")
    from missions import services as missions

    assignment = missions.mission_pick(user=employee, mission=mission())
    pages = {
        "notifications": client_for(employee).get("/notifications/"),
        "help": client_for(employee).get(f"/help/{ticket.pk}/"),
        "help list": client_for(employee).get("/help/"),
        "desk": client_for(helper).get(f"/desk/{ticket.pk}/"),
        "missions": client_for(employee).get("/missions/"),
        "mission": client_for(employee).get(f"/missions/{assignment.pk}/"),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        found = dates_in(page.content.decode())
        assert found, f"no date on {name}"
        for month, whole in found:
            assert month in FULL[language], f"{whole!r} on {name}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_insights_show_dates_in_the_same_style(client_for, language):
    """The dashboard's notes ("status at …") use the language's date format too."""
    from django.utils import timezone

    from insights import rollups

    comms = make_user(Role.EMPLOYEE, Role.COMMS, language=language)
    for _ in range(6):  # enough people for the figures to be shown
        make_user(Role.EMPLOYEE)
    rollups.refresh(timezone.localdate())
    page = client_for(comms).get("/insights/")
    assert page.status_code == 200
    found = dates_in(page.content.decode())
    assert found
    for month, whole in found:
        assert month in FULL[language], whole
