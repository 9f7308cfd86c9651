"""The learning rules hold for every caller (services called directly), and the lesson and
desk forms turn a refusal into an error on the page with what the person chose kept."""

import pytest
from django.contrib.auth.models import User

from ambassadors.models import Ambassador, Stage
from ambassadors.roles import Role
from courses import services
from courses.models import Enrolment, ExtraAttempts, LessonProgress, QuizAttempt
from tests.factories import make_user
from tests.factories.courses import answers, pass_quiz, quiz_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _people_read_english(employee):
    Ambassador.objects.update(language="en")


def test_a_later_stage_course_is_closed_to_every_caller(employee, tree):
    """Opening, finishing or taking a quiz in a stage-3 course is refused for stage 1."""
    lesson, course = tree.stage3_lesson, tree.stage3
    with pytest.raises(services.LearningError, match="Production stage"):
        services.lesson_open(user=employee, course=course, lesson=lesson)
    with pytest.raises(services.LearningError, match="Production stage"):
        services.lesson_mark_done(user=employee, course=course, lesson=lesson)
    assert not Enrolment.objects.exists()
    assert not LessonProgress.objects.exists()
    Ambassador.objects.filter(user=employee).update(stage=Stage.PRODUCTION)
    services.lesson_mark_done(user=employee, course=course, lesson=lesson)
    assert LessonProgress.objects.filter(user=employee).count() == 1


def test_prerequisites_close_a_course_to_every_caller(employee, tree):
    """The stage-1 course needs the basics first, for the quiz and 'done' alike."""
    with pytest.raises(services.LearningError, match="First complete: Basics"):
        services.lesson_mark_done(user=employee, course=tree.stage1, lesson=tree.stage1_lesson)
    services.lesson_mark_done(user=employee, course=tree.basics, lesson=tree.intro)
    pass_quiz(employee, tree.basics, tree.quiz_lesson)
    services.lesson_mark_done(user=employee, course=tree.stage1, lesson=tree.stage1_lesson)


def test_a_lesson_counts_only_in_its_own_course(employee, tree):
    """A lesson passed with another course is refused: progress keeps the right course."""
    with pytest.raises(services.LearningError, match="not part of this course"):
        services.lesson_mark_done(user=employee, course=tree.basics, lesson=tree.stage3_lesson)
    tree.intro.unpublish()
    tree.intro.refresh_from_db()
    with pytest.raises(services.LearningError, match="not part of this course"):
        services.lesson_mark_done(user=employee, course=tree.basics, lesson=tree.intro)
    assert not LessonProgress.objects.exists()


def test_someone_outside_the_programme_takes_no_course(tree):
    """A user without a participant profile records no progress."""
    outsider = User.objects.create_user(username="outsider", password="x" * 12)
    with pytest.raises(services.LearningError, match="joined the programme"):
        services.lesson_open(user=outsider, course=tree.basics, lesson=tree.intro)


def test_a_passed_quiz_takes_no_further_attempts(employee, tree):
    """After a pass, another attempt is refused (the page offers none either)."""
    pass_quiz(employee, tree.basics, tree.quiz_lesson)
    quiz = tree.quiz_lesson.quizzes()[0]
    with pytest.raises(services.LearningError, match="already passed"):
        services.quiz_submit(
            user=employee,
            course=tree.basics,
            lesson=tree.quiz_lesson,
            quiz_id=quiz.id,
            answers=answers(tree.quiz_lesson, right=False),
            number=2,
        )
    assert QuizAttempt.objects.count() == 1


def test_opening_a_lesson_twice_is_the_same_as_once(client_for, employee, tree):
    """A GET records only the person's own place to resume, idempotently."""
    client = client_for(employee)
    client.get(tree.intro.url)
    client.get(tree.intro.url)
    enrolment = Enrolment.objects.get(user=employee)
    assert enrolment.last_lesson_key == tree.intro.translation_key
    assert Enrolment.objects.count() == 1
    assert not LessonProgress.objects.exists()


def test_a_quiz_with_an_unanswered_question_keeps_the_answers_chosen(client_for, employee, tree):
    """The page comes back (400) with the error at the question and the other answers kept."""
    data = quiz_answers(tree.quiz_lesson) | {"attempt": "1"}
    questions = [key for key in data if key.startswith("q-")]
    del data[questions[2]]
    response = client_for(employee).post(tree.quiz_lesson.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please answer every question." in html
    assert "Choose an answer." in html
    form = response.context["quizzes"][0].form
    assert form[questions[0]].value() == data[questions[0]]
    assert set(form.errors) == {"__all__", questions[2]}
    chosen = data[questions[0]][0]
    assert f'value="{chosen}"' in html
    assert html.count(" checked") == 1 + len(data[questions[1]])
    assert not QuizAttempt.objects.exists()


def test_answers_render_as_a_group_with_a_legend(client_for, employee, tree):
    """Each question is a fieldset whose legend is the question; every option is labelled."""
    html = client_for(employee).get(tree.quiz_lesson.url).content.decode()
    assert '<fieldset class="question"' in html
    assert "<legend>1. Which network is mostly for work?" in html
    assert 'for=""' not in html
    assert html.count('type="radio"') == 4
    assert html.count('type="checkbox"') == 3


def test_marking_a_quiz_lesson_done_says_why_not(client_for, employee, tree):
    """'Mark as done' on a lesson with a quiz: the page says the quiz finishes it (400)."""
    response = client_for(employee).post(tree.quiz_lesson.url, {"action": "done"})
    assert response.status_code == 400
    assert "finished by passing its quiz" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_an_unknown_lesson_action_is_an_error_on_the_page(client_for, employee, tree):
    response = client_for(employee).post(tree.intro.url, {"action": "delete"})
    assert response.status_code == 400
    assert "Unknown choice." in response.content.decode()


def _stuck(client_for, learner, tree):
    lesson = tree.quiz_lesson
    lesson.quizzes()[0].value["max_attempts"] = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    client_for(learner).post(lesson.url, quiz_answers(lesson, right=False) | {"attempt": "1"})
    return lesson


def test_a_refused_grant_keeps_what_the_mentor_typed(client_for, employee, mentor, tree):
    """Too many attempts: the row shows the error and keeps the reason typed."""
    lesson = tree.quiz_lesson
    _stuck(client_for, employee, tree)
    desk = client_for(mentor)
    form = {"learner": employee.pk, "lesson": lesson.translation_key, "attempts": "11"}
    response = desk.post("/desk/quizzes/", form | {"reason": "Read the lesson again."})
    assert response.status_code == 400
    row = response.context["rows"][0]
    assert row.form["reason"].value() == "Read the lesson again."
    assert row.form.errors["attempts"]
    html = response.content.decode()
    assert "Read the lesson again.</textarea>" in html
    assert 'maxlength="300"' in html  # the form's limits, declared once
    assert 'max="10"' in html
    assert not ExtraAttempts.objects.exists()


def test_a_grant_to_someone_outside_the_programme_is_refused_not_a_crash(client_for, mentor, tree):
    """A crafted post naming a user without a profile gets an error, not a server error."""
    outsider = User.objects.create_user(username="outsider", password="x" * 12)
    lesson = tree.quiz_lesson
    lesson.quizzes()[0].value["max_attempts"] = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    with pytest.raises(services.LearningError, match="has not joined"):
        services.quiz_attempts_grant(
            learner=outsider, lesson=lesson, attempts=1, reason="Why not", granted_by=mentor
        )
    response = client_for(mentor).post(
        "/desk/quizzes/",
        {
            "learner": outsider.pk,
            "lesson": lesson.translation_key,
            "attempts": "1",
            "reason": "Why not",
        },
    )
    assert response.status_code == 400
    (refusal,) = response.context["form"].non_field_errors()
    assert refusal == str(services.ERROR_GRANT_NOT_A_LEARNER)  # in the mentor's language
    assert refusal in response.content.decode()
    assert not ExtraAttempts.objects.exists()


def test_only_mentors_and_comms_reach_the_grant(client_for, employee, tree):
    """An employee posting the desk form is refused before the service (403)."""
    other = make_user(Role.EMPLOYEE)
    lesson = _stuck(client_for, other, tree)
    response = client_for(employee).post(
        "/desk/quizzes/",
        {"learner": other.pk, "lesson": lesson.translation_key, "attempts": "1", "reason": "x"},
    )
    assert response.status_code == 403
    assert not ExtraAttempts.objects.exists()


def test_an_attempt_number_from_the_future_says_the_form_is_out_of_date(employee, tree):
    """A crafted or stale attempt number is refused as an out-of-date form, not as an answer
    that does not belong to the quiz (found in review)."""
    quiz = tree.quiz_lesson.quizzes()[0]
    with pytest.raises(services.LearningError) as refused:
        services.quiz_submit(
            user=employee,
            course=tree.basics,
            lesson=tree.quiz_lesson,
            quiz_id=quiz.id,
            answers=answers(tree.quiz_lesson, right=False),
            number=6,
        )
    assert refused.value.message == services.ERROR_STALE_ATTEMPT
    assert not QuizAttempt.objects.exists()
