from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import ScimConnectionCreateView, ScimConnectionRevokeView
from .models import ScimConnection


class RevokeColumn(Column):
    """A link to revoke the token, or when it was revoked."""

    def get_value(self, instance):
        if instance.revoked_at is not None:
            return _("Revoked")
        url = reverse("identity_scim_connections:revoke", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Revoke token"))


class ScimConnectionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("created_by")


class ScimConnectionViewSet(ModelViewSet):
    """Provisioning (SCIM) clients and their tokens; administrators only."""

    model = ScimConnection
    icon = "key"
    menu_label = _("Provisioning connections")
    add_to_settings_menu = True
    name = "identity_scim_connections"
    url_prefix = "provisioning-connections"
    index_view_class = ScimConnectionIndexView
    add_view_class = ScimConnectionCreateView
    copy_view_enabled = False
    form_fields = ["name", "slug"]
    list_display = [
        "name",
        "slug",
        "created_by",
        "created_at",
        "last_used_at",
        RevokeColumn("revoke", label=_("Token")),
    ]

    def get_form_class(self, for_update=False):
        # The short name keys the client's ids: it cannot change once people carry it.
        if for_update:
            return modelform_factory(ScimConnection, fields=["name"])
        return super().get_form_class(for_update)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", ScimConnectionRevokeView.as_view(), name="revoke"),
        ]


@hooks.register("register_admin_viewset")
def register_scim_connections():
    return ScimConnectionViewSet()
