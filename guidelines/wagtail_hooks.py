from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .selectors import CURRENT, MISSING, OUTDATED, coverage_by_department, people_by_status

STATUS_LABELS = {
    CURRENT: _("Current"),
    OUTDATED: _("Behind (read an older version)"),
    MISSING: _("Never acknowledged"),
}


class AcknowledgementCoverageView(WagtailAdminTemplateMixin, TemplateView):
    """Who is current with the guidelines, who is behind, by department, as percentages."""

    template_name = "guidelines/admin/coverage.html"
    page_title = _("Guideline acknowledgements")
    header_icon = "tick-inverse"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        departments, total = coverage_by_department()
        status = self.request.GET.get("status")
        if status not in STATUS_LABELS:
            status = None
        people, required = people_by_status(status)
        page = Paginator(people, 50).get_page(self.request.GET.get("page"))
        for person in page.object_list:
            if required and person.current_count >= required or not required:
                person.coverage_status = STATUS_LABELS[CURRENT]
            elif person.any_count:
                person.coverage_status = STATUS_LABELS[OUTDATED]
            else:
                person.coverage_status = STATUS_LABELS[MISSING]
        context.update(
            {
                "departments": departments,
                "total": total,
                "page": page,
                "status": status,
                "status_labels": STATUS_LABELS,
            }
        )
        return context


@hooks.register("register_admin_urls")
def register_coverage_url():
    return [
        path(
            "guideline-acknowledgements/",
            AcknowledgementCoverageView.as_view(),
            name="guidelines_coverage",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return MenuItem(
        _("Guideline acknowledgements"),
        reverse("guidelines_coverage"),
        icon_name="tick-inverse",
        order=40,
    )
