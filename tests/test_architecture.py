"""The apps' direction: which app may import which, and that no app declares another's
schedules or permissions (core.provisioning).

Imports are read from the source (every `import` and `from ... import`, at module level or
inside a function, migrations included: a migration runs on every fresh database too).
"""

import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.utils.module_loading import import_string

from core import provisioning
from tests.imports import imported_modules

ROOT = Path(__file__).resolve().parents[1]

# Each app with the apps it may import. Lower layers first; an app in a layer imports only
# from lower layers, never its neighbours. insights, bench and demo are imported by nobody.
_BASE = {"core", "ambassadors"}
_CONTENT = {"courses", "guidelines", "sharing", "mentors"}
MAY_IMPORT = {
    "core": set(),
    "ambassadors": {"core"},
    **{app: set(_BASE) for app in _CONTENT},
    "missions": _BASE | _CONTENT,
    # Refreshers read the courses and the guidelines: beside missions, neither imports the other.
    "refreshers": _BASE | _CONTENT,
    "insights": _BASE | _CONTENT | {"missions", "refreshers"},
    "identity": set(_BASE),
    # The public API and the world outside: they read every app, nothing imports them.
    "api": _BASE | _CONTENT | {"missions", "refreshers", "insights", "identity"},
    "integrations": _BASE | _CONTENT | {"missions", "refreshers"},
    "bench": _BASE | _CONTENT | {"missions", "refreshers", "insights"},
    "demo": _BASE | _CONTENT | {"missions", "refreshers", "insights", "identity"},
}
# Not apps: they may import any app (settings name apps by string only).
NOT_APPS = {"config", "tests", "scripts"}
# Labels of Django and Wagtail apps whose permissions an app may give its roles. The CMS's
# tools (admin access, the page tree, images, documents, translation) belong to the roles,
# which ambassadors owns: the content apps all use them, none owns them.
CONTRIB_OWNER = {
    "wagtailadmin": "ambassadors",
    "wagtailcore": "ambassadors",
    "wagtailimages": "ambassadors",
    "wagtaildocs": "ambassadors",
    "simple_translation": "ambassadors",
}


def project_apps(root: Path) -> list[str]:
    """The project's own apps: top-level packages with an apps.py."""
    return sorted(path.parent.name for path in root.glob("*/apps.py"))


def imports_of(app: str, root: Path, known: set[str]) -> dict[str, set[str]]:
    """The project apps `app` imports, each with the files that import it."""
    found: dict[str, set[str]] = {}
    for path in sorted((root / app).rglob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in known and top != app:
                found.setdefault(top, set()).add(str(path.relative_to(root)))
    return found


def import_violations(root: Path) -> list[str]:
    known = set(project_apps(root)) | set(MAY_IMPORT)
    problems = [f"{app}: an app not in MAY_IMPORT" for app in known - set(MAY_IMPORT)]
    for app in sorted(known & set(MAY_IMPORT)):
        if not (root / app).is_dir():
            continue
        for imported, files in imports_of(app, root, known).items():
            if imported not in MAY_IMPORT.get(app, set()):
                problems.append(f"{app} imports {imported}: {sorted(files)}")
    return problems


def test_each_app_imports_only_the_apps_below_it():
    """core imports no app, ambassadors only core, and so on up; insights, bench and demo are
    imported by no app."""
    assert import_violations(ROOT) == []


def test_the_import_check_catches_an_upward_import(tmp_path):
    """A function-level import of a higher app in core or ambassadors is reported."""
    for app in ("core", "ambassadors", "missions", "insights"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
    (tmp_path / "core" / "x.py").write_text("def f():\n    from ambassadors.roles import Role\n")
    (tmp_path / "ambassadors" / "y.py").write_text("import missions.models\n")
    (tmp_path / "missions" / "z.py").write_text("from insights import tables\n")
    assert import_violations(tmp_path) == [
        "ambassadors imports missions: ['ambassadors/y.py']",
        "core imports ambassadors: ['core/x.py']",
        "missions imports insights: ['missions/z.py']",
    ]


def declaration_violations(declared: provisioning.Declarations, ours: set[str]) -> list[str]:
    """What an app's declarations name that is not its own: another app's models (in any
    permission), a Django or Wagtail app's permissions it does not own, another app's tasks."""
    app = declared.app_label
    problems = []
    models = [
        *declared.permissions.values(),
        *declared.collection_permissions.values(),
    ]
    named = [entry for group in models for entry in declared.model_permissions(group)]
    named += [
        ("wagtailcore", "page", codename)
        for codenames in declared.page_permissions.values()
        for codename in codenames
    ]
    for app_label, model, codename in named:
        if app_label == app:
            try:
                apps.get_model(app_label, model)
            except LookupError:
                problems.append(f"{app}: no model {app_label}.{model}")
        elif app_label in ours:
            problems.append(f"{app} names {app_label}.{codename}")
        elif CONTRIB_OWNER.get(app_label) != app:
            problems.append(f"{app} names {app_label}.{codename} (owned by the roles' app)")
    for schedule in declared.schedules:
        if not schedule.func.startswith(f"{app}."):
            problems.append(f"{app} schedules {schedule.func}")
        else:
            import_string(schedule.func)  # the task exists
    return problems


def test_no_app_declares_another_apps_permissions_or_schedules():
    """Each app's provisioning names only its own models and tasks (and the CMS's tools,
    for the app that owns the roles)."""
    ours = set(project_apps(ROOT))
    declared = provisioning.declarations()
    assert {d.app_label for d in declared} >= {"ambassadors", "sharing", "missions", "mentors"}
    assert [problem for d in declared for problem in declaration_violations(d, ours)] == []


def test_the_declaration_check_catches_another_apps_names():
    """Naming a missions model, Wagtail's images from a content app, or an insights task from
    sharing is reported."""
    ours = set(project_apps(ROOT))
    declared = provisioning.Declarations(
        app_label="sharing",
        permissions={
            "Comms staff": {
                "contentitem": ["view"],
                "missions.mission": ["add"],
                "wagtailimages.image": ["add"],
                "nosuchmodel": ["view"],
            }
        },
        schedules=[provisioning.Repeating("x", "insights.tasks.rollup_today", "H")],
    )
    assert declaration_violations(declared, ours) == [
        "sharing names missions.add_mission",
        "sharing names wagtailimages.add_image (owned by the roles' app)",
        "sharing: no model sharing.nosuchmodel",
        "sharing schedules insights.tasks.rollup_today",
    ]


def test_bench_is_installed_only_by_the_benchmark_settings(settings):
    """The site runs without the bench app; the benchmarks' settings add it, and with them
    `generate_org` is there."""
    assert "bench" not in settings.INSTALLED_APPS
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "generate_org"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "SECRET_KEY": "bench-only-" + "x" * 50,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Make a large organisation for benchmarks" in result.stdout


def test_every_service_error_is_a_refusal_that_forms_show_one_way():
    """Each app's service error is a core Refusal, and views put it on the form through
    core.forms.refuse(), never by hand: one way for a refusal to reach a person."""
    import importlib

    from core.errors import Refusal

    errors = {
        "ambassadors.erasure": "ErasureError",
        "ambassadors.services": "ParticipationError",
        "courses.services": "LearningError",
        "guidelines.services": "AcknowledgementError",
        "sharing.services": "SharingError",
        "missions.services": "MissionError",
        "mentors.services": "DeskError",
    }
    for module, name in errors.items():
        assert issubclass(getattr(importlib.import_module(module), name), Refusal), name
    by_hand = [
        f"{path}:{number}"
        for app in ("ambassadors", "courses", "guidelines", "sharing", "missions", "mentors")
        for path in sorted((ROOT / app).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "add_error(None, str(" in line or ".args[0])" in line
    ]
    assert by_hand == []
