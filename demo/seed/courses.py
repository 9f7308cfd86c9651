"""The demo courses (content/courses) in Dutch and English, and the learners' progress
(story.toml) walked through the course services."""

from __future__ import annotations

from django.contrib.auth.models import User
from wagtail.models import Locale, Page

from core import provisioning
from courses import services
from courses.blocks import LessonStreamBlock, lesson_body
from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizAttempt

from .files import CONTENT, blocks, content, localized, story
from .pictures import picture

FOLDER = CONTENT / "courses"


def courses() -> list[tuple[str, dict]]:
    """(folder name, course.toml) of every demo course, in catalogue order."""
    return [
        (folder.name, content(f"courses/{folder.name}/course.toml"))
        for folder in sorted(FOLDER.iterdir())
        if folder.is_dir()
    ]


def seed() -> None:
    dutch, _created = Locale.objects.get_or_create(language_code="nl")
    english, _created = Locale.objects.get_or_create(language_code="en")
    home = provisioning.wagtail_site_ensure()
    _translate(home, english, {})
    index = content("courses/index.toml")
    index_nl = _index(home, localized(index, "nl", FOLDER))
    index_en_data = localized(index, "en", FOLDER)
    index_en = _translate(index_nl, english, index_en_data, intro=index_en_data["intro"])
    pages: dict[str, tuple[CoursePage, CoursePage]] = {}
    for folder, course in courses():
        slug = localized(course["slug"], "nl", FOLDER)
        pages[slug] = _course(FOLDER / folder, course, index_nl, index_en, pages)
    _progress(list(pages.values()))


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _index(home: Page, data: dict) -> CourseIndexPage:
    existing = CourseIndexPage.objects.filter(locale__language_code="nl").first()
    if existing is not None:
        return existing
    index = CourseIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"])
    home.add_child(instance=index)
    _publish(index)
    return index


def _translate(page: Page, locale: Locale, fields: dict, **extra) -> Page:
    """The page's translation in `locale`, made (and published) when it is missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.specific.copy_for_translation(locale)
    for name in ("title", "slug"):
        if name in fields:
            setattr(translation, name, fields[name])
    for name, value in extra.items():
        setattr(translation, name, value)
    translation.save()
    _publish(translation)
    return translation


def _cover(nl: dict) -> object:
    """A generated cover in the stage's colour (no stock photos in the demo)."""
    return picture(
        key=f"cover-{nl['slug']}",
        motif=nl["lesson_picture"],
        label="",
        size=(1200, 600),
        title=f"Cover: {nl['title']}",
        colour=nl["cover_colour"],
    )


def _course(folder, course, index_nl, index_en, pages) -> tuple[CoursePage, CoursePage]:
    nl = localized(course, "nl", folder)
    # (A database seeded before the Dutch courses had Dutch slugs knows them by the English.)
    existing = (
        CoursePage.objects.child_of(index_nl)
        .filter(slug__in=[nl["slug"], localized(course["slug"], "en", folder)])
        .first()
    )
    if existing is not None:
        _picture_lessons(existing, course)
    else:
        existing = CoursePage(
            title=nl["title"],
            slug=nl["slug"],
            stage=nl["stage"],
            summary=nl["summary"],
            learning_goals="\n".join(nl["goals"]),
            estimated_minutes=nl["minutes"],
            required_for_promotion=nl["required"],
            image=_cover(nl),
        )
        index_nl.add_child(instance=existing)
        existing.prerequisites.set([pages[slug][0] for slug in nl["prerequisites"]])
        existing.save()
        _publish(existing)
        for position, lesson_data in enumerate(nl["lessons"], start=1):
            lesson = LessonPage(
                title=lesson_data["title"],
                slug=lesson_data["slug"],
                estimated_minutes=lesson_data["minutes"],
                body=lesson_body(
                    [_lesson_picture(course, position, "nl"), *blocks(lesson_data["blocks"])]
                ),
            )
            existing.add_child(instance=lesson)
            _publish(lesson)
    english = existing.get_translation_or_none(index_en.locale)
    if english is None:
        en = localized(course, "en", folder)
        english = existing.copy_for_translation(index_en.locale)
        english.title = en["title"]
        english.slug = en["slug"]
        english.summary = en["summary"]
        english.learning_goals = "\n".join(en["goals"])
        english.save()
        english.prerequisites.set([pages[slug][1] for slug in nl["prerequisites"]])
        english.save()
        _publish(english)
        for position, (lesson_data, lesson) in enumerate(
            zip(
                en["lessons"],
                LessonPage.objects.child_of(existing).order_by("path"),
                strict=True,
            ),
            start=1,
        ):
            translated = lesson.copy_for_translation(index_en.locale)
            translated.title = lesson_data["title"]
            translated.slug = lesson_data["slug"]
            translated.body = lesson_body(
                [_lesson_picture(course, position, "en"), *blocks(lesson_data["blocks"])]
            )
            translated.save()
            _publish(translated)
    return existing, english.specific


def _lesson_picture(course: dict, position: int, language: str) -> tuple[str, dict]:
    """The picture block that opens a lesson: generated shapes of the course's kind, the
    same picture in both languages."""
    slug = localized(course["slug"], "nl", FOLDER)
    title = course["lessons"][position - 1]["title"][language]
    image = picture(
        key=f"{slug}-{position}",
        motif=course["lesson_picture"],
        label="",
        size=(1200, 600),
        title=f"Lesson picture: {slug} {position}",
        colour=course["cover_colour"],
    )
    alt = {
        "nl": f"Illustratie bij de les ‘{title}’",
        "en": f"Illustration for the lesson ‘{title}’",
    }[language]
    return ("image", {"image": image.pk, "alt": alt, "caption": ""})


def _picture_lessons(course_page: CoursePage, course: dict) -> None:
    """Lessons seeded before they had pictures get one (nothing changes when they have it)."""
    for language in ("nl", "en"):
        page = course_page.get_translation_or_none(Locale.objects.get(language_code=language))
        if page is None:
            continue
        lessons = LessonPage.objects.child_of(page).order_by("path")
        for position, lesson in enumerate(lessons, start=1):
            if any(block.block_type == "image" for block in lesson.body):
                continue
            if position > len(course["lessons"]):
                break
            opening = lesson_body([_lesson_picture(course, position, language)]).raw_data
            lesson.body = LessonStreamBlock().to_python([*opening, *lesson.body.raw_data])
            _publish(lesson)


def _correct_answers(quiz_value) -> dict[str, list[str]]:
    return {
        question.id: [
            option.id
            for option in question.value["options"].bound_blocks
            if option.value["correct"]
        ]
        for question in quiz_value["questions"].bound_blocks
    }


def _wrong_answers(quiz_value) -> dict[str, list[str]]:
    answers = {}
    for question in quiz_value["questions"].bound_blocks:
        options = list(question.value["options"].bound_blocks)
        wrong = [option.id for option in options if not option.value["correct"]]
        answers[question.id] = wrong[:1] or [options[0].id]
    return answers


def _finish_lesson(user: User, course: CoursePage, lesson: LessonPage, fail_first: bool) -> None:
    services.lesson_open(user=user, course=course, lesson=lesson)
    if not lesson.has_quiz:
        services.lesson_mark_done(user=user, course=course, lesson=lesson)
        return
    for quiz in lesson.quizzes():
        attempts = QuizAttempt.objects.filter(
            user=user, lesson_key=lesson.translation_key, quiz_id=quiz.id
        )
        if attempts.filter(passed=True).exists():
            continue
        number = attempts.count() + 1
        if fail_first and number == 1:
            services.quiz_submit(
                user=user,
                course=course,
                lesson=lesson,
                quiz_id=quiz.id,
                answers=_wrong_answers(quiz.value),
                number=number,
            )
            number += 1
        services.quiz_submit(
            user=user,
            course=course,
            lesson=lesson,
            quiz_id=quiz.id,
            answers=_correct_answers(quiz.value),
            number=number,
        )


def _progress(courses: list[tuple[CoursePage, CoursePage]]) -> None:
    progress = story()["courses"]["progress"]
    for username, learner in sorted(progress.items()):
        user = User.objects.filter(username=username, ambassador__status="active").first()
        if user is None:
            continue
        # Learners whose profile is in English learn in English.
        which = 1 if user.ambassador.language == "en" else 0
        for position, pair in enumerate(courses):
            course = pair[which]
            lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
            if position < learner["courses_done"]:
                todo = lessons
            elif position == learner["courses_done"]:
                todo = lessons[: learner["lessons_done"]]
            else:
                break
            for lesson in todo:
                _finish_lesson(
                    user, course, lesson, fail_first=learner.get("fails_quiz_first", False)
                )
