from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    default = True  # this module also holds the configuration of wagtail.users
    name = "core"
    verbose_name = _("Platform")

    def ready(self):
        from . import structure, throttle

        structure.connect()
        throttle.connect()


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users in the CMS, with the group filter's ids parsed strictly."""

    default = False
    user_viewset = "core.admin.UserViewSet"
