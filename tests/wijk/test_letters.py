"""Residents without e-mail get letters: updates land in a print queue; staff print one PDF and mark them sent."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import wants_post
from wijk.models import AccessLogEntry, Letter, LetterStatus, WalkInPlace
from wijk.services import letter_queue, resident_notify, resident_update_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_resident(world):
    return wants_post(world.residents.zuidwijk)


def _letter(world, resident, subject="Uw parel staat op de kaart"):
    return letter_queue(
        resident=resident,
        organisation=world.hw,
        subject=subject,
        body="Goed nieuws!\n\nUw parel is nu te zien.",
        reason="parelketting.published",
    )


def test_an_update_for_a_letter_resident_lands_in_the_print_queue(world, post_resident):
    channel = resident_notify(
        resident=post_resident,
        organisation=world.hw,
        subject="Nieuws over uw parel",
        body="Uw parel staat op de kaart.",
        reason="parelketting.published",
    )
    assert channel == "letter"
    assert mail.outbox == []
    letter = Letter.objects.get()
    assert letter.status == LetterStatus.QUEUED and letter.resident == post_resident


def test_an_update_for_an_email_resident_is_mailed(world):
    resident = world.residents.hagedoorn
    channel = resident_notify(
        resident=resident, organisation=world.bw, subject="Nieuws", body="Er is nieuws.", reason="droomhuis.update"
    )
    assert channel == "email" and mail.outbox[0].to == ["bewoner@hagedoorn.test"]
    assert not Letter.objects.exists()


def test_without_any_address_nothing_is_sent(world):
    resident = world.residents.hagedoorn
    resident.email = ""
    resident.user = None
    resident.save()
    assert resident_notify(resident=resident, organisation=world.bw, subject="x", body="y", reason="t") == "none"


def test_the_batch_pdf_puts_one_residents_letters_in_one_envelope(moderator_hw, world, post_resident):
    first, second = _letter(world, post_resident), _letter(world, post_resident, subject="Uw aanmelding")
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [first.uid, second.uid]}, follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # one envelope, both pieces of news
    text = reader.pages[0].extract_text()
    assert "Mevrouw A. de Vries" in text and "Spui 12" in text and "3262 AB Oud-Beijerland" in text
    assert "Uw parel staat op de kaart" in text and "Uw aanmelding" in text
    assert text.count("Met vriendelijke groet") == 1 and text.count("Beste buur") == 1
    assert AccessLogEntry.objects.filter(action="print", resident=post_resident).count() == 2


def test_letters_are_written_in_the_residents_language(moderator_hw, world, post_resident):
    post_resident.language = "en"
    post_resident.save()
    letter = _letter(world, post_resident)
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kind regards" in text


def _print(client, *letters):
    response = client.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid for letter in letters]}, follow=True)
    assert response.status_code == 200
    return Letter.objects.get(pk=letters[0].pk).run


def test_marking_sent_takes_letters_out_of_the_queue(moderator_hw, world, post_resident):
    letter = _letter(world, post_resident)
    run = _print(moderator_hw, letter)
    response = moderator_hw.post(reverse("wijk:letters_sent"), {"run": run.uid}, follow=True)
    assert "verstuurd" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.PRINTED and letter.printed_by == world.users.moderator_hw


def as_moderator_hw(world):
    from django.test import Client

    client = Client()
    client.force_login(world.users.moderator_hw)
    return client


def test_another_corporations_letters_stay_invisible(moderator_bw, world, post_resident):
    letter = _letter(world, post_resident)
    page = moderator_bw.get(reverse("wijk:letters"))
    assert page.status_code == 200 and letter.subject not in page.content.decode()
    run = _print(as_moderator_hw(world), letter)
    moderator_bw.post(reverse("wijk:letters_sent"), {"run": run.uid})
    assert moderator_bw.post(reverse("wijk:letter_cancel", args=[letter.uid])).status_code == 404
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED


@pytest.mark.parametrize("persona", ["resident_zuidwijk", "expert_bw", "partner_welzijn", "facilitator"])
def test_people_without_the_role_get_403(as_persona, persona):
    assert as_persona(persona).get(reverse("wijk:letters")).status_code == 403


def test_anonymous_visitors_go_to_login(anonymous):
    response = anonymous.get(reverse("wijk:letters"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_letter_without_address_is_not_printed(moderator_hw, world, post_resident):
    post_resident.postal_address = ""
    post_resident.save()
    letter = _letter(world, post_resident)
    assert "geen adres bekend" in moderator_hw.get(reverse("wijk:letters")).content.decode()
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    assert response.status_code == 200 and "Kies eerst" in response.content.decode()


def test_cancelled_letters_are_not_printed(moderator_hw, world, post_resident):
    letter = _letter(world, post_resident)
    moderator_hw.post(reverse("wijk:letter_cancel", args=[letter.uid]))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.CANCELLED


def test_the_queue_page_has_a_fixed_number_of_queries(
    moderator_hw, world, post_resident, django_assert_max_num_queries
):
    for n in range(3):
        _letter(world, post_resident, subject=f"Brief {n}")
    moderator_hw.get(reverse("wijk:letters"))
    with django_assert_max_num_queries(12) as small:
        moderator_hw.get(reverse("wijk:letters"))
    small_count = len(small.captured_queries)  # read now: the next request clears the connection's query log
    for n in range(30):
        _letter(world, post_resident, subject=f"Meer {n}")
    moderator_hw.get(reverse("wijk:letters"))  # the menu's cache fills again after the change
    with django_assert_max_num_queries(small_count):
        moderator_hw.get(reverse("wijk:letters"))


def test_links_in_a_letter_become_an_address_to_type(world, post_resident, settings):
    settings.SITE_URL = "https://wijkportaal.example"
    letter = letter_queue(
        resident=post_resident,
        organisation=world.hw,
        subject="Uw droom is aangekomen",
        body="Volg uw droom op: https://wijkportaal.example/droomhuis/volgen/AB12/",
        reason="droomhuis.received",
    )
    assert letter.body == "Volg uw droom op: wijkportaal.example/droomhuis/volgen/AB12/"


def test_a_letter_gets_its_own_wording_when_the_app_gives_one(world, post_resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        resident_update_send(
            resident=post_resident,
            organisation=world.hw,
            reason="test.update",
            compose=lambda: ("Nieuws", "Klik hier: https://wijkportaal.example/x/"),
            compose_letter=lambda: ("Nieuws", "Bel ons of kom langs."),
        )
    assert Letter.objects.get().body == "Bel ons of kom langs."
    hagedoorn = world.residents.hagedoorn
    with django_capture_on_commit_callbacks(execute=True):
        resident_update_send(
            resident=hagedoorn,
            organisation=world.bw,
            reason="test.update",
            compose=lambda: ("Nieuws", "Klik hier: https://wijkportaal.example/x/"),
            compose_letter=lambda: ("Nieuws", "Bel ons of kom langs."),
        )
    assert mail.outbox[-1].body == "Klik hier: https://wijkportaal.example/x/"


def test_the_printed_letter_says_how_to_reach_the_organisation(moderator_hw, world, post_resident, settings):
    letter = _letter(world, post_resident)
    world.hw.phone = "0186 123 456"
    world.hw.opening_hours = "maandag tot en met vrijdag, 9 tot 17 uur"
    world.hw.save()
    WalkInPlace.objects.create(
        organisation=world.hw,
        neighbourhood=world.zuidwijk,
        name="Pop-up rommelruimte",
        address="Spui 1a",
        opening_hours="woensdag",
    )
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace("\n", " ")
    assert "Bel: 0186 123 456 (maandag tot en met vrijdag, 9 tot 17 uur)" in text
    assert "Inloop: Pop-up rommelruimte, Spui 1a" in text
    world.hw.phone = world.hw.opening_hours = ""
    world.hw.save()
    WalkInPlace.objects.all().delete()
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace("\n", " ")
    assert "Bel of kom langs bij HW Wonen." in text and "http" not in text
    assert text.count("Beste buur,") == 1 and text.count("Met vriendelijke groet") == 1


def test_only_letters_in_the_printed_pdf_are_marked_sent(moderator_hw, world, post_resident):
    printed = _letter(world, post_resident)
    run = _print(moderator_hw, printed)
    later = _letter(world, post_resident, subject="Gaat niet door")  # queued after the PDF was made
    page = moderator_hw.get(reverse("wijk:letters")).content.decode()
    assert "Geprint, nog niet op verstuurd" in page and "1 brief" in page
    response = moderator_hw.post(reverse("wijk:letters_sent"), {"run": run.uid, "letters": [later.uid]}, follow=True)
    assert "1 brief staat op verstuurd." in response.content.decode()
    assert Letter.objects.get(pk=printed.pk).status == LetterStatus.PRINTED
    assert Letter.objects.get(pk=later.pk).status == LetterStatus.QUEUED  # waits for the next run
    run.refresh_from_db()
    assert run.sent_at is not None


def test_marking_sent_without_a_printed_pdf_marks_nothing(moderator_hw, world, post_resident):
    letter = _letter(world, post_resident)
    response = moderator_hw.post(reverse("wijk:letters_sent"), {"letters": [letter.uid]}, follow=True)
    assert "Maak eerst een PDF en print die." in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.QUEUED


def test_an_address_without_postcode_is_not_printed(moderator_hw, world, post_resident):
    post_resident.postal_address = "Spui 12\nOud-Beijerland"
    post_resident.save()
    letter = _letter(world, post_resident)
    assert "het adres heeft geen postcode" in moderator_hw.get(reverse("wijk:letters")).content.decode()
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    assert "met een adres en een postcode" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).run is None


def test_one_envelope_per_resident_and_sender(world, post_resident):
    from wijk.services import letters_by_envelope

    other = world.residents.hagedoorn
    a, b = _letter(world, post_resident), _letter(world, post_resident, subject="Tweede")
    c = letter_queue(resident=other, organisation=world.bw, subject="Droom", body="Nieuws.", reason="droomhuis.news")
    assert letters_by_envelope([c, b, a]) == [[a, b], [c]]


# --- the PDF of a run is made by the worker ------------------------------------------------------------------


@pytest.fixture
def worker_later(settings):
    """Tasks wait in a queue (as with a separate worker) instead of running inside the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _run_task(run):
    from wijk.tasks import letter_run_pdf

    return letter_run_pdf.call(run_uid=str(run.uid))


def test_a_run_of_letters_is_made_by_the_worker_and_then_downloaded(moderator_hw, world, post_resident, worker_later):
    letter = _letter(world, post_resident)
    response = moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]}, follow=True)
    page = response.content.decode()
    assert "De PDF wordt gemaakt." in page and "Kijk of hij klaar is" in page
    run = Letter.objects.get(pk=letter.pk).run
    assert not run.pdf
    waiting = moderator_hw.get(reverse("wijk:letters_run_pdf", args=[run.uid]), follow=True)
    assert "nog niet klaar" in waiting.content.decode()

    assert _run_task(run) == "made"
    assert "Download de PDF" in moderator_hw.get(reverse("wijk:letters")).content.decode()
    pdf = moderator_hw.get(reverse("wijk:letters_run_pdf", args=[run.uid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    assert "Spui 12" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_a_failed_pdf_says_so_and_can_be_made_again(moderator_hw, world, post_resident, worker_later, monkeypatch):
    letter = _letter(world, post_resident)
    moderator_hw.post(reverse("wijk:letters_pdf"), {"letters": [letter.uid]})
    run = Letter.objects.get(pk=letter.pk).run

    def broken(*args, **kwargs):
        raise OSError("font missing")

    monkeypatch.setattr("lib.pdf.render_pdf", broken)
    with pytest.raises(OSError):
        _run_task(run)
    run.refresh_from_db()
    assert run.pdf_failed and not run.pdf
    page = moderator_hw.get(reverse("wijk:letters")).content.decode()
    assert "De PDF is niet gemaakt." in page and "Maak de PDF opnieuw" in page

    monkeypatch.undo()
    response = moderator_hw.post(reverse("wijk:letters_run_retry", args=[run.uid]), follow=True)
    assert "De PDF wordt opnieuw gemaakt." in response.content.decode()
    run.refresh_from_db()
    assert not run.pdf_failed
    _run_task(run)
    run.refresh_from_db()
    assert run.pdf and run.pdf_made_at is not None


def test_the_pdf_with_addresses_is_removed_once_the_letters_are_sent(moderator_hw, world, post_resident):
    from django.core.files.storage import default_storage

    letter = _letter(world, post_resident)
    run = _print(moderator_hw, letter)
    name = run.pdf.name
    assert default_storage.exists(name)
    moderator_hw.post(reverse("wijk:letters_sent"), {"run": run.uid})
    run.refresh_from_db()
    assert not run.pdf and not default_storage.exists(name)
    response = moderator_hw.get(reverse("wijk:letters_run_pdf", args=[run.uid]), follow=True)
    assert "De PDF is daarom weggegooid." in response.content.decode()


def test_another_corporation_cannot_fetch_a_runs_pdf(moderator_hw, moderator_bw, world, post_resident):
    run = _print(moderator_hw, _letter(world, post_resident))
    assert moderator_bw.get(reverse("wijk:letters_run_pdf", args=[run.uid])).status_code == 404
    assert moderator_bw.post(reverse("wijk:letters_run_retry", args=[run.uid])).status_code == 404


def test_starting_a_run_logs_each_printed_letter_outside_a_request(world, post_resident):
    from wijk.services import letter_run_start

    letters = [_letter(world, post_resident), _letter(world, post_resident, subject="Tweede")]
    run = letter_run_start(letters=letters, user=world.users.moderator_hw)
    rows = AccessLogEntry.objects.filter(action="print", resident=post_resident)
    assert rows.count() == 2 and {row.user for row in rows} == {world.users.moderator_hw}
    run.refresh_from_db()
    assert run.pdf  # without a separate worker the PDF is made at once
