from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Campaign, GrowthRule, Mission


class MissionViewSet(SnippetViewSet):
    model = Mission
    icon = "tasks"
    menu_label = _("Missions")
    list_display = ["title", "stage", "kind", "points", "open_to_all", "active_until"]
    list_filter = ["stage", "kind", "open_to_all"]
    search_fields = ["title_nl", "title_en"]
    list_export = ["title_nl", "title_en", "stage", "kind", "points"]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "calendar"
    menu_label = _("Campaigns")
    list_display = ["name", "stage", "department", "starts_at", "window_hours"]


class GrowthRuleViewSet(SnippetViewSet):
    model = GrowthRule
    icon = "pick"
    menu_label = _("Growth rules")
    list_display = ["__str__", "approved_missions", "require_courses", "require_guidelines"]


class MissionsGroup(SnippetViewSetGroup):
    items = (MissionViewSet, CampaignViewSet, GrowthRuleViewSet)
    menu_icon = "tasks"
    menu_label = _("Missions")
    menu_name = "missions"
    menu_order = 220


register_snippet(MissionsGroup)
