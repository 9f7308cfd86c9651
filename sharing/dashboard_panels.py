from ambassadors.dashboard import register_panel

from .models import Share


@register_panel("sharing/dashboard_panel.html", order=20)
def sharing_panel(request, ambassador):
    shares = Share.objects.filter(user=ambassador.user)
    return {"shares": shares.count()}
