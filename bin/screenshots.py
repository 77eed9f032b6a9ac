"""Screenshots of the neighbourhoods' front doors at 390 px, for the README: ``make screenshots``.

Builds the demo in a scratch SQLite database (photos in a scratch folder), serves it with ``runserver`` on
``SCREENSHOT_PORT`` (8010 unless set), and has Chromium photograph each front door: the first screen of a
390 x 844 phone, and the whole page. Writes ``docs/screenshots/voordeur-<wijk>-390*.png``. Nothing leaves the
machine: the browser may only reach the local server.
"""

import os
import subprocess  # nosec B404  # a developer tool: it runs this checkout's manage.py, nothing else
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
NEIGHBOURHOODS = ("zuidwijk", "hagedoorn")
PHONE = {"width": 390, "height": 844}
sys.path.insert(0, str(ROOT))


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # nosec B310  # our own server on 127.0.0.1
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def _shoot(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, _chromium_path

    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True)
        # bypass_csp: the page's CSP forbids evaluated strings, which Playwright's wait_for_function uses.
        context = browser.new_context(locale="nl-NL", viewport=PHONE, device_scale_factor=1, bypass_csp=True)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        for slug in NEIGHBOURHOODS:
            page.goto(f"{base}/{slug}/")
            page.wait_for_load_state("networkidle")
            first, whole = OUT / f"voordeur-{slug}-390.png", OUT / f"voordeur-{slug}-390-hele-pagina.png"
            page.screenshot(path=str(first))
            # Images below the fold load when scrolled to (loading="lazy"): load them all before the whole page.
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; })")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_load_state("networkidle")
            page.wait_for_function("[...document.images].every((img) => img.complete)")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(whole), full_page=True)
            written += [first, whole]
        browser.close()
    return written


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    port = os.environ.get("SCREENSHOT_PORT", "8010")
    with tempfile.TemporaryDirectory(prefix="wijkportaal-screenshots-") as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.dev",
            "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{scratch}/media",
            "PORT": port,
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        env.pop("REDIS_URL", None)  # the scratch database holds the cache too
        for command in (["migrate", "-v0"], ["createcachetable"], ["loaddemo", "-v0"]):
            subprocess.run([*manage, *command], check=True, env=env, cwd=ROOT)  # noqa: S603  # nosec B603  # fixed
        server = subprocess.Popen(  # noqa: S603  # nosec B603  # fixed arguments, our own manage.py
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base + "/health/")
            for path in _shoot(base):
                print(f"screenshot: {path.relative_to(ROOT)}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
