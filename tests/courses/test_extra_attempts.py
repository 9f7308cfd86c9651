"""Out of quiz attempts: mentors and comms staff give more, with a reason kept in the trail."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from ambassadors.models import Ambassador, Notification
from ambassadors.roles import Role
from courses import services
from courses.models import ExtraAttempts, LessonProgress
from tests.factories import make_user
from tests.factories.courses import quiz_answers
from tests.queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def one_try(tree):
    """The quiz lesson allows one attempt."""
    lesson = tree.quiz_lesson
    lesson.quizzes()[0].value["max_attempts"] = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def _in_english(*users):
    Ambassador.objects.filter(user__in=users).update(language="en")


def _fail_once(client, lesson):
    client.post(lesson.url, quiz_answers(lesson, right=False) | {"attempt": "1"})


def test_a_mentor_gives_a_stuck_learner_another_attempt(client_for, employee, mentor, one_try):
    """The learner is pointed to a mentor; the mentor's page lists them and gives an attempt."""
    _in_english(employee, mentor)
    learner = client_for(employee)
    _fail_once(learner, one_try)
    stuck = learner.get(one_try.url).content.decode()
    assert "No attempts left." in stuck
    assert 'href="/help/new/question/"' in stuck
    desk = client_for(mentor)
    page = desk.get("/desk/quizzes/").content.decode()
    assert employee.get_full_name() in page
    assert "Check yourself" in page
    assert "1 of 1" in page
    assert 'href="/desk/quizzes/"' in page  # in the desk's navigation

    form = {"learner": employee.pk, "lesson": one_try.translation_key, "attempts": "1"}
    refused = desk.post("/desk/quizzes/", form | {"reason": "  "})
    assert refused.status_code == 400
    assert not ExtraAttempts.objects.exists()

    response = desk.post("/desk/quizzes/", form | {"reason": "Asked on the desk; read it again."})
    assert response.status_code == 302
    grant = ExtraAttempts.objects.get()
    assert (grant.user, grant.attempts, grant.granted_by) == (employee, 1, mentor)
    entry = ModelLogEntry.objects.get(action="academy.quiz_attempts")
    assert entry.user_id == mentor.pk
    assert entry.data["person"] == employee.pk
    assert entry.data["reason"] == "Asked on the desk; read it again."
    told = Notification.objects.get(recipient=employee, kind="quiz_attempts_granted")
    assert told.subject == "You can try the quiz again: Quiz time"
    assert told.link == one_try.url
    after = desk.get("/desk/quizzes/").content.decode()
    assert "Nobody is out of attempts." in after
    assert "Asked on the desk; read it again." in after  # given recently

    assert "1 attempt left" in learner.get(one_try.url).content.decode()
    learner.post(one_try.url, quiz_answers(one_try, right=True) | {"attempt": "2"})
    assert LessonProgress.objects.filter(user=employee, lesson_key=one_try.translation_key)


def test_comms_staff_give_attempts_too_and_the_learner_is_told_in_their_language(
    client_for, employee, comms, one_try
):
    """Comms staff reach the page from the CMS; a Dutch learner gets a Dutch notification."""
    _fail_once(client_for(employee), one_try)
    _in_english(comms)
    client = client_for(comms)
    assert "/desk/quizzes/" in client.get("/cms/").content.decode()  # its CMS menu item
    client.post(
        "/desk/quizzes/",
        {
            "learner": employee.pk,
            "lesson": one_try.translation_key,
            "attempts": "2",
            "reason": "Fresh start after the course was rewritten.",
        },
    )
    told = Notification.objects.get(recipient=employee, kind="quiz_attempts_granted")
    assert told.subject == "Je kunt de quiz opnieuw proberen: Quiz time"
    assert told.body == "Je hebt 2 extra pogingen voor de quiz van deze les."


def test_only_staff_give_attempts_and_never_to_themselves(mentor, employee, one_try):
    """An employee cannot give attempts; a mentor cannot give them to themselves."""
    with translation.override("en"):
        with pytest.raises(services.LearningError, match="Only mentors and comms staff"):
            services.quiz_attempts_grant(
                learner=mentor, lesson=one_try, attempts=1, reason="Please", granted_by=employee
            )
        with pytest.raises(services.LearningError, match="Someone else"):
            services.quiz_attempts_grant(
                learner=mentor, lesson=one_try, attempts=1, reason="Me", granted_by=mentor
            )
        with pytest.raises(services.LearningError, match="between 1 and 10"):
            services.quiz_attempts_grant(
                learner=employee, lesson=one_try, attempts=11, reason="Many", granted_by=mentor
            )
    assert not ExtraAttempts.objects.exists()


def test_erasing_the_learner_removes_the_reasons(mentor, employee, one_try):
    """The reason (words about the person) leaves the table and the trail; the fact stays."""
    from ambassadors.erasure import account_erase

    services.quiz_attempts_grant(
        learner=employee,
        lesson=one_try,
        attempts=1,
        reason="Dyslexia, needs time",
        granted_by=mentor,
    )
    account_erase(user=employee, actor=employee)
    assert not ExtraAttempts.objects.exists()
    entry = ModelLogEntry.objects.get(action="academy.quiz_attempts")
    assert "Dyslexia" not in str(entry.data)
    assert entry.user_id == mentor.pk


def test_the_page_costs_the_same_queries_however_many_are_stuck(client_for, mentor, one_try):
    """A fixed number of queries for one stuck learner or five, with grants in the history."""
    _fail_once(client_for(make_user(Role.EMPLOYEE)), one_try)
    helped = make_user(Role.EMPLOYEE)
    services.quiz_attempts_grant(
        learner=helped, lesson=one_try, attempts=1, reason="Asked", granted_by=mentor
    )
    few = page_queries(client_for(mentor), "/desk/quizzes/")
    for _number in range(4):
        learner = make_user(Role.EMPLOYEE)
        _fail_once(client_for(learner), one_try)
        services.quiz_attempts_grant(
            learner=learner, lesson=one_try, attempts=1, reason="Asked", granted_by=mentor
        )
        _fail_once(client_for(make_user(Role.EMPLOYEE)), one_try)
    page = client_for(mentor).get("/desk/quizzes/").content.decode()
    assert page.count('name="reason"') == 5
    assert page_queries(client_for(mentor), "/desk/quizzes/") == few


def test_a_learner_stuck_at_the_english_quiz_is_found_and_told_in_english(
    client_for, employee, mentor, one_try
):
    """The English version has quiz blocks of its own: a Dutch mentor still finds the learner
    stuck there, and the learner is pointed to the English lesson, in English."""
    import uuid

    from wagtail.blocks import StreamValue
    from wagtail.models import Locale

    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    english = one_try.copy_for_translation(english_locale, copy_parents=True)
    english.title = "Quiz time in English"
    raw = [{**block, "id": str(uuid.uuid4())} for block in english.body.raw_data]
    english.body = StreamValue(english.body.stream_block, raw, is_lazy=True)
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.quizzes()[0].id != one_try.quizzes()[0].id
    _in_english(employee)

    _fail_once(client_for(employee), english)
    desk = client_for(mentor)  # reads the desk in Dutch
    assert employee.get_full_name() in desk.get("/desk/quizzes/").content.decode()

    form = {"learner": employee.pk, "lesson": one_try.translation_key, "attempts": "1"}
    desk.post("/desk/quizzes/", form | {"reason": "Gevraagd via de desk."})
    told = Notification.objects.get(recipient=employee, kind="quiz_attempts_granted")
    assert told.subject == "You can try the quiz again: Quiz time in English"
    assert told.link == english.url
