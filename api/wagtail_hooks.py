from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import ApiTokenCreateView, ApiTokenRevokeView
from .models import ApiToken


class RevokeColumn(Column):
    """A link to revoke the token, or why it no longer works."""

    def get_value(self, instance):
        if instance.revoked_at is not None:
            return _("Revoked")
        if instance.expires_at <= timezone.now():
            return _("Expired")
        url = reverse("api_tokens:revoke", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Revoke token"))


class ScopesColumn(Column):
    def get_value(self, instance):
        return _("own data (/me)") if instance.is_personal else ", ".join(instance.scopes)


class ApiTokenIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "created_by")


class ApiTokenViewSet(ModelViewSet):
    """Tokens for the REST API (/api/v1/); administrators only."""

    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    name = "api_tokens"
    url_prefix = "api-tokens"
    index_view_class = ApiTokenIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name"]  # once made, only the name changes: make a new token for more
    list_display = [
        "name",
        "kind",
        "user",
        ScopesColumn("scopes", label=_("Scopes")),
        "created_by",
        "last_used_at",
        "expires_at",
        RevokeColumn("revoke", label=_("Token")),
    ]
    list_filter = ["kind"]

    @property
    def add_view(self):
        # A plain form through the token service (it hashes, audits and shows once).
        return ApiTokenCreateView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", ApiTokenRevokeView.as_view(), name="revoke"),
        ]


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet()
