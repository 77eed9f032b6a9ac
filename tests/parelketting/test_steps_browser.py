"""At 390 px with JavaScript: each step of the pearl form opens with its heading ("Stap 2 van 4: waar is het?") in
sight and the focus on the step, also the step with the map, which is taller than a phone's screen."""

import re

import pytest

from tests.browser import assert_accessible

from .conftest import open_pearl_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADING_IN_SIGHT = """() => {
    const step = document.querySelector('fieldset.pk-step:not([hidden])');
    const box = step.querySelector('legend').getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, height: window.innerHeight, focused: document.activeElement === step,
            legend: step.querySelector('legend').innerText};
}"""


def _heading(page):
    page.wait_for_timeout(200)
    seen = page.evaluate(HEADING_IN_SIGHT)
    assert seen["focused"], seen
    assert seen["top"] >= 0 and seen["bottom"] <= seen["height"], seen
    return seen["legend"]


def test_every_step_opens_with_its_heading_in_sight_at_390_px(live_server, phone_page, world):
    page = open_pearl_form(phone_page(), live_server, world.users.resident_zuidwijk)
    assert _heading(page).startswith("Stap 2 van 4")
    assert_accessible(page)
    page.get_by_label("Straat").select_option("Spui")  # the place, so step 2 is complete
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Volgende stap").click()
    assert _heading(page).startswith("Stap 3 van 4")
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Volgende stap").click()
    assert _heading(page).startswith("Stap 4 van 4")
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Vorige stap").click()
    page.locator("fieldset.pk-step:not([hidden])").get_by_role("button", name="Vorige stap").click()
    assert _heading(page).startswith("Stap 2 van 4")


def test_without_javascript_step_2_asks_only_the_questions_for_the_chosen_kind(live_server, phone_page, world):
    page = phone_page(javascript=False)
    page.goto(live_server.url + "/parelketting/nieuw/?wijk=" + world.zuidwijk.slug)
    person_question = page.get_by_label(re.compile("^Waar kunnen buren u ontmoeten"))
    street = page.get_by_label("In welke straat is het?")
    page.get_by_label(re.compile("^Een fijne plek")).check()
    assert street.is_visible() and person_question.is_hidden()
    page.get_by_label(re.compile("^Een mens")).check()
    assert person_question.is_visible() and street.is_hidden()
    assert page.locator("#pk-picker").is_hidden()
