"""Missions per stage, assignments with their life cycle, evidence, points and stage changes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from ambassadors.models import Department, Language, Stage, Topic
from core.storage import private_storage

INSTRUCTION_FEATURES = ["bold", "italic", "ol", "ul", "link"]

ERROR_RUBRIC_EMPTY = _("A rubric needs at least one criterion. Add the criteria first.")
ERROR_RUBRIC_STAGE = _("Only production missions (stage 3) are reviewed with a rubric.")
ERROR_RUBRIC_NAME = _("Give the rubric a name, in Dutch or English.")
ERROR_CRITERION_NAME = _("Give the criterion a name, in Dutch or English.")
ERROR_LEVEL_LINES = _("Write one line per level: %(levels)s lines, lowest level first.")


class MissionQuerySet(models.QuerySet):
    def active(self, *, at: dt.datetime | None = None):
        """Open at `at` (now): started, or no start; not ended, or no end."""
        at = at or timezone.now()
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=at),
            Q(active_until__isnull=True) | Q(active_until__gt=at),
        )


class Mission(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like a post")
        COMMENT = "comment", _("Comment on a post")
        SHARE = "share", _("Share a post of the organisation or a colleague")
        CURATE = "curate", _("Share content by others with your own comment")
        ARTICLE = "article", _("Write an article or post")
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")
        REPORT = "report", _("Report of an event or customer visit")

    STAGE_KINDS = {
        Stage.ENGAGEMENT: {Kind.LIKE, Kind.COMMENT, Kind.SHARE},
        Stage.CURATION: {Kind.CURATE},
        Stage.PRODUCTION: {Kind.ARTICLE, Kind.PHOTO, Kind.VIDEO, Kind.REPORT},
    }

    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    instructions_nl = RichTextField(
        _("instructions (Dutch)"), blank=True, features=INSTRUCTION_FEATURES
    )
    instructions_en = RichTextField(
        _("instructions (English)"), blank=True, features=INSTRUCTION_FEATURES
    )
    points = models.PositiveSmallIntegerField(_("points"), default=10)
    needs_link = models.BooleanField(_("evidence: link to the post"), default=True)
    needs_screenshot = models.BooleanField(_("evidence: screenshot"), default=False)
    needs_text = models.BooleanField(_("evidence: text"), default=False)
    content_item = models.ForeignKey(
        "sharing.ContentItem",
        verbose_name=_("content to work with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the item from the content library this mission is about."),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course that prepares for it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    days_to_complete = models.PositiveSmallIntegerField(
        _("days to complete after accepting"), default=14
    )
    open_to_all = models.BooleanField(
        _("anyone in the stage can pick it"),
        default=True,
        help_text=_("Otherwise it is only offered through campaigns."),
    )
    active_from = models.DateTimeField(_("active from"), null=True, blank=True)
    active_until = models.DateTimeField(_("active until"), null=True, blank=True)
    rubric = models.ForeignKey(
        "missions.Rubric",
        verbose_name=_("rubric for peer review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="missions",
        help_text=_(
            "Production missions only: the mentor and colleagues who opted in score the "
            "work with it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=[1, 2, 3]), name="mission_stage_valid"),
            models.CheckConstraint(
                condition=~Q(title_nl="") | ~Q(title_en=""), name="mission_has_a_title"
            ),
            models.CheckConstraint(
                condition=Q(needs_link=True) | Q(needs_screenshot=True) | Q(needs_text=True),
                name="mission_asks_for_evidence",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.rubric_id is None:
            return
        if self.stage != Stage.PRODUCTION:
            raise ValidationError({"rubric": ERROR_RUBRIC_STAGE})
        if not self.rubric.criteria.exists():
            raise ValidationError({"rubric": ERROR_RUBRIC_EMPTY})

    def is_active(self, *, at: dt.datetime | None = None) -> bool:
        """The same rule as `Mission.objects.active()`, for a mission already in memory."""
        at = at or timezone.now()
        return (self.active_from is None or self.active_from <= at) and (
            self.active_until is None or self.active_until > at
        )

    @property
    def title(self) -> str:
        if get_language() == Language.ENGLISH:
            return self.title_en or self.title_nl
        return self.title_nl or self.title_en

    @property
    def instructions(self) -> str:
        if get_language() == Language.ENGLISH:
            return self.instructions_en or self.instructions_nl
        return self.instructions_nl or self.instructions_en


class Campaign(models.Model):
    """Offers missions to a segment over a period, within everyone's attention budget."""

    name = models.CharField(_("name"), max_length=200)
    missions = models.ManyToManyField(Mission, verbose_name=_("missions"), related_name="campaigns")
    stage = models.PositiveSmallIntegerField(
        _("stage"), choices=Stage.choices, null=True, blank=True
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    window_hours = models.PositiveSmallIntegerField(_("spread over (hours)"), default=72)
    # Set from the person who saves the campaign first (wagtail_hooks), never typed in a form.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(_("planned"), null=True, blank=True, editable=False)
    segment_size = models.PositiveIntegerField(
        _("people in the segment"), default=0, editable=False
    )
    offered = models.PositiveIntegerField(_("people offered missions"), default=0, editable=False)
    skipped = models.PositiveIntegerField(_("left out"), default=0, editable=False)
    skipped_after_end = models.PositiveIntegerField(
        _("of whom: the missions end before their next free moment"),
        default=0,
        editable=False,
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Not finished: offered, accepted, waiting for review or waiting for changes."""
        return self.filter(state__in=Assignment.OPEN_STATES)

    def finished(self):
        return self.exclude(state__in=Assignment.OPEN_STATES)

    def current(self, *, at: dt.datetime | None = None):
        """What a person has on their plate: open and shown already, minus offers whose time
        has passed (the hourly expiry ends those)."""
        at = at or timezone.now()
        return (
            self.open()
            .filter(offered_at__lte=at)
            .exclude(state=Assignment.State.OFFERED, due_at__lte=at)
        )

    def waiting_for_review(self):
        return self.filter(state__in=Assignment.TRANSITIONS["approve"][0])

    def past_due(self, *, at: dt.datetime | None = None):
        """Open work whose date has passed: what the hourly expiry ends."""
        at = at or timezone.now()
        return self.filter(state__in=Assignment.TRANSITIONS["expire"][0], due_at__lte=at)

    def due_soon(self, *, at: dt.datetime | None = None, within: dt.timedelta):
        """Work the person may still hand in, ending within `within` of `at`."""
        at = at or timezone.now()
        return self.filter(
            state__in=Assignment.TRANSITIONS["submit"][0], due_at__gt=at, due_at__lte=at + within
        )


class Assignment(models.Model):
    """One person and one mission: offered → accepted → submitted → approved (or not)."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    OPEN_STATES = (State.OFFERED, State.ACCEPTED, State.SUBMITTED, State.CHANGES_REQUESTED)

    # The one table of the life cycle: action → (states it may start from, state it leads to).
    # Services refuse what is not here; views and templates show what is.
    TRANSITIONS = {
        "accept": (frozenset({State.OFFERED}), State.ACCEPTED),
        # Letting a mission go is always fine, also while changes are asked for.
        "decline": (
            frozenset({State.OFFERED, State.ACCEPTED, State.CHANGES_REQUESTED}),
            State.DECLINED,
        ),
        "submit": (frozenset({State.ACCEPTED, State.CHANGES_REQUESTED}), State.SUBMITTED),
        "approve": (frozenset({State.SUBMITTED}), State.APPROVED),
        "request_changes": (frozenset({State.SUBMITTED}), State.CHANGES_REQUESTED),
        "reject": (frozenset({State.SUBMITTED}), State.REJECTED),
        "expire": (
            frozenset({State.OFFERED, State.ACCEPTED, State.CHANGES_REQUESTED}),
            State.EXPIRED,
        ),
    }
    # What the person does with their own assignment, and what a reviewer decides.
    PERSON_ACTIONS = ("accept", "decline", "submit")
    REVIEW_ACTIONS = ("approve", "request_changes", "reject")
    ACTION_LABELS = {
        "accept": _("accepted"),
        "decline": _("declined"),
        "submit": _("submitted"),
        "approve": _("approved"),
        "request_changes": _("changes requested"),
        "reject": _("rejected"),
        "expire": _("expired"),
    }

    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OFFERED)
    offered_at = models.DateTimeField(default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback = models.TextField(_("feedback"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-offered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "user"], name="one_assignment_per_mission"),
            models.CheckConstraint(
                condition=~Q(state__in=["accepted", "submitted", "changes", "approved", "rejected"])
                | Q(accepted_at__isnull=False),
                name="assignment_accepted_before_work",
            ),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="assignment_queue_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.mission}"

    def can(self, action: str) -> bool:
        """Whether the life cycle allows `action` from the current state."""
        return self.state in self.TRANSITIONS[action][0]

    def is_past_due(self, *, at: dt.datetime | None = None) -> bool:
        """The date to take it on or hand in has passed (an offer's or a mission's window)."""
        return self.due_at is not None and self.due_at <= (at or timezone.now())

    @property
    def person_actions(self) -> frozenset[str]:
        """What the person can do now: the buttons and forms their pages show."""
        past_due = self.is_past_due()
        return frozenset(
            action
            for action in self.PERSON_ACTIONS
            if self.can(action) and not (past_due and action in ("accept", "submit"))
        )

    @property
    def awaits_review(self) -> bool:
        return any(self.can(action) for action in self.REVIEW_ACTIONS)


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.assignment.user_id}/{instance.assignment_id}/{filename}"


class Submission(models.Model):
    """Evidence for an assignment; every (re)submission is kept, nothing is overwritten."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    link = models.URLField(_("link to your post"), max_length=1000, blank=True)
    screenshot = models.ImageField(
        _("screenshot"), upload_to=evidence_path, storage=private_storage, blank=True
    )
    text = models.TextField(_("text"), blank=True, max_length=5000)
    draft_ref = models.CharField(
        max_length=60, blank=True, help_text="The mentor desk draft this text started from."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Evidence for {self.assignment_id}"


# Points for each completed course, and the totals that earn a badge.
COURSE_POINTS = 20
MILESTONES = (50, 100, 250, 500, 1000)


class PointsEntry(models.Model):
    """An append-only ledger: one row per reason, never edited; the key prevents doubles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.IntegerField()
    reason = models.CharField(max_length=200)
    key = models.CharField(max_length=120, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.points:+d} {self.reason}"


class GrowthRule(models.Model):
    """What it takes to move on from a stage; comms staff edit it in the CMS."""

    from_stage = models.PositiveSmallIntegerField(
        _("moving on from"),
        choices=[
            (Stage.ENGAGEMENT, Stage.ENGAGEMENT.label),
            (Stage.CURATION, Stage.CURATION.label),
        ],
        unique=True,
    )
    approved_missions = models.PositiveSmallIntegerField(
        _("approved missions of this stage"), default=3
    )
    require_courses = models.BooleanField(_("the stage's required courses completed"), default=True)
    require_guidelines = models.BooleanField(_("current guidelines acknowledged"), default=True)

    class Meta:
        verbose_name = _("growth rule")
        verbose_name_plural = _("growth rules")

    def __str__(self) -> str:
        return str(Stage(self.from_stage).label)


class StageChange(models.Model):
    """Every change of stage, with who made it and why."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", _("Accepted an invitation")
        MANUAL = "manual", _("Changed by comms staff")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    from_stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    to_stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.from_stage} → {self.to_stage}"


class PromotionInvitationQuerySet(models.QuerySet):
    def open(self):
        """Not accepted yet: never answered, or the person chose to stay (it stays open)."""
        return self.exclude(accepted=True)


class PromotionInvitation(models.Model):
    """The rules for the next stage are met: the person may move up, or stay. Their choice.

    Staying keeps the invitation open (`accepted` False, `answered_at` when they chose to
    stay): they may accept it later from their path, as long as the rules are still met.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    to_stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(null=True)

    objects = PromotionInvitationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "to_stage"], name="one_invitation_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.to_stage}"


# --- peer review with a rubric (stage 3) ----------------------------------------------------

# A criterion's scale: from 1 up to its number of levels, at most this many.
RUBRIC_MAX_LEVELS = 6
RUBRIC_COMMENT_MAX_LENGTH = 1000


def _in_language(nl: str, en: str) -> str:
    if get_language() == Language.ENGLISH:
        return en or nl
    return nl or en


class RubricAdminForm(WagtailAdminModelForm):
    """The CMS form of a rubric: it is refused without a criterion (one left after deletes)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("criteria")
        if formset is not None:
            kept = [
                form
                for form in formset.forms
                if (form.has_changed() or form.instance.pk)
                and form.data.get(form.add_prefix("DELETE")) not in ("on", "true", "1", "True")
            ]
            if not kept:
                self.add_error(None, ERROR_RUBRIC_EMPTY)
        return cleaned


class Rubric(ClusterableModel):
    """What comms staff judge production work by (from the content strategy): criteria with
    a scale; a production mission may name one for its mentor and peer reviews."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), max_length=1000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = RubricAdminForm
    panels = [
        MultiFieldPanel([FieldPanel("name_nl"), FieldPanel("description_nl")], heading=_("Dutch")),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("description_en")], heading=_("English")
        ),
        InlinePanel("criteria", label=_("Criteria"), min_num=1),
    ]

    class Meta:
        ordering = ["name_nl", "pk"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_nl="") | ~Q(name_en=""), name="rubric_has_a_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not (self.name_nl.strip() or self.name_en.strip()):
            raise ValidationError(ERROR_RUBRIC_NAME)

    @property
    def name(self) -> str:
        return _in_language(self.name_nl, self.name_en)

    @property
    def description(self) -> str:
        return _in_language(self.description_nl, self.description_en)


class RubricCriterion(Orderable):
    """One thing a reviewer scores (tone of voice, audience fit...), on a scale of levels."""

    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    name_nl = models.CharField(_("name (Dutch)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), max_length=500, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=500, blank=True)
    levels = models.PositiveSmallIntegerField(
        _("number of levels"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(RUBRIC_MAX_LEVELS)],
        help_text=_("The scale runs from 1 to this number (2 to 6)."),
    )
    level_descriptions_nl = models.TextField(
        _("levels (Dutch)"),
        max_length=2000,
        blank=True,
        help_text=_("Optional: one line per level, lowest first."),
    )
    level_descriptions_en = models.TextField(
        _("levels (English)"),
        max_length=2000,
        blank=True,
        help_text=_("Optional: one line per level, lowest first."),
    )

    panels = [
        FieldPanel("name_nl"),
        FieldPanel("name_en"),
        FieldPanel("description_nl"),
        FieldPanel("description_en"),
        FieldPanel("levels"),
        FieldPanel("level_descriptions_nl"),
        FieldPanel("level_descriptions_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(levels__gte=2, levels__lte=RUBRIC_MAX_LEVELS),
                name="rubric_criterion_levels_range",
            ),
            models.CheckConstraint(
                condition=~Q(name_nl="") | ~Q(name_en=""), name="rubric_criterion_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not (self.name_nl.strip() or self.name_en.strip()):
            raise ValidationError({"name_nl": ERROR_CRITERION_NAME})
        errors = {}
        for field in ("level_descriptions_nl", "level_descriptions_en"):
            lines = _lines(getattr(self, field))
            if lines and self.levels and len(lines) != self.levels:
                errors[field] = ERROR_LEVEL_LINES % {"levels": self.levels}
        if errors:
            raise ValidationError(errors)

    @property
    def name(self) -> str:
        return _in_language(self.name_nl, self.name_en)

    @property
    def description(self) -> str:
        return _in_language(self.description_nl, self.description_en)

    def level_choices(self) -> list[tuple[int, str]]:
        """(level, label) from 1 up: the level's description where comms staff wrote one."""
        labels = _lines(_in_language(self.level_descriptions_nl, self.level_descriptions_en))
        return [
            (level, f"{level} · {labels[level - 1]}" if len(labels) >= level else str(level))
            for level in range(1, self.levels + 1)
        ]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PeerReviewOptIn(models.Model):
    """A stage-3 person who said "I want to review colleagues' work"; opting out removes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_review_opt_in"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("peer review opt-in")

    def __str__(self) -> str:
        return f"{self.user_id} reviews colleagues"


class RubricReview(models.Model):
    """One reviewer's scores for one submission: the mentor's (with their decision) or a
    colleague's who opted in. Never edited; a resubmission gets reviews of its own."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        PEER = "peer", _("Colleague")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="rubric_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=6, choices=Role.choices)
    # Plain text (core.sanitise.clean_text), shown escaped.
    comment = models.TextField(_("comment"), max_length=RUBRIC_COMMENT_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="one_rubric_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["mentor", "peer"]), name="rubric_review_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["role", "submitted_at"], name="rubric_review_role_idx")]

    def __str__(self) -> str:
        return f"{self.role} review of submission {self.submission_id}"


class RubricScore(models.Model):
    """The level a review gives one criterion."""

    review = models.ForeignKey(RubricReview, on_delete=models.CASCADE, related_name="scores")
    # Scores go with their criterion: a criterion removed from a rubric takes its scores.
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=RUBRIC_MAX_LEVELS),
                name="rubric_score_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.level}"
