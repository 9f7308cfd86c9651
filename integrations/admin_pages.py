"""The frame of the integrations' own CMS pages (the LRS status, Slack, Teams): Wagtail's
page with one breadcrumb, shown only to those `may_see` lets in."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class IntegrationPage(WagtailAdminTemplateMixin, TemplateView):
    @staticmethod
    def may_see(user) -> bool:
        """Each page says who may see it; one that does not is shown to nobody."""
        return False

    def dispatch(self, request, *args, **kwargs):
        if not self.may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
