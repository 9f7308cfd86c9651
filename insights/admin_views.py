"""The insights' own CMS pages: the attention calendar, for comms staff and administrators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ambassadors.roles import is_comms

from . import calendar
from .forms import CalendarForm


class AttentionCalendarView(WagtailAdminTemplateMixin, TemplateView):
    """A week or a month of pushes, campaigns and nudges planned, and the budgets full."""

    template_name = "insights/admin/calendar.html"
    page_title = gettext_lazy("Attention calendar")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not is_comms(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        form = CalendarForm(self.request.GET)
        if form.is_valid():
            view = form.cleaned_data["view"] or calendar.WEEK
            day = form.cleaned_data["day"] or timezone.localdate()
        else:
            # An odd address shows this week, and says so: never an error page.
            messages.warning(
                self.request, _("That week or month could not be read; this is the current week.")
            )
            view, day = calendar.WEEK, timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "calendar": calendar.calendar(view=view, day=day),
            "groups": {
                "suggestions": _("Share suggestions"),
                "offers": _("Mission offers"),
                "reminders": _("Reminders"),
                "other": _("Other nudges"),
            },
        }
