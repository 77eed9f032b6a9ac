"""Moderation on the pearl's own page: approve, reject with a standard reason the moderator can change, a question
back; the submitter hears it their way, a paper pearl without a submitter says so, a re-approval after a report
sends no second "Uw parel staat op de kaart"; then on to the next pearl. Scoped per corporation."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parelketting.choices import PearlStatus, ReportWhat
from parelketting.models import Pearl
from parelketting.services import pearl_publish, pearl_report, pearl_submit
from tests.conftest import session_queries
from wijk.choices import Channel, ContactPreference
from wijk.models import Letter

from .conftest import hagedoorn_pearl, zuidwijk_pearl

pytestmark = pytest.mark.django_db

INBOX = reverse("werkplek:pearls")


def page(pearl):
    return reverse("werkplek:pearl", kwargs={"uid": pearl.uid})


def act(client, pearl, action, follow=False, **data):
    url = reverse(f"werkplek:pearl_{action}", kwargs={"uid": pearl.uid})
    return client.post(url, {"seen_status": pearl.status, **data}, follow=follow)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def owned(world):
    """A waiting Zuidwijk pearl of a resident with an e-mail address."""
    return pearl_submit(
        kind="place",
        title="Bankje bij de vijver",
        story="Hier zit je fijn.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        street="Spui",
    )


@pytest.fixture
def paper(world):
    """A pearl typed in from a paper form without a name: nobody to tell."""
    return pearl_submit(
        kind="place",
        title="Het hofje",
        story="Van een papieren formulier.",
        neighbourhood=world.zuidwijk,
        street="Spui",
        created_by=world.users.moderator_hw,
        submitted_via=Channel.PAPER,
    )


def subjects_to(address):
    return [m.subject for m in mail.outbox if address in m.to]


def test_inbox_lists_only_the_own_corporations_waiting_pearls(as_persona, world, owned):
    hagedoorn_pearl(world, "Tuin Hagedoorn")
    hw = as_persona("moderator_hw").get(INBOX)
    html = hw.content.decode()
    assert "Bankje bij de vijver" in html and "Tuin Hagedoorn" not in html
    assert "1 parel wacht op controle." in html and page(owned) in html
    assert "Tuin Hagedoorn" in as_persona("moderator_bw").get(INBOX).content.decode()
    assert as_persona("moderator_bw").get(page(owned)).status_code == 404
    assert act(as_persona("moderator_bw"), owned, "approve").status_code == 404


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", 302), ("resident_zuidwijk", 403), ("broker_bw", 403), ("partner_welzijn", 403),
     ("expert_bw", 403), ("facilitator", 403)],
)  # fmt: skip
def test_only_moderators_moderate(as_persona, owned, persona, code):
    client = as_persona(persona)
    assert client.get(INBOX).status_code == code
    assert client.get(page(owned)).status_code == code
    for action in ("approve", "reject", "return"):
        assert act(client, owned, action, reason="x", question="y").status_code == code
    assert Pearl.objects.get(pk=owned.pk).status == PearlStatus.SUBMITTED


@pytest.mark.parametrize(("action", "param"), [("reject", "afwijzen"), ("return", "vraag")])
def test_after_a_refused_try_the_standard_replies_still_work(moderator_hw, owned, action, param):
    """The refused page is shown at the form's action (POST only); the standard replies link to the pearl's own
    page, as a relative ``?afwijzen=...`` ended in "405 Method Not Allowed". The refused form has its summary."""
    html = act(moderator_hw, owned, action, reason="", question="").content.decode()
    assert 'class="error-summary"' in html and html.count("autofocus") == 1
    links = re.findall(rf'href="([^"]*\?{param}=[^"]+)"', html)
    assert links and all(link.startswith(page(owned) + "?") for link in links), links
    chosen = moderator_hw.get(links[0].replace("&amp;", "&"))
    assert chosen.status_code == 200
    assert f'<details class="wp-fold" id="{param}" open>' in chosen.content.decode()


def test_the_page_says_how_the_submitter_hears_it_and_offers_standard_reasons(moderator_hw, owned):
    html = moderator_hw.get(page(owned)).content.decode()
    assert "De inzender hoort uw besluit per e-mail." in html
    assert "Hier zit je fijn." in html and "Zet op de kaart" in html
    assert "?afwijzen=persoonlijk#afwijzen" in html
    chosen = moderator_hw.get(page(owned), {"afwijzen": "buiten-de-wijk"})
    assert chosen.context["reject_form"].initial["reason"].startswith("De plek ligt buiten de wijk.")
    assert '<details class="wp-fold" id="afwijzen" open>' in chosen.content.decode()


def test_approve_puts_it_on_the_map_tells_the_submitter_and_goes_to_the_next(
    moderator_hw, world, owned, django_capture_on_commit_callbacks
):
    following = zuidwijk_pearl(world, "De speeltuin")
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, owned, "approve")
    assert response.status_code == 302 and response["Location"] == page(following)
    owned.refresh_from_db()
    assert owned.status == PearlStatus.PUBLISHED
    assert owned.history.first().history_user == world.users.moderator_hw
    assert subjects_to("bewoner@zuidwijk.test") == ["Uw parel staat op de kaart"]
    shown = moderator_hw.get(response["Location"])
    assert messages_of(shown) == ["‘Bankje bij de vijver’ staat op de kaart. De inzender krijgt een e-mail."]


def test_reject_with_an_edited_standard_reason_reaches_the_submitter(
    moderator_hw, owned, django_capture_on_commit_callbacks
):
    reason = "Er staat een adres in. Haalt u het weg? Dan kijken wij opnieuw."
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, owned, "reject", reason=reason)
    assert response.status_code == 302 and response["Location"] == INBOX  # nothing else waits
    owned.refresh_from_db()
    assert owned.status == PearlStatus.REJECTED and owned.moderator_message == reason
    mails = [m for m in mail.outbox if "bewoner@zuidwijk.test" in m.to]
    assert [m.subject for m in mails] == ["Over uw parel"] and reason in mails[0].body
    text = messages_of(moderator_hw.get(INBOX))[0]
    assert text.startswith("‘Bankje bij de vijver’ is niet geplaatst. De reden gaat naar de inzender.")


def test_reject_needs_a_reason_and_keeps_the_page(moderator_hw, owned):
    response = act(moderator_hw, owned, "reject", reason="")
    assert response.status_code == 400
    assert "Schrijf een vriendelijke reden voor de inzender." in response.content.decode()
    assert Pearl.objects.get(pk=owned.pk).status == PearlStatus.SUBMITTED


def test_a_letter_for_who_wants_post(moderator_hw, world, owned, django_capture_on_commit_callbacks):
    resident = world.residents.zuidwijk
    resident.contact_preference = ContactPreference.LETTER
    resident.postal_address = "Spui 1\n3261 AB Oud-Beijerland"
    resident.save()
    assert "per brief" in moderator_hw.get(page(owned)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(moderator_hw, owned, "reject", reason="Buiten de wijk.")
    assert Letter.objects.filter(resident=resident).count() == 1
    assert "De inzender krijgt een brief" in messages_of(moderator_hw.get(INBOX))[0]


def test_a_paper_pearl_without_submitter_says_nobody_hears_it(moderator_hw, paper, django_capture_on_commit_callbacks):
    html = moderator_hw.get(page(paper)).content.decode()
    assert "Deze parel heeft geen inzender" in html and "Niemand krijgt deze reden." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, paper, "reject", reason="Staat er al.", follow=True)
    text = messages_of(response)[0]
    assert "Niemand krijgt de reden: er is geen inzender om het te vertellen." in text
    assert "gaat naar de inzender" not in text
    assert mail.outbox == [] and not Letter.objects.exists()


def test_reapproving_after_a_report_sends_no_second_on_the_map(
    moderator_hw, world, owned, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pearl_publish(pearl=owned, by=world.users.moderator_hw)
        pearl_report(pearl=owned, what=ReportWhat.UNSUITABLE, reporter="x", reported_by=world.users.resident_hagedoorn)
    owned.refresh_from_db()
    assert owned.status == PearlStatus.SUBMITTED and owned.reported
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, owned, "approve", follow=True)
    subjects = subjects_to("bewoner@zuidwijk.test")
    assert subjects.count("Uw parel staat op de kaart") == 1
    assert subjects[-1] == "Uw parel staat weer op de kaart"
    assert "De inzender hoort dat de parel weer op de kaart staat." in messages_of(response)[0]


def test_a_decision_made_meanwhile_is_not_made_twice(moderator_hw, world, owned):
    seen = owned.status
    pearl_publish(pearl=owned, by=world.users.moderator_hw)
    url = reverse("werkplek:pearl_reject", kwargs={"uid": owned.uid})
    response = moderator_hw.post(url, {"seen_status": seen, "reason": "Te laat"})
    assert response.status_code == 409
    assert "Iemand anders heeft hier al over besloten. De status is nu: Staat op de kaart." in (
        response.content.decode()
    )
    owned.refresh_from_db()
    assert owned.status == PearlStatus.PUBLISHED


def test_a_question_back(moderator_hw, owned, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = act(moderator_hw, owned, "return", question="Waar is het precies?")
    assert response.status_code == 302
    owned.refresh_from_db()
    assert owned.status == PearlStatus.RETURNED
    assert subjects_to("bewoner@zuidwijk.test") == ["Wij hebben een vraag over uw parel"]


def test_staff_menu_links_the_inbox(moderator_hw, owned):
    html = moderator_hw.get(reverse("werkplek:home")).content.decode()
    assert f'href="{INBOX}"' in html and "1 parel wacht op controle" in html


def inbox_queries(client):
    client.get(INBOX)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(INBOX).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_is_pinned_at_two_data_sizes(moderator_hw, world):
    for i in range(2):
        zuidwijk_pearl(world, f"Bankje {i}")
    small = inbox_queries(moderator_hw)
    for i in range(2, 30):
        zuidwijk_pearl(world, f"Bankje {i}")
    assert inbox_queries(moderator_hw) == small == 3 + session_queries()


def test_a_full_inbox_counts_every_waiting_pearl_with_one_query_more(moderator_hw, world, monkeypatch):
    """The inbox lists the first ``INBOX_SIZE``; its count is of all that wait (before: the length of the list)."""
    monkeypatch.setattr("werkplek.moderation.INBOX_SIZE", 2)
    zuidwijk_pearl(world, "Bankje 0")
    html = moderator_hw.get(INBOX).content.decode()
    assert "1 parel wacht op controle." in html and "Hieronder staan" not in html
    for i in range(1, 5):
        zuidwijk_pearl(world, f"Bankje {i}")
    hagedoorn_pearl(world, "Tuin")  # another corporation's: not counted
    html = moderator_hw.get(INBOX).content.decode()
    assert "5 parels wachten op controle." in html and "Hieronder staan de eerste 2." in html
    assert html.count('class="wp-card"') == 2
    assert inbox_queries(moderator_hw) == 4 + session_queries()  # the list full: one count of them all
