"""A real qcluster process with the ORM broker delivers a notification e-mail."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_q.conf import Conf

from ambassadors import services
from ambassadors.models import Notification

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


@contextlib.contextmanager
def running_qcluster(tmp_path, **settings):
    """A real `manage.py qcluster` on the test database, writing e-mails to a folder (yielded);
    `settings` are extra environment variables."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": f"file://{mail_dir}",
        "Q_SYNC": "0",
        **settings,
    }
    log = (tmp_path / "qcluster.log").open("w")
    # Its own process group, so the cluster and every worker it forked stop together and no
    # worker outlives the test (a stray one would take tasks from the next run's database).
    process = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield mail_dir
    finally:
        process.send_signal(signal.SIGTERM)  # the cluster stops its workers itself
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group
        log.close()


@pytest.fixture
def qcluster(tmp_path):
    with running_qcluster(tmp_path) as mail_dir:
        yield mail_dir


def test_qcluster_sends_the_notification_email_once(qcluster, employee, monkeypatch, tmp_path):
    """A notification enqueued through the ORM broker is e-mailed by the worker, exactly once."""
    monkeypatch.setattr(Conf, "SYNC", False)  # this process enqueues; the worker runs the task
    notification = services.notify(
        recipient=employee, kind="test", key="qcluster-1", subject="Delivered by the worker"
    )
    deadline = time.monotonic() + 90
    files = []
    while time.monotonic() < deadline:
        files = list(qcluster.glob("*.log"))
        if files:
            break
        time.sleep(0.5)
    log = (tmp_path / "qcluster.log").read_text()
    assert files, f"no e-mail written by the worker; its log:\n{log}"
    content = files[0].read_text()
    assert "Delivered by the worker" in content
    assert employee.email in content
    # Give a duplicate (the sweep, a retry) the chance to appear, then check there is none.
    time.sleep(3)
    messages = sum(
        path.read_text().count("Subject: Delivered by the worker")
        for path in qcluster.glob("*.log")
    )
    assert messages == 1
    assert Notification.objects.get(pk=notification.pk).email_sent_at is not None


def test_qcluster_asks_again_after_a_major_change(qcluster, monkeypatch):
    """A major change runs ask_again in the worker, which enqueues e-mails while it loops."""
    from ambassadors.roles import Role
    from guidelines import services as guideline_services
    from guidelines.models import GuidelinePage
    from tests.factories import make_user
    from tests.guidelines.conftest import build_guidelines, major_change

    guidelines = build_guidelines()
    readers = [make_user(Role.EMPLOYEE) for _ in range(3)]
    for reader in readers:
        page = GuidelinePage.objects.get(pk=guidelines.main.pk)
        guideline_services.guideline_acknowledge(user=reader, page=page, version=page.version)
    monkeypatch.setattr(Conf, "SYNC", False)
    major_change(guidelines.main, "A new rule")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        sent = Notification.objects.filter(
            kind="guidelines_changed", email_sent_at__isnull=False
        ).count()
        if sent == len(readers):
            break
        time.sleep(0.5)
    assert sent == len(readers)
    mails = sum(path.read_text().count("Subject: ") for path in qcluster.glob("*.log"))
    assert mails == len(readers)
    # It worked the first time: no failed run of the task was recorded.
    from django_q.models import Task

    assert not Task.objects.filter(func="guidelines.tasks.ask_again", success=False).exists()


def test_a_worker_killed_while_sending_leaves_the_email_sent_exactly_once(
    employee, monkeypatch, tmp_path
):
    """The worker dies (SIGKILL) in the middle of sending; the broker hands the task out
    again after `retry`, the stale claim is taken over after the lease, and the person
    gets the e-mail once."""
    marker = tmp_path / "sending.pid"
    with running_qcluster(
        tmp_path,
        TEST_EMAIL_BACKEND="tests.slow_email.HangingOnceBackend",
        SLOW_EMAIL_MARKER=str(marker),
        Q_TIMEOUT="8",
        Q_RETRY="10",
        OUTBOX_LEASE_SECONDS="5",
    ) as mail_dir:
        monkeypatch.setattr(Conf, "SYNC", False)
        notification = services.notify(
            recipient=employee, kind="test", key="kill-drill", subject="Sent despite a crash"
        )
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), (tmp_path / "qcluster.log").read_text()
        time.sleep(0.2)  # the pid is written
        os.kill(int(marker.read_text()), signal.SIGKILL)
        killed_at = time.monotonic()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if Notification.objects.get(pk=notification.pk).email_sent_at is not None:
                break
            time.sleep(0.5)
        row = Notification.objects.get(pk=notification.pk)
        assert row.email_sent_at is not None, (tmp_path / "qcluster.log").read_text()
        assert row.email_attempts == 2  # the killed attempt and the one that sent
        time.sleep(3)  # a duplicate (a late retry, the sweep) would show now
        sent = sum(
            path.read_text().count("Subject: Sent despite a crash")
            for path in mail_dir.glob("*.log")
        )
        assert sent == 1
        assert time.monotonic() - killed_at < 120
