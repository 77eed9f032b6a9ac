"""A moderator cancels an activity with a reason on a 390 px phone, by keyboard only: the Werkplek → the
activities → the activity with its sign-ups → "Laten vervallen" → the confirmation (who hears it, and how) → the
reason → done. Everyone signed up is told in their own way: an e-mail, a letter in the queue, a call task for the
person with only a phone number. axe-core finds nothing serious on any page. Screenshots go to ``WERKPLEK_SHOTS``
when that is set; the archive is shown to residents in Dutch and Arabic."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from parelketting.choices import ActivityStatus
from parelketting.models import Activity
from parelketting.programme.services import signup_create, signup_create_anonymous
from tests.browser import assert_accessible, log_in, shot, tab_to
from tests.factories import ResidentFactory
from wijk.choices import ContactPreference
from wijk.models import CallbackRequest, Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def breien(world, make_activity):
    activity = make_activity(title="Samen breien", capacity=2)
    post = ResidentFactory(
        neighbourhood=world.zuidwijk,
        first_name="Piet",
        display_name="Piet de Vries",
        contact_preference=ContactPreference.LETTER,
        postal_address="Spui 12\n3262 AB Oud-Beijerland",
    )
    signup_create(activity=activity, resident=world.residents.zuidwijk)
    signup_create(activity=activity, resident=post)
    signup_create_anonymous(activity=activity, name="Mira Yilmaz", contact_preference="phone", phone="0186 123 456")
    mail.outbox.clear()
    Letter.objects.all().delete()
    CallbackRequest.objects.all().delete()
    return activity


@pytest.mark.parametrize("width", [390, 1280])
def test_staff_cancel_an_activity_with_a_reason_by_keyboard(live_server, page, world, breien, width):
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/werkplek/")
    assert_accessible(page)
    shot(page, "werkplek-home-tools")
    tab_to(page, "a[href='/werkplek/activiteiten/']")
    page.keyboard.press("Enter")  # 1

    page.wait_for_url("**/werkplek/activiteiten/")
    assert "2 van 2 plaatsen bezet · 1 op de wachtlijst" in page.content()
    assert_accessible(page)
    shot(page, "werkplek-activities")
    tab_to(page, f"a[href='/werkplek/activiteiten/{breien.uid}/']")
    page.keyboard.press("Enter")  # 2

    page.wait_for_url(f"**/werkplek/activiteiten/{breien.uid}/")
    assert page.get_by_role("heading", name="Wachtlijst (1)").is_visible()
    assert page.locator("a[href='tel:+31186123456']").count() == 1
    assert_accessible(page)
    shot(page, "werkplek-activity-signups")
    tab_to(page, "a[href$='/laten-vervallen/']")
    page.keyboard.press("Enter")  # 3

    page.wait_for_url("**/laten-vervallen/")
    body = page.content()
    assert "1 krijgt een e-mail" in body and "1 krijgt een brief" in body and "1 wil gebeld worden" in body
    assert_accessible(page)
    tab_to(page, "#id_reason")
    page.keyboard.type("De organisator is ziek. Wij zoeken een nieuwe datum.")  # field 1
    shot(page, "activity-cancel-confirm")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")  # 4

    page.wait_for_url(f"**/werkplek/activiteiten/{breien.uid}/")
    message = page.locator(".messages, [role=status], .message").first.inner_text()
    assert "gaat niet door" in message and "1 belopdracht" in message, message
    assert_accessible(page)
    shot(page, "werkplek-activity-cancelled")

    breien.refresh_from_db()
    assert breien.status == ActivityStatus.CANCELLED
    told = [m for m in mail.outbox if m.subject.startswith("Gaat niet door")]
    assert [m.to for m in told] == [["bewoner@zuidwijk.test"]] and "De organisator is ziek." in told[0].body
    letter = Letter.objects.get(reason="parelketting.activity_cancelled")
    assert letter.resident.first_name == "Piet" and "De organisator is ziek." in letter.body
    call = CallbackRequest.objects.get()
    assert call.first_name == "Mira Yilmaz" and "De organisator is ziek." in call.note


@pytest.mark.parametrize("language", ["nl", "ar"])
@pytest.mark.parametrize("width", [390, 1280])
def test_residents_find_what_has_been_in_the_archive(live_server, page, world, make_activity, language, width):
    past = make_activity(title="Koffie op het plein")
    Activity.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=8),
        ends_at=timezone.now() - timedelta(days=8, hours=-2),
        story="Met twaalf buren koffie gedronken.",
    )
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/parelketting/programma/archief/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert "Koffie op het plein" in page.content()
    assert_accessible(page)
    shot(page, f"archive-{language}")
    page.goto(f"{live_server.url}{past.get_absolute_url()}")
    assert_accessible(page)
    shot(page, f"activity-past-{language}")


@pytest.mark.parametrize("width", [390, 1280])
def test_staff_change_the_time_confirm_and_preview_the_letter(live_server, page, world, breien, width):
    log_in(page, live_server, world.users.moderator_hw)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/werkplek/activiteiten/{breien.uid}/")
    tab_to(page, "a[href$='/veranderen/']")
    page.keyboard.press("Enter")  # 1

    page.wait_for_url("**/veranderen/")
    assert_accessible(page)
    tab_to(page, "#id_start_time")
    page.keyboard.type("1500")  # field 1: a time input takes the digits
    tab_to(page, "#id_end_time")
    page.keyboard.type("1700")  # field 2
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")  # 2

    page.get_by_role("heading", name="Verandering versturen?").wait_for()
    assert "De tijd:" in page.content() and "1 wil gebeld worden" in page.content()
    assert_accessible(page)
    shot(page, "activity-change-confirm")
    tab_to(page, "#id_reason")
    page.keyboard.type("De zaal is pas om drie uur vrij.")  # field 3 (may stay empty)
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")  # 3

    page.wait_for_url(f"**/werkplek/activiteiten/{breien.uid}/")
    assert "1 brief (bij de brieven)" in page.content()
    page.goto(f"{live_server.url}/brieven/")
    assert_accessible(page)
    tab_to(page, "a[href$='/voorbeeld/']")
    page.keyboard.press("Enter")  # 4

    page.wait_for_url("**/voorbeeld/")
    body = page.content()
    assert "3262 AB Oud-Beijerland" in body and "De nieuwe tijd:" in body and "De zaal is pas om drie uur vrij." in body
    assert_accessible(page)
    shot(page, "letter-preview")
