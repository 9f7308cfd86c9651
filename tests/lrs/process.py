"""Running Ralph (a real learning record store, file-system backend) as a separate process,
from its own virtualenv (`make test` builds var/ralph-venv from requirements-ralph.lock)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
RALPH_VENV = ROOT / "var" / "ralph-venv"
USERNAME = "academy"
PASSWORD = "s3cret"  # noqa: S105 (a throwaway LRS account)
HEADERS = {"X-Experience-API-Version": "1.0.3"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningLrs:
    endpoint: str  # the xAPI base, without the trailing slash
    log: Path

    def get(self, **params) -> requests.Response:
        return requests.get(
            f"{self.endpoint}/statements",
            params=params,
            auth=(USERNAME, PASSWORD),
            headers=HEADERS,
            timeout=10,
        )


def ralph_python() -> Path:
    python = RALPH_VENV / "bin" / "python"
    if not python.exists():
        message = "Ralph is not installed in var/ralph-venv (make test installs it)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return python


@contextlib.contextmanager
def running_ralph(state_dir: Path) -> Iterator[RunningLrs]:
    """Ralph on a free port of 127.0.0.1 with one user (USERNAME, PASSWORD), its statements in
    `state_dir`/data, until the block ends."""
    python = ralph_python()
    (state_dir / "data").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_AUTH_FILE": str(state_dir / "auth.json"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(state_dir / "data"),
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(state_dir / "data"),
    }
    # Ralph reads a .env from its working directory: the state directory has none.
    subprocess.run(  # noqa: S603 (Ralph's own command line)
        [
            str(RALPH_VENV / "bin" / "ralph"),
            "auth",
            "-u",
            USERNAME,
            "-p",
            PASSWORD,
            "-s",
            "all",
            "-M",
            "mailto:lrs@academy.example",
            "-w",
        ],
        cwd=state_dir,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = state_dir / "ralph.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (Ralph's interpreter and our launcher)
            [str(python), str(ROOT / "tests" / "lrs" / "serve.py"), str(port)],
            cwd=state_dir,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: requests.get(f"{base}/__heartbeat__", timeout=2).ok,
            timeout=60,
            ignoring=(requests.ConnectionError,),
            message=lambda: log.read_text()[-3000:],
        )
        yield RunningLrs(endpoint=f"{base}/xAPI", log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
