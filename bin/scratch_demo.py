"""The demo in a scratch SQLite database, served by ``runserver`` on 127.0.0.1, for the tools in bin/ that look at
the portal from outside (screenshots, Lighthouse). Nothing touches the developer's own database, photos or cache;
the scratch folder is gone afterwards.

    with scratch_demo(port=8010) as demo:
        demo.base          # http://127.0.0.1:8010
        demo.media         # the scratch photo folder, served at /media/
        demo.manage("shell", "-c", "...")  # another manage.py command against the same scratch database
"""

import os
import subprocess  # nosec B404  # developer tools: they run this checkout's manage.py, nothing else
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ScratchDemo:
    base: str
    media: Path
    env: dict

    def manage(self, *args: str) -> str:
        """Run a manage.py command against the scratch database; returns what it printed."""
        return subprocess.run(  # noqa: S603  # nosec B603  # our own manage.py
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # nosec B310  # our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


@contextmanager
def scratch_demo(*, port: int | str, env: dict | None = None, wait_seconds: float = 60):
    """Build the demo in a scratch database and serve it until the ``with`` block ends; ``env`` adds settings."""
    with tempfile.TemporaryDirectory(prefix="wijkportaal-demo-") as scratch:
        media = Path(scratch) / "media"
        media.mkdir()
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.dev",
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": str(media),
            "PORT": str(port),
            **(env or {}),
        }
        full_env.pop("REDIS_URL", None)  # the scratch database holds the cache too
        demo = ScratchDemo(base=f"http://127.0.0.1:{port}", media=media, env=full_env)
        for command in (["migrate", "-v0"], ["createcachetable"], ["loaddemo", "-v0"]):
            demo.manage(*command)
        server = subprocess.Popen(  # noqa: S603  # nosec B603  # fixed arguments, our own manage.py
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=full_env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(demo.base + "/health/", wait_seconds)
            yield demo
        finally:
            server.terminate()
            server.wait(timeout=10)
