"""A resident logs in with a code from their e-mail, in a real browser, and the pages pass axe-core."""

import re

import pytest
from django.core import mail

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_logs_in_by_code_with_keyboard_only(live_server, page, world):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"

    page.get_by_role("link", name="Inloggen").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("code", re.I)).first.click()
    assert_accessible(page)

    page.get_by_label(re.compile("E-mail", re.I)).fill("bewoner@zuidwijk.test")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    assert_accessible(page)

    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([0-9]{5}-[0-9]{5})\s*$", mail.outbox[0].body, re.M).group(1)
    page.get_by_label(re.compile("code", re.I)).fill(code)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/mijn-account/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn account"
    assert "bewoner@zuidwijk.test" in page.content()
    assert_accessible(page)


def test_home_at_320_px_has_no_horizontal_scroll(live_server, page, world):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_wrong_password_marks_the_fields_on_a_phone(live_server, phone_page, world, javascript):
    """A wrong password, on a phone, with or without JavaScript: the summary has focus and links to the password
    field, which says what is wrong (aria-invalid, its message read with it), as does the e-mail field."""
    page = phone_page(javascript=javascript)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mailadres").fill("bewoner@zuidwijk.test")
    page.get_by_label("Wachtwoord", exact=True).fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector(".error-summary")
    assert page.url.endswith("/accounts/login/")
    password = page.locator("#id_password")
    assert password.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_login").get_attribute("aria-invalid") == "true"
    assert "id_password_errors" in password.get_attribute("aria-describedby").split()
    assert page.locator("#id_password_errors").inner_text() == "Het e-mailadres of het wachtwoord klopt niet."
    if javascript:
        assert page.evaluate("document.activeElement.id") == "fouten"
        assert_accessible(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "id_password"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
