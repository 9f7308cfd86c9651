"""Provisioning connections in the CMS: the token shown once after creating one, and revoking."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .models import ScimConnection
from .scim.services import scim_connection_revoke, token_hash, token_new


class ScimConnectionCreateView(generic.CreateView):
    """Saves the connection with a fresh token's hash and shows the token, this once."""

    def save_instance(self):
        self._token = token_new()
        self.form.instance.token_hash = token_hash(self._token)
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "identity/admin/scim_token.html",
            {
                "connection": self.object,
                "token": self._token,
                "page_title": self.object.name,
                "header_icon": "key",
                "index_url": reverse(self.index_url_name),
                "tenant_url": self.request.build_absolute_uri(reverse("identity:scim-users"))[
                    : -len("Users")
                ],
            },
        )
        # The token must not be kept by a browser cache or a proxy.
        response["Cache-Control"] = "no-store"
        return response


class RevokeForm(forms.Form):
    """Confirming is the whole form: the button."""


class ScimConnectionRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = ScimConnection
    permission_required = "change"
    template_name = "identity/admin/scim_revoke.html"
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke provisioning token")
    header_icon = "key"
    index_url_name = "identity_scim_connections:index"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["connection"] = self.connection
        return context

    def dispatch(self, request, *args, **kwargs):
        self.connection = get_object_or_404(ScimConnection, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        scim_connection_revoke(connection=self.connection, by=self.request.user)
        messages.success(
            self.request,
            _("The token of %(name)s no longer works.") % {"name": self.connection.name},
        )
        return redirect(self.index_url_name)
