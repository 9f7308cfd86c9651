"""Groups with their permissions and the periodic tasks, declared by each app and made here.

An app that needs any declares them in its own `<app>/provisioning.py` (found like Django's
`admin.py` or Wagtail's `wagtail_hooks.py`), naming only its own models and task functions:

    ROLES = ["Comms staff", ...]           # group names this app defines (ambassadors)
    PERMISSIONS = {"Comms staff": {"contentitem": ["add", "view"]}}
    SCHEDULES = [Repeating("news feeds", "sharing.tasks.import_feeds", "H")]

In PERMISSIONS a key without a dot is one of the app's own models and each entry an action
(`view` stands for `view_contentitem`); a key `app_label.model` names a model of Django or
Wagtail, and an entry with an underscore is a codename as it is (`access_admin`). The role
owner may also declare PAGE_PERMISSIONS (on the root page, so on the whole tree),
COLLECTION_PERMISSIONS (on the root collection), EVERY_PERMISSION (groups given every
permission that exists) and `provision(apps)`, called after the groups are made, for what a
declaration cannot say (the review workflow).

`sync()` runs after every `migrate` (and `flush`), once all apps' permissions exist, so a new
permission or schedule needs no data migration. Older migrations call `roles_sync(apps)` and
`schedules_sync(apps)` with the historical app registry. Everything is idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

MODULE_NAME = "provisioning"


@dataclass(frozen=True)
class Repeating:
    """A task run every few minutes (`kind` "I"), hourly ("H") or daily ("D"); its settings
    are kept in step with the code on every sync."""

    name: str
    func: str
    kind: str
    minutes: int | None = None


@dataclass(frozen=True)
class AtATime:
    """A task run daily ("D") or weekly ("W", on `weekday`) at a local time. Made once: later
    syncs keep the time an operator set."""

    name: str
    func: str
    kind: str
    hour: int
    minute: int
    weekday: int | None = None


@dataclass
class Declarations:
    """What one app declares (empty where it declares nothing)."""

    app_label: str
    roles: list[str] = field(default_factory=list)
    permissions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    page_permissions: dict[str, list[str]] = field(default_factory=dict)
    collection_permissions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    every_permission: list[str] = field(default_factory=list)
    schedules: list[Repeating | AtATime] = field(default_factory=list)
    provision: Callable | None = None

    @classmethod
    def of_module(cls, app_label: str, module: ModuleType) -> Declarations:
        return cls(
            app_label=app_label,
            roles=[str(role) for role in getattr(module, "ROLES", [])],
            permissions=_by_group(getattr(module, "PERMISSIONS", {})),
            page_permissions=_by_group(getattr(module, "PAGE_PERMISSIONS", {})),
            collection_permissions=_by_group(getattr(module, "COLLECTION_PERMISSIONS", {})),
            every_permission=[str(group) for group in getattr(module, "EVERY_PERMISSION", [])],
            schedules=list(getattr(module, "SCHEDULES", [])),
            provision=getattr(module, "provision", None),
        )

    def model_permissions(self, models: dict[str, list[str]]) -> list[tuple[str, str, str]]:
        """(app label, model, codename) for each entry of a {model: [action or codename]}."""
        found = []
        for key, entries in models.items():
            app_label, _dot, model = key.rpartition(".")
            for entry in entries:
                codename = entry if "_" in entry else f"{entry}_{model}"
                found.append((app_label or self.app_label, model, codename))
        return found


def _by_group(declared: dict) -> dict:
    """Role enums as their group names."""
    return {str(group): value for group, value in declared.items()}


def declarations() -> list[Declarations]:
    """Every installed app's declarations, in the order of INSTALLED_APPS."""
    found = []
    for config in global_apps.get_app_configs():
        if module_has_submodule(config.module, MODULE_NAME):
            module = import_module(f"{config.name}.{MODULE_NAME}")
            found.append(Declarations.of_module(config.label, module))
    roles = [role for declared in found for role in declared.roles]
    names = [schedule.name for declared in found for schedule in declared.schedules]
    for declared in found:
        named = {
            *declared.permissions,
            *declared.page_permissions,
            *declared.collection_permissions,
            *declared.every_permission,
        }
        if unknown := named - set(roles):
            raise ValueError(f"{declared.app_label} gives permissions to unknown roles {unknown}")
    if len(set(names)) != len(names):
        raise ValueError(f"two apps declare schedules of the same name: {sorted(names)}")
    return found


def permission(apps, app_label: str, model: str, codename: str):
    """Get or make a permission: Django makes them only after all migrations have run."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"[:255]},
    )
    return found


def roles_sync(apps=global_apps) -> None:
    """The declared groups, with their model, page and collection permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    declared = declarations()
    groups = {}
    for app in declared:
        for name in app.roles:
            groups[name], _created = Group.objects.get_or_create(name=name)
    for app in declared:
        for name, models in app.permissions.items():
            for app_label, model, codename in app.model_permissions(models):
                groups[name].permissions.add(permission(apps, app_label, model, codename))

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for app in declared:
        for name, codenames in app.page_permissions.items():
            for codename in codenames if root is not None else []:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        for name, models in app.collection_permissions.items():
            for app_label, model, codename in app.model_permissions(models):
                if root_collection is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=permission(apps, app_label, model, codename),
                    )
    for app in declared:
        if app.provision is not None:
            app.provision(apps)
    # Last, so it holds every permission made above.
    for app in declared:
        for name in app.every_permission:
            groups[name].permissions.set(Permission.objects.all())


def _next_moment(weekday: int | None, hour: int, minute: int) -> dt.datetime:
    now = timezone.localtime()
    days = 1 if weekday is None else (weekday - now.weekday()) % 7 or 7
    return (now + dt.timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )


def schedules_sync(apps=global_apps) -> None:
    """The declared periodic tasks of every installed app."""
    Schedule = apps.get_model("django_q", "Schedule")
    for app in declarations():
        for schedule in app.schedules:
            if isinstance(schedule, Repeating):
                Schedule.objects.update_or_create(
                    name=schedule.name,
                    defaults={
                        "func": schedule.func,
                        "schedule_type": schedule.kind,
                        "minutes": schedule.minutes,
                        "repeats": -1,
                    },
                )
            elif not Schedule.objects.filter(name=schedule.name).exists():
                Schedule.objects.create(
                    name=schedule.name,
                    func=schedule.func,
                    schedule_type=schedule.kind,
                    repeats=-1,
                    next_run=_next_moment(schedule.weekday, schedule.hour, schedule.minute),
                )


def sync(apps=global_apps) -> None:
    roles_sync(apps)
    schedules_sync(apps)


def sync_after_migrate(sender, app_config, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: syncs once per `migrate`, after the last app's signal (Django
    makes each app's permissions in its own post_migrate, so all exist by then)."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if using != DEFAULT_DB_ALIAS or app_config.label != with_models[-1].label:
        return
    try:
        for label, model in [("auth", "Group"), ("wagtailcore", "Page"), ("django_q", "Schedule")]:
            apps.get_model(label, model)
    except LookupError:  # migrated backwards past the tables
        return
    sync(apps)


def wagtail_site_ensure():
    """The page tree's root, a home page, the default site and the root collection, as
    Wagtail's migrations make them; made again when missing (a flushed test database).
    Returns the home page."""
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale, _created = Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = Page.objects.filter(depth=2, locale=locale).order_by("path").first()
    if home is None:
        home = root.add_child(
            instance=Page(title="Ambassador Academy", slug="home", locale=locale, live=True)
        )
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Ambassador Academy",
        )
    return home
