"""Add or update one neighbourhood's streets (with points and house numbers) from a CSV file."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijk.models import Neighbourhood
from wijk.services import STREET_COLUMNS, streets_import


class Command(BaseCommand):
    help = (
        "Add or update a neighbourhood's streets from a CSV file with the columns "
        + ", ".join(STREET_COLUMNS)
        + ". All or nothing; running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)
        parser.add_argument("--wijk", required=True, help="The neighbourhood's short name (slug).")

    def handle(self, *, csv: Path, wijk: str, **options):
        try:
            neighbourhood = Neighbourhood.objects.get(slug=wijk)
        except Neighbourhood.DoesNotExist as exc:
            known = ", ".join(Neighbourhood.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No neighbourhood with the short name {wijk!r} (known: {known}).") from exc
        try:
            text = csv_path_text(csv)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {csv}: {exc}") from exc
        reader = csv_reader(text)
        missing = [c for c in ("naam",) if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"The first line must name the columns {', '.join(STREET_COLUMNS)}; 'naam' is missing.")
        result = streets_import(neighbourhood=neighbourhood, rows=reader)
        if result.errors:
            raise CommandError("Nothing was imported:\n" + "\n".join(result.errors))
        self.stdout.write(
            f"{neighbourhood.name}: {result.created} new, {result.updated} changed, {result.unchanged} unchanged."
        )


def csv_path_text(path: Path) -> str:
    # utf-8-sig: a file saved by a spreadsheet often starts with a byte-order mark.
    return path.read_text(encoding="utf-8-sig")


def csv_reader(text: str) -> csv.DictReader:
    lines = text.splitlines()
    # Spreadsheets in Dutch save with semicolons (the comma is the decimal sign): take whichever the header uses.
    delimiter = ";" if lines and lines[0].count(";") > lines[0].count(",") else ","
    return csv.DictReader(lines, delimiter=delimiter)
