"""Copy every uploaded file (photos) from the configured storage into a folder, for ``bin/backup``."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from lib.media_backup import export_media


class Command(BaseCommand):
    help = "Copy every uploaded file from the storage (disk or S3-compatible) into a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *, folder: Path, **options):
        folder.mkdir(parents=True, exist_ok=True)
        count = export_media(default_storage, folder)
        self.stdout.write(f"{count} file(s) copied from the storage.")
