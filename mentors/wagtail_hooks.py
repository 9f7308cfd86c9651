from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CannedResponse, Holiday, MentorProfile, OpeningHours, SlaTarget


class MentorProfileViewSet(SnippetViewSet):
    """Administrators make mentors (the person must be in the Mentors group); comms staff
    may look, not change (#16.33)."""

    model = MentorProfile
    icon = "user"
    inspect_view_enabled = True
    menu_label = _("Mentors")
    list_display = ["__str__", "skills", "capacity", "away_from", "away_until", "is_team_lead"]
    list_filter = ["is_team_lead", "handles_mediation"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]


class SlaTargetViewSet(SnippetViewSet):
    model = SlaTarget
    icon = "time"
    menu_label = _("SLA targets")
    list_display = [
        "__str__",
        "first_response_minutes",
        "resolution_minutes",
        "pickup_minutes",
        "business_hours",
    ]


class OpeningHoursViewSet(SnippetViewSet):
    model = OpeningHours
    icon = "date"
    menu_label = _("Opening hours")
    list_display = ["__str__"]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "calendar-alt"
    menu_label = _("Holidays")
    list_display = ["date", "name"]


class CannedResponseViewSet(SnippetViewSet):
    model = CannedResponse
    icon = "doc-full"
    menu_label = _("Canned responses")
    list_display = ["title", "kind"]
    list_filter = ["kind"]


class MentorDeskGroup(SnippetViewSetGroup):
    items = (
        MentorProfileViewSet,
        SlaTargetViewSet,
        OpeningHoursViewSet,
        HolidayViewSet,
        CannedResponseViewSet,
    )
    menu_icon = "help"
    menu_label = _("Mentor desk")
    menu_name = "mentor-desk"
    menu_order = 230


register_snippet(MentorDeskGroup)
