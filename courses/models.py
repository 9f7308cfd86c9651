"""Courses as Wagtail pages (index → course → lesson) and each learner's progress.

Progress is keyed by the pages' translation keys, not their ids, so a learner who
switches between Dutch and English keeps their place.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ambassadors.models import Stage
from ambassadors.pages import ParticipantPageMixin

from .blocks import LessonStreamBlock

ALL_STAGES = 0
COURSE_STAGE_CHOICES = [(ALL_STAGES, _("All stages")), *Stage.choices]


class CourseIndexPage(ParticipantPageMixin, Page):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course catalogue")

    def route(self, request, path_components):
        # A lesson (course/lesson): one cached look-up per structure version instead of two
        # queries per level (the child, then its specific type). Anything else, or nothing
        # found, goes Wagtail's own way, which gives the same page or the same 404.
        if len(path_components) == 2 and not getattr(request, "is_preview", False):
            from .selectors import live_lesson_at

            lesson = live_lesson_at(self, *path_components, request=request)
            if lesson is not None:
                return RouteResult(lesson)
        return super().route(request, path_components)

    def serve_participant(self, request, *args, **kwargs):
        from .selectors import catalogue_for

        context = self.get_context(request)
        context["sections"] = catalogue_for(ambassador=request.ambassador, index=self)
        return TemplateResponse(request, self.template, context)


class CoursePage(ParticipantPageMixin, Page):
    stage = models.PositiveSmallIntegerField(
        _("stage"),
        choices=COURSE_STAGE_CHOICES,
        default=ALL_STAGES,
        help_text=_("The stage this course belongs to, or all stages for the basics."),
    )
    summary = models.TextField(_("summary"), max_length=500)
    learning_goals = models.TextField(
        _("learning goals"), blank=True, help_text=_("One goal per line.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisite courses"),
        blank=True,
        related_name="required_by",
        help_text=_("Courses a learner must complete before starting this one."),
    )
    required_for_promotion = models.BooleanField(
        _("required to move on from its stage"), default=False
    )
    badge_name = models.CharField(
        _("badge name"),
        max_length=100,
        blank=True,
        help_text=_("The badge a learner earns; the course title when empty."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_goals"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("required_for_promotion"),
                FieldPanel("prerequisites"),
                FieldPanel("estimated_minutes"),
                FieldPanel("badge_name"),
            ],
            heading=_("Place on the path"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_goals"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    @property
    def goals(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]

    @property
    def badge_label(self) -> str:
        return self.badge_name or self.title

    @property
    def stage_label(self) -> str:
        return dict(COURSE_STAGE_CHOICES)[self.stage]

    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    def serve_participant(self, request, *args, **kwargs):
        from .selectors import course_overview

        context = self.get_context(request)
        context.update(course_overview(ambassador=request.ambassador, course=self))
        return TemplateResponse(request, self.template, context)


class LessonPage(ParticipantPageMixin, Page):
    body = StreamField(LessonStreamBlock(), verbose_name=_("lesson content"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    required = models.BooleanField(_("required for completing the course"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required")], heading=_("Lesson")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    def quizzes(self):
        # By the raw data's types: the other blocks are not made (no images fetched).
        return [
            self.body[number]
            for number, raw in enumerate(self.body.raw_data)
            if raw["type"] == "quiz"
        ]

    @property
    def has_quiz(self) -> bool:
        return any(raw["type"] == "quiz" for raw in self.body.raw_data)

    def serve_participant(self, request, *args, **kwargs):
        from . import views

        return views.lesson_serve(request, self)

    def serve_preview(self, request, mode_name):
        # Wagtail's default preview renders the template without the lesson's own context.
        request.ambassador = None
        from . import views

        return views.lesson_serve(request, self)


class EnrolmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)


def _certificate_code() -> str:
    return secrets.token_urlsafe(16)


class Enrolment(models.Model):
    """A learner's place in one course: started, where they were, completed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course_key = models.UUIDField(db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    last_lesson_key = models.UUIDField(null=True, blank=True)
    last_seen_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.CharField(max_length=32, unique=True, null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_enrolment_per_course"),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(certificate_code__isnull=False),
                name="completed_enrolment_has_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course_key}"


class LessonProgress(models.Model):
    """A lesson the learner finished (marked done, or its quizzes passed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    course_key = models.UUIDField()
    lesson_key = models.UUIDField()
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="lesson_done_once"),
        ]
        indexes = [models.Index(fields=["user", "course_key"], name="progress_user_course_idx")]

    def __str__(self) -> str:
        return f"{self.user} finished {self.lesson_key}"


class QuizAttempt(models.Model):
    """One graded attempt at one quiz block; answers and per-question results kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course_key = models.UUIDField()
    lesson_key = models.UUIDField()
    quiz_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson_key", "quiz_id", "number"], name="attempt_number_once"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="score_is_a_percentage"),
        ]
        indexes = [models.Index(fields=["course_key"], name="attempt_course_idx")]

    def __str__(self) -> str:
        return f"{self.user} quiz {self.quiz_id} #{self.number}: {self.score}%"


class ExtraAttempts(models.Model):
    """Attempts a mentor or comms staff gave a learner beyond a lesson's quiz limit, and why.

    Rows are only added: the attempts allowed for each quiz of the lesson are its limit plus
    the sum of these, so earlier attempts stay in the learner's history.
    """

    MAX_AT_ONCE = 10
    REASON_MAX_LENGTH = 300

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extra_quiz_attempts"
    )
    course_key = models.UUIDField()
    lesson_key = models.UUIDField()
    attempts = models.PositiveSmallIntegerField(_("extra attempts"))
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attempts__gte=1, attempts__lte=10), name="extra_attempts_one_to_ten"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="extra_attempts_have_a_reason"),
        ]
        indexes = [models.Index(fields=["user", "lesson_key"], name="extra_attempts_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} +{self.attempts} for {self.lesson_key}"


def certificate_or_404(code: str) -> Enrolment:
    enrolment = (
        Enrolment.objects.completed().select_related("user").filter(certificate_code=code).first()
    )
    if enrolment is None:
        raise Http404
    return enrolment
