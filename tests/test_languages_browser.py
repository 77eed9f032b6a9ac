"""Every public page works in Arabic (right to left) on a 320 px phone, and in Turkish, with no text overflowing."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/privacy/",
    "/toegankelijkheid/",
    "/accounts/login/",
    "/parelketting/",
    "/parelketting/lijst/",
    "/parelketting/programma/archief/",
    "/droomhuis/",
    "/droomhuis/volgen/",
    "/droomhuis/dromenmuur/",
]

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    if (el.closest('.leaflet-container, .visually-hidden, .honeypot, .skip-link')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) bad.push(el.tagName + '.' + el.className + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
  }
  return {scroll: document.documentElement.scrollWidth - width, bad: bad.slice(0, 5)};
}"""


def _demo():
    with override_settings(DEBUG=True):
        call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))


def _pages():
    from parelketting.models import Pearl

    pearl = Pearl.objects.published().filter(kind="place").first()
    return PUBLIC_PAGES + ([pearl.get_absolute_url()] if pearl else [])


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("tr", "ltr")])
def test_public_pages_in_other_languages_at_320_px(live_server, page, language, direction):
    _demo()
    page.set_viewport_size({"width": 320, "height": 640})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    for path in _pages():
        page.goto(live_server.url + path)
        html = page.locator("html")
        assert html.get_attribute("lang") == language, path
        assert html.get_attribute("dir") == direction, path
        result = page.evaluate(OVERFLOW)
        assert result["scroll"] <= 0 and result["bad"] == [], (path, result)
        assert_accessible(page)


def test_the_language_switch_remembers_arabic_without_an_account(live_server, page):
    _demo()
    page.goto(live_server.url + "/")
    page.get_by_label("Taal").select_option("ar")
    page.get_by_role("button", name="Kies").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(live_server.url + "/parelketting/")
    assert page.locator("html").get_attribute("dir") == "rtl"
