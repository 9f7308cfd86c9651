"""The person in the programme: profile, consent, stage, topics, networks,
notification preferences, the outbox of notifications and the attention budget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .channels import channels_chosen
from .quiet import QuietHours, is_quiet, quiet_end

# The programme's rule of five: a figure or a detail that could point at fewer than five
# people taking part is not shown (insights, the anonymous leaderboard entry).
MINIMUM_GROUP = 5
# What stands in place of a count of people under five, on every page that shows one.
FEWER_THAN_FIVE = _("fewer than 5")


def suppressed_parts(parts: dict) -> set:
    """The parts of a split (value → people) to hide so that no part under five can be
    worked out from the others and the total: the small ones and, with them, the smallest
    others (parts no filter can choose, such as people without a department, first) until
    the hidden total is five or more."""
    small = {value for value, count in parts.items() if 0 < count < MINIMUM_GROUP}
    if not small:
        return set()
    hidden = set(small)
    total = sum(parts[value] for value in small)
    others = sorted(
        (value for value, count in parts.items() if count >= MINIMUM_GROUP),
        key=lambda value: (value is not None, parts[value], str(value)),
    )
    for value in others:
        if total >= MINIMUM_GROUP and len(hidden) > 1:
            break
        hidden.add(value)
        total += parts[value]
    return hidden


class Stage(models.IntegerChoices):
    """The three stages of the growth path, shared by every app."""

    ENGAGEMENT = 1, _("Engagement")
    CURATION = 2, _("Curation")
    PRODUCTION = 3, _("Production")


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class Topic(models.Model):
    """One taxonomy of themes, shared by profiles, content, courses and missions."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl


class Department(models.Model):
    """A department; its name in Dutch (as the import gives it) and, if it differs, English."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(
        _("name (English)"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when the name is the same in English."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Source(models.TextChoices):
    """Where a person's account comes from (comms staff see it in Programme → Ambassadors)."""

    PLATFORM = "platform", _("Added in the platform")
    IMPORT = "import", _("Employee import")
    SSO = "sso", _("Single sign-on")
    SCIM = "scim", _("Provisioning (SCIM)")
    API = "api", _("REST API")


class AmbassadorQuerySet(models.QuerySet):
    def participating(self):
        return self.filter(status=Ambassador.Status.ACTIVE)

    def with_user(self):
        return self.select_related("user", "department")


class Ambassador(models.Model):
    """An employee's place in the programme. Activity is recorded only while ACTIVE."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Not joined yet")
        ACTIVE = "active", _("Taking part")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left the programme")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ambassador"
    )
    status = models.CharField(
        _("participation"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"), choices=Stage.choices, default=Stage.ENGAGEMENT
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ambassadors",
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics of interest"), blank=True, related_name="ambassadors"
    )
    # {category: [channel, ...]} beside in-app (see `ambassadors.channels`); a category
    # missing here gets the default (e-mail).
    channel_choices = models.JSONField(_("channels per kind of message"), default=dict, blank=True)
    channels_paused = models.BooleanField(
        _("pause every channel"),
        default=False,
        help_text=_("Everything still shows here in the platform, but nothing is sent to you."),
    )
    weekly_digest = models.BooleanField(
        _("bundle e-mails into one weekly digest"),
        default=False,
        help_text=_("Instead of one e-mail per notification, one summary on Monday morning."),
    )
    max_nudges_per_week = models.PositiveSmallIntegerField(
        _("maximum suggestions per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Leave empty to use the programme's default. You can only lower it."),
    )
    quiet_hours_start = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_hours_end = models.TimeField(_("quiet hours until"), null=True, blank=True)
    leaderboard_visible = models.BooleanField(
        _("show my name and figures on the leaderboard"), default=False
    )
    leaderboard_anonymous = models.BooleanField(
        _("on the leaderboard, hide my name"),
        default=False,
        help_text=_("You appear as “an ambassador” with your points and department."),
    )
    consented_at = models.DateTimeField(_("joined on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source.choices,
        default=Source.PLATFORM,
        help_text=_("How the account came into the platform."),
    )
    source_name = models.CharField(
        _("connection"),
        max_length=80,
        blank=True,
        help_text=_("The sign-in or provisioning connection that keeps this account up to date."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AmbassadorQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=[1, 2, 3]), name="ambassador_stage_valid"),
            models.CheckConstraint(
                condition=Q(status="invited") | Q(consented_at__isnull=False),
                name="ambassador_participation_needs_consent",
            ),
            models.CheckConstraint(
                condition=(
                    Q(quiet_hours_start__isnull=True, quiet_hours_end__isnull=True)
                    | Q(quiet_hours_start__isnull=False, quiet_hours_end__isnull=False)
                ),
                name="ambassador_quiet_hours_both_or_none",
            ),
        ]
        # The leaderboard reads the few who opted in, not every employee.
        indexes = [
            models.Index(
                fields=["status"],
                condition=Q(leaderboard_visible=True),
                name="ambassador_leaderboard_idx",
            )
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def clean(self):
        # On the field, so the database constraint behind the rule is not reported again
        # under its technical name.
        missing = "quiet_hours_end" if self.quiet_hours_end is None else "quiet_hours_start"
        if (self.quiet_hours_start is None) != (self.quiet_hours_end is None):
            raise ValidationError(
                {missing: _("Give both the start and the end of your quiet hours, or neither.")}
            )
        if self.quiet_hours_start is not None and self.quiet_hours_start == self.quiet_hours_end:
            raise ValidationError(
                {"quiet_hours_end": _("Quiet hours must start and end at different times.")}
            )

    @property
    def is_participating(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def source_label(self) -> str:
        """Where the account comes from, with the connection that keeps it up to date."""
        label = str(self.get_source_display())
        return f"{label} · {self.source_name}" if self.source_name else label

    def channels_for(self, kind: str) -> set[str]:
        """The channels beside in-app that bring this person a notification of `kind`."""
        return channels_chosen(self.channel_choices, kind, paused=self.channels_paused)

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    def quiet_hours(self, default: QuietHours | None = None) -> QuietHours | None:
        """The person's own quiet hours, else `default` (the programme's, for nudges)."""
        if self.quiet_hours_start is not None and self.quiet_hours_end is not None:
            return self.quiet_hours_start, self.quiet_hours_end
        return default

    def in_quiet_hours(self, moment: dt.datetime, default: QuietHours | None = None) -> bool:
        return is_quiet(moment, self.quiet_hours(default))

    def end_of_quiet_hours(
        self, moment: dt.datetime, default: QuietHours | None = None
    ) -> dt.datetime:
        """The first moment at or after `moment` outside quiet hours."""
        return quiet_end(moment, self.quiet_hours(default))


# One person's audience on one network, as far as the estimated reach and the earned media
# value believe it: more is a typo or a guess (comms staff see the highest figures in the CMS).
MAX_AUDIENCE = 50_000


class SocialProfile(models.Model):
    """A network the ambassador uses, with the approximate size of their audience there."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="networks")
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    audience_size = models.PositiveIntegerField(
        _("approximate audience"),
        default=0,
        validators=[MaxValueValidator(MAX_AUDIENCE)],
        help_text=_("Roughly how many connections or followers. Used only for estimated reach."),
    )

    class Meta:
        ordering = ["network"]
        verbose_name = _("social network")
        verbose_name_plural = _("social networks")
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador", "network"], name="one_profile_per_network"
            ),
            models.CheckConstraint(
                condition=Q(audience_size__lte=MAX_AUDIENCE), name="audience_within_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()} ({self.audience_size})"


class ParticipationEvent(models.Model):
    """The consent trail: every join, pause, leave and rejoin, with the consent text's version."""

    class Action(models.TextChoices):
        JOINED = "joined", _("joined")
        PAUSED = "paused", _("paused")
        RESUMED = "resumed", _("resumed")
        LEFT = "left", _("left")
        REJOINED = "rejoined", _("rejoined")

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="participation_events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    consent_version = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.ambassador} {self.action} {self.at:%Y-%m-%d %H:%M}"


def validate_one_line(value: str) -> None:
    """No line breaks or other control characters (the value goes into an e-mail header)."""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        raise ValidationError(_("Use one line without special characters."))


@register_setting(icon="cog")
class ProgrammeSettings(BaseGenericSetting):
    """Site-wide defaults for the attention budget, edited by comms staff."""

    max_nudges_per_week = models.PositiveSmallIntegerField(
        _("suggestions per person per week"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_(
            "Everything the platform asks of a person (share suggestions, mission offers, "
            "reminders) counts against this weekly budget. People can lower it for themselves."
        ),
    )
    default_quiet_hours_start = models.TimeField(
        _("default quiet hours from"), default=dt.time(20, 0)
    )
    default_quiet_hours_end = models.TimeField(
        _("default quiet hours until"), default=dt.time(8, 0)
    )
    email_sender_name = models.CharField(
        _("e-mail sender name"),
        max_length=70,
        blank=True,
        validators=[validate_one_line],
        help_text=_(
            "The name people see as the sender of every e-mail, for example "
            '"Ambassador Academy · Your organisation". Empty: the name set for the server.'
        ),
    )

    class Meta:
        verbose_name = _("programme settings")

    def clean(self):
        if self.default_quiet_hours_start == self.default_quiet_hours_end:
            raise ValidationError(_("Quiet hours must start and end at different times."))

    @property
    def quiet_hours(self) -> QuietHours:
        """Quiet hours for the nudges of people who have not set their own."""
        return self.default_quiet_hours_start, self.default_quiet_hours_end


class NotificationQuerySet(models.QuerySet):
    def visible(self, now: dt.datetime | None = None):
        return self.filter(show_in_app=True, visible_from__lte=now or timezone.now())

    def unread(self):
        return self.filter(read_at__isnull=True)

    def email_due(self, now: dt.datetime, lease: dt.timedelta):
        """Rows whose e-mail should go out now: due, not sent, and not claimed by a live worker."""
        return self.filter(
            email_after__lte=now,
            email_sent_at__isnull=True,
        ).filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - lease))

    def nudges(self):
        return self.filter(is_nudge=True)


@dataclass(frozen=True)
class NotificationText:
    """What a notification says in one language."""

    subject: str
    body: str
    link: str = ""


class Notification(models.Model):
    """The outbox: one row per thing we tell a person, in-app and (optionally) by e-mail.

    The row is the source of truth; django-q2 only rings the doorbell. An e-mail goes out
    when `email_after` has passed and `email_sent_at` is empty. A worker claims a row
    before sending (`email_claimed_at`); a claim older than the lease is taken over by
    the periodic sweep, so a crashed worker never loses an e-mail.

    `texts` holds the subject and body in every language of the site, so what the person
    reads (in-app, by e-mail, in a digest) is in the language they have when they read it,
    not the one they had when it was made. `subject` and `body` are the text in their
    language when it was made: for the CMS, search and rows made before `texts`.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # The other person this notification names or quotes (a colleague's post, an employee's
    # help request told to a mentor), so erasing that person removes it from every inbox.
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # {"nl": {"subject": ..., "body": ...}, "en": {...}}: see `text_in()`.
    texts = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    is_nudge = models.BooleanField(default=False)
    show_in_app = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    visible_from = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_after = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-visible_from", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(
                fields=["email_after"],
                name="notification_email_due_idx",
                condition=Q(email_sent_at__isnull=True, email_after__isnull=False),
            ),
            models.Index(
                fields=["recipient", "visible_from"],
                name="notification_nudge_week_idx",
                condition=Q(is_nudge=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(link__startswith="//") & (Q(link="") | Q(link__startswith="/")),
                name="notification_link_is_local_path",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def text_in(self, language: str) -> NotificationText:
        """Subject and body in `language` (else the site's, else as they were first written)."""
        text = self.texts.get(language) or self.texts.get(settings.LANGUAGE_CODE)
        if not text:
            return NotificationText(subject=self.subject, body=self.body, link=self.link)
        return NotificationText(
            subject=text["subject"], body=text["body"], link=text.get("link", self.link)
        )

    @property
    def text(self) -> NotificationText:
        """Subject and body in the language active now: in-app, the reader's own."""
        return self.text_in(get_language() or settings.LANGUAGE_CODE)


class EmployeeImport(models.Model):
    """An uploaded employee CSV: checked first (dry run), applied only on request."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not applied")
        REJECTED = "rejected", _("Rejected")
        # Asked for by comms staff, applied by a background task (one transaction).
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed, nothing written")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    content = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices)
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # When applying was asked for: the sweep hands a stalled import to a worker again.
    applying_since = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # What applying did (created, updated, unchanged, refused, invited) or, when it failed,
    # the failure's code and its parameters (`failure_message` words it for comms staff).
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("employee import")
        verbose_name_plural = _("employee imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
