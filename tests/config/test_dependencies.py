"""Dependencies: what the code imports is declared, and the image installs only what runs."""

import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.imports import imported_modules

ROOT = Path(__file__).resolve().parents[2]
NOT_RUNTIME = {"tests", ".venv", "node_modules", "var", "staticfiles", ".git"}
DEVELOPMENT_ONLY = {"pytest", "pytest-django", "factory-boy", "playwright", "ruff"}
# Tools a developer runs beside the platform (they drive the browser), never the server.
DEVELOPMENT_SCRIPTS = {Path("scripts/screenshots.py")}


def _runtime_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not NOT_RUNTIME & set(path.relative_to(ROOT).parts)
        and path.relative_to(ROOT) not in DEVELOPMENT_SCRIPTS
    ]


def third_party_imports() -> dict[str, set[str]]:
    """Top-level third-party modules imported by the project's own runtime code (with
    migrations and the bench app), each with the files that import it."""
    local = {path.name for path in ROOT.iterdir() if path.is_dir()} | {
        path.stem for path in ROOT.glob("*.py")
    }
    found: dict[str, set[str]] = {}
    for path in _runtime_files():
        siblings = {sibling.stem for sibling in path.parent.glob("*.py")}
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in local or top in siblings:
                continue
            found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def distribution_of(module: str) -> str:
    distributions = importlib.metadata.packages_distributions().get(module)
    assert distributions, f"{module} is imported but no installed package provides it"
    return canonicalize_name(distributions[0])


def declared(group: str | None = None) -> list[Requirement]:
    """pyproject's dependencies, or those of an optional group such as `dev`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return [Requirement(line) for line in lines]


def declared_dependencies() -> set[str]:
    return {canonicalize_name(requirement.name) for requirement in declared()}


def locked(file_name: str) -> dict[str, str]:
    """The pins of a lock file (following `-r other.lock`), as {name: version}."""
    pins = {}
    for line in (ROOT / file_name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            pins.update(locked(line[3:].strip()))
        elif line:
            name, _sep, version = line.partition("==")
            assert version, f"{file_name}: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def requirements_of(name: str, extras: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """What an installed package needs on this platform, with the extras asked for."""
    needed = set()
    for line in importlib.metadata.distribution(name).requires or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in {"", *extras}):
            needed.add(canonicalize_name(requirement.name))
    return needed


def test_every_third_party_import_is_declared():
    """Each package the code imports by name is a declared dependency, not a passenger."""
    declared = declared_dependencies()
    undeclared = {
        module: sorted(files)
        for module, files in third_party_imports().items()
        if distribution_of(module) not in declared
    }
    assert not undeclared, f"imported but not in pyproject's dependencies: {undeclared}"


def test_the_runtime_lock_has_no_development_tools():
    """The image installs requirements.lock: no test runner, browser driver or linter."""
    runtime = locked("requirements.lock")
    assert not DEVELOPMENT_ONLY & set(runtime)
    # ...and every dependency of a development tool that nothing at runtime needs.
    development = locked("requirements-dev.lock")
    for tool in DEVELOPMENT_ONLY:
        assert tool in development


def test_the_runtime_lock_holds_everything_the_code_and_the_server_need():
    """Every imported package, every declared dependency (gunicorn, psycopg, redis...) and
    everything those need is pinned in requirements.lock, so the image is complete."""
    runtime = locked("requirements.lock")
    needed = {distribution_of(module) for module in third_party_imports()}
    for requirement in declared():
        needed |= {canonicalize_name(requirement.name)}
        needed |= requirements_of(requirement.name, requirement.extras)
    missing = needed - set(runtime)
    assert not missing, f"not in requirements.lock: {sorted(missing)}"
    unpinned = {
        f"{name} needs {requirement}"
        for name in runtime
        for requirement in requirements_of(name)
        if requirement not in runtime
    }
    assert not unpinned, sorted(unpinned)


def test_the_development_lock_is_complete_and_agrees_with_the_runtime_lock():
    """`make` installs requirements-dev.lock: the runtime pins plus the tools and all they need."""
    text = (ROOT / "requirements-dev.lock").read_text()
    assert re.search(r"^-r requirements\.lock$", text, re.MULTILINE)
    development = locked("requirements-dev.lock")
    tools = {canonicalize_name(requirement.name) for requirement in declared("dev")}
    assert tools <= set(development)
    unpinned = {
        f"{name} needs {requirement}"
        for name in development
        for requirement in requirements_of(name)
        if requirement not in development
    }
    assert not unpinned, sorted(unpinned)


def test_the_installed_versions_are_the_locked_ones():
    """The lock files say what is really installed (a stale pin would go unnoticed otherwise)."""
    development = locked("requirements-dev.lock")
    differing = {
        name: (version, importlib.metadata.version(name))
        for name, version in development.items()
        if importlib.metadata.version(name) != version
    }
    assert not differing


def test_the_makefile_installs_the_development_lock_and_the_image_only_the_runtime_one():
    """`make run`/`make test` get the tools; the Dockerfile installs requirements.lock alone."""
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements-dev.lock" in makefile
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install[^\n]*", dockerfile)
    assert installs
    assert all("requirements.lock" in line and "dev" not in line for line in installs)
