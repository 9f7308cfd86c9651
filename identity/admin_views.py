"""The CMS side of two-factor sign-in: an administrator resets a person's second step."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ambassadors.forms import ButtonForm
from core.forms import refuse

from . import two_factor


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
