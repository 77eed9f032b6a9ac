"""The pearl form's steps in Chromium at 390 px, by keyboard only: "Volgende stap" checks the step's own questions
first and shows the GOV.UK error summary (the server's markup) with focus, linking to the fields, each message tied
to its field by aria-describedby; the last step is checked before sending. A photo chosen before a server-side
error is kept and sent on the next try. axe-core checks each state."""

import re

import pytest
from playwright.sync_api import expect

from parelketting.models import Pearl
from tests.browser import assert_accessible, tab_to

from .conftest import gps_exif, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEP = "#pk-form .pk-step:not([hidden])"


def _press_next(page):
    tab_to(page, f"{STEP} .pk-step-nav button:last-child")
    page.keyboard.press("Enter")


def _summary(page):
    expect(page.locator("#fouten")).to_be_focused()  # the summary has the focus
    return page.locator("#fouten a").all_inner_texts()


def _follow_first_link(page, field_id):
    page.keyboard.press("Tab")  # the first link in the summary
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == field_id


def _described(page, field_id):
    return page.locator(f"#{field_id}").get_attribute("aria-describedby") or ""


def test_each_step_is_checked_before_the_next_and_a_photo_survives_a_server_error(live_server, page, world, tmp_path):
    photo = tmp_path / "bankje.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900), exif=gps_exif()))
    notes = tmp_path / "notities.txt"
    notes.write_text("geen foto")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/parelketting/nieuw/?wijk=" + world.zuidwijk.slug)
    page.wait_for_selector("#pk-picker.pk-ready", state="attached")

    # Step 1, nothing typed: the summary names both questions; the fields carry their messages.
    _press_next(page)
    assert _summary(page) == ["Geef uw parel een korte naam.", "Vertel in een paar woorden over uw parel."]
    assert page.locator(f"{STEP} legend").first.inner_text().startswith("Stap 1 van 4")
    assert "id_title_errors" in _described(page, "id_title") and "id_title_helptext" in _described(page, "id_title")
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title_errors").inner_text() == "Geef uw parel een korte naam."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    _follow_first_link(page, "id_title")
    page.keyboard.type("Het bankje bij de vijver")
    tab_to(page, "#id_story")
    page.keyboard.type("Hier zit ik elke ochtend in de zon.")
    _press_next(page)

    # Step 2: the summary is gone, the step has the focus; without a place it asks where it is.
    assert page.locator("#fouten").count() == 0
    assert page.evaluate("document.activeElement.id") == "pk-where"
    assert page.locator("#id_title").get_attribute("aria-invalid") is None
    _press_next(page)
    assert _summary(page) == ["Waar is deze plek? Zet de parel op de kaart, kies een straat of beschrijf de plek."]
    assert_accessible(page)
    _follow_first_link(page, "id_location_description")
    page.keyboard.type("Bij de vijver achter de kerk")
    _press_next(page)

    # Step 3: a file that is not a photo is refused before sending.
    page.get_by_label(re.compile("^Een foto erbij")).set_input_files(str(notes))  # the file dialog is the OS's
    _press_next(page)
    assert _summary(page) == ["Dit soort bestand kunnen wij niet plaatsen. Kies een foto (JPG, PNG of WebP)."]
    page.get_by_label(re.compile("^Een foto erbij")).set_input_files(str(photo))
    _press_next(page)

    # Step 4: a wrong e-mail address is caught before sending.
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")  # "Nee" -> "Ja, mail mij"
    tab_to(page, "#id_email")
    page.keyboard.type("buur@")
    tab_to(page, "#pk-submit-row button[type=submit]")
    page.keyboard.press("Enter")
    assert _summary(page) == ["Dit e-mailadres klopt niet. Kijk het nog eens na."]
    assert page.url.endswith("?wijk=" + world.zuidwijk.slug)  # nothing sent
    _follow_first_link(page, "id_email")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    # A phone number typed for "bel mij", then the answer changed back to "Nee": the number is out of sight,
    # and only the server asks about it.
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.name") != "contact_preference":
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "email"
    page.keyboard.press("ArrowDown")  # "Ja, mail mij" -> "Ja, bel mij": only the phone field shows
    tab_to(page, "#id_phone")
    page.keyboard.type("0186 123 456")
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.name") != "contact_preference":
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "phone"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # back to "Nee"
    assert page.evaluate("document.activeElement.value") == ""
    assert not page.locator("#id_phone").is_visible()
    tab_to(page, "#pk-submit-row button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#fouten")
    expect(page.locator("#fouten")).to_be_focused()
    assert not Pearl.objects.exists()
    assert page.locator(f"{STEP} #id_phone").is_visible()  # the step with the problem is open
    assert_accessible(page)
    # The photo is kept: step 3 shows it, nobody has to choose it again.
    tab_to(page, f"{STEP} .pk-step-nav button:first-child")  # "Vorige stap"
    page.keyboard.press("Enter")
    kept = page.locator("#bewaarde-foto")
    assert kept.is_visible() and "Uw foto is bewaard." in kept.inner_text()
    assert kept.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    _press_next(page)
    tab_to(page, "#id_phone")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    tab_to(page, "#pk-submit-row button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/parelketting/bedankt/"))
    assert_accessible(page)
    pearl = Pearl.objects.get()
    assert pearl.photo and pearl.location_description == "Bij de vijver achter de kerk"
    with pearl.photo.open("rb") as stored:
        assert b"Exif" not in stored.read()


def test_without_javascript_the_form_is_one_page_and_keeps_the_photo(live_server, browser, world, tmp_path):
    from tests.browser import _only_loopback

    photo = tmp_path / "bankje.jpg"
    photo.write_bytes(jpeg_bytes(size=(800, 600)))
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    context.route("**/*", _only_loopback)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/parelketting/nieuw/?wijk=" + world.zuidwijk.slug)
        assert page.locator("#pk-form fieldset.pk-step:not([hidden])").count() == 4  # all steps on one page
        assert page.locator(".pk-step-nav").count() == 0
        page.get_by_label(re.compile("^Een foto erbij")).set_input_files(str(photo))
        page.get_by_role("button", name="Parel versturen").click()
        page.wait_for_load_state()
        assert page.locator("#fouten a").count() >= 2  # title and story, from the server
        assert "Uw foto is bewaard." in page.locator("#bewaarde-foto").inner_text()
        # (axe-core needs JavaScript: the same page with it is checked in the test above)
        page.get_by_label("Geef uw parel een korte naam").fill("Het bankje")
        page.get_by_label("Vertel erover in uw eigen woorden").fill("Hier zit ik graag.")
        page.get_by_label(re.compile("^Beschrijf de plek")).fill("Bij de kerk")
        page.get_by_role("button", name="Parel versturen").click()
        page.wait_for_url(re.compile(r"/parelketting/bedankt/"))
        assert Pearl.objects.get().photo
    finally:
        context.close()
