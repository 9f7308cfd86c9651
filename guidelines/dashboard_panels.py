from ambassadors.dashboard import register_panel

from .selectors import status_for_dashboard


@register_panel("guidelines/dashboard_panel.html", order=5)
def guidelines_panel(request, ambassador):
    return status_for_dashboard(ambassador.user)
