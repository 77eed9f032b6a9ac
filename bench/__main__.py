"""Run every benchmark module against a scratch database and print ``bench:`` lines.

Usage: ``python -m bench [module ...]``. The scratch database is a fresh SQLite file unless
``BENCH_DATABASE_URL`` names another (for example a PostgreSQL database that may be emptied).
"""

import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url is None:
        # A fresh file per run, so two runs at the same time never share a database.
        scratch = Path(tempfile.mkdtemp(prefix="wijkportaal-bench-")) / "bench.sqlite3"
        url = f"sqlite:///{scratch}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings.test")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)
    if url.startswith("postgres"):
        call_command("flush", verbosity=0, interactive=False)

    package = Path(__file__).parent
    # The mixed workload reads the pages the other modules filled, so it comes last.
    found = sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name not in ("common", "server"))
    names = argv or sorted(found, key=lambda name: name == "mixed")
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "run"):
            module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
