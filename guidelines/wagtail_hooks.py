import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from ambassadors.models import Ambassador

from .selectors import CURRENT, MISSING, OUTDATED, coverage_by_department, people_by_status

STATUS_LABELS = {
    CURRENT: _("Current"),
    OUTDATED: _("Behind (read an older version)"),
    MISSING: _("Never acknowledged"),
}


class CoverageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=list(STATUS_LABELS.items()),
        empty_label=_("All"),
        method="filter_status",
    )

    class Meta:
        model = Ambassador
        fields = []

    def filter_status(self, queryset, name, value):
        # The selector knows what each status means; the listing starts from all of them.
        people, _required = people_by_status(value)
        return people


class AcknowledgementCoverageView(ReportView):
    """Who is current with the guidelines, who is behind, by department, as percentages;
    the people below, by status, downloadable as CSV and XLSX."""

    results_template_name = "guidelines/admin/coverage_results.html"
    page_title = _("Guideline acknowledgements")
    header_icon = "tick-inverse"
    index_url_name = "guidelines_coverage"
    index_results_url_name = "guidelines_coverage_results"
    filterset_class = CoverageFilterSet
    export_filename = "guideline-acknowledgements"
    no_results_message = _("Nobody in this group.")
    columns = [
        Column(
            "name",
            label=_("Name"),
            accessor=lambda person: person.user.get_full_name() or person.user.username,
        ),
        Column("department", label=_("Department")),
        Column("coverage_status", label=_("Status")),
    ]
    list_export = ["name", "department", "coverage_status"]
    export_headings = {
        "name": _("Name"),
        "department": _("Department"),
        "coverage_status": _("Status"),
    }

    def get_queryset(self):
        people, self.required = people_by_status(None)
        return people

    def decorate_paginated_queryset(self, object_list):
        people = list(object_list)
        for person in people:
            if not self.required or person.current_count >= self.required:
                person.coverage_status = STATUS_LABELS[CURRENT]
            elif person.any_count:
                person.coverage_status = STATUS_LABELS[OUTDATED]
            else:
                person.coverage_status = STATUS_LABELS[MISSING]
        return people

    def to_row_dict(self, item):
        return {
            "name": item.user.get_full_name() or item.user.username,
            "department": str(item.department or ""),
            "coverage_status": item.coverage_status,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["departments"], context["total"] = coverage_by_department()
        return context


@hooks.register("register_admin_urls")
def register_coverage_url():
    return [
        path(
            "guideline-acknowledgements/",
            AcknowledgementCoverageView.as_view(),
            name="guidelines_coverage",
        ),
        path(
            "guideline-acknowledgements/results/",
            AcknowledgementCoverageView.as_view(results_only=True),
            name="guidelines_coverage_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return MenuItem(
        _("Guideline acknowledgements"),
        reverse("guidelines_coverage"),
        icon_name="tick-inverse",
        order=40,
    )
