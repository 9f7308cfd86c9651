"""What the personal dashboard shows about the guidelines: titles, addresses and statuses
(kept per person in the cache by ambassadors/dashboard.py, so no page objects)."""

from ambassadors.dashboard import register_panel

from .selectors import OUTDATED, status_for_dashboard


@register_panel("guidelines/dashboard_panel.html", order=5)
def guidelines_panel(request, ambassador):
    found = status_for_dashboard(ambassador.user)
    if found is None:
        return None

    def url(item) -> str:
        base = item.page.get_url(request=request)
        if item.status != OUTDATED:
            return base
        # What {% routablepageurl page 'changes' %} gives.
        return (base if base.endswith("/") else base + "/") + item.page.reverse_subpage("changes")

    return {
        "index_url": found["index"].get_url(request=request),
        "statuses": [
            {"title": item.page.title, "url": url(item), "status": item.status}
            for item in found["statuses"]
        ],
        "all_current": found["all_current"],
    }
