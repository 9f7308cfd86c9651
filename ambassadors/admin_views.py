"""Views in the Wagtail admin: the employee import (upload, dry-run report, apply in the
background with its progress, result)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import EmployeeImportForm
from .importing import (
    ImportNotApplicable,
    employee_import_check,
    employee_import_start,
    failure_message,
    import_progress,
)
from .models import EmployeeImport

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
        employee_import = get_object_or_404(EmployeeImport, pk=self.kwargs["pk"])
        context["employee_import"] = employee_import
        context["progress"] = import_progress(employee_import)
        if employee_import.status == EmployeeImport.Status.FAILED:
            context["failure"] = failure_message(employee_import)
        return context

    def post(self, request, pk):
        employee_import = get_object_or_404(EmployeeImport, pk=pk)
        try:
            employee_import_start(employee_import=employee_import, by=request.user)
        except ImportNotApplicable as error:
            messages.error(request, str(error))
        return redirect("ambassadors_import_report", pk=pk)


class EmployeeImportStatusView(ImportPermissionMixin, View):
    """The state of an import being applied, for the report page's progress bar."""

    def get(self, request, pk):
        employee_import = get_object_or_404(EmployeeImport, pk=pk)
        return JsonResponse(
            {
                "status": employee_import.status,
                "label": employee_import.get_status_display(),
                "finished": employee_import.status != EmployeeImport.Status.APPLYING,
                **import_progress(employee_import),
            },
            headers={"Cache-Control": "no-store"},
        )
