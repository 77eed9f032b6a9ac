"""Lighthouse on the pages residents start from: ``make lighthouse`` (not part of CI).

Runs npm ``lighthouse@12.2.3`` with the system's Chromium (Debian package ``chromium``), mobile preset, on both
front doors, a pearl page, a walk and the dream form, and prints accessibility, best practices and cumulative
layout shift per page. Targets: accessibility 100, best practices at least 95, layout shift under 0.1; the
exit code is 1 when a page misses one.

Lighthouse lives in its own folder ``.lighthouse/`` (installed there on first use), never in the project's
``node_modules``. Without ``LIGHTHOUSE_URL`` the script builds the demo in a scratch SQLite database and serves
it with ``runserver`` on ``LIGHTHOUSE_PORT`` (8011 unless set); with ``LIGHTHOUSE_URL`` it tests that server.
Reports (JSON) go to ``test-artifacts/lighthouse/``.
"""

import json
import os
import shutil
import subprocess  # nosec B404  # a developer tool: it runs npm and node
import sys

from PIL import Image
from scratch_demo import ROOT, scratch_demo

PREFIX = ROOT / ".lighthouse"
VERSION = "12.2.3"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = ROOT / "test-artifacts" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TARGETS = {"accessibility": 1.0, "best-practices": 0.95}
CLS_LIMIT = 0.1

# The demo's pages: the pearl and the walk are found in the scratch database (see ``_demo_paths``).
FIXED_PATHS = [
    ("Voordeur Zuidwijk", "/zuidwijk/"),
    ("Voordeur Hagedoorn", "/hagedoorn/"),
    ("Droomformulier", "/droomhuis/"),
]


def _install() -> None:
    if CLI.exists():
        return
    PREFIX.mkdir(exist_ok=True)
    package = PREFIX / "package.json"
    if not package.exists():
        package.write_text('{"private": true, "description": "Lighthouse for bin/lighthouse.py only"}\n')
    npm = shutil.which("npm") or "npm"
    print(f"Installing lighthouse@{VERSION} in {PREFIX.relative_to(ROOT)}/")
    subprocess.run(  # noqa: S603  # nosec B603  # fixed arguments
        [npm, "install", "--no-audit", "--no-fund", "--no-save", f"lighthouse@{VERSION}"], cwd=PREFIX, check=True
    )


def _demo_paths(demo) -> list[tuple[str, str]]:
    code = (
        "from parelketting.models import Pearl, Route;"
        "p = Pearl.objects.published().exclude(photo='').order_by('pk').first() or Pearl.objects.published().first();"
        "r = Route.objects.published().order_by('pk').first();"
        "print(p.get_absolute_url()); print(r.get_absolute_url())"
    )
    found = [line for line in demo.manage("shell", "-v0", "-c", code).split() if line.startswith("/")]
    return [("Parel", found[0]), ("Wandeling", found[1])]


def _run(url: str, name: str) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{name.lower().replace(' ', '-')}.json"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    subprocess.run(  # noqa: S603  # nosec B603  # fixed arguments
        [
            shutil.which("node") or "node",
            str(CLI),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=accessibility,best-practices,performance",
            "--form-factor=mobile",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={flags}",
        ],
        check=True,
    )
    data = json.loads(report.read_text())
    audits = data["audits"]
    failed = [
        key
        for category in ("accessibility", "best-practices")
        for ref in data["categories"][category]["auditRefs"]
        if ref["weight"] and (audits[key := ref["id"]].get("score") is not None) and audits[key]["score"] < 1
    ]
    return {
        "accessibility": data["categories"]["accessibility"]["score"],
        "best-practices": data["categories"]["best-practices"]["score"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": failed,
    }


def _check(base: str, paths) -> bool:
    ok = True
    print(f"{'page':<22} {'accessibility':>13} {'best practices':>15} {'CLS':>7}")
    for name, path in paths:
        result = _run(base + path, name)
        good = (
            result["accessibility"] >= TARGETS["accessibility"]
            and result["best-practices"] >= TARGETS["best-practices"]
            and result["cls"] < CLS_LIMIT
        )
        ok &= good
        print(
            f"{name:<22} {round(result['accessibility'] * 100):>13} {round(result['best-practices'] * 100):>15} "
            f"{result['cls']:>7.3f} {'' if good else 'BELOW TARGET'}  {path}"
        )
        if result["failed"]:
            print(f"{'':<22} audits not passed: {', '.join(result['failed'])}")
    return ok


def main() -> None:
    _install()
    if os.environ.get("LIGHTHOUSE_URL"):
        base = os.environ["LIGHTHOUSE_URL"].rstrip("/")
        extra = [tuple(item.split("=", 1)) for item in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if "=" in item]
        sys.exit(0 if _check(base, FIXED_PATHS + extra) else 1)
    # Map tiles come from the internet; here one blank tile of our own, so the run works offline and a missing
    # tile is not counted as a console error of the page.
    tile_url = "/media/lighthouse-tile.png"
    with scratch_demo(port=os.environ.get("LIGHTHOUSE_PORT", "8011"), env={"MAP_TILE_URL": tile_url}) as demo:
        Image.new("RGB", (256, 256), (235, 235, 230)).save(demo.media / "lighthouse-tile.png")
        ok = _check(demo.base, FIXED_PATHS + _demo_paths(demo))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
