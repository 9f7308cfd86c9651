"""manage.py backup FILE.tar.gz: the database and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup (database and uploaded files) to a .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            manifest = backup_create(file)
        except BackupError as problem:
            raise CommandError(str(problem)) from problem
        folders = ", ".join(manifest["folders"]) or "no media folders"
        self.stdout.write(
            f"Backup of the {manifest['database']} database and {folders} written to {file}."
        )
