"""Load the demo organisation: its people, and every app's demo content (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.seed import PARTS


class Command(BaseCommand):
    help = "Load the demo organisation (idempotent)."

    def handle(self, *args, **options):
        for name, seed in PARTS:
            with transaction.atomic():
                seed()
            self.stdout.write(f"Demo content of {name} is in place.")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
