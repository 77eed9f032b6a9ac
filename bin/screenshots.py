"""Screenshots of the neighbourhoods' front doors at 390 px, for the README: ``make screenshots``.

Builds the demo in a scratch SQLite database (photos in a scratch folder), serves it with ``runserver`` on
``SCREENSHOT_PORT`` (8010 unless set), and has Chromium photograph each front door: the first screen of a
390 x 844 phone, and the whole page. Writes ``docs/screenshots/voordeur-<wijk>-390*.png``. Nothing leaves the
machine: the browser may only reach the local server.
"""

import os
import sys
from pathlib import Path

from scratch_demo import ROOT, scratch_demo

OUT = ROOT / "docs" / "screenshots"
NEIGHBOURHOODS = ("zuidwijk", "hagedoorn")
PHONE = {"width": 390, "height": 844}
sys.path.insert(0, str(ROOT))


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
    with scratch_demo(port=os.environ.get("SCREENSHOT_PORT", "8010")) as demo:
        for path in _shoot(demo.base):
            print(f"screenshot: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
