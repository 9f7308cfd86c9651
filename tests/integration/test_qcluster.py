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
from tests.waiting import wait_until

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


def cluster_idle(func: str) -> bool:
    """A run of `func` succeeded and the broker holds no task any more: every task handed
    out was done and acknowledged, so no retry can come (nothing runs until more is queued)."""
    from django_q.models import OrmQ, Task

    return Task.objects.filter(func=func, success=True).exists() and not OrmQ.objects.exists()


DELIVER = "ambassadors.tasks.deliver_notification_email"


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
    log = tmp_path / "qcluster.log"
    files = wait_until(
        lambda: list(qcluster.glob("*.log")),
        timeout=90,
        message=lambda: f"no e-mail written by the worker; its log:\n{log.read_text()}",
    )
    content = files[0].read_text()
    assert "Delivered by the worker" in content
    assert employee.email in content
    # Once the cluster is idle no duplicate (the sweep, a retry) can come: check there is none.
    wait_until(lambda: cluster_idle(DELIVER), timeout=60, message=log.read_text)
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
    from tests.factories.guidelines import build_guidelines, major_change

    guidelines = build_guidelines()
    readers = [make_user(Role.EMPLOYEE) for _ in range(3)]
    for reader in readers:
        page = GuidelinePage.objects.get(pk=guidelines.main.pk)
        guideline_services.guideline_acknowledge(user=reader, page=page, version=page.version)
    monkeypatch.setattr(Conf, "SYNC", False)
    major_change(guidelines.main, "A new rule")
    sent = Notification.objects.filter(kind="guidelines_changed", email_sent_at__isnull=False)
    wait_until(
        lambda: sent.count() == len(readers),
        timeout=90,
        message=lambda: f"{sent.count()} of {len(readers)} e-mails sent",
    )
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
        log = tmp_path / "qcluster.log"
        # The sending worker wrote its process id (the file may exist a moment before that).
        pid = wait_until(
            lambda: marker.exists() and marker.read_text().strip(),
            timeout=60,
            message=log.read_text,
        )
        os.kill(int(pid), signal.SIGKILL)
        killed_at = time.monotonic()
        row = wait_until(
            lambda: Notification.objects.filter(
                pk=notification.pk, email_sent_at__isnull=False
            ).first(),
            timeout=120,
            message=log.read_text,
        )
        assert row.email_attempts == 2  # the killed attempt and the one that sent
        # A duplicate (a late retry, the sweep) can come only while the cluster is not idle.
        wait_until(lambda: cluster_idle(DELIVER), timeout=60, message=log.read_text)
        sent = sum(
            path.read_text().count("Subject: Sent despite a crash")
            for path in mail_dir.glob("*.log")
        )
        assert sent == 1
        assert time.monotonic() - killed_at < 120
