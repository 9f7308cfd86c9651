"""The CMS's Slack page (Settings → Slack): comms staff and administrators connect the
workspace, send a test message, and see what a suggestion looks like when it arrives."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from ambassadors.models import Network
from ambassadors.roles import is_comms
from core.forms import refuse
from integrations.models.slack import SlackAnnouncement

from ..admin_pages import IntegrationPage
from ..channels.suggestions import Suggestion, suggestion_of
from . import blocks, services
from .forms import SlackActionForm, SlackConnectionForm

# The subject a push gives its suggestions (sharing.services.pushes): the preview shows it.
SUGGESTION_SUBJECT = gettext_lazy("Something to share: %(title)s")


def preview_message(user) -> tuple[str, list[dict]]:
    """A suggestion as the newest shareable item would arrive, in the editor's language:
    the very blocks the sender builds. Three queries."""
    from sharing.models import ContentItem

    item = ContentItem.objects.shareable().order_by("-pk").prefetch_related("variants").first()
    if item is None:
        suggestion = Suggestion(
            item_id=0,
            title=str(_("An example article")),
            summary="",
            text=str(_("An example of a suggested text, as comms staff write it for a network.")),
            network=Network.LINKEDIN.value,
            network_label=Network.LINKEDIN.label,
        )
        subject, body, link = SUGGESTION_SUBJECT % {"title": suggestion.title}, "", "/share/"
    else:
        suggestion = suggestion_of(item, user=user, networks=(Network.LINKEDIN,))
        subject = SUGGESTION_SUBJECT % {"title": item.title}
        body, link = item.summary[:300], reverse("sharing:share", args=[item.pk])
    return blocks.notification_message(
        subject=str(subject), body=body, link=link, suggestion=suggestion
    )


class SlackView(IntegrationPage):
    template_name = "integrations/admin/slack.html"
    page_title = gettext_lazy("Slack")
    header_icon = "mail"
    may_see = staticmethod(is_comms)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.connection = services.connection_get()

    def _connection_form(self, data=None):
        connection = self.connection
        initial = {}
        if connection is not None:
            initial = {
                "announcement_channel": connection.announcement_channel,
                "announce_pushes": connection.announce_pushes,
                "announce_campaigns": connection.announce_campaigns,
            }
        return SlackConnectionForm(data, initial=initial, saved=connection is not None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self._connection_form())
        context.setdefault("action_form", SlackActionForm())
        context["connection"] = self.connection
        context["interactions_url"] = settings.SITE_URL + reverse("slack:interactions")
        fallback, message = preview_message(self.request.user)
        context["preview_fallback"] = fallback
        context["preview_html"] = blocks.blocks_html(message)
        context["announcements"] = SlackAnnouncement.objects.order_by("-pk")[:5]
        return context

    def post(self, request):
        action = SlackActionForm(request.POST)
        chosen = action.cleaned_data["action"] if action.is_valid() else "save"
        if chosen == "remove":
            services.connection_remove(by=request.user)
            messages.success(request, _("Slack is disconnected. Linked accounts were unlinked."))
            return redirect("integrations_slack")
        if chosen == "test":
            try:
                where = services.connection_test(by=request.user)
            except services.SlackError as refusal:
                refuse(action, refusal)
                self.connection = services.connection_get()
                return self.render_to_response(
                    self.get_context_data(action_form=action), status=400
                )
            messages.success(
                request, _("Slack took the test message; look in %(where)s.") % {"where": where}
            )
            return redirect("integrations_slack")
        form = self._connection_form(request.POST)
        if form.is_valid():
            try:
                services.connection_save(by=request.user, **form.cleaned_data)
            except services.SlackError as refusal:
                refuse(form, refusal)
            else:
                messages.success(request, _("Slack is connected. The token and secret are saved."))
                return redirect("integrations_slack")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SlackMenuItem(MenuItem):
    def is_shown(self, request):
        return is_comms(request.user)
