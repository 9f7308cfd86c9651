"""Refreshers in the CMS: writing questions, and the report of wrong answers (rule of five)."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from ambassadors.roles import Role
from refreshers.models import RefresherAnswer, RefresherQuestion
from refreshers.selectors import wrong_answers_report
from tests.factories import make_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

ADD = "/cms/snippets/refreshers/refresherquestion/add/"


def _options(*options):
    return {
        "count": len(options),
        **{
            str(number): {
                "value": {"text": text, "feedback": "", **({"correct": "on"} if correct else {})},
                "deleted": "",
                "order": str(number),
                "id": "",
            }
            for number, (text, correct) in enumerate(options)
        },
    }


def question_form(section="", *options):
    return nested_form_data(
        {
            "language": "nl",
            "question": streamfield(
                [
                    (
                        "question",
                        {
                            "kind": "single",
                            "text": "Mag je klantnamen noemen?",
                            "options": _options(*options),
                        },
                    )
                ]
            ),
            "explanation": "Alleen met toestemming.",
            "section": section,
            "live": "on",
        }
    )


@pytest.fixture
def cms(client_for, comms):
    UserProfile.objects.update_or_create(user=comms, defaults={"preferred_language": "en"})
    return client_for(comms)


def _section(guidelines):
    raw = next(r for r in guidelines.main.body.raw_data if r["type"] == "negative_reactions")
    return f"{guidelines.main.pk}:{raw['id']}"


def test_comms_staff_write_a_question_about_a_section(cms, guidelines):
    response = cms.post(ADD, question_form(_section(guidelines), ("Nee", True), ("Ja", False)))
    assert response.status_code == 302, response.content.decode()[:3000]
    question = RefresherQuestion.objects.get()
    assert question.guideline_key == guidelines.main.translation_key
    assert _section(guidelines).endswith(question.section_id)
    assert str(question) == "Mag je klantnamen noemen?"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ((("Nee", False), ("Ja", False)), "Mark exactly one answer as correct."),
        ((("Nee", True),), "The minimum number of items is 2"),
    ],
)
def test_a_question_without_a_correct_choice_or_with_one_choice_is_refused(
    cms, guidelines, options, message
):
    response = cms.post(ADD, question_form(_section(guidelines), *options))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RefresherQuestion.objects.exists()


@pytest.mark.parametrize("section", ["999999:abc", "nonsense", "<script>x</script>"])
def test_an_unknown_section_is_refused(cms, guidelines, section):
    response = cms.post(ADD, question_form(section, ("Nee", True), ("Ja", False)))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RefresherQuestion.objects.exists()


def answers_about(guidelines, people: int, wrong: int, section_type="negative_reactions"):
    """`people` people each answer once about a section of the main guideline; `wrong` of
    them wrongly."""
    raw = next(r for r in guidelines.main.body.raw_data if r["type"] == section_type)
    now = timezone.now()
    for number in range(people):
        RefresherAnswer.objects.create(
            user=make_user(Role.EMPLOYEE),
            guideline_key=guidelines.main.translation_key,
            section_id=raw["id"],
            correct=number >= wrong,
            answered_at=now - dt.timedelta(days=1),
        )


def test_the_report_shows_figures_only_for_five_people_or_more(guidelines, tree):
    """Five people: the share of wrong answers; four: "fewer than 5", nothing else."""
    answers_about(guidelines, people=5, wrong=2)
    answers_about(guidelines, people=4, wrong=4, section_type="principles")
    rows = {row.title: row for row in wrong_answers_report(days=90)}
    shown, withheld = rows["Heated discussions"], rows["Principles"]
    assert (shown.people, shown.answers, shown.wrong, shown.wrong_share) == (5, 5, 2, 40)
    assert not withheld.shown
    assert (withheld.answers, withheld.wrong, withheld.wrong_share) == (None, None, None)


def test_the_report_page_withholds_small_groups(cms, guidelines):
    answers_about(guidelines, people=5, wrong=1)
    answers_about(guidelines, people=3, wrong=3, section_type="principles")
    html = cms.get("/cms/refresher-answers/").content.decode()
    assert "Heated discussions" in html
    assert "20%" in html
    assert "fewer than 5" in html
    assert "100%" not in html  # the three who all answered wrongly


def test_answers_outside_the_period_do_not_count(guidelines):
    answers_about(guidelines, people=5, wrong=5)
    assert wrong_answers_report(days=0) == []


def test_the_report_csv_says_fewer_than_5(cms, guidelines):
    answers_about(guidelines, people=2, wrong=1)
    response = cms.get("/cms/refresher-answers/?export=csv")
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    # The export is written after the request's language is gone: Dutch, the site's.
    assert "fewer than 5" in body or "minder dan 5" in body
    assert ",1," not in body


def lesson_answers(tree, people: int):
    for _n in range(people):
        RefresherAnswer.objects.create(
            user=make_user(Role.EMPLOYEE),
            lesson_key=tree.quiz_lesson.translation_key,
            course_key=tree.basics.translation_key,
            block_id="x",
            correct=False,
            answered_at=timezone.now(),
        )


def test_the_report_costs_the_same_queries_with_more_answers(cms, guidelines, tree):
    """One section and one lesson, then many people on three sections and the lesson."""
    answers_about(guidelines, people=5, wrong=1)
    lesson_answers(tree, 1)
    small = page_queries(cms, "/cms/refresher-answers/")
    answers_about(guidelines, people=12, wrong=6, section_type="principles")
    answers_about(guidelines, people=3, wrong=1, section_type="dos_and_donts")
    lesson_answers(tree, 6)
    html = cms.get("/cms/refresher-answers/").content.decode()
    assert "Quiz time" in html
    assert "100%" in html
    assert page_queries(cms, "/cms/refresher-answers/") == small


def test_overlapping_periods_cannot_be_subtracted(cms, guidelines):
    """Six people answered in the year, five of them in the last 90 days: each period alone
    has five or more, but the year less 90 days is one person's answers. Both withheld."""
    answers_about(guidelines, people=5, wrong=1)
    raw = next(r for r in guidelines.main.body.raw_data if r["type"] == "negative_reactions")
    RefresherAnswer.objects.create(
        user=make_user(Role.EMPLOYEE),
        guideline_key=guidelines.main.translation_key,
        section_id=raw["id"],
        correct=False,
        answered_at=timezone.now() - dt.timedelta(days=200),
    )
    offered = (30, 90, 365)
    for days in offered:
        (row,) = wrong_answers_report(days=days, periods=offered)
        assert not row.shown, days
        assert (row.answers, row.wrong, row.wrong_share) == (None, None, None)
    # Offered alone, the year shows (nothing to compare it with).
    (alone,) = wrong_answers_report(days=365)
    assert (alone.people, alone.answers, alone.wrong) == (6, 6, 2)

    for days in offered:
        html = cms.get(f"/cms/refresher-answers/?days={days}").content.decode()
        assert "withheld, so a smaller group" in html
        assert "33%" not in html
        assert "20%" not in html
