"""A proposed activity on its own staff page: into the programme or not, with a standard reason the moderator can
change; whoever proposed it hears it their way; scoped per corporation; then on to the next proposal."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parelketting.choices import ActivityStatus
from parelketting.programme.models import Activity
from parelketting.programme.services import activity_propose
from tests.conftest import session_queries
from wijk.choices import ContactPreference
from wijk.models import Letter

pytestmark = pytest.mark.django_db

INBOX = reverse("werkplek:activities")


def propose(world, title="Koffie in het buurthuis", days=7, **kwargs):
    start = timezone.now() + timedelta(days=days)
    defaults = {
        "neighbourhood": world.zuidwijk,
        "proposed_by": world.users.resident_zuidwijk,
        "organiser_resident": world.residents.zuidwijk,
    }
    defaults.update(kwargs)
    return activity_propose(
        title=title,
        description="Samen koffie drinken.",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=12,
        place_text="Buurthuis",
        **defaults,
    )


def page(activity):
    return reverse("werkplek:activity", kwargs={"uid": activity.uid})


def act(client, activity, action, follow=False, **data):
    url = reverse(f"werkplek:activity_{action}", kwargs={"uid": activity.uid})
    return client.post(url, {"seen_status": activity.status, **data}, follow=follow)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_inbox_and_page_are_for_the_own_corporations_moderators(as_persona, world):
    koffie = propose(world)
    hw = as_persona("moderator_hw")
    assert "Koffie in het buurthuis" in hw.get(INBOX).content.decode()
    assert "Koffie in het buurthuis" not in as_persona("moderator_bw").get(INBOX).content.decode()
    html = hw.get(page(koffie)).content.decode()
    assert "Wie het voorstelde, hoort uw besluit per e-mail." in html and "Zet in het programma" in html
    assert as_persona("moderator_bw").get(page(koffie)).status_code == 404
    assert act(as_persona("moderator_bw"), koffie, "accept").status_code == 404
    for persona, code in [("anonymous", 302), ("resident_zuidwijk", 403), ("partner_welzijn", 403), ("broker_bw", 403)]:
        assert as_persona(persona).get(page(koffie)).status_code == code, persona
        assert act(as_persona(persona), koffie, "accept").status_code == code, persona
    assert Activity.objects.get(pk=koffie.pk).status == ActivityStatus.PROPOSED


def test_accept_puts_it_in_the_programme_tells_the_proposer_and_goes_on(
    moderator_hw, world, django_capture_on_commit_callbacks
):
    koffie = propose(world, days=3)
    later = propose(world, "Tuinieren", days=9)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, koffie, "accept")
    assert response.status_code == 302 and response["Location"] == page(later)
    assert Activity.objects.get(pk=koffie.pk).status == ActivityStatus.PUBLISHED
    assert [m.subject for m in mail.outbox] == ["Uw voorstel staat in het programma"]
    assert messages_of(moderator_hw.get(page(later))) == [
        "‘Koffie in het buurthuis’ staat in het programma. Wie het voorstelde, krijgt een e-mail."
    ]
    counts = moderator_hw.get(reverse("werkplek:home")).content.decode()
    assert "1 voorgestelde activiteit wacht" in counts and f'href="{INBOX}"' in counts


def test_decline_needs_a_reason_which_reaches_the_proposer_by_letter(
    moderator_hw, world, django_capture_on_commit_callbacks
):
    resident = world.residents.zuidwijk
    resident.contact_preference = ContactPreference.LETTER
    resident.postal_address = "Spui 1\n3261 AB Oud-Beijerland"
    resident.save()
    koffie = propose(world)
    missing = act(moderator_hw, koffie, "decline", reason="")
    assert missing.status_code == 400
    assert "Schrijf een vriendelijke reden voor wie het voorstelde." in missing.content.decode()
    chosen = moderator_hw.get(page(koffie), {"afwijzen": "geld"})
    reason = chosen.context["decline_form"].initial["reason"] + " Zonder entree mag het wel."
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, koffie, "decline", reason=reason, follow=True)
    assert Activity.objects.get(pk=koffie.pk).status == ActivityStatus.CANCELLED
    letter = Letter.objects.get(resident=resident)
    assert letter.subject == "Over uw voorstel voor het programma" and "Zonder entree mag het wel." in letter.body
    assert messages_of(response) == [
        "‘Koffie in het buurthuis’ komt niet in het programma. "
        "Wie het voorstelde, krijgt een brief: die staat klaar bij de brieven."
    ]


def test_a_partners_proposal_is_answered_by_e_mail(moderator_bw, world, django_capture_on_commit_callbacks):
    koffie = propose(
        world,
        neighbourhood=world.hagedoorn,
        proposed_by=world.users.partner_welzijn,
        organiser_resident=None,
        organiser_partner=world.welzijn,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(moderator_bw, koffie, "decline", reason="Op die dag is er al iets.")
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Over uw voorstel voor het programma", ["partner@welzijn.test"])
    ]


def test_a_decision_already_made_is_not_made_twice(moderator_hw, world):
    koffie = propose(world)
    seen = koffie.status
    act(moderator_hw, koffie, "accept")
    url = reverse("werkplek:activity_decline", kwargs={"uid": koffie.uid})
    response = moderator_hw.post(url, {"seen_status": seen, "reason": "Te laat"})
    assert response.status_code == 409
    assert Activity.objects.get(pk=koffie.pk).status == ActivityStatus.PUBLISHED


def inbox_queries(client):
    client.get(INBOX)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(INBOX).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_is_pinned_at_two_data_sizes(moderator_hw, world):
    """Session, user and roles, the proposals and the programme: the same for 2 or 30 of each."""
    for i in range(2):
        propose(world, f"Koffie {i}")
        act(moderator_hw, propose(world, f"Wandeling {i}", days=8 + i), "accept")
    small = inbox_queries(moderator_hw)
    for i in range(2, 30):
        propose(world, f"Koffie {i}")
        act(moderator_hw, propose(world, f"Wandeling {i}", days=8 + i), "accept")
    html = moderator_hw.get(INBOX).content.decode()
    assert "30 voorstellen wachten." in html and "Wandeling 29" in html
    assert inbox_queries(moderator_hw) == small == 4 + session_queries()


def test_a_full_inbox_counts_every_proposal(moderator_hw, world, monkeypatch):
    monkeypatch.setattr("werkplek.moderation.INBOX_SIZE", 2)
    for i in range(3):
        propose(world, f"Koffie {i}")
    propose(
        world,
        "Moestuindag",
        neighbourhood=world.hagedoorn,
        proposed_by=world.users.resident_hagedoorn,
        organiser_resident=world.residents.hagedoorn,
    )  # another corporation's: not counted
    html = moderator_hw.get(INBOX).content.decode()
    assert "3 voorstellen wachten." in html and "Hieronder staan de eerste 2." in html
