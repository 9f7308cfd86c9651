"""The CMS's Teams page (Settings → Microsoft Teams), for comms staff and administrators:
the channel's webhook and what is announced there, the bot for direct messages, a test
message, and a preview of the card a share suggestion becomes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ambassadors.roles import is_comms
from core.forms import refuse
from integrations.models.teams import TeamsAccount, TeamsAnnouncement, TeamsConnection

from ..admin_pages import IntegrationPage
from ..channels.suggestions import suggestion_of
from ..channels.teams import suggestion_card
from . import cards, services
from .forms import TeamsBotForm, TeamsChannelForm

URL_NAME = "integrations_teams"


class TeamsActionForm(forms.Form):
    """Which of the page's forms was sent."""

    action = forms.ChoiceField(
        choices=[("channel", "channel"), ("bot", "bot"), ("test", "test"), ("disconnect", "-")]
    )


def preview_card(user) -> tuple[dict | None, object]:
    """The card the newest item in the library becomes for `user`, in their language."""
    from sharing.models import ContentItem

    item = ContentItem.objects.shareable().prefetch_related("variants").order_by("-pk").first()
    if item is None:
        return None, None
    language = translation.get_language() or "nl"
    suggestion = suggestion_of(item, user=user, networks=())
    return suggestion_card(user=user, suggestion=suggestion, language=language), item


class TeamsView(IntegrationPage):
    template_name = "integrations/admin/teams.html"
    page_title = gettext_lazy("Microsoft Teams")
    header_icon = "mail"
    may_see = staticmethod(is_comms)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        connection = TeamsConnection.load()
        context["connection"] = connection
        context.setdefault(
            "channel_form",
            TeamsChannelForm(
                initial={
                    "announce_pushes": connection.announce_pushes,
                    "announce_campaigns": connection.announce_campaigns,
                }
            ),
        )
        context.setdefault(
            "bot_form",
            TeamsBotForm(
                initial={"app_id": connection.app_id, "tenant_id": connection.tenant_id},
                has_secret=bool(connection.app_secret),
            ),
        )
        context["linked"] = TeamsAccount.objects.filter(confirmed_at__isnull=False).count()
        context["announcements"] = list(TeamsAnnouncement.objects.order_by("-created_at")[:5])
        card, item = preview_card(self.request.user)
        context["preview"] = cards.as_preview(card) if card else None
        context["preview_item"] = item
        return context

    def post(self, request):
        action = TeamsActionForm(request.POST)
        if not action.is_valid():
            return redirect(URL_NAME)
        chosen = action.cleaned_data["action"]
        if chosen == "disconnect":
            services.teams_disconnect(by=request.user)
            messages.success(
                request, _("Teams is disconnected: its address, the bot and every linked account.")
            )
            return redirect(URL_NAME)
        if chosen == "test":
            try:
                answer = services.teams_test_message(by=request.user)
            except services.TeamsError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.info(request, answer)
            return redirect(URL_NAME)
        connection = TeamsConnection.load()
        if chosen == "channel":
            form = TeamsChannelForm(request.POST)
            if form.is_valid():
                if (
                    not form.cleaned_data["webhook_url"]
                    and not connection.webhook_url
                    and (
                        form.cleaned_data["announce_pushes"]
                        or form.cleaned_data["announce_campaigns"]
                    )
                ):
                    refuse(
                        form, services.TeamsError(services.ERROR_NO_WEBHOOK, field="webhook_url")
                    )
                else:
                    services.teams_channel_save(by=request.user, **form.cleaned_data)
                    messages.success(request, _("The channel settings are saved."))
                    return redirect(URL_NAME)
            return self.render_to_response(self.get_context_data(channel_form=form), status=400)
        form = TeamsBotForm(request.POST, has_secret=bool(connection.app_secret))
        if form.is_valid():
            services.teams_bot_save(by=request.user, **form.cleaned_data)
            messages.success(request, _("The bot's settings are saved."))
            return redirect(URL_NAME)
        return self.render_to_response(self.get_context_data(bot_form=form), status=400)


class TeamsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_comms(request.user)


@hooks.register("register_admin_urls")
def register_teams_urls():
    return [path("teams/", TeamsView.as_view(), name=URL_NAME)]


@hooks.register("register_settings_menu_item")
def register_teams_menu_item():
    return TeamsMenuItem(
        gettext_lazy("Microsoft Teams"), reverse(URL_NAME), icon_name="mail", order=910
    )
