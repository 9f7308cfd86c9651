from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ambassadors.roles import is_comms


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_comms(request.user)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse("insights:dashboard"), icon_name="view", order=150
    )
