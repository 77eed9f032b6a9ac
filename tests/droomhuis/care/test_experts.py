"""Experts by experience: paired with consent and a signed statement; see only paired cases; notes go to the broker."""

import pytest
from django.urls import reverse
from django.utils import timezone

from droomhuis.care.models import Pairing
from droomhuis.care.signals import signal_record
from wijk.models import AccessLogEntry


@pytest.fixture
def paired(world, case, broker_bw):
    """broker_bw records the statement and a pairing consent for the dream only, then pairs expert_bw."""
    ref = [case.reference]
    broker_bw.post(
        reverse("droomhuis:confidentiality", args=ref),
        {"secrecy-expert": world.users.expert_bw.pk, "secrecy-signed_on": timezone.localdate().isoformat()},
    )
    broker_bw.post(
        reverse("droomhuis:pairing_consent", args=ref),
        {"pairconsent-categories": ["dream", "loneliness"], "pairconsent-method": "in_person"},
    )
    response = broker_bw.post(reverse("droomhuis:pairing_add", args=ref), {"pairing-expert": world.users.expert_bw.pk})
    assert response.status_code == 302
    signal_record(dream=case, actor=world.users.broker_bw, kind="money", description="Huur niet betaald")
    signal_record(dream=case, actor=world.users.broker_bw, kind="loneliness", description="Weinig bezoek")
    return Pairing.objects.get()


def test_pairing_without_consent_is_refused_on_the_case_page(world, case, broker_bw):
    response = broker_bw.post(
        reverse("droomhuis:pairing_add", args=[case.reference]), {"pairing-expert": world.users.expert_bw.pk}
    )
    assert response.status_code == 400 and "geheimhoudingsverklaring" in response.content.decode()
    assert not Pairing.objects.exists()


def test_expert_sees_the_dream_contact_preference_and_only_consented_signals(paired, expert_bw):
    assert paired.dream.reference_display in expert_bw.get(reverse("droomhuis:expert_list")).content.decode()
    html = expert_bw.get(reverse("droomhuis:expert_case", args=[paired.uid])).content.decode()
    assert "moestuin" in html and "Telefoon" in html
    assert "Weinig bezoek" in html and "Huur niet betaald" not in html
    assert "0546" not in html


def test_expert_note_is_for_the_broker_only(paired, expert_bw, broker_bw, broker_bw2, world):
    url = reverse("droomhuis:expert_case", args=[paired.uid])
    before = AccessLogEntry.objects.count()
    assert expert_bw.post(url, {"expertnote-body": "Mevrouw wil graag samen koken."}).status_code == 302
    assert AccessLogEntry.objects.count() == before + 1
    case_url = reverse("droomhuis:case", args=[paired.dream.reference])
    assert "samen koken" in broker_bw.get(case_url).content.decode()
    assert "samen koken" not in broker_bw2.get(case_url).content.decode()
    follow = reverse("droomhuis:follow", args=[paired.dream.reference])
    assert "samen koken" not in broker_bw.get(follow).content.decode()


def test_expert_can_pass_on_a_signal(paired, expert_bw):
    url = reverse("droomhuis:expert_signal", args=[paired.uid])
    assert (
        expert_bw.post(url, {"signal-kind": "home_safety", "signal-description": "Losse trapleuning"}).status_code
        == 302
    )
    assert paired.dream.signals.filter(kind="home_safety", recorded_by=paired.expert).exists()


def test_expired_pairing_closes_the_door_and_renewal_opens_it(paired, expert_bw, broker_bw):
    Pairing.objects.filter(pk=paired.pk).update(expires_at=timezone.now() - timezone.timedelta(days=1))
    url = reverse("droomhuis:expert_case", args=[paired.uid])
    assert expert_bw.get(url).status_code == 404
    assert broker_bw.post(reverse("droomhuis:pairing_renew", args=[paired.uid])).status_code == 302
    assert expert_bw.get(url).status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["resident_hagedoorn", "moderator_bw", "broker_bw", "partner_welzijn", "facilitator", "superuser"],
)
def test_non_experts_get_403_on_expert_pages(paired, as_persona, persona):
    client = as_persona(persona)
    for url in (reverse("droomhuis:expert_list"), reverse("droomhuis:expert_case", args=[paired.uid])):
        assert client.get(url).status_code == 403


def test_unpaired_expert_gets_404(paired, world, client):
    from tests.factories import RoleFactory, UserFactory
    from wijk.choices import RoleKind

    other = UserFactory(email="ander@expert.test")
    RoleFactory(user=other, organisation=world.bw, kind=RoleKind.EXPERT)
    client.force_login(other)
    assert client.get(reverse("droomhuis:expert_case", args=[paired.uid])).status_code == 404


def test_collection_staff_get_403_on_expert_pages(paired, collection):
    assert collection.get(reverse("droomhuis:expert_list")).status_code == 403


def test_withdrawing_the_pairing_consent_ends_the_pairing_at_once(
    paired, anonymous, expert_bw, world, django_capture_on_commit_callbacks
):
    follow = reverse("droomhuis:follow", args=[paired.dream.reference])
    assert "Stop met delen met Beter Wonen" in anonymous.get(follow).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(
            reverse("droomhuis:partner_consent_withdraw", args=[paired.dream.reference]),
            {"organisation": world.bw.pk, "purpose": "pairing"},
        )
    paired.refresh_from_db()
    assert paired.ended_at is not None
    assert expert_bw.get(reverse("droomhuis:expert_case", args=[paired.uid])).status_code == 404


def test_a_refused_signal_keeps_what_the_expert_wrote_and_says_what_is_missing(paired, expert_bw):
    """Found walking the expert's page: a signal without a kind went back with a message at the top and the
    description gone. Now the page comes back with the error summary (focused) and the typed text."""
    url = reverse("droomhuis:expert_signal", args=[paired.uid])
    response = expert_bw.post(url, {"signal-description": "Trapleuning zit los", "signal-follow_up": "Bellen"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and "autofocus" in html
    assert 'href="#id_signal-kind_0">Kies wat voor signaal het is.' in html
    assert "Trapleuning zit los</textarea>" in html and 'value="Bellen"' in html
    assert not paired.dream.signals.filter(recorded_by=paired.expert).exists()


def test_an_empty_note_shows_the_error_summary(paired, expert_bw):
    url = reverse("droomhuis:expert_case", args=[paired.uid])
    response = expert_bw.post(url, {"expertnote-body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_expertnote-body">Schrijf eerst uw notitie voor de droommakelaar.' in html


def test_in_arabic_the_dream_and_signals_keep_their_own_direction(paired, expert_bw):
    """Found walking the expert's page in Arabic: the Dutch dream and signal showed their full stop at the wrong
    end. What residents and colleagues wrote keeps its own direction."""
    expert_bw.post(reverse("set_language"), {"language": "ar", "next": "/"})
    html = expert_bw.get(reverse("droomhuis:expert_case", args=[paired.uid])).content.decode()
    assert 'dir="rtl"' in html
    assert '<blockquote class="dh-quote" dir="auto">' in html
    assert "<bdi>Weinig bezoek</bdi>" in html
