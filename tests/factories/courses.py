"""Course pages and learners' progress: a small course tree built in code (basics with two
lessons, the second with a quiz; a stage-1 course that needs the basics; a stage-3 course),
and the quiz answers a learner sends."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from core import provisioning
from courses.blocks import lesson_body
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, QuizAttempt

from .ambassadors import UserFactory
from .pages import PageFactory

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


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Cursussen"
    slug = "cursussen"


class CoursePageFactory(PageFactory):
    """A course; pass `parent` (a course index) and `prerequisites` (a list of courses)."""

    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n + 1}")
    stage = 0
    summary = factory.LazyAttribute(lambda course: f"About {course.title}")
    learning_goals = "Goal one\nGoal two"
    estimated_minutes = 20
    required_for_promotion = True


class LessonPageFactory(PageFactory):
    """A lesson; `blocks` are its body as (block type, plain value) pairs, e.g.
    `[("text", "<p>Hi</p>"), ("quiz", QUIZ)]`."""

    class Meta:
        model = LessonPage

    class Params:
        blocks = (("text", "<p>Read this.</p>"),)

    title = factory.Sequence(lambda n: f"Lesson {n + 1}")
    body = factory.LazyAttribute(lambda lesson: lesson_body(list(lesson.blocks)))
    estimated_minutes = 5


def add_course(index, title, stage, required=True, prerequisites=()) -> CoursePage:
    return CoursePageFactory(
        parent=index,
        title=title,
        stage=stage,
        required_for_promotion=required,
        prerequisites=list(prerequisites),
    )


def add_lesson(course, title, blocks) -> LessonPage:
    return LessonPageFactory(parent=course, title=title, blocks=blocks)


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


def build_tree() -> Tree:
    index = CourseIndexPageFactory(parent=provisioning.wagtail_site_ensure())
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
        intro=intro,
        quiz_lesson=quiz_lesson,
        stage1=stage1,
        stage1_lesson=stage1_lesson,
        stage3=stage3,
        stage3_lesson=stage3_lesson,
    )


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


def complete_basics(user, tree) -> Enrolment:
    """The learner finished the basics of `tree`: the first lesson done, the quiz passed."""
    from courses import services

    services.lesson_mark_done(user=user, course=tree.basics, lesson=tree.intro)
    pass_quiz(user, tree.basics, tree.quiz_lesson)
    return Enrolment.objects.get(user=user, course_key=tree.basics.translation_key)


class EnrolmentFactory(DjangoModelFactory):
    """A learner's enrolment, in `course` (a CoursePage) or an unknown one; a completed one
    (`completed_at`) needs a `certificate_code` too."""

    class Meta:
        model = Enrolment

    class Params:
        course = None

    user = factory.SubFactory(UserFactory)
    course_key = factory.LazyAttribute(
        lambda row: row.course.translation_key if row.course else uuid.uuid4()
    )


class QuizAttemptFactory(DjangoModelFactory):
    """A graded attempt at the first quiz of `lesson` (a LessonPage), or at an unknown quiz."""

    class Meta:
        model = QuizAttempt

    class Params:
        lesson = None

    user = factory.SubFactory(UserFactory)
    course_key = factory.LazyAttribute(
        lambda row: row.lesson.get_parent().translation_key if row.lesson else uuid.uuid4()
    )
    lesson_key = factory.LazyAttribute(
        lambda row: row.lesson.translation_key if row.lesson else uuid.uuid4()
    )
    quiz_id = factory.LazyAttribute(
        lambda row: row.lesson.quizzes()[0].id if row.lesson else "quiz"
    )
    number = 1
    score = 100
    passed = factory.LazyAttribute(lambda row: row.score >= 70)
