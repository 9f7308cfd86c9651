"""The demo server (`make run`, dev settings) never shows Django's debug page to colleagues."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]

ERROR_PAGE = """
import os, django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import path
import config.urls

def broken(request):
    raise ValueError("secret detail")

config.urls.urlpatterns.insert(0, path("broken/", broken))
settings.ALLOWED_HOSTS = ["testserver"]
response = Client(raise_request_exception=False).get("/broken/")
print(settings.DEBUG, response.status_code)
print(response.content.decode())
"""


def _dev(code, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("ACADEMY_DEBUG", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def test_an_error_on_the_demo_server_shows_the_project_error_page():
    """Without ACADEMY_DEBUG an error is the project's 500 page, not the debug page."""
    output = _dev(ERROR_PAGE)
    assert output.startswith("False 500")
    assert "Something went wrong on our side" in output
    assert "secret detail" not in output
    assert "Traceback" not in output


def test_debug_only_with_the_explicit_flag():
    """ACADEMY_DEBUG=1 turns DEBUG on; nothing else does."""
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    assert _dev(code).strip() == "False"
    assert _dev(code, ACADEMY_DEBUG="1").strip() == "True"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "academy.local"])  # noqa: S104
def test_run_platform_refuses_debug_on_a_shared_address(settings, host):
    """With DEBUG on, the demo server starts only on this machine's own address."""
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG is on"):
        call_command("run_platform", "--host", host, "--port", "1")
