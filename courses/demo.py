"""Demo courses in Dutch and English, and demo learners at different points of progress."""

from __future__ import annotations

import io

from django.contrib.auth.models import User
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from ambassadors import provisioning

from . import services
from .blocks import lesson_body
from .demo_content import COURSES
from .models import CourseIndexPage, CoursePage, LessonPage, QuizAttempt

INDEX = {
    "nl": {
        "slug": "cursussen",
        "title": "Cursussen",
        "intro": "<p>Leer in je eigen tempo. Begin met de basis en kies daarna de cursussen "
        "van jouw fase.</p>",
    },
    "en": {
        "slug": "courses",
        "title": "Courses",
        "intro": "<p>Learn at your own pace. Start with the basics, then take the courses "
        "of your stage.</p>",
    },
}
STAGE_COLOURS = {0: "#0b5d63", 1: "#1f7a8c", 2: "#6a4c93", 3: "#b5541c"}

# Demo learners: username -> number of courses completed in list order, and lessons done
# in the course after that.
PROGRESS = {
    "daan": (3, 0),  # stage 2: the stage-3 course stays closed to him
    "fatima": (3, 2),
    "lisa": (3, 0),
    "noah": (2, 2),
    "lucas": (3, 1),
    "sophie": (3, 0),
    "jesse": (3, 3),
    "tom": (0, 2),
    "mohamed": (1, 1),
    "emma": (1, 0),
    "julia": (0, 1),
    "milan": (2, 1),
    "eva": (1, 2),
    "femke": (4, 0),
}


# The English pages' own slugs (by the Dutch one): English addresses for English readers.
EN_SLUGS = {
    "vier-platformen": "four-platforms",
    "een-goed-profiel": "a-good-profile",
    "netwerk-en-privacy": "network-and-privacy",
    "wat-deel-je-wel-en-niet": "what-to-share",
    "liken-delen-reageren": "like-comment-share",
    "persoonlijke-regel-en-timing": "your-own-line-and-timing",
    "open-over-je-werkgever": "open-about-your-employer",
    "negatieve-reacties": "negative-reactions",
    "goede-content-vinden": "finding-good-content",
    "betrouwbaar-en-relevant": "reliable-and-relevant",
    "eigen-commentaar": "your-own-comment",
    "bronnen-en-auteursrecht": "sources-and-copyright",
    "contentstrategie": "content-strategy",
    "schrijven-over-je-werk": "writing-about-your-work",
    "fotos-maken": "taking-photos",
    "korte-video": "short-video",
    "hulp-bij-schrijven-en-eindredactie": "help-with-writing-and-editing",
}


def english_slug(dutch_slug: str, english_title: str) -> str:
    return EN_SLUGS.get(dutch_slug) or slugify(english_title)


def seed() -> None:
    dutch, _created = Locale.objects.get_or_create(language_code="nl")
    english, _created = Locale.objects.get_or_create(language_code="en")
    home = provisioning.wagtail_site_ensure()
    _translate(home, english, {})
    index_nl = _index(home, dutch)
    index_en = _translate(index_nl, english, INDEX["en"], intro=INDEX["en"]["intro"])
    pages: dict[str, tuple[CoursePage, CoursePage]] = {}
    for course_data in COURSES:
        pages[course_data["slug"]] = _course(course_data, index_nl, index_en, pages)
    _progress(pages)


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _index(home: Page, dutch: Locale) -> CourseIndexPage:
    existing = CourseIndexPage.objects.filter(locale=dutch).first()
    if existing is not None:
        return existing
    index = CourseIndexPage(
        title=INDEX["nl"]["title"], slug=INDEX["nl"]["slug"], intro=INDEX["nl"]["intro"]
    )
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


def _cover(course_data: dict) -> object:
    """A generated cover image in the stage's colour (no stock photos in the demo)."""
    Image = get_image_model()
    title = f"Cover: {course_data['nl']['title']}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    colour = STAGE_COLOURS[course_data["stage"]]
    canvas = PILImage.new("RGB", (960, 480), colour)
    draw = ImageDraw.Draw(canvas)
    for number in range(6):
        radius = 60 + number * 45
        draw.ellipse(
            (760 - radius, 380 - radius, 760 + radius, 380 + radius),
            outline="#f2b134" if number % 2 else "#ffffff",
            width=6,
        )
    draw.rectangle((60, 60, 140, 140), fill="#ffffff")
    draw.text((88, 80), str(course_data["stage"] or "A"), fill=colour, font_size=48)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"{course_data['slug']}.png")
    image.save()
    return image


def _course(course_data, index_nl, index_en, pages) -> tuple[CoursePage, CoursePage]:
    existing = CoursePage.objects.child_of(index_nl).filter(slug=course_data["slug"]).first()
    if existing is None:
        nl = course_data["nl"]
        existing = CoursePage(
            title=nl["title"],
            slug=course_data["slug"],
            stage=course_data["stage"],
            summary=nl["summary"],
            learning_goals="\n".join(nl["goals"]),
            estimated_minutes=course_data["minutes"],
            required_for_promotion=course_data["required"],
            image=_cover(course_data),
        )
        index_nl.add_child(instance=existing)
        existing.prerequisites.set([pages[slug][0] for slug in course_data["prerequisites"]])
        existing.save()
        _publish(existing)
        for lesson_data in course_data["lessons"]:
            lesson = LessonPage(
                title=lesson_data["nl"]["title"],
                slug=lesson_data["slug"],
                estimated_minutes=lesson_data["minutes"],
                body=lesson_body(lesson_data["nl"]["blocks"]),
            )
            existing.add_child(instance=lesson)
            _publish(lesson)
    english = existing.get_translation_or_none(index_en.locale)
    if english is None:
        en = course_data["en"]
        english = existing.copy_for_translation(index_en.locale)
        english.title = en["title"]
        english.slug = english_slug(course_data["slug"], en["title"])
        english.summary = en["summary"]
        english.learning_goals = "\n".join(en["goals"])
        english.save()
        english.prerequisites.set([pages[slug][1] for slug in course_data["prerequisites"]])
        english.save()
        _publish(english)
        for lesson_data, lesson in zip(
            course_data["lessons"],
            LessonPage.objects.child_of(existing).order_by("path"),
            strict=True,
        ):
            translated = lesson.copy_for_translation(index_en.locale)
            translated.title = lesson_data["en"]["title"]
            translated.slug = english_slug(lesson_data["slug"], lesson_data["en"]["title"])
            translated.body = lesson_body(lesson_data["en"]["blocks"])
            translated.save()
            _publish(translated)
    return existing, english.specific


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


def _progress(pages: dict[str, tuple[CoursePage, CoursePage]]) -> None:
    courses = [pages[data["slug"]] for data in COURSES]
    for number, (username, (completed, lessons_done)) in enumerate(sorted(PROGRESS.items())):
        user = User.objects.filter(username=username, ambassador__status="active").first()
        if user is None:
            continue
        # Learners whose profile is in English learn in English.
        which = 1 if user.ambassador.language == "en" else 0
        for position, pair in enumerate(courses):
            course = pair[which]
            lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
            if position < completed:
                todo = lessons
            elif position == completed:
                todo = lessons[:lessons_done]
            else:
                break
            for lesson in todo:
                _finish_lesson(user, course, lesson, fail_first=number % 3 == 0)
