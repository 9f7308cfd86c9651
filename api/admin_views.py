"""The CMS side of the API: making a token (shown once) and revoking one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .forms import ApiTokenForm
from .models import ApiToken
from .services import token_create, token_revoke

INDEX = "api_tokens:index"


class ApiTokenCreateView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Makes the token through the service and shows it, this once."""

    model = ApiToken
    permission_required = "add"
    template_name = "api/admin/token_form.html"
    form_class = ApiTokenForm
    page_title = gettext_lazy("New API token")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX), "label": gettext_lazy("API tokens")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        token, raw = token_create(
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            scopes=form.cleaned_data["scopes"],
            user=form.cleaned_data["user"],
            expires_at=form.expires_at(),
            rate_per_minute=form.cleaned_data["rate_per_minute"],
            created_by=self.request.user,
        )
        response = TemplateResponse(
            self.request,
            "api/admin/token.html",
            {
                "token": token,
                "raw": raw,
                "page_title": token.name,
                "header_icon": "key",
                "index_url": reverse(INDEX),
                "docs_url": self.request.build_absolute_uri(reverse("api_v1:openapi-view")),
                "me_url": self.request.build_absolute_uri(reverse("api_v1:me")),
            },
        )
        # The token must not be kept by a browser cache or a proxy.
        response["Cache-Control"] = "no-store"
        return response


class RevokeForm(forms.Form):
    """Confirming is the whole form: the button."""


class ApiTokenRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = ApiToken
    permission_required = "change"
    template_name = "api/admin/token_revoke.html"
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke API token")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.token = get_object_or_404(ApiToken, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["token"] = self.token
        return context

    def form_valid(self, form):
        token_revoke(token=self.token, by=self.request.user)
        messages.success(
            self.request, _("The token %(name)s no longer works.") % {"name": self.token.name}
        )
        return redirect(INDEX)
