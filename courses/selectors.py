"""Reads about courses and a learner's progress, each in a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Avg,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from ambassadors import personal
from ambassadors.models import Ambassador, Stage
from core import structure
from core.structure import active_locale_id

from .models import (
    ALL_STAGES,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ExtraAttempts,
    LessonPage,
    LessonProgress,
    QuizAttempt,
)

CARD_RENDITION = "fill-480x240"
ERROR_NOT_A_LEARNER = gettext_lazy("Courses are for people who joined the programme.")


@dataclass
class LessonStatus:
    page: LessonPage
    done: bool
    current: bool = False


@dataclass
class CourseStatus:
    course: CoursePage
    lessons: list[LessonStatus] = field(default_factory=list)
    enrolment: Enrolment | None = None
    locked_reason: str = ""
    missing_prerequisites: list[Page] = field(default_factory=list)

    @property
    def required_total(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.page.required)

    @property
    def required_done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.page.required and lesson.done)

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        total = self.required_total
        return round(100 * self.required_done / total) if total else 0

    @property
    def started(self) -> bool:
        return self.enrolment is not None

    @property
    def completed(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def locked(self) -> bool:
        return bool(self.locked_reason)

    @property
    def resume(self) -> LessonPage | None:
        """Where to continue: the first lesson not done, else the first lesson."""
        for lesson in self.lessons:
            if not lesson.done:
                return lesson.page
        return self.lessons[0].page if self.lessons else None


@dataclass
class CatalogueSection:
    title: str
    note: str
    courses: list[CourseStatus]


def _user_of(ambassador: Ambassador | None) -> User | None:
    return ambassador.user if ambassador is not None else None


def completed_course_keys(user: User | None) -> set[uuid.UUID]:
    if user is None:
        return set()
    return set(Enrolment.objects.completed().filter(user=user).values_list("course_key", flat=True))


def access_problem(
    *, ambassador: Ambassador | None, course: CoursePage, completed: set[uuid.UUID]
) -> tuple[str, list[Page]]:
    """Why this learner may not take the course yet ("" when they may), and what is missing."""
    if ambassador is None:
        return "", []
    if course.stage != ALL_STAGES and course.stage > ambassador.stage:
        return (
            _("This course belongs to the %(stage)s stage. It opens when you get there.")
            % {"stage": Stage(course.stage).label},
            [],
        )
    missing = [
        prerequisite
        for prerequisite in course.prerequisites.all()
        if prerequisite.translation_key not in completed
    ]
    if missing:
        names = ", ".join(prerequisite.title for prerequisite in missing)
        return _("First complete: %(courses)s.") % {"courses": names}, missing
    return "", []


def _statuses(
    *, ambassador: Ambassador | None, courses: list[CoursePage], lessons: list[LessonPage]
) -> list[CourseStatus]:
    user = _user_of(ambassador)
    keys = [course.translation_key for course in courses]
    done: set[uuid.UUID] = set()
    enrolments: dict[uuid.UUID, Enrolment] = {}
    if user is not None:
        done = set(
            LessonProgress.objects.filter(user=user, course_key__in=keys).values_list(
                "lesson_key", flat=True
            )
        )
        enrolments = {
            enrolment.course_key: enrolment
            for enrolment in Enrolment.objects.filter(user=user, course_key__in=keys)
        }
    # Prerequisites may be courses of another catalogue, so all completions count.
    completed = completed_course_keys(user)
    by_parent: dict[str, list[LessonPage]] = {}
    for lesson in lessons:
        by_parent.setdefault(lesson.path[: -Page.steplen], []).append(lesson)
    statuses = []
    for course in courses:
        reason, missing = access_problem(ambassador=ambassador, course=course, completed=completed)
        statuses.append(
            CourseStatus(
                course=course,
                lessons=[
                    LessonStatus(page=lesson, done=lesson.translation_key in done)
                    for lesson in by_parent.get(course.path, [])
                ],
                enrolment=enrolments.get(course.translation_key),
                locked_reason=reason,
                missing_prerequisites=missing,
            )
        )
    return statuses


def _courses(queryset) -> list[CoursePage]:
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return list(
        queryset.order_by("path").prefetch_related(
            Prefetch("image", queryset=images),
            Prefetch(
                "prerequisites", queryset=CoursePage.objects.only("id", "title", "translation_key")
            ),
        )
    )


def _lessons_under(page: Page) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(page).defer("body").order_by("path"))


def catalogue_for(
    *, ambassador: Ambassador | None, index: CourseIndexPage
) -> list[CatalogueSection]:
    """The learner's courses grouped by stage: their own first, later ones marked."""
    statuses = _statuses(
        ambassador=ambassador,
        courses=_courses(CoursePage.objects.live().child_of(index)),
        lessons=_lessons_under(index),
    )
    stage = ambassador.stage if ambassador is not None else Stage.ENGAGEMENT
    mine = [s for s in statuses if s.course.stage in (ALL_STAGES, stage)]
    later = [s for s in statuses if s.course.stage > stage]
    earlier = [s for s in statuses if ALL_STAGES < s.course.stage < stage]
    sections = [
        CatalogueSection(
            title=_("For your stage: %(stage)s") % {"stage": Stage(stage).label},
            note=_("The basics for everyone and the courses of the stage you are in."),
            courses=mine,
        ),
        CatalogueSection(
            title=_("Later stages"),
            note=_("You can look ahead; these open when you reach their stage."),
            courses=later,
        ),
        CatalogueSection(
            title=_("Earlier stages"),
            note=_("Courses you may want to refresh."),
            courses=earlier,
        ),
    ]
    return [section for section in sections if section.courses]


def course_locked_reason(*, user: User, course: CoursePage) -> str:
    """Why `user` may not take `course` yet ("" when they may): its stage, or prerequisites.

    Someone outside the programme (no profile) takes no course.
    """
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is None:
        return str(ERROR_NOT_A_LEARNER)
    reason, _missing = access_problem(
        ambassador=ambassador, course=course, completed=completed_course_keys(user)
    )
    return reason


def course_status(*, ambassador: Ambassador | None, course: CoursePage) -> CourseStatus:
    courses = _courses(CoursePage.objects.filter(pk=course.pk))
    return _statuses(ambassador=ambassador, courses=courses, lessons=_lessons_under(course))[0]


def course_overview(*, ambassador: Ambassador | None, course: CoursePage) -> dict:
    status = course_status(ambassador=ambassador, course=course)
    return {"status": status}


def _required_stages(stage: int) -> list[int]:
    # The basics for all stages count for leaving the first stage.
    return [stage, ALL_STAGES] if stage == Stage.ENGAGEMENT else [stage]


def required_courses(
    ambassador: Ambassador, stages: list[int]
) -> dict[int, list[tuple[CoursePage, bool]]]:
    """Per stage in `stages`: the courses required to move on from it, each with whether the
    person completed it (in any language). One page per course, in the active language where
    it has one. Two queries, whatever the number of stages or courses.

    The one rule for "required courses completed": the promotion reads it through here.
    """
    wanted = {s for stage in stages for s in _required_stages(stage)}
    pages = list(
        CoursePage.objects.live()
        .filter(required_for_promotion=True, stage__in=wanted)
        .order_by("path")
        .only("id", "title", "url_path", "translation_key", "stage", "locale_id", "path", "depth")
    )
    active = active_locale_id()
    by_key: dict[uuid.UUID, CoursePage] = {}
    for page in pages:
        if page.translation_key not in by_key or page.locale_id == active:
            by_key[page.translation_key] = page
    done = completed_course_keys(ambassador.user) if by_key else set()
    chosen = sorted(by_key.values(), key=lambda page: page.path)
    return {
        stage: [
            (course, course.translation_key in done)
            for course in chosen
            if course.stage in _required_stages(stage)
        ]
        for stage in stages
    }


def has_completed_required_courses(ambassador: Ambassador, stage: int) -> bool:
    """True when every course required to move on from `stage` is completed (any language)."""
    return all(done for _course, done in required_courses(ambassador, [stage])[stage])


def course_completions(ambassador: Ambassador) -> dict[uuid.UUID, Enrolment]:
    """Every completed course of the person, by course translation key."""
    return {
        enrolment.course_key: enrolment
        for enrolment in Enrolment.objects.completed().filter(user=ambassador.user)
    }


def next_lesson(ambassador: Ambassador) -> tuple[CoursePage, LessonPage] | None:
    """The lesson to continue with: in the course the person worked on last."""
    enrolment = (
        Enrolment.objects.filter(user=ambassador.user, completed_at__isnull=True)
        .order_by("-last_seen_at")
        .first()
    )
    if enrolment is None:
        return None
    candidates = list(
        CoursePage.objects.live()
        .filter(translation_key=enrolment.course_key)
        .select_related("locale")
    )
    if not candidates:
        return None
    active = active_locale_id()
    course = next((c for c in candidates if c.locale_id == active), candidates[0])
    status = course_status(ambassador=ambassador, course=course)
    lesson = status.resume
    return (course, lesson) if lesson is not None else None


def course_in_language(course_key, language: str) -> CoursePage | None:
    """The course with this translation key in `language`, or in any language."""
    candidates = list(
        CoursePage.objects.filter(translation_key=course_key).select_related("locale")
    )
    preferred = [c for c in candidates if c.locale.language_code == language]
    return (preferred or candidates or [None])[0]


def badges_of(user: User) -> list[tuple[Enrolment, CoursePage]]:
    """Completed courses of a person, each with the course in the active language."""
    enrolments = list(Enrolment.objects.completed().filter(user=user).order_by("completed_at"))
    active = active_locale_id()
    pages: dict[uuid.UUID, CoursePage] = {}
    for course in CoursePage.objects.filter(translation_key__in=[e.course_key for e in enrolments]):
        if course.translation_key not in pages or course.locale_id == active:
            pages[course.translation_key] = course
    return [(e, pages[e.course_key]) for e in enrolments if e.course_key in pages]


@dataclass
class CourseFigures:
    course: CoursePage
    started: int = 0
    completed: int = 0
    average_score: float | None = None
    drop_off_lesson: str = ""
    drop_off_count: int = 0

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.started) if self.started else None


def course_figures() -> list[CourseFigures]:
    """Per course: started, completed, completion rate, average quiz score, where learners stop.

    Five queries whatever the number of courses or learners.
    """
    default = Locale.get_default()
    courses = list(CoursePage.objects.filter(locale=default).order_by("path"))
    rows = {course.translation_key: CourseFigures(course=course) for course in courses}
    counts = Enrolment.objects.values("course_key").annotate(
        started=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False))
    )
    for row in counts:
        if row["course_key"] in rows:
            rows[row["course_key"]].started = row["started"]
            rows[row["course_key"]].completed = row["completed"]
    for row in QuizAttempt.objects.values("course_key").annotate(average=Avg("score")):
        if row["course_key"] in rows:
            rows[row["course_key"]].average_score = row["average"]
    stops = (
        Enrolment.objects.filter(completed_at__isnull=True, last_lesson_key__isnull=False)
        .values("course_key", "last_lesson_key")
        .annotate(learners=Count("id"))
        .order_by("-learners")
    )
    stop_by_course: dict[uuid.UUID, tuple[uuid.UUID, int]] = {}
    for row in stops:
        stop_by_course.setdefault(row["course_key"], (row["last_lesson_key"], row["learners"]))
    titles = dict(
        LessonPage.objects.filter(
            locale=default, translation_key__in=[key for key, _n in stop_by_course.values()]
        ).values_list("translation_key", "title")
    )
    for course_key, (lesson_key, learners) in stop_by_course.items():
        if course_key in rows:
            rows[course_key].drop_off_lesson = titles.get(lesson_key, "")
            rows[course_key].drop_off_count = learners
    return list(rows.values())


# --- quizzes: a learner's attempts ------------------------------------------------------


def quiz_attempts(*, user: User, lesson: LessonPage) -> list[QuizAttempt]:
    """The learner's attempts at the quizzes of `lesson`, newest first."""
    return list(QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key))


def quiz_extra_attempts(*, user: User, lesson: LessonPage) -> int:
    """Attempts given beyond the limit of each quiz in this lesson (0 when none)."""
    given = ExtraAttempts.objects.filter(user=user, lesson_key=lesson.translation_key)
    return given.aggregate(total=Sum("attempts"))["total"] or 0


@dataclass
class QuizState:
    """One quiz of a lesson as the learner stands with it: attempts, limit, passed."""

    block: Any
    attempts: list[QuizAttempt]
    allowed: int | None  # None: unlimited

    @property
    def latest(self) -> QuizAttempt | None:
        return self.attempts[0] if self.attempts else None

    @property
    def passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)

    @property
    def next_number(self) -> int:
        return len(self.attempts) + 1

    @property
    def attempts_left(self) -> int | None:
        return None if self.allowed is None else max(self.allowed - len(self.attempts), 0)

    @property
    def can_try(self) -> bool:
        """Another attempt may be sent: not passed yet, and attempts left."""
        return not self.passed and self.attempts_left != 0


def quiz_states(
    *,
    user: User | None,
    lesson: LessonPage,
    attempts: list[QuizAttempt] | None = None,
    extra: int | None = None,
) -> list[QuizState]:
    """Every quiz of the lesson with the learner's attempts (none for a preview); pass
    `attempts` and `extra` when they were read already."""
    if attempts is None:
        attempts = quiz_attempts(user=user, lesson=lesson) if user is not None else []
    if extra is None and user is None:
        extra = 0
    states = []
    for block in lesson.quizzes():
        limit = block.value["max_attempts"] or 0
        if limit and extra is None:
            extra = quiz_extra_attempts(user=user, lesson=lesson)
        states.append(
            QuizState(
                block=block,
                attempts=[attempt for attempt in attempts if attempt.quiz_id == block.id],
                allowed=limit + (extra or 0) if limit else None,
            )
        )
    return states


# --- extra quiz attempts (mentors and comms staff) -----------------------------------------

RECENT_GRANTS = 20


@dataclass
class OutOfAttempts:
    """A learner who used every attempt at a quiz without passing it."""

    learner: User
    course_title: str
    lesson: LessonPage
    quiz_title: str
    used: int
    allowed: int


def _lessons_by_key() -> tuple[dict[uuid.UUID, LessonPage], dict[uuid.UUID, str]]:
    """Live lessons in the active language where translated, and their course titles."""
    locale_id = active_locale_id()
    lessons: dict[uuid.UUID, LessonPage] = {}
    for lesson in LessonPage.objects.live().order_by("path"):
        if lesson.translation_key not in lessons or lesson.locale_id == locale_id:
            lessons[lesson.translation_key] = lesson
    courses = dict(
        CoursePage.objects.filter(
            path__in={lesson.path[: -Page.steplen] for lesson in lessons.values()}
        ).values_list("path", "title")
    )
    titles = {key: courses.get(lesson.path[: -Page.steplen], "") for key, lesson in lessons.items()}
    return lessons, titles


def quizzes_out_of_attempts() -> list[OutOfAttempts]:
    """Who is stuck at a quiz (every attempt used, none passed): five queries in all."""
    lessons, course_titles = _lessons_by_key()
    limits: dict[tuple[uuid.UUID, str], tuple[int, str]] = {}
    # Every language's version: a learner may be stuck at the Dutch or the English quiz,
    # whichever language the mentor reads the page in.
    for lesson in LessonPage.objects.live().only("translation_key", "body"):
        # The raw blocks: converting the whole body would fetch its images, lesson by lesson.
        for block in lesson.body.raw_data:
            value = block["value"] if block["type"] == "quiz" else {}
            if value.get("max_attempts") and lesson.translation_key in lessons:
                limits[(lesson.translation_key, block["id"])] = (
                    value["max_attempts"],
                    value.get("title", ""),
                )
    keys = {key for key, _quiz in limits}
    if not keys:
        return []
    counted = (
        QuizAttempt.objects.filter(lesson_key__in=keys)
        .values("user_id", "lesson_key", "quiz_id")
        .annotate(used=Count("id"), passed=Count("id", filter=Q(passed=True)))
        .filter(passed=0)
    )
    extra = {
        (row["user_id"], row["lesson_key"]): row["extra"]
        for row in ExtraAttempts.objects.filter(lesson_key__in=keys)
        .values("user_id", "lesson_key")
        .annotate(extra=Sum("attempts"))
    }
    stuck = []
    for row in counted:
        limit = limits.get((row["lesson_key"], row["quiz_id"]))
        if limit is None:
            continue
        allowed = limit[0] + extra.get((row["user_id"], row["lesson_key"]), 0)
        if row["used"] >= allowed:
            stuck.append((row, allowed, limit[1]))
    people = User.objects.filter(
        pk__in={row["user_id"] for row, _allowed, _title in stuck}, is_active=True
    ).in_bulk()
    found = [
        OutOfAttempts(
            learner=people[row["user_id"]],
            course_title=course_titles[row["lesson_key"]],
            lesson=lessons[row["lesson_key"]],
            quiz_title=title,
            used=row["used"],
            allowed=allowed,
        )
        for row, allowed, title in stuck
        if row["user_id"] in people
    ]
    return sorted(
        found,
        key=lambda item: (item.lesson.path, item.learner.get_full_name(), item.learner.pk),
    )


def extra_attempts_recent(limit: int = RECENT_GRANTS) -> list:
    """The extra attempts given last, with the lesson's title in the active language."""
    grants = list(ExtraAttempts.objects.select_related("user", "granted_by")[:limit])
    if grants:
        lessons, _titles = _lessons_by_key()
        for grant in grants:
            lesson = lessons.get(grant.lesson_key)
            grant.lesson_title = lesson.title if lesson is not None else ""
    return grants


# --- the lesson page: the course's outline for everyone, the learner's progress cached -------


@dataclass
class CourseOutline:
    """What every learner's lesson page shows of a course: the course, its index, its live
    lessons in order. Changes only when comms staff publish (core/structure.py)."""

    course: CoursePage
    index: Page
    lessons: list[LessonPage]


def course_outline(lesson: LessonPage, request=None) -> CourseOutline:
    """The outline of the course `lesson` belongs to, for the current structure (kept with
    the lesson when routing found it in the cache: `live_lesson_at`)."""
    found = lesson.__dict__.get("course_outline")
    if found is not None:
        return found
    course_path = lesson.path[: -Page.steplen]

    def compute() -> CourseOutline:
        course = _courses(CoursePage.objects.filter(path=course_path))[0]
        # Materialised here so that the cached outline holds them.
        course.prerequisites.all()
        outline = CourseOutline(
            course=course, index=course.get_parent(), lessons=_lessons_under(course)
        )
        # Each page's address as {% pageurl %} gives it on this site, kept with the outline.
        for page in (outline.course, outline.index, *outline.lessons):
            page.address = page.get_url(request=request)
        return outline

    return structure.cached(f"course-outline:{course_path}", compute, request=request)


@dataclass
class LessonSegment:
    """A stretch of a lesson's body: rendered content, or the place of a quiz."""

    html: str = ""
    quiz_id: str = ""


def lesson_segments(lesson: LessonPage, request=None) -> list[LessonSegment]:
    """The lesson's body rendered once per structure and language, quizzes left as places:
    their forms are the learner's own (and carry a CSRF token)."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    def compute() -> list[LessonSegment]:
        segments: list[LessonSegment] = []
        pending: list[str] = []
        for block in lesson.body:
            if block.block_type == "quiz":
                if pending:
                    segments.append(LessonSegment(html=mark_safe("".join(pending))))  # noqa: S308
                    pending = []
                segments.append(LessonSegment(quiz_id=block.id))
            elif block.block_type == "text":
                pending.append(
                    format_html('<div class="rich-text">{}</div>', richtext(block.value))
                )
            else:
                pending.append(block.render())
        if pending:
            segments.append(LessonSegment(html=mark_safe("".join(pending))))  # noqa: S308
        return segments

    if getattr(request, "is_preview", False):
        return compute()  # a draft: not what is published
    name = f"lesson-body:{lesson.pk}:{get_language()}"
    return structure.cached(name, compute, request=request)


@dataclass
class LessonProgressData:
    """A learner's standing in one lesson's course: what the lesson page needs of them."""

    done: set[uuid.UUID]
    enrolment: Enrolment | None
    completed: set[uuid.UUID]
    attempts: list[QuizAttempt]
    extra: int


def lesson_progress(
    *, ambassador: Ambassador, outline: CourseOutline, lesson: LessonPage, request=None
) -> LessonProgressData:
    """The learner's progress, enrolment, completions and quiz attempts for this lesson,
    cached per person (ambassadors/personal.py) until they write something."""
    user = ambassador.user
    key = outline.course.translation_key

    def compute():
        data = LessonProgressData(
            done=set(
                LessonProgress.objects.filter(user=user, course_key=key).values_list(
                    "lesson_key", flat=True
                )
            ),
            enrolment=Enrolment.objects.filter(user=user, course_key=key).first(),
            completed=completed_course_keys(user),
            attempts=quiz_attempts(user=user, lesson=lesson),
            extra=quiz_extra_attempts(user=user, lesson=lesson),
        )
        return data, None

    return personal.cached(user.pk, f"lesson:{lesson.pk}", compute, request)


def lesson_course_status(
    *, ambassador: Ambassador | None, outline: CourseOutline, progress: LessonProgressData | None
) -> CourseStatus:
    """`course_status` from the cached outline and progress: no query."""
    course = outline.course
    completed = progress.completed if progress is not None else set()
    done = progress.done if progress is not None else set()
    reason, missing = access_problem(ambassador=ambassador, course=course, completed=completed)
    return CourseStatus(
        course=course,
        lessons=[
            LessonStatus(page=lesson, done=lesson.translation_key in done)
            for lesson in outline.lessons
        ],
        enrolment=progress.enrolment if progress is not None else None,
        locked_reason=reason,
        missing_prerequisites=missing,
    )


def live_lesson_at(
    index: CourseIndexPage, course_slug: str, lesson_slug: str, request=None
) -> LessonPage | None:
    """The live lesson at `course_slug/lesson_slug` under the catalogue `index`, as Wagtail's
    routing finds it (the course need not be live, the lesson must), or None.

    Two cached values: the addresses of the catalogue's live lessons, and each lesson; an
    unknown address stores nothing."""

    def addresses() -> dict[str, int]:
        courses = dict(CoursePage.objects.child_of(index).values_list("path", "slug"))
        found = {}
        for path, slug, pk in (
            LessonPage.objects.live()
            .descendant_of(index)
            .filter(depth=index.depth + 2)
            .values_list("path", "slug", "pk")
        ):
            course = courses.get(path[: -Page.steplen])
            if course is not None:
                found[f"{course}/{slug}"] = pk
        return found

    pk = structure.cached(f"lesson-addresses:{index.pk}", addresses, request=request).get(
        f"{course_slug}/{lesson_slug}"
    )
    if pk is None:
        return None

    def lesson() -> LessonPage | None:
        found = LessonPage.objects.filter(pk=pk).first()
        if found is not None:
            # Read back with the lesson: one cached value less per view.
            found.course_outline = course_outline(found, request)
        return found

    return structure.cached(f"lesson-page:{pk}", lesson, request=request)


# --- for other systems (the API): the catalogue, completions, a person's progress ---------


def _in_default_language(key_field: str):
    """The title of the course whose translation key is in `key_field`, in the default
    language (a subquery: no query of its own)."""
    return Subquery(
        CoursePage.objects.filter(
            translation_key=OuterRef(key_field), locale=Locale.get_default()
        ).values("title")[:1]
    )


def courses_in_default_language():
    """The live courses in the default language (one per translation key), in tree order,
    each with its number of live lessons (`lesson_count`)."""
    lessons = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth__gt=OuterRef("depth"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return (
        CoursePage.objects.live()
        .filter(locale=Locale.get_default())
        .annotate(lesson_count=Coalesce(Subquery(lessons, output_field=IntegerField()), 0))
        .order_by("path")
    )


def completions(
    *,
    course_key: uuid.UUID | None = None,
    since=None,
    department_id: int | None = None,
):
    """Completed courses of people who joined the programme, oldest first, with the person,
    their department and the course's title (`course_title`)."""
    # Superusers are out of other systems' reach, as in the API's /people and SCIM.
    enrolments = Enrolment.objects.completed().filter(
        user__ambassador__consented_at__isnull=False, user__is_superuser=False
    )
    if course_key is not None:
        enrolments = enrolments.filter(course_key=course_key)
    if since is not None:
        enrolments = enrolments.filter(completed_at__gte=since)
    if department_id is not None:
        enrolments = enrolments.filter(user__ambassador__department_id=department_id)
    return (
        enrolments.select_related("user__ambassador__department")
        .annotate(course_title=_in_default_language("course_key"))
        .order_by("completed_at", "pk")
    )


def progress_of(ambassador: Ambassador) -> list[CourseStatus]:
    """The person's place in every live course of the default language (lessons done of
    the required ones, started, completed), as the catalogue shows it; fixed queries."""
    courses = _courses(courses_in_default_language())
    lessons = list(
        LessonPage.objects.live().filter(locale=Locale.get_default()).defer("body").order_by("path")
    )
    return _statuses(ambassador=ambassador, courses=courses, lessons=lessons)
