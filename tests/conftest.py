import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from ambassadors.roles import Role
from tests.factories import make_user

# Local servers and a fake resolver for the server-side fetching tests.
pytest_plugins = ["tests.outbound_helpers"]


def pytest_sessionstart(session):
    """`--reuse-db` (make test-fast) keeps the test database, but a run whose last tests
    were transactional (pytest-django runs those last) left it flushed: without the rows the
    migrations put in (the roles' permissions, the desk's opening hours). Make it anew then."""
    import sqlite3
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if not session.config.getoption("reuse_db", False) or "sqlite" not in database["ENGINE"]:
        return
    if not name or not Path(name).exists():
        return
    try:
        with sqlite3.connect(name) as db:
            kept = all(
                db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]  # noqa: S608
                for table in ("auth_group_permissions", "mentors_openinghours")
            )
    except sqlite3.Error:
        kept = False
    if not kept:
        session.config.option.create_db = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: the database is rolled back, cached values too."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def employee(db):
    return make_user(Role.EMPLOYEE)


@pytest.fixture
def other_employee(db):
    return make_user(Role.EMPLOYEE)


@pytest.fixture
def newcomer(db):
    """An employee who has not given consent yet."""
    return make_user(Role.EMPLOYEE, joined=False)


@pytest.fixture
def mentor(db):
    return make_user(Role.EMPLOYEE, Role.MENTOR)


@pytest.fixture
def comms(db):
    return make_user(Role.EMPLOYEE, Role.COMMS)


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMIN, superuser=True, joined=False)


@pytest.fixture
def client_for():
    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def english():
    """Messages in English, so tests can read them whatever the site default."""
    with translation.override("en"):
        yield


@pytest.fixture
def awake_now(db):
    """The programme's default quiet hours moved far from now, for tests about something
    else than quiet hours that expect a nudge soon, whatever the hour they run at."""
    import datetime as dt

    from django.utils import timezone

    from ambassadors.models import ProgrammeSettings

    start = (timezone.localtime() + dt.timedelta(hours=12)).time().replace(second=0, microsecond=0)
    end = (timezone.localtime() + dt.timedelta(hours=13)).time().replace(second=0, microsecond=0)
    programme = ProgrammeSettings.load()
    programme.default_quiet_hours_start, programme.default_quiet_hours_end = start, end
    programme.save()
