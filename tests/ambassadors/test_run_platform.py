"""`make run`'s last step: the demo's e-mails do not push the start banner out of sight."""

import io
import os
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from config.settings.env import email_settings
from demo.management.commands import run_platform


class FinishedProcess:
    """A child process that has already ended (the test runs no server)."""

    environments: list[dict] = []

    def __init__(self, arguments, **kwargs):
        self.arguments = arguments
        self.returncode = 0
        FinishedProcess.environments.append(dict(kwargs.get("env") or os.environ))

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0

    def send_signal(self, number):
        pass


@pytest.fixture
def started(monkeypatch):
    """Run the command with fake children; returns what it printed and the children's env."""
    FinishedProcess.environments = []
    monkeypatch.setattr(run_platform.subprocess, "Popen", FinishedProcess)
    monkeypatch.setattr(run_platform.signal, "signal", lambda *args: None)
    # The command sets these for its children; setenv first, so they are undone afterwards.
    for name in ("SITE_URL", "EMAIL_URL"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)

    def start() -> tuple[str, list[dict]]:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        out = io.StringIO()
        call_command("run_platform", port=str(port), host="127.0.0.1", stdout=out)
        return out.getvalue(), FinishedProcess.environments

    return start


def test_demo_emails_go_to_files_the_banner_names(started):
    """Without EMAIL_URL the web server and the worker write e-mails to var/mail, and the
    banner (the last thing printed before Ctrl-C) says where they are."""
    output, environments = started()
    folder = Path(settings.BASE_DIR) / "var" / "mail"
    assert len(environments) == 2  # runserver and qcluster
    for environment in environments:
        backend = email_settings(environment["EMAIL_URL"])
        assert backend["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
        assert Path(backend["EMAIL_FILE_PATH"]) == folder
    banner = output.split("Stopped the web server")[0]
    assert f"are written to files\n  in {folder}{os.sep}" in banner
    assert banner.rstrip().endswith("Press Ctrl-C to stop the web server and the worker.")


def test_an_email_url_of_ones_own_is_kept(started, monkeypatch):
    """Whoever sets EMAIL_URL gets what they asked for, and the banner claims no folder."""
    monkeypatch.setenv("EMAIL_URL", "console://")
    output, environments = started()
    assert {environment["EMAIL_URL"] for environment in environments} == {"console://"}
    assert "are written to files" not in output
