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


def _signup_pages():
    """An activity with the sign-up form for people without an account, the page to find a sign-up by its code,
    and the page of a sign-up by phone (digits must keep their order in Arabic) and of a cancelled one."""
    from django.urls import reverse

    from parelketting.models import Activity
    from parelketting.programme.services import signup_cancel, signup_create_anonymous

    activity = Activity.objects.published().upcoming().filter(capacity__gt=0).order_by("starts_at").first()
    assert activity is not None, "the demo has activities to come"
    by_phone = signup_create_anonymous(
        activity=activity, name="Fatma Yilmaz", contact_preference="phone", phone="0186 123 456"
    )
    cancelled = signup_create_anonymous(activity=activity, name="Henk de Vries")
    signup_cancel(signup=cancelled, with_code=True)
    return [
        activity.get_absolute_url(),
        reverse("parelketting:signup_find"),
        reverse("parelketting:signup_status", kwargs={"code": by_phone.reference}),
        reverse("parelketting:signup_status", kwargs={"code": cancelled.reference}),
    ]


def _pages():
    from parelketting.models import Pearl

    pearl = Pearl.objects.published().filter(kind="place").first()
    return PUBLIC_PAGES + ([pearl.get_absolute_url()] if pearl else []) + _signup_pages()


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
        if "0186 123 456" in page.content():  # a phone number keeps its digits in order, right to left too
            assert page.locator('bdi[dir="ltr"]', has_text="0186 123 456").count() >= 1, path
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
