"""In Chromium at 390 px, by keyboard only: a visitor without an account puts in a pearl with a photo, in at
most three screens, and follows it by its code. axe-core checks every page; screens and typed fields are counted."""

import re

import pytest
from django.core import mail

from parelketting.choices import PearlStatus
from parelketting.models import Pearl
from tests.browser import assert_accessible, tab_to

from .conftest import gps_exif, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next_step(page):
    tab_to(page, "#pk-form .pk-step:not([hidden]) .pk-step-nav button:last-child")
    page.keyboard.press("Enter")


def test_an_anonymous_pearl_with_a_photo_in_three_screens(live_server, page, world, tmp_path):
    photo = tmp_path / "bankje.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900), exif=gps_exif()))
    page.set_viewport_size({"width": 390, "height": 844})
    screens, typed = 0, 0

    page.goto(live_server.url + "/parelketting/nieuw/")
    screens += 1  # 1: which neighbourhood
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tab_to(page, "#id_neighbourhood")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "Kies uw wijk" -> Hagedoorn -> Zuidwijk
    assert page.evaluate("document.activeElement.value") == str(world.zuidwijk.pk)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#pk-picker.pk-ready", state="attached")
    screens += 1  # 2: the pearl form, one step at a time
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tab_to(page, "#id_title")
    page.keyboard.type("Het bankje bij de vijver")
    typed += 1
    tab_to(page, "#id_story")
    page.keyboard.type("Hier zit ik elke ochtend in de zon.")
    typed += 1
    _next_step(page)
    tab_to(page, "#id_location_description")  # "Lukt de kaart niet? Beschrijf de plek"
    page.keyboard.type("Bij de vijver achter de kerk")
    typed += 1
    _next_step(page)
    page.get_by_label(re.compile("^Een foto erbij")).set_input_files(str(photo))  # the file dialog is the OS's
    _next_step(page)
    assert_accessible(page)
    tab_to(page, "input[name=contact_preference]")
    page.keyboard.press("ArrowDown")  # "Nee, ik hoef niets terug te horen" -> "Ja, mail mij"
    assert page.evaluate("document.activeElement.value") == "email"
    tab_to(page, "#id_email")
    page.keyboard.type("buur@example.nl")
    typed += 1
    tab_to(page, "#pk-submit-row button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/parelketting/bedankt/"))
    screens += 1  # 3: thank you, with the follow code
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    pearl = Pearl.objects.get()
    code = page.locator("#volgcode").inner_text()
    assert code == pearl.follow_code_display
    assert pearl.status == PearlStatus.SUBMITTED and pearl.submitter.user is None
    assert pearl.submitter.email == "buur@example.nl" and pearl.location_description == "Bij de vijver achter de kerk"
    assert pearl.photo
    with pearl.photo.open("rb") as stored:
        assert b"Exif" not in stored.read()
    assert any(pearl.follow_code in message.body for message in mail.outbox)
    assert (screens, typed) == (3, 4)  # neighbourhood, form, thanks; title, story, place, e-mail address

    tab_to(page, "main a[href*='/parelketting/volgen/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/parelketting/volgen/"))
    assert "In behandeling" in page.content()
    assert_accessible(page)
