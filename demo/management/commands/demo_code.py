"""The code an authenticator app with the demo's published key shows now (demo/story.toml)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from demo.seed.people import demo_key_hex


class Command(BaseCommand):
    help = "Print the demo's second-step code for comms staff and the administrator."

    def handle(self, *args, **options):
        left = 30 - int(time.time()) % 30
        code = totp(bytes.fromhex(demo_key_hex()))
        self.stdout.write(f"{code:06d}  (valid for {left} more seconds, then the next one)")
