from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from . import two_factor
from .admin_views import TwoFactorResetView


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
