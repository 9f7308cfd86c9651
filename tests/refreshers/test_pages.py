"""The card on the path and the refreshers page: one question, a form, graded on the server."""

import pytest
from django.utils import timezone

from ambassadors import personal
from ambassadors.roles import Role
from refreshers import services
from refreshers.models import RefresherAnswer, RefresherSettings
from refreshers.selectors import question_ref
from tests.factories import make_user
from tests.factories.courses import QUIZ, add_course, add_lesson, complete_basics, pass_quiz
from tests.factories.guidelines import acknowledge
from tests.factories.refreshers import made_due, make_question, option_ids
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(employee, guidelines):
    """A question on the main guideline, due now for `employee`."""
    question = make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    made_due(employee)
    return question


def test_the_path_shows_the_due_question_as_a_form(client_for, employee, asked):
    """ "A question to keep it fresh" with the question and its answers, posting to the page."""
    html = client_for(employee).get("/path/").content.decode()
    assert "refresher-heading" in html
    assert asked.block.value["text"] in html or "Do you say" in html
    assert 'action="/refreshers/"' in html
    assert f'value="{question_ref(asked.pk)}"' in html
    # The correct answers are not in the page.
    assert "Right: people must know." not in html


def test_the_path_without_anything_learned_has_no_card(client_for, employee):
    assert "refresher-heading" not in client_for(employee).get("/path/").content.decode()


def test_answering_wrongly_shows_the_explanation_and_the_section_link(
    client_for, employee, asked, guidelines
):
    """A forged "correct" field counts for nothing: the chosen option decides."""
    response = client_for(employee).post(
        "/refreshers/",
        {"item": question_ref(asked.pk), "choice": option_ids(asked, False), "correct": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "is-failed" in html
    assert f"#section-{asked.section_id}" in html
    assert "Say it in your profile or in the post." in html
    assert RefresherAnswer.objects.get(user=employee).correct is False
    # The section link lands on an anchor the guideline page has.
    page_html = client_for(employee).get(guidelines.main.url).content.decode()
    assert f'id="section-{asked.section_id}"' in page_html


def test_answering_right_says_so_and_the_card_goes(client_for, employee, asked):
    client = client_for(employee)
    response = client.post(
        "/refreshers/", {"item": question_ref(asked.pk), "choice": option_ids(asked, True)}
    )
    assert "is-passed" in response.content.decode()
    assert f'value="{question_ref(asked.pk)}"' not in client.get("/path/").content.decode()


def test_no_answer_is_a_form_error_and_nothing_is_graded(client_for, employee, asked):
    response = client_for(employee).post("/refreshers/", {"item": question_ref(asked.pk)})
    assert response.status_code == 200
    assert "errors" in response.content.decode()
    assert not RefresherAnswer.objects.exists()


def test_another_persons_question_is_404(client_for, employee, other_employee, tree, asked):
    """A question of a course someone else completed, or a made-up one, is not found."""
    complete_basics(other_employee, tree)
    made_due(other_employee)
    from refreshers.selectors import refreshers_for

    theirs = next(
        item for item in refreshers_for(other_employee, language="nl") if item.ref[0] == "c"
    )
    client = client_for(employee)
    for ref in (theirs.ref, "g0", "x" * 500, "<svg onload=alert(1)>"):
        response = client.post("/refreshers/", {"item": ref, "choice": [theirs.options[0].id]})
        assert response.status_code == 404, ref
    assert client.post("/refreshers/", {"choice": [theirs.options[0].id]}).status_code == 404
    assert not RefresherAnswer.objects.exists()


def test_the_page_shows_the_next_moment_when_nothing_is_due(client_for, employee, guidelines):
    make_question(guidelines.main)
    acknowledge(employee, guidelines.main)
    html = client_for(employee).get("/refreshers/").content.decode()
    assert "none-heading" in html


def test_the_reminder_choice_is_kept(client_for, employee):
    client = client_for(employee)
    assert client.post("/refreshers/reminder/", {"remind": "on"}).status_code == 302
    assert RefresherSettings.objects.get(user=employee).remind
    client.post("/refreshers/reminder/", {})
    assert not RefresherSettings.objects.get(user=employee).remind


def _grow(user, tree, guidelines, questions: int, answered: int, courses: int = 0):
    complete_basics(user, tree)
    for number in range(courses):
        course = add_course(tree.index, f"Extra {user.pk}-{number}", 0, required=False)
        lesson = add_lesson(course, f"Quiz {user.pk}-{number}", [("quiz", QUIZ)])
        pass_quiz(user, course, lesson)
    for _n in range(questions):
        make_question(guidelines.main)
    acknowledge(user, guidelines.main)
    made_due(user)
    from refreshers.selectors import refreshers_for

    for item in refreshers_for(user, language="nl")[:answered]:
        services.refresher_answer(
            user=user, ref=item.ref, chosen=[item.options[0].id], language="nl", now=timezone.now()
        )
    made_due(user)


@pytest.mark.parametrize("path", ["/path/", "/refreshers/"])
def test_queries_do_not_grow_with_questions_and_answers(client_for, tree, guidelines, path):
    """The card and the page cost the same for a person with one question and with many."""
    small, large = make_user(Role.EMPLOYEE), make_user(Role.EMPLOYEE)
    _grow(small, tree, guidelines, questions=1, answered=0)
    _grow(large, tree, guidelines, questions=12, answered=2, courses=3)
    from refreshers.selectors import refreshers_for

    sizes = [len(refreshers_for(person, language="nl")) for person in (small, large)]
    # The questions on the guideline are everyone's; the large one completed three more courses.
    assert sizes == [3 + 13, 3 + 13 + 3 * 3]
    counts = [
        page_queries(client_for(person), path, between=lambda p=person: personal.forget([p.pk]))
        for person in (small, large)
    ]
    assert counts[0] == counts[1]


def test_hostile_question_texts_are_shown_escaped(client_for, employee, guidelines):
    """What comms staff typed is text: escaped on the card and in the result."""
    hostile = "<script>alert(1)</script>"
    question = make_question(
        guidelines.main,
        value={
            "kind": "single",
            "text": f"Q {hostile}",
            "options": [
                {"text": f"A {hostile}", "correct": True, "feedback": f"F {hostile}"},
                {"text": "B", "correct": False, "feedback": ""},
            ],
        },
        explanation=f"E {hostile}",
    )
    acknowledge(employee, guidelines.main)
    made_due(employee)
    client = client_for(employee)
    path = client.get("/path/").content.decode()
    result = client.post(
        "/refreshers/", {"item": question_ref(question.pk), "choice": option_ids(question, True)}
    ).content.decode()
    for html in (path, result):
        assert hostile not in html
        assert "&lt;script&gt;" in html


def test_the_same_answer_posted_twice_is_graded_once(client_for, employee, asked):
    """A double click: the second post is a form error, not a second answer."""
    client = client_for(employee)
    data = {"item": question_ref(asked.pk), "choice": option_ids(asked, False)}
    assert "is-failed" in client.post("/refreshers/", data).content.decode()
    response = client.post("/refreshers/", data)
    assert response.status_code == 200
    assert "message-error" in response.content.decode()
    assert RefresherAnswer.objects.filter(user=employee).count() == 1
