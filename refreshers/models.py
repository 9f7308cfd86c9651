"""Refresher questions, each person's schedule per question, and their answers.

A refresher is either a question of a lesson quiz in a course the person completed (named by
the lesson's translation key and the question block's id), or a `RefresherQuestion` comms
staff wrote about a section of a guideline. A person's `ReviewState` for a question is made
at their first answer: until then the question is due a few days after they became eligible
(refreshers/schedule.py), so pages never write on GET.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.search import index

from courses.blocks import QuestionBlock

LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
ERROR_ONE_QUESTION = _("Write exactly one question.")
ERROR_SECTION_WITHOUT_PAGE = _("Choose the guideline section this question is about.")


class RefresherQuestionQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class RefresherQuestion(index.Indexed, models.Model):
    """A question comms staff wrote about a section of a guideline, in one language."""

    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="nl")
    # The same block as a lesson quiz question: the same choices, correct ones, feedback
    # and validation (two answers at least, one correct at least), and the same grading.
    question = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("question"),
        min_num=1,
        max_num=1,
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        max_length=1000,
        help_text=_("Shown after answering, right or wrong."),
    )
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        verbose_name=_("guideline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The guideline's translations share it: the section link follows the reader's language.
    guideline_key = models.UUIDField(null=True, blank=True, editable=False)
    section_id = models.CharField(_("section"), max_length=64, blank=True)
    live = models.BooleanField(
        _("ask this question"), default=True, help_text=_("Untick to stop asking it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RefresherQuestionQuerySet.as_manager()

    search_fields = [index.SearchField("explanation"), index.FilterField("language")]

    class Meta:
        verbose_name = _("refresher question")
        verbose_name_plural = _("refresher questions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section_id="") | Q(guideline_key__isnull=False),
                name="refresher_section_has_guideline",
            ),
        ]

    def __str__(self) -> str:
        block = self.block
        return block.value["text"] if block is not None else f"#{self.pk}"

    @property
    def block(self):
        """The question block (the StreamField holds exactly one)."""
        return self.question[0] if len(self.question) else None

    def clean(self):
        super().clean()
        if len(self.question) != 1:
            raise ValidationError({"question": ERROR_ONE_QUESTION})
        if self.section_id and self.guideline_key is None:
            raise ValidationError({"section": ERROR_SECTION_WITHOUT_PAGE})


class ReviewState(models.Model):
    """One person's schedule for one question: the FSRS card, when it is due, how it went."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="refresher_states"
    )
    question = models.ForeignKey(
        RefresherQuestion, null=True, blank=True, on_delete=models.CASCADE, related_name="states"
    )
    course_key = models.UUIDField(null=True, blank=True)
    lesson_key = models.UUIDField(null=True, blank=True)
    block_id = models.CharField(max_length=64, blank=True)
    card = models.JSONField(default=dict)
    due = models.DateTimeField()
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    last_answered_at = models.DateTimeField(null=True, blank=True)
    last_correct = models.BooleanField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, lesson_key__isnull=True, block_id="")
                    | Q(question__isnull=True, lesson_key__isnull=False, course_key__isnull=False)
                    & ~Q(block_id="")
                ),
                name="review_state_one_source",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="review_state_question_once",
            ),
            models.UniqueConstraint(
                fields=["user", "lesson_key", "block_id"],
                condition=Q(lesson_key__isnull=False),
                name="review_state_lesson_question_once",
            ),
        ]
        indexes = [models.Index(fields=["user", "due"], name="review_state_user_due_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.question_id or self.block_id} due {self.due:%Y-%m-%d}"


class RefresherAnswer(models.Model):
    """One graded answer: what the comms report counts (who, right or wrong, about what)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="refresher_answers"
    )
    question = models.ForeignKey(
        RefresherQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guideline_key = models.UUIDField(null=True, blank=True)
    section_id = models.CharField(max_length=64, blank=True)
    course_key = models.UUIDField(null=True, blank=True)
    lesson_key = models.UUIDField(null=True, blank=True)
    block_id = models.CharField(max_length=64, blank=True)
    chosen = models.JSONField(default=list)
    correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at", "-pk"]
        indexes = [
            models.Index(fields=["answered_at"], name="refresher_answer_at_idx"),
            models.Index(fields=["user", "answered_at"], name="refresher_answer_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {'right' if self.correct else 'wrong'} {self.answered_at:%Y-%m-%d}"


class RefresherSettings(models.Model):
    """Whether a person wants a reminder when questions are due (off until they say so)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="refresher_settings"
    )
    remind = models.BooleanField(_("remind me when a question is waiting"), default=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("refresher settings")

    def __str__(self) -> str:
        return f"{self.user_id} remind={self.remind}"
