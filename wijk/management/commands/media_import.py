"""Put the files of a backup folder back into the configured storage, for ``bin/restore``."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from lib.media_backup import StorageNotEmpty, import_media


class Command(BaseCommand):
    help = "Put every file of a folder into the storage (disk or S3-compatible) under the same name; only new names."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *, folder: Path, **options):
        try:
            count = import_media(default_storage, folder)
        except StorageNotEmpty as exc:
            raise CommandError(f"The storage is not empty: {exc}. Restore only into an empty storage.") from exc
        self.stdout.write(f"{count} file(s) put in the storage.")
