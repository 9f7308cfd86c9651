"""Course figures for comms staff."""

import pytest

from ambassadors.roles import Role
from courses import selectors, services
from tests.factories import make_user
from tests.factories.courses import answers

pytestmark = pytest.mark.django_db


def test_course_figures_count_learners_scores_and_drop_off(client_for, comms, tree):
    """Started, completed, rate, average score and the lesson where most stop, per course."""
    quiz = tree.quiz_lesson.quizzes()[0]
    right = answers(tree.quiz_lesson)
    wrong = answers(tree.quiz_lesson, right=False)
    finisher, stopper, starter = (make_user(Role.EMPLOYEE) for _ in range(3))
    for user in (finisher, stopper):
        services.lesson_open(user=user, course=tree.basics, lesson=tree.intro)
        services.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
        services.lesson_open(user=user, course=tree.basics, lesson=tree.quiz_lesson)
    common = {"course": tree.basics, "lesson": tree.quiz_lesson, "quiz_id": quiz.id}
    services.quiz_submit(user=stopper, answers=wrong, number=1, **common)
    services.quiz_submit(user=finisher, answers=right, number=1, **common)
    services.lesson_open(user=starter, course=tree.basics, lesson=tree.intro)

    rows = {row.course.title: row for row in selectors.course_figures()}
    basics = rows["Basics"]
    assert (basics.started, basics.completed, basics.completion_rate) == (3, 1, 33)
    assert basics.average_score == 50  # 100 and 0
    assert (basics.drop_off_lesson, basics.drop_off_count) == ("Quiz time", 1) or (
        basics.drop_off_lesson == "Your profile"
    )
    assert rows["Production"].started == 0
    response = client_for(comms).get("/cms/course-figures/")
    assert response.status_code == 200
    assert b"Basics" in response.content
