"""The content library: items to share, text variants per network, shares with tracked
links, clicks counted without raw IP addresses, dismissals, and pushes to segments."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ambassadors.models import Department, Language, Network, Stage, Topic
from core.outbound import public_url

from .panels import RetiredStatePanel

# Character limits of the networks' own editors; X counts every link as 23 characters.
NETWORK_LIMITS = {
    Network.LINKEDIN: 3000,
    Network.X: 280,
    Network.FACEBOOK: 63206,
    Network.INSTAGRAM: 2200,
}
X_LINK_LENGTH = 23
ERROR_TOO_LONG = _("Too long for %(network)s: %(length)s of %(limit)s characters with the link.")


# Elsewhere the tracked link counts as it is written (an address of about this length).
TRACKED_LINK_LENGTH = len("https://example.org/s/xxxxxxxxxx")


def link_length(network: str) -> int:
    """What the tracked link adds to the text as the network counts it (with its space):
    the one rule, which the composer's live count reads from the page (`data-link-length`)."""
    return (X_LINK_LENGTH if network == Network.X else TRACKED_LINK_LENGTH) + 1


def text_length(network: str, text: str, with_link: bool = True) -> int:
    """Length as the network counts it, with the tracked link that will be added."""
    return len(text) + (link_length(network) if with_link else 0)


class ContentItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ContentItem.Status.PUBLISHED)

    def shareable(self, now=None):
        now = now or timezone.now()
        return self.published().filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        )


class ContentItem(ClusterableModel):
    class Kind(models.TextChoices):
        CORPORATE = "corporate", _("Post of the organisation")
        COLLEAGUE = "colleague", _("Post of a colleague")
        THIRD_PARTY = "third_party", _("Article by others")
        NEWS = "news", _("Our own news")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("In the library")
        PROPOSED = "proposed", _("Proposed by an ambassador")
        REVIEW = "review", _("Imported, waiting for review")
        REJECTED = "rejected", _("Rejected")

    class Preview(models.TextChoices):
        PENDING = "pending", _("Fetching the preview")
        FETCHED = "fetched", _("Preview fetched")
        FAILED = "failed", _("Preview could not be fetched")

    url = models.URLField(_("address"), max_length=1000, validators=[public_url], unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORPORATE)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    min_stage = models.PositiveSmallIntegerField(
        _("suitable from stage"),
        choices=Stage.choices,
        default=Stage.ENGAGEMENT,
        help_text=_("Posts of the organisation suit stage 1; articles by others stage 2."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    publish_from = models.DateTimeField(_("available from"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    disclosure = models.CharField(
        _("required disclosure"),
        max_length=200,
        blank=True,
        help_text=_("Added to every share, e.g. 'I work at Vermeer Techniek'."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposal_comment = models.TextField(_("comment of the proposer"), blank=True, max_length=1000)
    review_reason = models.CharField(_("reason"), max_length=300, blank=True)
    preview_status = models.CharField(
        _("preview status"),
        max_length=10,
        choices=Preview.choices,
        default=Preview.PENDING,
        editable=False,
    )
    preview_error = models.CharField(
        _("preview problem"), max_length=300, blank=True, editable=False
    )
    preview_title = models.CharField(_("preview title"), max_length=300, blank=True, editable=False)
    preview_description = models.TextField(_("preview description"), blank=True, editable=False)
    preview_image_url = models.URLField(
        _("preview image"), max_length=1000, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContentItemQuerySet.as_manager()

    panels = [
        FieldPanel("url"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("min_stage"), FieldPanel("language")]),
        FieldPanel("topics"),
        FieldRowPanel([FieldPanel("publish_from"), FieldPanel("expires_at")]),
        FieldPanel("disclosure"),
        InlinePanel(
            "variants",
            label=_("Suggested texts"),
            min_num=1,
            help_text=_(
                "To stop offering a text, retire it on the item's “Texts and figures” page: "
                "deleting it here loses what its shares taught."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("proposal_comment"), FieldPanel("review_reason")],
            heading=_("Review"),
            classname="collapsed",
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(publish_from__isnull=True)
                | Q(expires_at__gt=models.F("publish_from")),
                name="item_expires_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.expires_at and self.publish_from and self.expires_at <= self.publish_from:
            raise ValidationError({"expires_at": _("The expiry must come after the start.")})

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class TextVariant(Orderable):
    """One suggested text for one network. Several per network are rotated among colleagues;
    a retired one is kept (its shares keep pointing at it) but never offered again."""

    item = ParentalKey(ContentItem, on_delete=models.CASCADE, related_name="variants")
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    text = models.TextField(_("text"), max_length=3000)
    # Not in the panels: the item's form saves its rows with these as they were read, and
    # only `variant_retire`/`variant_restore` change them.
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [FieldPanel("network"), FieldPanel("text"), RetiredStatePanel()]

    class Meta(Orderable.Meta):
        verbose_name = _("suggested text")
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_by__isnull=True) | Q(retired_at__isnull=False),
                name="variant_retired_by_only_when_retired",
            ),
        ]

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.text[:40]}"

    def clean(self):
        limit = NETWORK_LIMITS.get(self.network)
        if limit and text_length(self.network, self.text) > limit:
            raise ValidationError(
                {
                    "text": ERROR_TOO_LONG
                    % {
                        "network": self.get_network_display(),
                        "length": text_length(self.network, self.text),
                        "limit": limit,
                    }
                }
            )


def new_share_code() -> str:
    return secrets.token_urlsafe(8)


class Share(models.Model):
    """A person shared an item on a network, with a personal tracked link."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="shares")
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    variant = models.ForeignKey(
        TextVariant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=3000)
    edited = models.BooleanField(default=False)
    # How much of the offered text the person rewrote, 0 (kept it) to 100 (all their own):
    # 100 minus the coach's likeness, measured once when shared (None: no text was offered).
    rewritten = models.PositiveSmallIntegerField(null=True, blank=True)
    code = models.CharField(max_length=16, unique=True, default=new_share_code)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item", "network"], name="share_once_per_network"
            ),
            models.CheckConstraint(
                condition=Q(rewritten__isnull=True) | Q(rewritten__lte=100),
                name="share_rewritten_percent",
            ),
        ]
        # The feed counts each candidate's recent shares: a range per item, not all of them.
        indexes = [models.Index(fields=["item", "created_at"], name="share_item_recent_idx")]

    def __str__(self) -> str:
        return f"{self.user} shared {self.item} on {self.network}"


class Click(models.Model):
    """One visit through a tracked link. No IP address: a hash salted per day."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="clicks")
    day = models.DateField()
    visitor = models.CharField(max_length=64)
    is_bot = models.BooleanField(default=False)
    # One of too many clicks from one network on this share at once: counted apart.
    is_burst = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["share", "day"], name="click_share_day_idx")]

    def __str__(self) -> str:
        return f"click on {self.share_id} {self.day}"


class ClickDay(models.Model):
    """A share's clicks of one day once the raw clicks are past their retention period.

    Visitors are hashed with a salt per day, so the day's unique visitors add up to the same
    total the raw rows would give: the person's reach and the rollups read both."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="click_days")
    day = models.DateField()
    clicks = models.PositiveIntegerField(default=0)  # people, bots left out
    visitors = models.PositiveIntegerField(default=0)  # unique people that day
    bot_clicks = models.PositiveIntegerField(default=0)
    burst_clicks = models.PositiveIntegerField(default=0)  # people's clicks in bursts

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["share", "day"], name="one_click_day_per_share")
        ]
        indexes = [models.Index(fields=["day"], name="click_day_day_idx")]

    def __str__(self) -> str:
        return f"{self.clicks} clicks on {self.share_id} {self.day}"


class Dismissal(models.Model):
    """'Not relevant for my network': the item disappears and its topics weigh less."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="dismissals")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="dismiss_once")]

    def __str__(self) -> str:
        return f"{self.user_id} dismissed {self.item_id}"


class SavedItem(models.Model):
    """An item a person keeps for later: their own list, shown under "Saved" in the feed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="save_once")]

    def __str__(self) -> str:
        return f"{self.user_id} saved {self.item_id}"


class Push(models.Model):
    """Comms staff suggest an item to a segment, spread over a window."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="pushes")
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, null=True, blank=True)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL)
    language = models.CharField(max_length=2, choices=Language.choices, blank=True)
    window_hours = models.PositiveSmallIntegerField(default=48)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(null=True, blank=True)
    segment_size = models.PositiveIntegerField(default=0)
    planned = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # Of those skipped: the item ends before their next free moment (the rest: no room in
    # their attention budget within the planning horizon).
    skipped_after_end = models.PositiveIntegerField(default=0)
    first_slot = models.DateTimeField(null=True, blank=True)
    last_slot = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Push of {self.item}"


class NewsFeed(models.Model):
    """An RSS or Atom feed of the organisation's blog or newsroom, imported on a schedule."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("feed address"), max_length=1000, validators=[public_url], unique=True)
    kind = models.CharField(
        _("kind of items"),
        max_length=20,
        choices=ContentItem.Kind.choices,
        default=ContentItem.Kind.NEWS,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    min_stage = models.PositiveSmallIntegerField(
        _("suitable from stage"), choices=Stage.choices, default=Stage.ENGAGEMENT
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    active = models.BooleanField(_("import automatically"), default=True)
    publish_at_once = models.BooleanField(
        _("publish imported items at once"),
        default=False,
        help_text=_(
            "Otherwise imported items wait as 'Imported, waiting for review' until you check "
            "their text and set them to 'In the library'."
        ),
    )
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last problem"), max_length=300, blank=True, editable=False)
    imported = models.PositiveIntegerField(_("items imported"), default=0, editable=False)

    class Meta:
        verbose_name = _("news feed")
        verbose_name_plural = _("news feeds")

    def __str__(self) -> str:
        return self.name
