"""A small course tree built in code: basics (two lessons, the second with a quiz), a stage-1
course that needs the basics, and a stage-3 course."""

from dataclasses import dataclass

import pytest

from core import provisioning
from courses.blocks import lesson_body as _body
from courses.models import CourseIndexPage, CoursePage, LessonPage

QUIZ = {
    "title": "Check yourself",
    "pass_mark": 60,
    "questions": [
        {
            "kind": "single",
            "text": "Which network is mostly for work?",
            "options": [
                {"text": "LinkedIn", "correct": True, "feedback": "Right: it is built for work."},
                {"text": "A dating app", "correct": False, "feedback": "SECRET-FEEDBACK-WRONG"},
            ],
        },
        {
            "kind": "multiple",
            "text": "What belongs in a good profile?",
            "options": [
                {"text": "A recent photo", "correct": True, "feedback": "Yes."},
                {"text": "Your employer", "correct": True, "feedback": "Yes."},
                {"text": "Your home address", "correct": False, "feedback": "Never."},
            ],
        },
        {
            "kind": "truefalse",
            "text": "You must share everything the company posts.",
            "options": [
                {"text": "True", "correct": False, "feedback": "No: it is voluntary."},
                {"text": "False", "correct": True, "feedback": "Indeed, it is voluntary."},
            ],
        },
    ],
}


@dataclass
class Tree:
    index: CourseIndexPage
    basics: CoursePage
    intro: LessonPage
    quiz_lesson: LessonPage
    stage1: CoursePage
    stage1_lesson: LessonPage
    stage3: CoursePage
    stage3_lesson: LessonPage


def publish(page):
    page.save_revision().publish()
    return page


def add_course(index, title, stage, required=True, prerequisites=()):
    course = CoursePage(
        title=title,
        stage=stage,
        summary=f"About {title}",
        learning_goals="Goal one\nGoal two",
        estimated_minutes=20,
        required_for_promotion=required,
    )
    index.add_child(instance=course)
    course.prerequisites.set(prerequisites)
    course.save()
    return publish(course)


def add_lesson(course, title, blocks):
    lesson = LessonPage(title=title, body=_body(blocks), estimated_minutes=5)
    course.add_child(instance=lesson)
    return publish(lesson)


def build_tree() -> Tree:
    home = provisioning.wagtail_site_ensure()
    index = CourseIndexPage(title="Cursussen", slug="cursussen")
    home.add_child(instance=index)
    publish(index)
    basics = add_course(index, "Basics", 0)
    intro = add_lesson(basics, "Your profile", [("text", "<p>Use a recent photo.</p>")])
    quiz_lesson = add_lesson(
        basics,
        "Quiz time",
        [("callout", {"kind": "tip", "text": "Take your time."}), ("quiz", QUIZ)],
    )
    stage1 = add_course(index, "Engagement", 1, prerequisites=[basics])
    stage1_lesson = add_lesson(stage1, "Liking well", [("text", "<p>Like with care.</p>")])
    stage3 = add_course(index, "Production", 3)
    stage3_lesson = add_lesson(stage3, "Writing", [("text", "<p>Write.</p>")])
    return Tree(
        index=index,
        basics=basics,
        intro=LessonPage.objects.get(pk=intro.pk),
        quiz_lesson=LessonPage.objects.get(pk=quiz_lesson.pk),
        stage1=stage1,
        stage1_lesson=LessonPage.objects.get(pk=stage1_lesson.pk),
        stage3=stage3,
        stage3_lesson=LessonPage.objects.get(pk=stage3_lesson.pk),
    )


@pytest.fixture
def tree(db):
    return build_tree()


def quiz_answers(lesson, right=True):
    """Form data answering the lesson's quiz, all right or all wrong."""
    quiz = lesson.quizzes()[0]
    data = {"action": "quiz", "quiz": quiz.id}
    for question in quiz.value["questions"].bound_blocks:
        chosen = [
            option.id
            for option in question.value["options"].bound_blocks
            if option.value["correct"] == right
        ]
        data[f"q-{question.id}"] = chosen[: None if question.value["kind"] == "multiple" else 1]
    return data


def answers(lesson, right=True) -> dict[str, list[str]]:
    """The quiz answers as the grading service takes them: question id → option ids."""
    data = quiz_answers(lesson, right)
    return {key[2:]: value for key, value in data.items() if key.startswith("q-")}


def pass_quiz(user, course, lesson, number=1):
    from courses import services

    quiz = lesson.quizzes()[0]
    return services.quiz_submit(
        user=user,
        course=course,
        lesson=lesson,
        quiz_id=quiz.id,
        answers=answers(lesson),
        number=number,
    )
