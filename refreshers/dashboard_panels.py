"""The card on the path: "A question to keep it fresh", the one question due now.

Plain data only (the path keeps it per person in the cache, ambassadors/dashboard.py), with
the moment the next question becomes due as its "until"."""

from ambassadors.dashboard import register_panel

from .selectors import page_language, waiting_for


@register_panel("refreshers/dashboard_panel.html", order=20)
def refresher_panel(request, ambassador):
    waiting = waiting_for(ambassador.user, language=page_language(), request=request)
    if not waiting.due:
        return {"refresher": None, "until": waiting.next_due} if waiting.next_due else None
    return {"refresher": waiting.due[0], "until": waiting.next_due}
