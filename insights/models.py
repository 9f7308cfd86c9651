"""Daily rollups that the insights dashboard reads (never the raw events), the cost settings
for earned media value, and who wants the weekly summary.

Every rollup row describes one day and one group of people: their department, stage and
language at the time the day was rolled up. Rows exist only where something happened.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ambassadors.models import Department, Network, Topic


class GroupDay(models.Model):
    """One day and one group of people."""

    day = models.DateField(db_index=True)
    department = models.ForeignKey(
        Department, null=True, on_delete=models.CASCADE, related_name="+"
    )
    stage = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=2)

    class Meta:
        abstract = True


class ActivityDaily(GroupDay):
    """What people did on a day, and what the platform asked of them."""

    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    active = models.PositiveIntegerField(default=0)  # distinct people who did something
    lessons = models.PositiveIntegerField(default=0)
    courses_started = models.PositiveIntegerField(default=0)
    courses_completed = models.PositiveIntegerField(default=0)
    quiz_attempts = models.PositiveIntegerField(default=0)
    quiz_score_sum = models.PositiveIntegerField(default=0)
    acknowledgements = models.PositiveIntegerField(default=0)
    promoted = models.PositiveIntegerField(default=0)
    moved_back = models.PositiveIntegerField(default=0)
    nudges = models.PositiveIntegerField(default=0)
    nudges_unread = models.PositiveIntegerField(default=0)
    pauses = models.PositiveIntegerField(default=0)
    leaves = models.PositiveIntegerField(default=0)
    dismissals = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["window", "day", "department", "stage", "language"],
                name="activity_daily_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class ActivePeriod(GroupDay):
    """Distinct active people in the week or month that starts on `day`."""

    class Period(models.TextChoices):
        WEEK = "week", _("week")
        MONTH = "month", _("month")

    period = models.CharField(max_length=5, choices=Period.choices)
    active = models.PositiveIntegerField(default=0)
    promoted = models.PositiveIntegerField(default=0)
    moved_back = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "day", "department", "stage", "language"],
                name="active_period_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class FunnelSnapshot(GroupDay):
    """Where everyone stood at the end of a day (taken each night; the past is kept)."""

    employees = models.PositiveIntegerField(default=0)
    joined = models.PositiveIntegerField(default=0)  # taking part (active or paused)
    paused = models.PositiveIntegerField(default=0)
    left = models.PositiveIntegerField(default=0)
    guidelines_current = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "stage", "language"], name="funnel_snapshot_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class SharingDaily(GroupDay):
    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    network = models.CharField(max_length=20, choices=Network.choices)
    shares = models.PositiveIntegerField(default=0)
    own_words = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)  # bots and previews left out
    unique_clicks = models.PositiveIntegerField(default=0)  # one per visitor, share and day
    estimated_reach = models.PositiveBigIntegerField(default=0)  # audiences of the shares

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["window", "day", "department", "stage", "language", "network"],
                name="sharing_daily_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class TopicSharingDaily(GroupDay):
    """Sharing per topic of the shared item (an item with two topics counts in both)."""

    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=20, choices=Network.choices)
    shares = models.PositiveIntegerField(default=0)
    own_words = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    unique_clicks = models.PositiveIntegerField(default=0)
    estimated_reach = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["window", "day", "department", "stage", "language", "topic", "network"],
                name="topic_sharing_daily_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class ContentDaily(models.Model):
    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    day = models.DateField(db_index=True)
    item = models.ForeignKey("sharing.ContentItem", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=20, choices=Network.choices)
    shares = models.PositiveIntegerField(default=0)
    unique_clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["window", "day", "item", "network"], name="content_daily_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} item {self.item_id} {self.network}"


class DismissalReasonDaily(models.Model):
    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    day = models.DateField(db_index=True)
    reason = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)  # distinct people who gave the reason

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["window", "day", "reason"], name="dismissal_reason_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class MissionDaily(GroupDay):
    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    kind = models.CharField(max_length=20)
    mission_stage = models.PositiveSmallIntegerField()
    offered = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    approved = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    reviews = models.PositiveIntegerField(default=0)
    review_hours = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "window",
                    "day",
                    "department",
                    "stage",
                    "language",
                    "kind",
                    "mission_stage",
                ],
                name="mission_daily_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}/{self.stage}/{self.language}"


class DeskDaily(models.Model):
    window = models.PositiveSmallIntegerField(default=0)  # 0: one day; N: the N days up to `day`
    day = models.DateField(db_index=True)
    kind = models.CharField(max_length=20)
    requests = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_in_time = models.PositiveIntegerField(default=0)
    first_response_minutes = models.FloatField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_in_time = models.PositiveIntegerField(default=0)
    resolution_minutes = models.FloatField(default=0)
    ratings = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["window", "day", "kind"], name="desk_daily_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}"


class DeskSnapshot(models.Model):
    """Open requests per kind when the day was last rolled up, and how many were past a
    target (as on the desk's "Breached" tab): a snapshot like the funnel, never summed."""

    day = models.DateField(db_index=True)
    kind = models.CharField(max_length=20)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)  # past either target
    response_overdue = models.PositiveIntegerField(default=0)
    resolution_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "kind"], name="desk_snapshot_once")]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}"


class RollupRun(models.Model):
    """When each day was last rolled up (the dashboard says how fresh its figures are)."""

    day = models.DateField(unique=True)
    at = models.DateTimeField(auto_now=True)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.day} rolled up at {self.at}"


DEFAULT_CPC = {"linkedin": "5.00", "x": "0.80", "facebook": "0.90", "instagram": "1.00"}
DEFAULT_CPM = {"linkedin": "30.00", "x": "6.00", "facebook": "8.00", "instagram": "9.00"}


@register_setting(icon="pick")
class InsightSettings(BaseGenericSetting):
    """What a click and a thousand impressions would have cost as paid media, per network."""

    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    impressions_per_audience = models.DecimalField(
        _("impressions per person in the audience"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.10"),
        help_text=_("Share of an ambassador's audience that sees a post (estimate)."),
    )
    cpc_linkedin = models.DecimalField(
        _("LinkedIn: cost per click"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPC["linkedin"]),
    )
    cpc_x = models.DecimalField(
        _("X: cost per click"), max_digits=8, decimal_places=2, default=Decimal(DEFAULT_CPC["x"])
    )
    cpc_facebook = models.DecimalField(
        _("Facebook: cost per click"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPC["facebook"]),
    )
    cpc_instagram = models.DecimalField(
        _("Instagram: cost per click"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPC["instagram"]),
    )
    cpm_linkedin = models.DecimalField(
        _("LinkedIn: cost per 1,000 impressions"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPM["linkedin"]),
    )
    cpm_x = models.DecimalField(
        _("X: cost per 1,000 impressions"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPM["x"]),
    )
    cpm_facebook = models.DecimalField(
        _("Facebook: cost per 1,000 impressions"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPM["facebook"]),
    )
    cpm_instagram = models.DecimalField(
        _("Instagram: cost per 1,000 impressions"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(DEFAULT_CPM["instagram"]),
    )

    class Meta:
        verbose_name = _("Insight settings")

    def cpc(self, network: str) -> Decimal:
        return getattr(self, f"cpc_{network}", Decimal(0))

    def cpm(self, network: str) -> Decimal:
        return getattr(self, f"cpm_{network}", Decimal(0))

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class SummarySubscription(models.Model):
    """Comms staff who want the weekly summary by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"summary for {self.user_id}"
