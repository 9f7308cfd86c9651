from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    default = True  # this module also holds the configuration of wagtail.users
    name = "core"
    verbose_name = _("Platform")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from . import client_address, provisioning, structure, throttle

        checks.register(client_address.check_trusted_proxies)
        structure.connect()
        throttle.connect()
        # Every app's groups, permissions and schedules (core.provisioning), after each migrate.
        post_migrate.connect(provisioning.sync_after_migrate, dispatch_uid="core.provisioning")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users in the CMS, with the group filter's ids parsed strictly."""

    default = False
    user_viewset = "core.admin.UserViewSet"
