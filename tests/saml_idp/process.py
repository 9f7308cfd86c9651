"""Starting the test IdP as its own process, and walking a browser's part of a round trip."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.waiting import wait_until

from .keys import key_pair

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningIdp:
    base: str
    directory: Path
    process: subprocess.Popen
    log: Path

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/metadata"

    @property
    def sp_metadata(self) -> Path:
        """Where the IdP reads the SP's metadata from (the test writes it)."""
        return self.directory / "sp-metadata.xml"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_idp(directory: Path) -> RunningIdp:
    """The test IdP on a free port of 127.0.0.1, answering its metadata."""
    if shutil.which("xmlsec1") is None:
        message = "xmlsec1 is not installed (make test installs it when it can)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    key, cert = key_pair(directory, "idp")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = directory / "idp.log"
    env = {
        **os.environ,
        "SAML_IDP_BASE": base,
        "SAML_IDP_PORT": str(port),
        "SAML_IDP_KEY": str(key),
        "SAML_IDP_CERT": str(cert),
        "SAML_IDP_SP_METADATA": str(directory / "sp-metadata.xml"),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.saml_idp"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    idp = RunningIdp(base=base, directory=directory, process=process, log=log)
    wait_until(
        lambda: requests.get(idp.metadata_url, timeout=2).ok,
        timeout=30,
        ignoring=(requests.ConnectionError,),
        message=log.read_text,
    )
    return idp


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(
        rf"name='{name}' value='([^']*)'", page
    )
    return unescape(found.group(1)) if found else ""


@dataclass(frozen=True)
class Posted:
    """What the IdP's auto-posting form carries to the SP."""

    action: str
    saml_response: str
    relay_state: str


def sign_in_at_idp(login_location: str, *, username: str = "sam", **fields: str) -> Posted:
    """Follow the SP's redirect to the IdP, fill in its form, and read what it posts back."""
    form_page = requests.get(login_location, timeout=10)
    assert form_page.ok, form_page.text
    base = login_location.split("/sso/")[0]
    answer = requests.post(
        f"{base}/sso/login",
        data={
            "SAMLRequest": _field(form_page.text, "SAMLRequest"),
            "RelayState": _field(form_page.text, "RelayState"),
            "username": username,
            **fields,
        },
        timeout=10,
    )
    assert answer.ok, answer.text
    action = unescape(re.search(r'action="([^"]*)"', answer.text).group(1))
    return Posted(action, _field(answer.text, "SAMLResponse"), _field(answer.text, "RelayState"))
