from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ambassadors.models import Ambassador, Stage
from core.admin import ExportingSnippetViewSet
from core.forms import refuse
from core.queue import enqueue_on_commit

from .models import Campaign, GrowthRule, Mission, Rubric, StageChange
from .services import STAGE_PERMISSION, MissionError, stage_set


class MissionViewSet(ExportingSnippetViewSet):
    model = Mission
    icon = "tasks"
    menu_label = gettext_lazy("Missions")
    list_display = ["title", "stage", "kind", "points", "open_to_all", "active_until"]
    list_filter = ["stage", "kind", "open_to_all"]
    search_fields = ["title_nl", "title_en"]
    list_export = ["title_nl", "title_en", "stage", "kind", "points"]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "calendar"
    menu_label = gettext_lazy("Campaigns")
    list_display = ["name", "stage", "department", "starts_at", "planned_at", "offered", "skipped"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "missions",
        "stage",
        "department",
        "topics",
        "language",
        "starts_at",
        "window_hours",
        "planned_at",
        "segment_size",
        "offered",
        "skipped",
        "skipped_after_end",
        "created_by",
    ]


class GrowthRuleViewSet(SnippetViewSet):
    model = GrowthRule
    icon = "pick"
    menu_label = gettext_lazy("Growth rules")
    list_display = ["__str__", "approved_missions", "require_courses", "require_guidelines"]


class RubricViewSet(SnippetViewSet):
    """Rubrics for peer review of production missions; one without criteria is refused."""

    model = Rubric
    icon = "list-ol"
    menu_label = gettext_lazy("Rubrics")
    list_display = ["name", "created_at"]
    search_fields = ["name_nl", "name_en"]


class MissionsGroup(SnippetViewSetGroup):
    items = (MissionViewSet, CampaignViewSet, GrowthRuleViewSet, RubricViewSet)
    menu_icon = "tasks"
    menu_label = gettext_lazy("Missions")
    menu_name = "missions"
    menu_order = 220


register_snippet(MissionsGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def plan_campaign_after_save(request, instance):
    """A campaign whose start has come is planned now; later ones by the hourly task."""
    if not isinstance(instance, Campaign):
        return
    if instance.created_by_id is None:
        Campaign.objects.filter(pk=instance.pk).update(created_by=request.user)
    if instance.planned_at is None and instance.starts_at <= timezone.now():
        enqueue_on_commit("missions.tasks.plan_campaign", instance.pk)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("missions.view_mission")


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        gettext_lazy("Review missions"),
        reverse("missions:review_queue"),
        icon_name="tick-inverse",
        order=221,
    )


@hooks.register("register_admin_menu_item")
def register_calibration_menu_item():
    return ReviewMenuItem(
        gettext_lazy("Review calibration"),
        reverse("missions:calibration"),
        icon_name="table",
        order=222,
    )


class StageForm(forms.Form):
    to_stage = forms.TypedChoiceField(
        label=gettext_lazy("New stage"), choices=Stage.choices, coerce=int
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=StageChange._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept with the change; the ambassador is told the new stage."),
    )


class StageChangeView(WagtailAdminTemplateMixin, FormView):
    template_name = "missions/admin/stage_change.html"
    form_class = StageForm
    page_title = gettext_lazy("Change stage")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(STAGE_PERMISSION):
            raise PermissionDenied
        self.ambassador = get_object_or_404(Ambassador.objects.with_user(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.ambassador)

    def get_initial(self):
        return {"to_stage": self.ambassador.stage}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "ambassador": self.ambassador,
            "changes": StageChange.objects.filter(user_id=self.ambassador.user_id).select_related(
                "changed_by"
            )[:20],
        }

    def form_valid(self, form):
        try:
            stage_set(
                ambassador=self.ambassador,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
                changed_by=self.request.user,
            )
        except MissionError as error:
            refuse(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Stage changed; the reason is kept."))
        return redirect("missions_stage_change", pk=self.ambassador.pk)


@hooks.register("register_admin_urls")
def register_stage_urls():
    return [
        path("missions/stage/<int:pk>/", StageChangeView.as_view(), name="missions_stage_change")
    ]


@hooks.register("register_snippet_listing_buttons")
def stage_button(snippet, user, next_url=None):
    if isinstance(snippet, Ambassador) and user.has_perm(STAGE_PERMISSION):
        from wagtail.admin.widgets import ListingButton

        yield ListingButton(
            _("Change stage"), reverse("missions_stage_change", args=[snippet.pk]), priority=30
        )
