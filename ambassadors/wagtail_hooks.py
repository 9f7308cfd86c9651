from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin import ExportingSnippetViewSet

from .admin_views import (
    IMPORT_PERMISSION,
    EmployeeImportReportView,
    EmployeeImportStatusView,
    EmployeeImportUploadView,
)
from .models import Ambassador, Department, SocialProfile, Topic


class TopicViewSet(ExportingSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name_nl", "name_en", "slug"]
    search_fields = ["name_nl", "name_en", "slug"]
    list_export = ["slug", "name_nl", "name_en", "description"]


class DepartmentViewSet(ExportingSnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]
    list_export = ["name"]


class AmbassadorViewSet(ExportingSnippetViewSet):
    model = Ambassador
    icon = "user"
    menu_label = _("Ambassadors")
    list_display = [
        "__str__",
        "department",
        "stage",
        "status",
        "language",
        Column("source_label", label=_("Source"), sort_key="source"),
        BooleanColumn("leaderboard_visible", label=_("On leaderboard")),
    ]
    list_filter = ["stage", "status", "department", "language", "source"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    # The export follows attributes with dots (Wagtail's multigetattr), not query lookups.
    list_export = [
        "user.email",
        "user.first_name",
        "user.last_name",
        "department",
        "stage",
        "status",
        "language",
        "source_label",
    ]
    export_headings = {
        "source_label": _("Source"),
        "user.email": _("E-mail"),
        "user.first_name": _("First name"),
        "user.last_name": _("Last name"),
    }
    ordering = ["user__last_name", "user__first_name"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    # Stage and participation change through services (promotion, consent), not by editing.
    form_fields = ["department"]

    def get_queryset(self, request):
        return Ambassador.objects.with_user()


class AudienceFigurePolicy(ModelPermissionPolicy):
    """People enter their networks in their profile; in the CMS figures are only corrected."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


class AudienceFigureViewSet(SnippetViewSet):
    """The audience figures people entered, highest first: comms staff correct the outliers
    that would inflate estimated reach and earned media value."""

    model = SocialProfile
    icon = "view"
    menu_label = _("Audience figures")
    list_display = [
        Column("ambassador", label=_("Ambassador")),
        "network",
        Column("audience_size", label=_("Approximate audience"), sort_key="audience_size"),
    ]
    list_filter = ["network"]
    search_fields = ["ambassador__user__first_name", "ambassador__user__last_name"]
    ordering = ["-audience_size", "pk"]
    list_per_page = 50
    copy_view_enabled = False
    panels = [
        FieldPanel("ambassador", read_only=True),
        FieldPanel("network", read_only=True),
        FieldPanel("audience_size"),
    ]

    def get_queryset(self, request):
        return SocialProfile.objects.select_related("ambassador__user")


register_permission_policy(SocialProfile, AudienceFigurePolicy(SocialProfile))


class ProgrammeGroup(SnippetViewSetGroup):
    items = (AmbassadorViewSet, DepartmentViewSet, TopicViewSet, AudienceFigureViewSet)
    menu_icon = "group"
    menu_label = _("Programme")
    menu_name = "programme"


register_snippet(ProgrammeGroup)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import-employees/", EmployeeImportUploadView.as_view(), name="ambassadors_import"),
        path(
            "import-employees/<int:pk>/",
            EmployeeImportReportView.as_view(),
            name="ambassadors_import_report",
        ),
        path(
            "import-employees/<int:pk>/status/",
            EmployeeImportStatusView.as_view(),
            name="ambassadors_import_status",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import employees"), reverse("ambassadors_import"), icon_name="upload", order=900
    )


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    from core import audit

    audit.register(actions)
