"""The content library: items to share, text variants per network, shares with tracked
links, clicks counted without raw IP addresses, dismissals, and pushes to segments."""

from __future__ import annotations

import secrets
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from ambassadors.models import Department, Language, Network, Stage, Topic
from core.outbound import public_url
from core.sanitise import strip_controls

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
    # Of those skipped: the item ends before their next free moment.
    skipped_after_end = models.PositiveIntegerField(default=0)
    # Of those skipped: asked for no suggestions (a weekly budget of zero) or no longer
    # taking part. The rest had no room in their attention budget within the horizon.
    skipped_no_budget = models.PositiveIntegerField(default=0)
    first_slot = models.DateTimeField(null=True, blank=True)
    last_slot = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(skipped__gte=F("skipped_after_end") + F("skipped_no_budget")),
                name="push_reasons_within_skipped",
            )
        ]

    def __str__(self) -> str:
        return f"Push of {self.item}"

    @property
    def skipped_no_room(self) -> int:
        """Those skipped for want of room in their attention budget within the horizon."""
        return self.skipped - self.skipped_after_end - self.skipped_no_budget


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


# --- posting checks (issue 23) ---------------------------------------------------------------

# The checks the composer runs on a text before it is shared: hints, never a block.
CHECK_LENGTH = "length"
CHECK_HASHTAGS = "hashtags"
CHECK_DISCLOSURE = "disclosure"
CHECK_CONFIDENTIAL = "confidential"
CHECK_LINK = "link"
CHECKS = (CHECK_LENGTH, CHECK_HASHTAGS, CHECK_DISCLOSURE, CHECK_CONFIDENTIAL, CHECK_LINK)
# Bounds on what the CMS list may hold: every composer keystroke reads it.
CONFIDENTIAL_MAX_WORDS = 200
CONFIDENTIAL_MAX_LENGTH = 60
DISCLOSURE_MAX_SYNONYMS = 20
HINT_LENGTH = 300
ERROR_TOO_MANY_WORDS = _("At most %(max)s words or phrases, one per line: this list has %(count)s.")
ERROR_WORD_TOO_LONG = _("“%(word)s…” is longer than %(max)s characters. Use a shorter phrase.")
ERROR_WORD_CHARACTERS = _("Use plain text without hidden characters, one word or phrase a line.")
ERROR_ANCHOR = _(
    "Use the section's name as it appears after # in its address: small letters, digits and "
    "hyphens, for example “confidentiality”."
)


def validate_one_per_line(value: str, *, max_count: int = CONFIDENTIAL_MAX_WORDS) -> None:
    """A list of words or phrases, one a line, within the bounds and without control
    characters (the lines are matched literally, never read as a pattern)."""
    lines = list_lines(value, keep_all=True)
    if len(lines) > max_count:
        raise ValidationError(ERROR_TOO_MANY_WORDS % {"max": max_count, "count": len(lines)})
    for line in lines:
        if len(line) > CONFIDENTIAL_MAX_LENGTH:
            raise ValidationError(
                ERROR_WORD_TOO_LONG % {"word": line[:20], "max": CONFIDENTIAL_MAX_LENGTH}
            )
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in line):
            raise ValidationError(ERROR_WORD_CHARACTERS)


def validate_synonyms(value: str) -> None:
    validate_one_per_line(value, max_count=DISCLOSURE_MAX_SYNONYMS)


def list_lines(value: str, *, keep_all: bool = False) -> list[str]:
    """The non-empty lines of a one-per-line list, stripped, each once (case-insensitively)."""
    seen, lines = set(), []
    for line in (value or "").splitlines():
        line = line.strip()
        if not line or (not keep_all and line.casefold() in seen):
            continue
        seen.add(line.casefold())
        lines.append(line)
    return lines


anchor_validator = RegexValidator(r"^[a-z0-9][a-z0-9-]{0,59}$", ERROR_ANCHOR)


def _enabled(label):
    return models.BooleanField(label, default=True)


def _section_page():
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("guideline page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _anchor():
    return models.CharField(
        _("section"),
        max_length=60,
        blank=True,
        validators=[anchor_validator],
        help_text=_(
            "The section of the page, e.g. disclosure, confidentiality, network-tips, "
            "dos-and-donts (a second section of the same kind: text-2)."
        ),
    )


def _hint(language):
    return models.CharField(
        _("hint (Dutch)") if language == "nl" else _("hint (English)"),
        max_length=HINT_LENGTH,
        blank=True,
        help_text=_("Empty: the standard hint."),
    )


def _check_panel(check: str, heading, *extra):
    return MultiFieldPanel(
        [
            FieldPanel(f"{check}_on"),
            *extra,
            FieldRowPanel([FieldPanel(f"{check}_page"), FieldPanel(f"{check}_anchor")]),
            FieldPanel(f"{check}_hint_nl"),
            FieldPanel(f"{check}_hint_en"),
        ],
        heading=heading,
    )


@register_setting(icon="tick")
class PostingChecks(BaseGenericSetting):
    """The checks of the programme's guidelines that the composer shows as friendly hints
    before a post is shared (sharing/checks.py); each links to its guideline section."""

    length_on = _enabled(_("check the length per network"))
    length_page = _section_page()
    length_anchor = _anchor()
    length_hint_nl = _hint("nl")
    length_hint_en = _hint("en")

    hashtags_on = _enabled(_("check the number of hashtags"))
    hashtags_max = models.PositiveSmallIntegerField(
        _("at most this many hashtags"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    hashtags_page = _section_page()
    hashtags_anchor = _anchor()
    hashtags_hint_nl = _hint("nl")
    hashtags_hint_en = _hint("en")

    disclosure_on = _enabled(_("check the disclosure that you work here"))
    disclosure_own_content = models.BooleanField(
        _("also on the organisation's own posts and news"),
        default=False,
        help_text=_(
            "Items with a required disclosure of their own are always checked. With this on, "
            "posts of the organisation and own news without one ask for the line below too."
        ),
    )
    disclosure_line_nl = models.CharField(
        _("disclosure line (Dutch)"), max_length=CONFIDENTIAL_MAX_LENGTH, blank=True
    )
    disclosure_line_en = models.CharField(
        _("disclosure line (English)"), max_length=CONFIDENTIAL_MAX_LENGTH, blank=True
    )
    disclosure_synonyms = models.TextField(
        _("other words that count as the disclosure"),
        blank=True,
        validators=[validate_synonyms],
        help_text=_("One per line, for example #werkbijons or “I work at”."),
    )
    disclosure_page = _section_page()
    disclosure_anchor = _anchor()
    disclosure_hint_nl = _hint("nl")
    disclosure_hint_en = _hint("en")

    confidential_on = _enabled(_("check for confidential words"))
    confidential_words = models.TextField(
        _("confidential words"),
        blank=True,
        validators=[validate_one_per_line],
        help_text=_(
            "One word or phrase per line, e.g. a project's code name; at most 200 lines of "
            "60 characters. Found as whole words, capitals and accents as written or not."
        ),
    )
    confidential_page = _section_page()
    confidential_anchor = _anchor()
    confidential_hint_nl = _hint("nl")
    confidential_hint_en = _hint("en")

    link_on = _enabled(_("check the tracked link"))
    link_page = _section_page()
    link_anchor = _anchor()
    link_hint_nl = _hint("nl")
    link_hint_en = _hint("en")

    select_related = [f"{check}_page" for check in CHECKS]

    panels = [
        _check_panel(CHECK_LENGTH, _("Length per network")),
        _check_panel(CHECK_HASHTAGS, _("Hashtags"), FieldPanel("hashtags_max")),
        _check_panel(
            CHECK_DISCLOSURE,
            _("Disclosure"),
            FieldPanel("disclosure_own_content"),
            FieldRowPanel([FieldPanel("disclosure_line_nl"), FieldPanel("disclosure_line_en")]),
            FieldPanel("disclosure_synonyms"),
        ),
        _check_panel(CHECK_CONFIDENTIAL, _("Confidential words"), FieldPanel("confidential_words")),
        _check_panel(CHECK_LINK, _("Tracked link")),
    ]

    class Meta:
        verbose_name = _("posting checks")

    def clean(self):
        super().clean()
        for field in (
            "disclosure_line_nl",
            "disclosure_line_en",
            *(f"{check}_hint_{language}" for check in CHECKS for language in ("nl", "en")),
        ):
            value = " ".join(strip_controls(getattr(self, field)).split())
            setattr(self, field, value)  # empty: the standard text
        self.confidential_words = "\n".join(list_lines(self.confidential_words))
        self.disclosure_synonyms = "\n".join(list_lines(self.disclosure_synonyms))
