from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ambassadors.roles import is_comms

from .admin_views import AttentionCalendarView


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_comms(request.user)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse("insights:dashboard"), icon_name="view", order=150
    )


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return InsightsMenuItem(
        _("Attention calendar"), reverse("insights_calendar"), icon_name="date", order=151
    )


@hooks.register("register_admin_urls")
def register_calendar_url():
    return [path("attention-calendar/", AttentionCalendarView.as_view(), name="insights_calendar")]
