from django.forms import modelform_factory
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from . import two_factor
from .admin_views import ScimConnectionCreateView, ScimConnectionRevokeView, TwoFactorResetView
from .forms import ScimConnectionForm
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
        return ScimConnectionForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", ScimConnectionRevokeView.as_view(), name="revoke"),
        ]


@hooks.register("register_admin_viewset")
def register_scim_connections():
    return ScimConnectionViewSet()


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path(
            "two-factor/reset/<int:pk>/",
            TwoFactorResetView.as_view(),
            name="identity_two_factor_reset",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """In Settings → Users, administrators find "Reset second step" under each person's "More"."""
    if not two_factor.is_administrator(request_user):
        return []
    return [
        MenuItem(
            _("Reset second step"),
            url=reverse("identity_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """CMS account → More actions: the person's own apps, passkeys and recovery codes (the
    site's profile page, which administrators who do not take part never see, links there too)."""
    return {
        "url": reverse("identity:two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Your authenticator apps, passkeys and recovery codes."),
    }
