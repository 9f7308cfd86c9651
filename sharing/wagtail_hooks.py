from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from ambassadors.models import MINIMUM_GROUP, Language
from core.admin import ExportingSnippetViewSet
from core.forms import refuse
from core.queue import enqueue_on_commit

from .forms import ProposalReviewForm, PushForm, VariantRetireForm
from .models import ContentItem, NewsFeed, Push
from .selectors import push_progress, push_segment
from .services import (
    PUSH_PERMISSION,
    RETIRE_PERMISSION,
    REVIEW_PERMISSION,
    SharingError,
    proposal_review,
    push_create,
    push_preview,
    variant_restore,
    variant_retire,
)
from .services.pushes import push_figures_shown, withheld_count
from .variants import variant_figures

FIGURES_PERMISSION = "sharing.view_contentitem"


class ContentItemEditView(EditView):
    """The item's edit page, with a way to its texts' figures beside Copy and Delete."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(FIGURES_PERMISSION):
            buttons.append(
                Button(
                    _("Texts and figures"),
                    url=reverse("sharing_variants", args=[self.object.pk]),
                    icon_name="doc-full",
                    priority=30,
                )
            )
        return buttons


class ContentItemViewSet(ExportingSnippetViewSet):
    model = ContentItem
    edit_view_class = ContentItemEditView
    icon = "link"
    menu_label = gettext_lazy("Content library")
    list_display = ["title", "kind", "min_stage", "language", "status", "preview_status"]
    list_filter = ["kind", "status", "language", "min_stage", "topics"]
    search_fields = ["title", "summary", "url"]
    list_export = ["title", "url", "kind", "min_stage", "language", "status", "expires_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "url",
        "title",
        "summary",
        "kind",
        "min_stage",
        "language",
        "publish_from",
        "expires_at",
        "disclosure",
        "status",
        "proposal_comment",
        "review_reason",
        "preview_status",
        "preview_error",
        "preview_title",
        "preview_description",
        "preview_image_url",
    ]


class NewsFeedViewSet(SnippetViewSet):
    model = NewsFeed
    icon = "link-external"
    menu_label = gettext_lazy("News feeds")
    list_display = [
        "name",
        "url",
        "active",
        BooleanColumn("publish_at_once", label=gettext_lazy("Published at once")),
        "last_fetched_at",
        "imported",
        "last_error",
    ]


class LibraryGroup(SnippetViewSetGroup):
    items = (ContentItemViewSet, NewsFeedViewSet)
    menu_icon = "link"
    menu_label = gettext_lazy("Content library")
    menu_name = "library"
    menu_order = 210


register_snippet(LibraryGroup)


class LibraryBreadcrumbsMixin:
    """CMS pages under the content library: its breadcrumbs, the page's own title last
    (Wagtail's generic header otherwise reads "Home")."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_sharing_contentitem:list"),
                "label": _("Content library"),
            },
            {"url": "", "label": self.get_header_title()},
        ]


# The name of the form's "preview" button: it counts, the other button plans.
PREVIEW = "preview"


def _shown(preview) -> dict:
    """The preview's counts of people as they may be shown together (rule of five)."""
    return push_figures_shown(
        segment=preview.segment,
        reach=preview.reach,
        after_window=preview.after_window,
        no_room=preview.no_room,
        after_end=preview.after_end,
        no_budget=preview.opted_out,
    )


def _push_shown(push, after_window: int = 0) -> dict:
    """A planned push's counts as they may be shown together, as the preview shows them."""
    return push_figures_shown(
        segment=push.segment_size,
        reach=push.planned,
        after_window=after_window,
        no_room=push.skipped_no_room,
        after_end=push.skipped_after_end,
        no_budget=push.skipped_no_budget,
    )


def _progress_shown(progress: dict, *, reach_withheld: bool) -> dict:
    """Planned, delivered, opened and shared as they may be shown: small counts withheld,
    and planned and delivered (all of the reach, in time) too while the reach is."""
    return {
        name: withheld_count(progress[name])
        if 0 < progress[name] < MINIMUM_GROUP
        or (reach_withheld and name in {"planned", "delivered"})
        else progress[name]
        for name in ("planned", "delivered", "opened", "shared")
    }


class PushCreateView(LibraryBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "sharing/admin/push_form.html"
    form_class = PushForm
    page_title = gettext_lazy("Push to a segment")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PUSH_PERMISSION):
            raise PermissionDenied
        self.item = get_object_or_404(ContentItem.objects.shareable(), pk=kwargs["item_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.item.title

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item}

    def form_valid(self, form):
        if PREVIEW in self.request.POST:
            # Only counts what planning now would do: nothing is saved or planned.
            preview = push_preview(item=self.item, **form.cleaned_data)
            return self.render_to_response(
                self.get_context_data(form=form, preview=preview, shown=_shown(preview))
            )
        try:
            push, size = push_create(
                item=self.item, created_by=self.request.user, **form.cleaned_data
            )
        except SharingError as problem:
            refuse(form, problem)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Planning a suggestion for %(count)s person.",
                "Planning suggestions for %(count)s people.",
                size,
            )
            % {"count": size},
        )
        return redirect("sharing_push", pk=push.pk)


class PushDetailView(LibraryBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """What a push actually planned, for whom, and who was left out and why."""

    template_name = "sharing/admin/push_detail.html"
    page_title = gettext_lazy("Push")
    header_icon = "mail"
    # While the planning task runs, the page reloads itself (no JavaScript needed).
    refresh_seconds = 5

    def dispatch(self, request, *args, **kwargs):
        self.push = get_object_or_404(
            Push.objects.select_related("item", "department"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.push.item.title

    def get_context_data(self, **kwargs):
        push = self.push
        progress = push_progress(push)
        # Until planning has run, the segment is counted as it is now.
        segment_size = push_segment(push).count() if push.planned_at is None else push.segment_size
        if push.planned_at is None:
            shown = push_figures_shown(
                segment=segment_size,
                reach=0,
                after_window=0,
                no_room=0,
                after_end=0,
                no_budget=0,
            )
        else:
            shown = _push_shown(push, after_window=progress["after_window"])
        others = Push.objects.select_related("item").order_by("-created_at")[:20]
        return {
            **super().get_context_data(**kwargs),
            "push": push,
            "planning": push.planned_at is None,
            "shown": shown,
            "segment_size": segment_size,
            "refresh_seconds": self.refresh_seconds,
            "topics": list(push.topics.all()),
            "language": Language(push.language or push.item.language).label,
            "progress": progress,
            "progress_shown": _progress_shown(
                progress, reach_withheld=not isinstance(shown["reach"], int)
            ),
            "pushes": [(other, _push_shown(other)) for other in others],
        }


class ProposalReviewView(LibraryBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "sharing/admin/proposal_review.html"
    form_class = ProposalReviewForm
    page_title = gettext_lazy("Review a proposal")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        self.item = get_object_or_404(
            ContentItem.objects.select_related("proposed_by"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.item.title

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item}

    def form_valid(self, form):
        try:
            proposal_review(
                item=self.item,
                approve=form.approve,
                reason=form.cleaned_data["reason"],
                reviewer=self.request.user,
            )
        except SharingError as problem:
            refuse(form, problem)
            return self.form_invalid(form)
        messages.success(self.request, _("Review saved; the ambassador has been told."))
        return redirect(reverse("wagtailsnippets_sharing_contentitem:list"))

    def form_invalid(self, form):
        # The item as it is now (another reviewer may have decided), with what was typed.
        self.item.refresh_from_db()
        return self.render_to_response(self.get_context_data(form=form), status=400)


class VariantFiguresView(LibraryBreadcrumbsMixin, WagtailAdminTemplateMixin, FormView):
    """An item's suggested texts with what their shares brought, each with its button to
    retire it (or offer it again)."""

    template_name = "sharing/admin/variant_figures.html"
    form_class = VariantRetireForm
    page_title = gettext_lazy("Texts and figures")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(FIGURES_PERMISSION):
            raise PermissionDenied
        self.item = get_object_or_404(ContentItem, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "item": self.item}

    def get_page_subtitle(self):
        return self.item.title

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "item": self.item,
            "networks": variant_figures(self.item),
            "may_retire": self.request.user.has_perm(RETIRE_PERMISSION),
            "edit_url": reverse("wagtailsnippets_sharing_contentitem:edit", args=[self.item.pk]),
        }

    def form_valid(self, form):
        variant = form.cleaned_data["variant"]
        retire = form.cleaned_data["action"] == VariantRetireForm.RETIRE
        try:
            (variant_retire if retire else variant_restore)(variant=variant, user=self.request.user)
        except SharingError as problem:
            refuse(form, problem)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The text is retired: nobody is offered it any more.")
            if retire
            else _("The text is offered again."),
        )
        return redirect("sharing_variants", pk=self.item.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@hooks.register("register_admin_urls")
def register_push_urls():
    return [
        path(
            "sharing/items/<int:pk>/texts/", VariantFiguresView.as_view(), name="sharing_variants"
        ),
        path("sharing/proposals/<int:pk>/", ProposalReviewView.as_view(), name="sharing_proposal"),
        path("sharing/push/<int:item_id>/", PushCreateView.as_view(), name="sharing_push_new"),
        path("sharing/pushes/<int:pk>/", PushDetailView.as_view(), name="sharing_push"),
    ]


@hooks.register("register_snippet_listing_buttons")
def push_button(snippet, user, next_url=None):
    if isinstance(snippet, ContentItem) and user.has_perm(PUSH_PERMISSION):
        from wagtail.admin.widgets import ListingButton

        yield ListingButton(_("Push"), reverse("sharing_push_new", args=[snippet.pk]), priority=20)


@hooks.register("register_snippet_listing_buttons")
def variant_figures_button(snippet, user, next_url=None):
    if isinstance(snippet, ContentItem) and user.has_perm(FIGURES_PERMISSION):
        from wagtail.admin.widgets import ListingButton

        yield ListingButton(
            _("Texts and figures"), reverse("sharing_variants", args=[snippet.pk]), priority=30
        )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def fetch_preview_after_save(request, instance):
    """Fetch the link preview in the background; saving never waits for it."""
    if isinstance(instance, ContentItem):
        ContentItem.objects.filter(pk=instance.pk).update(
            preview_status=ContentItem.Preview.PENDING, preview_error=""
        )
        enqueue_on_commit("sharing.tasks.fetch_preview", instance.pk)


@hooks.register("insert_global_admin_js")
def variant_length_check_js():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("js/admin-variants.js"))
