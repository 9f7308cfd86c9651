"""SAML's set-up: xmlsec1 comes with the image and the Makefile's run and test paths, and a
system check says so when a SAML connection is configured without it (or without metadata)."""

import re
import subprocess

import pytest
from django.core.checks import run_checks

from tests.config.compose_file import ROOT, dockerfile_instructions

ADFS = {"slug": "adfs", "protocol": "saml", "metadata_url": "https://adfs.example.org/md.xml"}


def test_the_image_installs_xmlsec1():
    run = " ".join(arguments for name, arguments in dockerfile_instructions() if name == "RUN")
    assert re.search(r"apt-get install [^&]*\bxmlsec1\b", run)


@pytest.mark.parametrize("target", ["run", "test"])
def test_make_run_and_make_test_ensure_xmlsec1(target):
    planned = subprocess.run(  # noqa: S603
        ["make", "-n", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,  # noqa: S607
    ).stdout
    assert 'scripts/ensure-package xmlsec1 xmlsec1 "SAML sign-in"' in planned


def _ids(settings) -> set[str]:
    return {message.id for message in run_checks() if message.id.startswith("identity.")}


def test_no_saml_connection_needs_nothing(settings, monkeypatch):
    settings.ACADEMY_SSO_PROVIDERS = []
    monkeypatch.setattr("identity.checks.shutil.which", lambda name: None)
    assert _ids(settings) == set()


def test_a_saml_connection_without_xmlsec1_is_an_error(settings, monkeypatch):
    settings.ACADEMY_SSO_PROVIDERS = [ADFS]
    assert _ids(settings) == set()
    monkeypatch.setattr("identity.checks.shutil.which", lambda name: None)
    assert _ids(settings) == {"identity.E001"}


def test_a_saml_connection_needs_metadata_and_a_whole_key_pair(settings, tmp_path):
    settings.ACADEMY_SSO_PROVIDERS = [{"slug": "adfs", "protocol": "saml"}]
    settings.ACADEMY_SAML_SP_KEY_FILE = str(tmp_path / "sp.key")
    assert _ids(settings) == {"identity.E002", "identity.E003"}
