"""Social media guidelines and the content strategy as Wagtail pages, and acknowledgements.

A guideline has a version that goes up only when comms staff publish a revision marked
as a major change; an acknowledgement is for one version, so a minor edit keeps everyone
current and a major one asks them again. Versions are shared by a page's translations
(their translation key).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ambassadors.pages import ParticipantPageMixin

from .blocks import AudienceBlock, GuidelineStreamBlock

RICH = ["h3", "bold", "italic", "ol", "ul", "link"]

ERROR_SUMMARY_REQUIRED = _("Say in one sentence what changed: employees see it with the change.")
ERROR_SUMMARY_STALE = _(
    "This is what changed last time. Write what changed now: employees see it with this change."
)


class GuidelineIndexPage(ParticipantPageMixin, RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guidelines.GuidelinePage", "guidelines.ContentStrategyPage"]
    max_count_per_parent = 1
    template = "guidelines/guideline_index_page.html"

    class Meta:
        verbose_name = _("guidelines overview")

    def route(self, request, path_components):
        # A guideline: looked up once per structure version (route_to_child); the index's
        # own paths ("print/") first, as Wagtail's RoutablePageMixin does.
        if self.live and path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                found = self.route_to_child(request, path_components)
                if found is not None:
                    return found
        return super().route(request, path_components)

    @path("")
    def overview(self, request):
        from . import views

        return views.guideline_index(request, self)

    @path("print/")
    def print_view(self, request):
        from . import views

        return views.guideline_print(request, self)


class GuidelinePage(ParticipantPageMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(GuidelineStreamBlock(), verbose_name=_("sections"))
    major_change = models.BooleanField(
        _("major change: ask everyone to acknowledge again"),
        default=False,
        help_text=_(
            "Tick this when you publish a change people must read again. Small corrections "
            "do not ask anyone to acknowledge again. The box is cleared after publishing."
        ),
    )
    change_summary = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown to employees with a major change."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("major_change"), FieldPanel("change_summary")],
            heading=_("Publishing this change"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types: list[str] = []
    template = "guidelines/guideline_page.html"

    class Meta:
        verbose_name = _("guideline")

    def clean(self):
        """A major change needs its own summary: the form keeps the one published last time."""
        super().clean()
        if not self.major_change:
            return
        summary = _normalised(self.change_summary)
        if not summary:
            raise ValidationError({"change_summary": ERROR_SUMMARY_REQUIRED})
        if summary in self.summaries_published():
            raise ValidationError({"change_summary": ERROR_SUMMARY_STALE})

    def summaries_published(self) -> set[str]:
        """What changed, as this page told people with its earlier versions (normalised)."""
        if self.pk is None:
            return set()
        live = GuidelinePage.objects.filter(pk=self.pk, live=True).values_list(
            "change_summary", flat=True
        )
        recorded = GuidelineVersionPage.objects.filter(
            page_id=self.pk, revision__isnull=False
        ).values_list("revision__content", flat=True)
        texts = [*live, *(content.get("change_summary", "") for content in recorded)]
        return {_normalised(text) for text in texts} - {""}

    @cached_property
    def version(self) -> int:
        """The current version of this guideline (shared with its translations)."""
        latest = (
            GuidelineVersion.objects.filter(translation_key=self.translation_key)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return latest or 1

    @path("")
    def read(self, request):
        from . import views

        return views.guideline_read(request, self)

    @path("changes/")
    def changes(self, request):
        from . import views

        return views.guideline_changes(request, self)


def _normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()


class ContentStrategyPage(ParticipantPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    goals = RichTextField(_("goals for the medium term"), features=RICH)
    audiences = StreamField(
        [("audience", AudienceBlock())], verbose_name=_("target audiences"), blank=True
    )
    value_proposition = RichTextField(_("value proposition"), features=RICH)
    market_positioning = RichTextField(_("market positioning"), features=RICH)
    identity = RichTextField(_("identity"), features=RICH)
    promise = RichTextField(_("promise to the audience"), features=RICH)
    tone_of_voice = RichTextField(_("tone of voice"), features=RICH)
    visual_language = RichTextField(_("visual language"), features=RICH)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("goals"),
        FieldPanel("audiences"),
        FieldPanel("value_proposition"),
        FieldPanel("market_positioning"),
        FieldPanel("identity"),
        FieldPanel("promise"),
        InlinePanel("themes", label=_("Themes"), min_num=1),
        FieldPanel("tone_of_voice"),
        FieldPanel("visual_language"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("goals"),
        index.SearchField("value_proposition"),
        index.SearchField("identity"),
        index.SearchField("promise"),
        index.SearchField("tone_of_voice"),
    ]
    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "guidelines/content_strategy_page.html"

    class Meta:
        verbose_name = _("content strategy")


class ContentStrategyTheme(Orderable):
    """A theme of the strategy: one of the shared topics, with what it means here."""

    page = ParentalKey(ContentStrategyPage, on_delete=models.CASCADE, related_name="themes")
    topic = models.ForeignKey(
        "ambassadors.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+"
    )
    explanation = models.TextField(_("what this theme means for us"), blank=True)

    panels = [FieldPanel("topic"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        verbose_name = _("theme")
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="theme_topic_once_per_strategy")
        ]


class GuidelineVersion(models.Model):
    """A version of a guideline (all its translations): started by a major change.

    Kept outside the page so that publishing an old revision cannot roll it back.
    """

    translation_key = models.UUIDField()
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "number"], name="guideline_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} v{self.number}"


class GuidelineVersionPage(models.Model):
    """The page (in one language) whose published content reflects a version."""

    version = models.ForeignKey(GuidelineVersion, on_delete=models.CASCADE, related_name="pages")
    page = models.ForeignKey(GuidelinePage, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "page"], name="version_page_once"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} reflects {self.version}"


class Acknowledgement(models.Model):
    """A person read a version of a guideline and accepts it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guideline_acknowledgements",
    )
    translation_key = models.UUIDField()
    page = models.ForeignKey(
        "guidelines.GuidelinePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "translation_key", "version"], name="acknowledge_version_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["translation_key"],
                condition=Q(is_current=True),
                name="ack_current_idx",
            ),
            models.Index(fields=["user", "translation_key"], name="ack_user_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} v{self.version} of {self.translation_key}"
