"""In Chromium at 390 px, by keyboard only: someone without an account signs up for a full activity, lands on
the waiting list with a reference code, and cancels with that code on the public page. axe-core checks every
page; screens and typed fields are counted. A failed try puts the error summary in focus (HTML autofocus)."""

import re

import pytest
from playwright.sync_api import expect

from parelketting.choices import SignUpStatus
from parelketting.models import SignUp
from parelketting.programme.services import signup_create
from tests.browser import ARTIFACTS, assert_accessible, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width=390):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways"


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"signup-{name}.png"), full_page=True)


def test_anonymous_sign_up_lands_on_the_waiting_list_and_is_cancelled_by_its_code(
    live_server, page, world, make_activity, zuidwijk_residents
):
    activity = make_activity(capacity=1, title="Samen koken")
    (neighbour,) = zuidwijk_residents(1)
    signup_create(activity=activity, resident=neighbour)  # the one place is taken
    page.set_viewport_size({"width": 390, "height": 844})
    screens, typed = 0, 0

    page.goto(live_server.url + activity.get_absolute_url())
    screens += 1  # 1: the activity, with the sign-up form on it
    assert_accessible(page)
    _fits(page)
    _shot(page, "1-activity")
    tab_to(page, "#id_name")
    page.keyboard.type("Fatma Yilmaz")
    typed += 1
    tab_to(page, "input[name=contact_preference]")
    assert page.evaluate("document.activeElement.value") == ""  # "Nee, ik kijk zelf" is chosen already
    page.keyboard.press("ArrowDown")  # -> "Ja, bel mij"
    assert page.evaluate("document.activeElement.value") == "phone"
    tab_to(page, "#id_phone")
    assert page.evaluate("document.activeElement.type") == "tel"
    page.keyboard.type("06 12 34 56 78")
    typed += 1
    tab_to(page, "#aanmelden button[type=submit]")
    assert page.evaluate("document.activeElement.innerText").strip() == "Zet mij op de wachtlijst"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/programma/aanmelding/[A-Z0-9]+/$"))
    screens += 1  # 2: on the waiting list, with the code to keep
    assert_accessible(page)
    _fits(page)
    _shot(page, "2-waiting")
    signup = SignUp.objects.get(resident__first_name="Fatma Yilmaz")
    assert signup.status == SignUpStatus.WAITING and signup.resident.user is None
    assert page.locator("h1").inner_text() == "U staat op de wachtlijst"
    code = page.locator("#aanmeldcode").inner_text()
    assert code == signup.reference_display
    assert "U bent nummer 1." in page.locator("main").inner_text()
    assert (screens, typed) == (2, 2)  # the activity with its form, the code; name and phone number

    # Later, on another day: the person types the code on the public page and cancels.
    page.context.clear_cookies()
    page.goto(live_server.url + "/parelketting/programma/aanmelding/")
    cancel_screens, cancel_typed = 1, 0  # 1: type the code
    assert_accessible(page)
    _fits(page)
    tab_to(page, "#id_code")
    page.keyboard.type(code.lower().replace("-", " "))  # as people copy it from paper
    cancel_typed += 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/programma/aanmelding/{signup.reference}/$"))
    cancel_screens += 1  # 2: the sign-up, with the button to cancel
    assert_accessible(page)
    _fits(page)
    assert page.locator("h1").inner_text() == "Uw aanmelding"
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("document.activeElement.innerText").strip() == "Ik kom toch niet: afmelden"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Weet u het zeker?")  # a slip is recoverable: nothing is cancelled yet
    cancel_screens += 1  # 3: are you sure?
    assert_accessible(page)
    signup.refresh_from_db()
    assert signup.status != SignUpStatus.CANCELLED
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("document.activeElement.innerText").strip() == "Ja, ik meld mij af"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.wait_for_selector("text=U bent afgemeld.")
    cancel_screens += 1  # 4: cancelled (the same page, now saying so)
    assert_accessible(page)
    _fits(page)
    _shot(page, "3-cancelled")
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CANCELLED
    assert page.locator("#aanmeldcode").count() == 0
    assert (cancel_screens, cancel_typed) == (4, 1)


def test_a_failed_try_puts_the_error_summary_in_focus_and_links_to_the_field(live_server, page, world, make_activity):
    """The summary at the top gets focus by the HTML ``autofocus`` attribute (no script of ours moves it); its
    link leads to the field, whose own message is linked by ``aria-describedby``; what was typed stays."""
    activity = make_activity()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + activity.get_absolute_url())
    tab_to(page, "#id_name")
    page.keyboard.type("Henk")
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # -> "Ja, mail mij", but no address typed
    tab_to(page, "#aanmelden button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#fouten")
    # Chromium applies autofocus at its next rendering step after the page is parsed: wait for it, a moment.
    # (Playwright's expect polls from outside the page; the page's CSP forbids wait_for_function's evaluated strings.)
    expect(page.locator("#fouten")).to_be_focused(timeout=5000)
    assert page.locator("#fouten").get_attribute("autofocus") is not None
    assert page.evaluate("document.getElementById('fouten').getBoundingClientRect().top") < 844
    assert_accessible(page)
    _fits(page)
    _shot(page, "4-error")
    link = page.locator("#fouten a")
    assert link.inner_text() == "Vul uw e-mailadres in, dan kunnen wij u mailen."
    assert link.get_attribute("href") == "#id_email"
    assert page.locator("#id_email").get_attribute("aria-describedby") == "id_email_errors"
    assert page.locator("#id_email_errors").inner_text() == "Vul uw e-mailadres in, dan kunnen wij u mailen."
    assert page.locator("#id_name").input_value() == "Henk"
    tab_to(page, "#fouten a")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#id_email"
    assert not SignUp.objects.exists()
