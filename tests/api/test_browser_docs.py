"""The API docs page in a real browser: no CSP errors, accessible (axe-core), usable at 320 px, links work."""

import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_works_under_the_strict_csp_and_at_320px(live_server, page, world, settings):
    settings.SITE_URL = live_server.url
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/api/v1/docs")
    assert page.get_by_role("heading", level=1).inner_text() == "Open data: uitleg voor ontwikkelaars"
    assert_accessible(page)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e]
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1
    page.screenshot(path="test-artifacts/api-docs-320.png", full_page=False)

    page.set_viewport_size({"width": 1024, "height": 900})
    page.screenshot(path="test-artifacts/api-docs-1024.png", full_page=True)
    page.get_by_role("link", name="GET /api/v1/themes").click()
    assert page.url.endswith("#api_directory_theme_list")
    page.locator("#api_directory_theme_list ~ p a").first.click()
    assert '"results"' in page.content()
