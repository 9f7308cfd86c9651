"""manage.py restore FILE.tar.gz: a backup into an empty database and the media folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            manifest = backup_restore(file)
        except BackupError as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"Restored the backup of {manifest['created']} from {file}.")
