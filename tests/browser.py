"""Real-browser fixtures: Debian's Chromium driven by Playwright, plus an axe-core check.

Use ``page`` together with pytest-django's ``live_server`` and ``@pytest.mark.django_db(transaction=True)``.
Map tiles and any request that leaves this machine are blocked, so tests never touch the internet.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Chromium is not installed: run `make test`, which installs it.")


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _only_loopback(route):
    host = urlparse(route.request.url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1024, "height": 800})
    context.route("**/*", _only_loopback)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def phone_page(browser, request):
    """``phone_page(javascript=True, **context_args)``: a new page on a 390 × 844 phone screen in Dutch, loopback
    only (``context_args`` as Playwright's ``new_context`` takes them, e.g. a geolocation), a screenshot kept when
    the test fails; closed after the test."""
    contexts = []

    def make(*, javascript: bool = True, **context_args):
        context = browser.new_context(
            locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=javascript, **context_args
        )
        context.route("**/*", _only_loopback)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    failed = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts):
        if failed is not None and failed.failed and context.pages:
            ARTIFACTS.mkdir(exist_ok=True)
            context.pages[0].screenshot(path=str(ARTIFACTS / f"{request.node.name}-{number}.png"), full_page=True)
        context.close()


def log_in(page, live_server, user):
    """Sign ``user`` in for the browser ``page`` (or a browser context): a session made by Django's test client,
    handed to the browser as its session cookie. Logging in as someone else replaces the session."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = getattr(page, "context", page)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (WCAG 2.x A and AA rules) on the current page; return the violations of ``impacts``."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def assert_accessible(page):
    """Fail with a readable list when axe-core finds a serious or critical problem on the page."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core found problems on {page.url}: {violations}"


def tab_to(page, selector=None, *, text=None, limit=80):
    """Press Tab until the focused element matches ``selector`` (CSS) or shows ``text`` (its words, or a field's
    value), keyboard only, like a real user. Returns the texts of the elements focused on the way, the last one
    included, so a test can check the order."""
    seen = []
    for _ in range(limit):
        focused = page.evaluate(
            """(s) => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                return {text: (el.innerText || el.value || '').trim(), match: s !== null && el.matches(s)};
            }""",
            selector,
        )
        if focused:
            seen.append(focused["text"])
            if focused["match"] or (text is not None and focused["text"] == text):
                return seen
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach {selector or text!r} with the Tab key; passed {seen}")


def shot(page, name):
    """A whole-page screenshot ``<name>-<width>.png`` into the folder ``WERKPLEK_SHOTS`` names, when it is set (to
    look at the pages); nothing otherwise."""
    folder = os.environ.get("WERKPLEK_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}-{page.viewport_size['width']}.png"), full_page=True)
