"""Grading on the server, lesson and course completion, locks and tampered posts."""

import pytest

from ambassadors.models import Notification, Stage
from courses import selectors, services
from courses.models import Enrolment, LessonProgress, QuizAttempt
from tests.factories.courses import answers, pass_quiz, quiz_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _learner_reads_english(employee):
    """The learner's interface in English, so the tests can read the messages."""
    employee.ambassador.language = "en"
    employee.ambassador.save()


def test_correct_answers_are_never_in_the_page_before_grading(client_for, employee, tree):
    """The lesson's HTML has the questions but not which answers are correct, nor feedback."""
    html = client_for(employee).get(tree.quiz_lesson.url).content.decode()
    assert "Which network is mostly for work?" in html
    assert "SECRET-FEEDBACK-WRONG" not in html
    assert "correct" not in html.lower().replace("not right", "")


def test_passing_the_quiz_finishes_the_lesson_and_with_it_the_course(client_for, employee, tree):
    """Intro marked done plus a passed quiz complete the course, with certificate and notice."""
    client = client_for(employee)
    client.post(tree.intro.url, {"action": "done"})
    assert LessonProgress.objects.filter(user=employee).count() == 1
    data = quiz_answers(tree.quiz_lesson, right=True)
    response = client.post(tree.quiz_lesson.url, data | {"attempt": "1"})
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(user=employee)
    assert (attempt.score, attempt.passed) == (100, True)
    enrolment = Enrolment.objects.get(user=employee, course_key=tree.basics.translation_key)
    assert enrolment.completed_at is not None
    assert enrolment.certificate_code
    assert Notification.objects.filter(recipient=employee, kind="course_completed").count() == 1
    assert (
        selectors.course_status(ambassador=employee.ambassador, course=tree.basics).percent == 100
    )


def test_wrong_answers_are_graded_with_feedback_for_the_chosen_answers(client_for, employee, tree):
    """A failed attempt is stored with its score; the page shows feedback of chosen answers."""
    client = client_for(employee)
    data = quiz_answers(tree.quiz_lesson, right=False)
    client.post(tree.quiz_lesson.url, data | {"attempt": "1"})
    attempt = QuizAttempt.objects.get(user=employee)
    assert (attempt.score, attempt.passed) == (0, False)
    html = client.get(tree.quiz_lesson.url).content.decode()
    assert "SECRET-FEEDBACK-WRONG" in html
    assert "Right: it is built for work." not in html  # the unchosen right answer stays hidden
    assert not LessonProgress.objects.filter(user=employee).exists()


def test_half_right_multiple_choice_counts_as_wrong(employee, tree):
    """A multiple-choice question is right only with exactly the correct set."""
    quiz = tree.quiz_lesson.quizzes()[0]
    data = quiz_answers(tree.quiz_lesson, right=True)
    answers = {key[2:]: value for key, value in data.items() if key.startswith("q-")}
    multiple = quiz.value["questions"].bound_blocks[1]
    answers[multiple.id] = answers[multiple.id][:1]
    attempt = services.quiz_submit(
        user=employee,
        course=tree.basics,
        lesson=tree.quiz_lesson,
        quiz_id=quiz.id,
        answers=answers,
        number=1,
    )
    assert attempt.score == 67
    assert attempt.passed  # pass mark 60


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("unknown-option", "does not belong"),
        ("foreign-question", "does not belong"),
        ("missing", "answer every question"),
        ("two-for-single", "only one answer"),
        ("unknown-quiz", "does not belong to this lesson"),
        ("future-attempt", "out of date"),
    ],
)
def test_tampered_posts_are_refused_and_store_nothing(client_for, employee, tree, tamper, message):
    """Tampered quiz posts get a clear error (400) and no attempt is stored."""
    data = quiz_answers(tree.quiz_lesson, right=True) | {"attempt": "1"}
    questions = [key for key in data if key.startswith("q-")]
    if tamper == "unknown-option":
        data[questions[0]] = ["not-an-option"]
    elif tamper == "foreign-question":
        data["q-some-other-lessons-question"] = ["x"]
    elif tamper == "missing":
        del data[questions[2]]
    elif tamper == "two-for-single":
        single = tree.quiz_lesson.quizzes()[0].value["questions"].bound_blocks[0]
        data[questions[0]] = [option.id for option in single.value["options"].bound_blocks]
    elif tamper == "unknown-quiz":
        data["quiz"] = "another-quiz"
    elif tamper == "future-attempt":
        data["attempt"] = "7"
    response = client_for(employee).post(tree.quiz_lesson.url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_repeated_submission_stores_one_attempt(client_for, employee, tree):
    """Posting the same attempt twice (double click, back button) keeps one attempt."""
    client = client_for(employee)
    data = quiz_answers(tree.quiz_lesson, right=False) | {"attempt": "1"}
    client.post(tree.quiz_lesson.url, data)
    response = client.post(tree.quiz_lesson.url, quiz_answers(tree.quiz_lesson) | {"attempt": "1"})
    assert response.status_code == 302
    assert QuizAttempt.objects.count() == 1
    assert QuizAttempt.objects.get().passed is False


def test_attempt_limit(employee, tree):
    """With one attempt allowed, a second is refused."""
    lesson = tree.quiz_lesson
    quiz = lesson.quizzes()[0]
    quiz.value["max_attempts"] = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    quiz = lesson.quizzes()[0]
    wrong = answers(lesson, right=False)
    services.quiz_submit(
        user=employee, course=tree.basics, lesson=lesson, quiz_id=quiz.id, answers=wrong, number=1
    )
    with pytest.raises(services.LearningError, match="all attempts"):
        services.quiz_submit(
            user=employee,
            course=tree.basics,
            lesson=lesson,
            quiz_id=quiz.id,
            answers=wrong,
            number=2,
        )


def test_lesson_with_a_quiz_cannot_be_marked_done(client_for, employee, tree):
    """'Mark as done' is refused for a lesson that is finished by its quiz."""
    client_for(employee).post(tree.quiz_lesson.url, {"action": "done"})
    assert not LessonProgress.objects.exists()


def test_prerequisites_lock_lessons_with_a_clear_message(client_for, employee, tree):
    """The stage-1 course's lesson is locked (403, with the missing course named) until basics."""
    client = client_for(employee)
    response = client.get(tree.stage1_lesson.url)
    assert response.status_code == 403
    assert "Basics" in response.content.decode()
    client.post(tree.intro.url, {"action": "done"})
    client.post(tree.quiz_lesson.url, quiz_answers(tree.quiz_lesson) | {"attempt": "1"})
    assert client.get(tree.stage1_lesson.url).status_code == 200


def test_later_stage_courses_are_locked(client_for, employee, tree):
    """A stage-3 lesson is closed to an engagement learner, open to a production learner."""
    assert client_for(employee).get(tree.stage3_lesson.url).status_code == 403
    employee.ambassador.stage = Stage.PRODUCTION
    employee.ambassador.save()
    assert client_for(employee).get(tree.stage3_lesson.url).status_code == 200


def test_posting_to_a_locked_lesson_records_nothing(client_for, employee, tree):
    """Marking a locked lesson done is refused."""
    response = client_for(employee).post(tree.stage3_lesson.url, {"action": "done"})
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_required_courses_selector(employee, tree):
    """has_completed_required_courses is false until the basics and the stage-1 course are done."""
    ambassador = employee.ambassador
    assert not selectors.has_completed_required_courses(ambassador, Stage.ENGAGEMENT)
    services.lesson_mark_done(user=employee, course=tree.basics, lesson=tree.intro)
    pass_quiz(employee, tree.basics, tree.quiz_lesson)
    assert not selectors.has_completed_required_courses(ambassador, Stage.ENGAGEMENT)
    services.lesson_mark_done(user=employee, course=tree.stage1, lesson=tree.stage1_lesson)
    assert selectors.has_completed_required_courses(ambassador, Stage.ENGAGEMENT)
    assert tree.basics.translation_key in selectors.course_completions(ambassador)


def test_progress_is_private(client_for, employee, other_employee, tree):
    """Another learner sees their own progress, not someone else's."""
    client_for(employee).post(tree.intro.url, {"action": "done"})
    status = client_for(other_employee).get(tree.basics.url).context["status"]
    assert not status.started
    assert status.percent == 0


def test_resume_where_they_left_off(client_for, employee, tree):
    """The course page's button leads to the first lesson not done; the dashboard too."""
    client = client_for(employee)
    client.post(tree.intro.url, {"action": "done"})
    status = client.get(tree.basics.url).context["status"]
    assert status.resume.pk == tree.quiz_lesson.pk
    panel = next(p for t, p in client.get("/path/").context["panels"] if "courses" in t)
    assert panel["continue_lesson"]["url"] == tree.quiz_lesson.url
