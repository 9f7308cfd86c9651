"""The CMS's page about the learning record store (Settings → Learning record store):
administrators see whether it is configured and how the outbox fares, and send a test
statement."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ambassadors.roles import Role, roles_of
from core.forms import refuse

from ..admin_pages import IntegrationPage
from . import services


class LrsActionForm(forms.Form):
    """Which button was pressed: a test statement (the default) or the failed ones again."""

    action = forms.ChoiceField(choices=[("test", "test"), ("retry", "retry")], required=False)


def is_administrator(user) -> bool:
    return Role.ADMIN in roles_of(user)


class LrsStatusView(IntegrationPage):
    template_name = "integrations/admin/lrs_status.html"
    page_title = gettext_lazy("Learning record store")
    header_icon = "site"
    may_see = staticmethod(is_administrator)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = services.lrs_status()
        context.setdefault("form", LrsActionForm())
        return context

    def post(self, request):
        form = LrsActionForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] == "retry":
            count = services.statements_retry_failed()
            messages.success(
                request,
                ngettext(
                    "%(count)s failed statement goes out again.",
                    "%(count)s failed statements go out again.",
                    count,
                )
                % {"count": count},
            )
            return redirect("integrations_lrs_status")
        if form.is_valid():
            try:
                answer = services.lrs_test_send(by=request.user)
            except services.XapiNotConfigured as refusal:
                refuse(form, refusal)
            else:
                if answer.status in (200, 204):
                    messages.success(
                        request,
                        _("The learning record store took the test statement (%(status)s).")
                        % {"status": answer.status},
                    )
                    return redirect("integrations_lrs_status")
                form.add_error(
                    None,
                    _("The learning record store did not take the test statement: %(error)s")
                    % {"error": f"{answer.status} {answer.text}" if answer.status else answer.text},
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LrsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_admin_urls")
def register_lrs_urls():
    return [path("learning-record-store/", LrsStatusView.as_view(), name="integrations_lrs_status")]


@hooks.register("register_settings_menu_item")
def register_lrs_menu_item():
    return LrsMenuItem(
        gettext_lazy("Learning record store"),
        reverse("integrations_lrs_status"),
        icon_name="site",
        order=900,
    )
