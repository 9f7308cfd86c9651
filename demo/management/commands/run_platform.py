"""Start the web server and the django-q2 worker together; Ctrl-C stops both."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed.people import logins

ERROR_DEBUG_NOT_LOCAL = (
    "DEBUG is on (ACADEMY_DEBUG) while serving on {host}: Django's debug page would show "
    "settings and source code to everyone who can reach it. Serve on 127.0.0.1, or unset "
    "ACADEMY_DEBUG."
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Command(BaseCommand):
    help = "Run the web server and the qcluster worker until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port: str, host: str, **options):
        if settings.DEBUG and not is_loopback(host):
            raise CommandError(ERROR_DEBUG_NOT_LOCAL.format(host=host))
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex((host, int(port))) == 0:
                raise CommandError(
                    f"Port {port} on {host} is in use: stop the other server, or choose "
                    f"another port (PORT=8001 make run)."
                )
        manage = [sys.executable, "manage.py"]
        # Links in e-mails and certificates point at this server unless SITE_URL says otherwise.
        os.environ.setdefault("SITE_URL", f"http://{host}:{port}")
        # The demo's e-mails (well over a hundred once the worker starts) go to files, not to
        # the terminal, where they would push the banner out of sight; the banner names them.
        mail_folder = None
        if not os.environ.get("EMAIL_URL"):
            mail_folder = Path(settings.BASE_DIR) / "var" / "mail"
            os.environ["EMAIL_URL"] = mail_folder.as_uri()
        processes = [
            subprocess.Popen([*manage, "runserver", "--noreload", f"{host}:{port}"]),  # noqa: S603
            subprocess.Popen([*manage, "qcluster"]),  # noqa: S603
        ]
        stopping = False
        self._wait_until_serving(host, port, processes)
        self._banner(host, port, mail_folder)

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 10
            for process in processes:
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    process.kill()
            self.stdout.write("Stopped the web server and the worker.")
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGINT, None)]
        if failed and not stopping:
            raise SystemExit(1)

    def _wait_until_serving(self, host: str, port: str, processes) -> None:
        """Print the banner only once the site answers, so it is the last thing on screen."""
        url = f"http://{host}:{port}/healthz/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and all(p.poll() is None for p in processes):
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own address)
                    return
            except OSError:
                time.sleep(0.5)

    def _banner(self, host: str, port: str, mail_folder: Path | None) -> None:
        demo = logins()
        lines = [
            "",
            f"  Ambassador Academy runs on http://{host}:{port}/",
            f"  CMS (comms staff, administrators): http://{host}:{port}/cms/",
            "",
            f"  Demo logins (password for all: {demo['password']})",
            f"    employee, not joined yet:  {demo['not_joined']}",
            f"    employees in stage 2 / 3:  {demo['curation']} / {demo['production']}",
            f"    employee with missions:    {demo['with_missions']} (stage 1)",
            f"    mentor and team lead:      {demo['mentor']} (mentor desk, mission review)",
            f"    comms staff:               {demo['comms']} (insights, CMS)",
            f"    administrator:             {demo['admin']}",
            "  Comms staff and the administrator confirm each sign-in with a second step: a code",
            f"  from an authenticator app holding the demo key {demo['two_factor_key']}",
            "  (any app, time-based), or `python manage.py demo_code` for the code of this moment.",
            "",
        ]
        if mail_folder is not None:
            lines += [
                "  E-mails (invitations, notifications, password resets) are written to files",
                f"  in {mail_folder}{os.sep}, not shown here (EMAIL_URL=console:// shows them).",
                "",
            ]
        lines += [
            "  Press Ctrl-C to stop the web server and the worker.",
            "",
        ]
        self.stdout.write("\n".join(lines))
