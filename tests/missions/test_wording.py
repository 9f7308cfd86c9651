"""One Dutch word for the leaderboard, and counts with the right plural."""

import re

import pytest

from ambassadors.models import Ambassador
from ambassadors.roles import Role
from missions import services
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def visible_text(response) -> str:
    """The words a person reads: the page without its tags (and so without link addresses)."""
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_dutch_pages_call_the_leaderboard_ranglijst(client_for):
    """Every Dutch page about the leaderboard says "ranglijst", none says "leaderboard"."""
    person = make_user(Role.EMPLOYEE, Role.COMMS, language="nl")
    Ambassador.objects.filter(user=person).update(leaderboard_visible=True)
    newcomer = make_user(Role.EMPLOYEE, language="nl", joined=False)
    pages = [
        client_for(person).get("/missions/leaderboard/"),
        client_for(person).get("/missions/"),
        client_for(person).get("/profile/"),
        client_for(person).get("/insights/"),
        client_for(newcomer).get("/welcome/"),
    ]
    for page in pages:
        assert page.status_code == 200
        text = visible_text(page)
        assert "leaderboard" not in text.lower(), page.request["PATH_INFO"]
    assert "Ranglijst" in visible_text(pages[0])


@pytest.mark.parametrize(
    ("language", "points", "expected"),
    [
        ("en", 50, ["50</p><p>points", "1</p><p>badge:", "100</p><p>points for your next"]),
        ("en", 100, ["100</p><p>points", "2</p><p>badges:"]),
        ("en", 0, ["0</p><p>points", "0</p><p>badges<"]),
        ("nl", 50, ["50</p><p>punten", "1</p><p>badge:", "100</p><p>punten voor je volgende"]),
    ],
)
def test_points_and_badges_are_counted_in_words_that_agree(client_for, language, points, expected):
    """ "1 badge", "2 badges": the word follows the number in both languages."""
    person = make_user(Role.EMPLOYEE, language=language)
    if points:
        services.points_award(user=person, points=points, reason="test", key="test")
    html = client_for(person).get("/missions/").content.decode()
    html = re.sub(r"\s+", " ", html).replace("</p> <p>", "</p><p>")
    for snippet in expected:
        assert snippet in html


def test_the_attention_budget_counts_in_words_that_agree(client_for, awake_now):
    """'asked you for something 1 time', not '1 times'."""
    from ambassadors.services import nudge_plan

    person = make_user(Role.EMPLOYEE, language="en")
    nudge_plan(ambassador=person.ambassador, kind="other", key="one", subject="Something")
    text = visible_text(client_for(person).get("/path/"))
    assert "asked you for something 1 time, out of" in text
    dutch = make_user(Role.EMPLOYEE, language="nl")
    nudge_plan(ambassador=dutch.ambassador, kind="other", key="two", subject="Iets")
    assert "hebben we je 1 keer iets gevraagd" in visible_text(client_for(dutch).get("/path/"))
