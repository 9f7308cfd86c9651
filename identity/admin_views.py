"""The CMS side of identity: provisioning connections (the token shown once after creating one,
and revoking) and an administrator resetting a person's second sign-in step."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ambassadors.forms import ButtonForm
from core.forms import refuse
from core.tokens import token_hash

from . import two_factor
from .models import ScimConnection
from .scim.services import scim_connection_revoke, token_new


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


class TwoFactorResetView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then remove all of the person's apps, passkeys and recovery codes."""

    template_name = "identity/admin/two_factor_reset.html"
    page_title = gettext_lazy("Reset second sign-in step")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not two_factor.is_administrator(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["factors"] = two_factor.factors_of(self.person)
        context.setdefault("form", ButtonForm())
        return context

    def post(self, request, pk):
        form = ButtonForm(request.POST)
        if form.is_valid():
            try:
                two_factor.two_factor_reset(person=self.person, by=request.user)
            except two_factor.TwoFactorRefused as refusal:
                refuse(form, refusal)
            else:
                messages.success(
                    request,
                    _("%(name)s sets up a new second step at their next sign-in.")
                    % {"name": self.person.get_full_name() or self.person.username},
                )
                return redirect("wagtailusers_users:index")
        return self.render_to_response(self.get_context_data(form=form), status=400)
