"""The broker workspace through the test client: queue, filters, case actions, preview, conflicts, intake."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from droomhuis import services
from droomhuis.models import ContactAttempt, Dream, Note, ResidentUpdate
from droomhuis.workflow import DreamStatus
from wijk.choices import Channel
from wijk.models import AccessLogEntry, ConsentRecord

from .conftest import picked_up


def case_url(dream, action=""):
    name = f"droomhuis:case_{action}" if action else "droomhuis:case"
    return reverse(name, args=[dream.reference])


def test_queue_lists_new_dreams_and_counts(broker_bw, world, make_dream):
    first = make_dream(text="Moestuin")
    second = make_dream(text="Buurtfeest")
    picked_up(second, world.users.broker_bw)
    response = broker_bw.get(reverse("droomhuis:queue"))
    html = response.content.decode()
    assert first.reference_display in html and second.reference_display not in html
    assert response.context["counts"] == {"new": 1, "mine": 1, "overdue": 0}
    mine = broker_bw.get(reverse("droomhuis:queue"), {"view": "mine"}).content.decode()
    assert second.reference_display in mine and first.reference_display not in mine


def test_queue_filters_and_search(broker_bw, world, make_dream):
    tuin = make_dream(text="Een moestuin", themes=[world.themes["groen"]])
    feest = make_dream(text="Een buurtfeest", themes=[world.themes["ontmoeting"]])
    url = reverse("droomhuis:queue")
    by_theme = broker_bw.get(url, {"view": "all", "theme": world.themes["groen"].pk}).context["page"].object_list
    assert list(by_theme) == [tuin]
    by_text = broker_bw.get(url, {"view": "all", "q": "buurtfeest"}).context["page"].object_list
    assert list(by_text) == [feest]
    by_code = broker_bw.get(url, {"view": "all", "q": tuin.reference_display.lower()}).context["page"].object_list
    assert list(by_code) == [tuin]
    by_status = broker_bw.get(url, {"view": "all", "status": "realised"}).context["page"].object_list
    assert list(by_status) == []
    Dream.objects.filter(pk=feest.pk).update(created_at=feest.created_at - timedelta(days=40))
    older = broker_bw.get(url, {"view": "all", "age": "older"}).context["page"].object_list
    assert list(older) == [feest]
    hood = broker_bw.get(url, {"view": "all", "neighbourhood": world.hagedoorn.pk}).context["page"].object_list
    assert set(hood) == {tuin, feest}


def test_overdue_view_lists_missed_first_contacts(broker_bw, dream):
    Dream.objects.filter(pk=dream.pk).update(
        first_contact_due=timezone.localdate() - timedelta(days=1),
        next_action_date=timezone.localdate() - timedelta(days=1),
    )
    response = broker_bw.get(reverse("droomhuis:queue"), {"view": "overdue"})
    assert list(response.context["page"].object_list) == [dream]
    assert "Te laat" in response.content.decode()


def test_case_page_shows_contact_details_and_logs_the_view(broker_bw, world, dream):
    response = broker_bw.get(case_url(dream))
    html = response.content.decode()
    assert response.status_code == 200
    assert "0546 123 456" in html and "Een moestuin achter de flat." in html
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.users.broker_bw and entry.resident == dream.resident
    assert entry.organisation == world.bw and entry.action == "view"


def test_pick_up_through_the_status_form(broker_bw, world, dream):
    response = broker_bw.post(case_url(dream, "status"), {"version": dream.version, "to_status": "picking_up"})
    assert response.status_code == 302
    dream.refresh_from_db()
    assert dream.status == DreamStatus.PICKING_UP and dream.owner == world.users.broker_bw


def test_status_form_offers_only_allowed_steps(broker_bw, dream):
    html = broker_bw.get(case_url(dream)).content.decode()
    assert 'value="picking_up"' in html and 'value="realised"' not in html
    response = broker_bw.post(case_url(dream, "status"), {"version": dream.version, "to_status": "realised"})
    assert response.status_code == 400
    dream.refresh_from_db()
    assert dream.status == DreamStatus.NEW


def test_missing_reason_is_shown_next_to_the_form(broker_bw, dream):
    response = broker_bw.post(case_url(dream, "status"), {"version": dream.version, "to_status": "not_feasible"})
    assert response.status_code == 400
    assert "Schrijf kort op waarom." in response.content.decode()


def test_two_brokers_saving_the_same_case_the_later_is_refused_and_keeps_input(broker_bw, broker_bw2, world, dream):
    version = dream.version
    broker_bw.get(case_url(dream))
    broker_bw2.get(case_url(dream))
    ok = broker_bw.post(case_url(dream, "status"), {"version": version, "to_status": "picking_up"})
    assert ok.status_code == 302
    late = broker_bw2.post(
        case_url(dream, "plan"),
        {"version": version, "next_action_date": "2030-01-02", "next_action": "Langsgaan met bloemen"},
    )
    html = late.content.decode()
    assert late.status_code == 409
    assert "Iemand anders heeft deze droom net opgeslagen" in html
    assert "Langsgaan met bloemen" in html and "2030-01-02" in html
    dream.refresh_from_db()
    assert dream.next_action != "Langsgaan met bloemen"
    assert f'name="version" value="{dream.version}"' in html
    retry = broker_bw2.post(
        case_url(dream, "plan"),
        {"version": dream.version, "next_action_date": "2030-01-02", "next_action": "Langsgaan met bloemen"},
    )
    assert retry.status_code == 302
    dream.refresh_from_db()
    assert dream.next_action == "Langsgaan met bloemen"


def test_plan_requires_a_date(broker_bw, dream):
    response = broker_bw.post(case_url(dream, "plan"), {"version": dream.version, "next_action_date": ""})
    assert response.status_code == 400
    assert "Kies een datum voor de volgende actie." in response.content.decode()


@pytest.mark.parametrize("action", ["plan", "status"])
def test_a_next_action_in_the_past_is_refused(broker_bw, world, dream, action):
    """A year typed wrong (2025 for 2026) was saved and made the case late at once; now the form says so."""
    picked_up(dream, world.users.broker_bw)
    dream.refresh_from_db()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {"version": dream.version, "next_action_date": yesterday, "next_action": "Bellen"}
    if action == "status":
        data["to_status"] = "in_conversation"
    response = broker_bw.post(case_url(dream, action), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze datum is al voorbij. Kies vandaag of een latere dag." in html and 'class="error-summary"' in html
    dream.refresh_from_db()
    assert dream.next_action_date != timezone.localdate() - timedelta(days=1)


def test_reassign_needs_a_reason(broker_bw, broker_bw2_user, world, dream):
    picked_up(dream, world.users.broker_bw)
    url = case_url(dream, "assign")
    response = broker_bw.post(url, {"version": dream.version, "owner": broker_bw2_user.pk, "reason": ""})
    assert response.status_code == 400
    assert "Schrijf kort op waarom u de droom overdraagt." in response.content.decode()
    response = broker_bw.post(url, {"version": dream.version, "owner": broker_bw2_user.pk, "reason": "Vakantie"})
    assert response.status_code == 302
    dream.refresh_from_db()
    assert dream.owner == broker_bw2_user


def test_contact_attempt_and_notes(broker_bw, broker_bw2, world, dream):
    broker_bw.post(
        case_url(dream, "contact"),
        {"channel": "phone", "reached": "0", "day": "2026-11-20", "part_of_day": "evening", "note": "Geen gehoor"},
    )
    assert ContactAttempt.objects.get().reached is False
    broker_bw.post(case_url(dream, "note"), {"body": "Geheime gedachte", "private": "on"})
    broker_bw.post(case_url(dream, "note"), {"body": "Gedeelde gedachte"})
    assert Note.objects.get(body="Geheime gedachte").private is True
    other = broker_bw2.get(case_url(dream)).content.decode()
    assert "Gedeelde gedachte" in other and "Geheime gedachte" not in other
    assert "Geheime gedachte" in broker_bw.get(case_url(dream)).content.decode()
    assert "Geheime gedachte" not in dream.events.values_list("to_value", flat=True)


def test_update_for_resident_has_a_preview_step(broker_bw, anonymous, dream):
    url = case_url(dream, "update")
    preview = broker_bw.post(url, {"body": "Ik bel u maandag.", "step": "preview"})
    assert preview.status_code == 200
    assert "Dit ziet de bewoner" in preview.content.decode()
    assert not ResidentUpdate.objects.exists()
    sent = broker_bw.post(url, {"body": "Ik bel u maandag.", "step": "send"})
    assert sent.status_code == 302
    assert ResidentUpdate.objects.get().body == "Ik bel u maandag."
    assert "Ik bel u maandag." in anonymous.get(reverse("droomhuis:follow", args=[dream.reference])).content.decode()


@pytest.mark.parametrize(
    ("kwargs", "preview_says", "after_says", "mails"),
    [
        (
            {},
            "Mira wil gebeld worden. Er komt een beltaak voor u op de lijst Terugbellen.",
            "Mira wil gebeld worden. Er komt een beltaak voor u op de lijst Terugbellen.",
            0,
        ),
        (
            {"contact_preference": "home_visit", "phone": "", "postal_address": "Dorpsstraat 1"},
            "De bewoner krijgt een brief dat er nieuws is",
            "De bewoner krijgt een brief",
            0,
        ),
        (
            {"contact_preference": "email", "phone": "", "email": "mira@example.test"},
            "krijgt een e-mail dat er nieuws is",
            "De bewoner krijgt een e-mail dat er nieuws is.",
            1,
        ),
        (
            {"consent_contact": False, "contact_preference": "", "phone": ""},
            "wilde geen contact",
            "krijgt geen bericht",
            0,
        ),
    ],
    ids=["phone", "visit-by-letter", "email", "no-contact"],
)
def test_an_update_says_truthfully_how_it_reaches_the_resident(
    broker_bw, make_dream, django_capture_on_commit_callbacks, kwargs, preview_says, after_says, mails
):
    """Never "sent" when nobody is told: a resident who wants a call gets a call, and the broker is told so
    before and after sending, with the number to call."""
    from django.core import mail

    dream = make_dream(**kwargs)
    url = case_url(dream, "update")
    preview = broker_bw.post(url, {"body": "De moestuin mag er komen.", "step": "preview"}).content.decode()
    assert preview_says in preview
    if "bel" in after_says:
        assert 'href="tel:+31546123456"' in preview
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        sent = broker_bw.post(url, {"body": "De moestuin mag er komen.", "step": "send"})
    page = broker_bw.get(sent["Location"]).content.decode()
    assert after_says in page
    assert len(mail.outbox) - before == mails
    if "brief" in after_says:
        from wijk.models import Letter

        assert Letter.objects.get().reason == "droomhuis.news"


def test_outcome_form_on_a_realised_dream(broker_bw, world, make_dream):
    dream = make_dream(consent_wall=True)
    for target in ["picking_up", "in_conversation", "realised"]:
        services.dream_transition(
            dream=dream, to_status=target, actor=world.users.broker_bw, expected_version=dream.version
        )
    response = broker_bw.post(
        case_url(dream, "outcome"),
        {"version": dream.version, "outcome": "Moestuin", "story": "Buren zaaien.", "propose_for_wall": "on"},
    )
    assert response.status_code == 302
    dream.refresh_from_db()
    assert dream.outcome == "Moestuin" and dream.wall_status == "proposed"


def test_matching_suggests_partners_with_fitting_themes(broker_bw, world, make_dream):
    world.welzijn.themes.set([world.themes["ontmoeting"]])
    fits = make_dream(themes=[world.themes["ontmoeting"]])
    no_fit = make_dream(themes=[world.themes["klussen"]])
    assert "Welzijn Almelo" in broker_bw.get(case_url(fits)).content.decode()
    assert "Welzijn Almelo" not in broker_bw.get(case_url(no_fit)).content.decode()


def test_assisted_intake_records_on_behalf_and_consent_method(broker_bw, world):
    response = broker_bw.post(
        reverse("droomhuis:intake"),
        {
            "channel": Channel.PHONE,
            "text": "Meneer belde: hij wil een jeu-de-boulesbaan.",
            "neighbourhood": world.hagedoorn.pk,
            "first_name": "Jan",
            "consent_contact": "on",
            "contact_preference": "phone",
            "phone": "0546 999 999",
            "consent_note": "Mondeling ja gezegd aan de telefoon",
        },
    )
    dream = Dream.objects.get()
    assert response.status_code == 302 and response.url == case_url(dream)
    assert dream.created_by == world.users.broker_bw and dream.intake_channel == Channel.PHONE
    consent = ConsentRecord.objects.get(resident=dream.resident)
    assert consent.method == Channel.PHONE and consent.recorded_by == world.users.broker_bw
    assert consent.note == "Mondeling ja gezegd aan de telefoon"


def test_assisted_intake_needs_how_consent_was_given(broker_bw, world):
    response = broker_bw.post(
        reverse("droomhuis:intake"),
        {"channel": Channel.PAPER, "text": "Tuin", "neighbourhood": world.hagedoorn.pk, "consent_wall": "on"},
    )
    assert response.status_code == 200
    assert "Schrijf op hoe de bewoner toestemming gaf." in response.content.decode()
    assert not Dream.objects.exists()


def test_intake_cannot_pick_a_neighbourhood_of_another_corporation(broker_bw, world):
    response = broker_bw.post(
        reverse("droomhuis:intake"),
        {"channel": Channel.PAPER, "text": "Tuin", "neighbourhood": world.zuidwijk.pk},
    )
    assert response.status_code == 200 and not Dream.objects.exists()


def test_broker_records_a_withdrawal_on_the_residents_behalf_with_channel(broker_bw, world, dream):
    picked_up(dream, world.users.broker_bw)
    url = case_url(dream, "status")
    missing = broker_bw.post(url, {"version": dream.version, "to_status": "withdrawn", "reason": "Belde af"})
    assert missing.status_code == 400
    assert "Kies hoe de bewoner liet weten" in missing.content.decode()
    ok = broker_bw.post(
        url, {"version": dream.version, "to_status": "withdrawn", "reason": "Belde af", "channel": Channel.PHONE}
    )
    assert ok.status_code == 302
    dream.refresh_from_db()
    assert dream.status == DreamStatus.WITHDRAWN
    assert dream.events.get(kind="status", to_value="withdrawn").channel == Channel.PHONE


def test_logged_in_resident_finds_their_details_filled_in(resident_hagedoorn, world):
    html = reverse("droomhuis:share")
    page = resident_hagedoorn.get(html).content.decode()
    assert 'value="Henk"' in page and 'value="bewoner@hagedoorn.test"' in page
