"""Views in the Wagtail admin: the employee import (upload, dry-run report, apply), and the
base for our snippet lists whose exports are safe to open in a spreadsheet."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.views.users import UserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import EmployeeImportForm
from .importing import ImportNotApplicable, employee_import_apply, employee_import_check
from .models import EmployeeImport
from .numbers import parse_int
from .sanitise import safe_cell

IMPORT_PERMISSION = "ambassadors.add_employeeimport"


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EmployeeImportUploadView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "ambassadors/admin/import_upload.html"
    form_class = EmployeeImportForm
    page_title = gettext_lazy("Import employees")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent"] = EmployeeImport.objects.select_related("uploaded_by")[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        raw = upload.read(self._limit() + 1)
        employee_import = employee_import_check(
            uploaded_by=self.request.user, file_name=upload.name, raw=raw
        )
        return redirect("ambassadors_import_report", pk=employee_import.pk)

    @staticmethod
    def _limit() -> int:
        from django.conf import settings

        return settings.ACADEMY_IMPORT_MAX_BYTES


class EmployeeImportReportView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "ambassadors/admin/import_report.html"
    page_title = gettext_lazy("Import report")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ambassadors_import"), "label": _("Import employees")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["employee_import"] = get_object_or_404(EmployeeImport, pk=self.kwargs["pk"])
        return context

    def post(self, request, pk):
        employee_import = get_object_or_404(EmployeeImport, pk=pk)
        try:
            result = employee_import_apply(employee_import=employee_import, by=request.user)
        except ImportNotApplicable as error:
            messages.error(request, str(error))
            return redirect("ambassadors_import_report", pk=pk)
        if result.status == EmployeeImport.Status.APPLIED:
            messages.success(
                request,
                _(
                    "Import applied: %(created)s created, %(updated)s updated. "
                    "Invitations are on their way."
                )
                % {
                    "created": len(result.report["create"]),
                    "updated": len(result.report["update"]),
                },
            )
        else:
            messages.error(
                request, _("The data changed since the check; nothing was written. See the report.")
            )
        return redirect("ambassadors_import_report", pk=pk)


def _refuse_odd_ids(field, values) -> None:
    if (field.to_field_name or "pk") != "pk":
        return
    for value in values:
        if value in field.empty_values or value == getattr(field, "null_value", None):
            continue
        if parse_int(str(value), minimum=1) is None:
            raise ValidationError(
                field.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": value},
            )


class StrictModelChoiceField(ModelChoiceField):
    """A related-object filter that refuses odd ids before asking the database."""

    def to_python(self, value):
        _refuse_odd_ids(self, [value])
        return super().to_python(value)


class StrictModelMultipleChoiceField(ModelMultipleChoiceField):
    """A many-to-many filter that refuses odd ids before asking the database."""

    def _check_values(self, value):
        _refuse_odd_ids(self, value)
        return super()._check_values(value)


class StrictModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = StrictModelChoiceField


class StrictModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = StrictModelMultipleChoiceField


def _strict_defaults() -> dict:
    defaults = dict(WagtailFilterSet.FILTER_DEFAULTS)
    for field_class, filter_class in (
        (models.ForeignKey, StrictModelChoiceFilter),
        (models.OneToOneField, StrictModelChoiceFilter),
        (models.ManyToManyField, StrictModelMultipleChoiceFilter),
    ):
        defaults[field_class] = {**defaults[field_class], "filter_class": filter_class}
    return defaults


class StrictFilterSet(WagtailFilterSet):
    """The CMS lists' filters (`list_filter`), with related-object ids parsed strictly."""

    FILTER_DEFAULTS = _strict_defaults()


class StrictUserFilterSet(UserFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail adds the group filter per instance; its field is built on first use.
        self.filters["group"].field_class = StrictModelMultipleChoiceField


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user list (administrators only), with odd group ids ignored, not a 500."""

    filterset_class = StrictUserFilterSet


class SafeExportIndexView(SnippetIndexView):
    """A CMS list whose CSV export makes formula-like text safe (Wagtail does that for XLSX
    only): names, titles and descriptions come from people and imports."""

    custom_value_preprocess = {
        **SnippetIndexView.custom_value_preprocess,
        str: {SnippetIndexView.FORMAT_CSV: safe_cell},
    }
    base_filterset_class = StrictFilterSet


class ExportingSnippetViewSet(SnippetViewSet):
    """Base for our snippet lists that offer CSV/XLSX exports (`list_export`)."""

    index_view_class = SafeExportIndexView
