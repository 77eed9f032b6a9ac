"""Permission matrix and access log for signals, consent, referrals, reviews and the partner's pages."""

from datetime import timedelta

import pytest
from django.urls import reverse

from droomhuis.care.models import Referral
from droomhuis.care.referrals import referral_link, referral_transition
from tests.factories import ResidentFactory
from wijk.choices import RoleKind
from wijk.models import AccessLogEntry
from wijk.services import access_log_record

from ..conftest import SIGNAL_TEXT


def endpoints(s):
    ref = [s["dream"].reference]
    return {
        "case": ("get", reverse("droomhuis:case", args=ref)),
        "signal_add": ("post", reverse("droomhuis:signal_add", args=ref)),
        "signal_close": ("post", reverse("droomhuis:signal_close", args=[s["signal"].uid])),
        "consent_record": ("post", reverse("droomhuis:consent_record", args=ref)),
        "referral_add": ("post", reverse("droomhuis:referral_add", args=ref)),
        "referral_acute": ("post", reverse("droomhuis:referral_acute", args=ref)),
        "referral_close": ("post", reverse("droomhuis:referral_close", args=[s["referral"].uid])),
        "referrals": ("get", reverse("droomhuis:referrals")),
        "review": ("get", reverse("droomhuis:review", args=[s["acute"].uid])),
        "partner_list": ("get", reverse("droomhuis:partner_list")),
        "partner_detail": ("get", reverse("droomhuis:partner_detail", args=[s["referral"].uid])),
        "partner_step": ("post", reverse("droomhuis:partner_detail", args=[s["referral"].uid])),
        "pairing_consent": ("post", reverse("droomhuis:pairing_consent", args=ref)),
        "confidentiality": ("post", reverse("droomhuis:confidentiality", args=ref)),
        "pairing_add": ("post", reverse("droomhuis:pairing_add", args=ref)),
        "pairing_renew": ("post", reverse("droomhuis:pairing_renew", args=[s["pairing"].uid])),
        "expert_list": ("get", reverse("droomhuis:expert_list")),
        "expert_case": ("get", reverse("droomhuis:expert_case", args=[s["pairing"].uid])),
        "expert_signal": ("post", reverse("droomhuis:expert_signal", args=[s["pairing"].uid])),
        "follow_log": ("get", reverse("droomhuis:follow", args=ref)),
    }


BROKER_PAGES = [
    "case",
    "signal_add",
    "signal_close",
    "consent_record",
    "referral_add",
    "referral_acute",
    "referral_close",
    "referrals",
    "review",
    "pairing_consent",
    "confidentiality",
    "pairing_add",
    "pairing_renew",
]
PARTNER_PAGES = ["partner_list", "partner_detail", "partner_step"]
EXPERT_PAGES = ["expert_list", "expert_case", "expert_signal"]
OWNER_ACTIONS = [
    "signal_add",
    "signal_close",
    "consent_record",
    "referral_add",
    "referral_acute",
    "referral_close",
    "pairing_consent",
    "confidentiality",
    "pairing_add",
    "pairing_renew",
]


def expected(persona):
    """What each persona gets: 'login', 403, 404 or 'ok' (200, 302 after an action, 400 for an empty form).

    The follow page (with "who looked at my data") opens for anyone with the code: the code is the key.
    """
    table = _expected(persona)
    if persona == "expert_bw":
        table.update(dict.fromkeys(EXPERT_PAGES, "ok"))
    else:
        table.update(dict.fromkeys(EXPERT_PAGES, "login" if persona == "anonymous" else 403))
    table["follow_log"] = "ok"
    return table


def _expected(persona):
    if persona == "anonymous":
        return dict.fromkeys(BROKER_PAGES + PARTNER_PAGES, "login")
    if persona == "broker_bw":
        return {**dict.fromkeys(BROKER_PAGES, "ok"), "review": 404, **dict.fromkeys(PARTNER_PAGES, 403)}
    if persona == "broker_bw2":
        return {
            **dict.fromkeys(BROKER_PAGES, "ok"),
            **dict.fromkeys(OWNER_ACTIONS, 404),
            **dict.fromkeys(PARTNER_PAGES, 403),
        }
    if persona == "broker_hw":
        return {
            **dict.fromkeys(BROKER_PAGES, 404),
            "referrals": "ok",
            **dict.fromkeys(PARTNER_PAGES, 403),
        }
    if persona == "partner_welzijn":
        return {**dict.fromkeys(BROKER_PAGES, 403), **dict.fromkeys(PARTNER_PAGES, "ok")}
    return dict.fromkeys(BROKER_PAGES + PARTNER_PAGES, 403)


PERSONAS = [
    "anonymous",
    "resident_zuidwijk",
    "resident_hagedoorn",
    "moderator_hw",
    "moderator_bw",
    "broker_bw",
    "broker_bw2",
    "broker_hw",
    "expert_bw",
    "partner_welzijn",
    "facilitator",
    "superuser",
    "collection",
]


@pytest.fixture
def client_for(as_persona, request):
    def make(name):
        if name in ("broker_bw2", "broker_hw", "collection"):
            return request.getfixturevalue(name)
        return as_persona(name)

    return make


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", BROKER_PAGES + PARTNER_PAGES + EXPERT_PAGES + ["follow_log"])
def test_permission_matrix(persona, name, setup, client_for):
    client = client_for(persona)
    method, url = endpoints(setup)[name]
    response = getattr(client, method)(url)
    want = expected(persona)[name]
    if want == "login":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif want == "ok":
        assert response.status_code in (200, 302, 400), response.status_code
    else:
        assert response.status_code == want
    if persona != "broker_bw" and response.status_code in (200, 400):
        assert SIGNAL_TEXT not in response.content.decode()
        assert "Gaslucht in de gang" not in response.content.decode() or persona == "partner_welzijn"


def test_owner_sees_signals_on_the_case_page_second_broker_does_not(setup, broker_bw, broker_bw2):
    url = reverse("droomhuis:case", args=[setup["dream"].reference])
    assert SIGNAL_TEXT in broker_bw.get(url).content.decode()
    html = broker_bw2.get(url).content.decode()
    assert SIGNAL_TEXT not in html and "Signaal vastleggen" not in html


def test_partner_sees_only_consented_fields(setup, partner_welzijn, world):
    html = partner_welzijn.get(reverse("droomhuis:partner_detail", args=[setup["referral"].uid])).content.decode()
    assert "0546 123 456" in html and "Mira" in html
    assert "moestuin" not in html and SIGNAL_TEXT not in html and "Gaslucht" not in html


def test_acute_referral_shows_only_acute_signals_to_the_partner(setup, partner_welzijn):
    html = partner_welzijn.get(reverse("droomhuis:partner_detail", args=[setup["acute"].uid])).content.decode()
    assert "Gaslucht in de gang" in html and SIGNAL_TEXT not in html


def test_partner_of_another_organisation_gets_404(setup, world, client):
    from tests.factories import PartnerFactory, RoleFactory, UserFactory

    other = PartnerFactory(slug="ander")
    user = UserFactory(email="ander@partner.test")
    RoleFactory(user=user, organisation=other, kind=RoleKind.PARTNER_CONTACT)
    client.force_login(user)
    assert client.get(reverse("droomhuis:partner_detail", args=[setup["referral"].uid])).status_code == 404
    assert "V-" not in client.get(reverse("droomhuis:partner_list")).content.decode()


def test_signed_link_opens_and_records_steps_without_login(setup, client):
    link = referral_link(setup["referral"])
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1" in link else link
    response = client.get(path)
    assert response.status_code == 200 and "0546 123 456" in response.content.decode()
    response = client.post(path, {"to_status": "acknowledged", "outcome": "", "note": ""})
    assert response.status_code == 302
    assert Referral.objects.get(pk=setup["referral"].pk).status == "acknowledged"


def test_partner_goes_back_to_the_list_from_a_referral_but_a_signed_link_does_not_offer_it(
    setup, partner_welzijn, client
):
    """The partner contact had only the menu to get back to the referrals; someone with just the e-mailed link
    cannot open the list, so they do not get the link."""
    back = f'href="{reverse("droomhuis:partner_list")}"'
    html = partner_welzijn.get(reverse("droomhuis:partner_detail", args=[setup["referral"].uid])).content.decode()
    assert f"<p><a {back}>Terug naar de aanmeldingen</a></p>" in html
    link = referral_link(setup["referral"])
    html = client.get(link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1" in link else link).content.decode()
    assert "Terug naar de aanmeldingen" not in html
    listing = partner_welzijn.get(reverse("droomhuis:partner_list")).content.decode()
    assert f'class="dh-nowrap" href="{reverse("droomhuis:partner_detail", args=[setup["referral"].uid])}"' in listing


def test_tampered_or_old_link_does_not_open(setup, client, settings):
    link = referral_link(setup["referral"])
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(reverse("droomhuis:partner_link", args=[token[:-2] + "xx"])).status_code == 404
    settings.DROOMHUIS_REFERRAL_LINK_DAYS = -1
    assert client.get(reverse("droomhuis:partner_link", args=[token])).status_code == 404


def test_wrong_links_are_counted_per_client_and_a_right_link_always_opens(setup, settings):
    from django.core.cache import cache
    from django.test import Client

    from droomhuis.care.views.partner import PARTNER_LINK_GUESSES

    settings.RATE_LIMIT_SCALE = 1
    cache.clear()
    token = referral_link(setup["referral"]).rstrip("/").rsplit("/", 1)[-1]
    guesser = Client(REMOTE_ADDR="198.51.100.60")
    statuses = [
        guesser.get(reverse("droomhuis:partner_link", args=[f"{token[:-4]}{n:04d}"])).status_code
        for n in range(PARTNER_LINK_GUESSES.per_client)
    ]
    assert statuses[:-1] == [404] * (PARTNER_LINK_GUESSES.per_client - 1) and statuses[-1] == 429
    assert guesser.get(reverse("droomhuis:partner_link", args=[token])).status_code == 200
    assert Client(REMOTE_ADDR="203.0.113.61").get(reverse("droomhuis:partner_link", args=[token])).status_code == 200
    cache.clear()


def test_partner_records_acknowledgement_contact_and_outcome(setup, partner_welzijn):
    url = reverse("droomhuis:partner_detail", args=[setup["referral"].uid])
    for step in ("acknowledged", "contact_made"):
        assert partner_welzijn.post(url, {"to_status": step}).status_code == 302
    response = partner_welzijn.post(url, {"to_status": "closed"})
    assert response.status_code == 400 and "Kies een uitkomst" in response.content.decode()
    assert partner_welzijn.post(url, {"to_status": "closed", "outcome": "helped"}).status_code == 302
    referral = Referral.objects.get(pk=setup["referral"].pk)
    assert referral.status == "closed" and referral.outcome == "helped"


def test_unacknowledged_referral_shows_in_the_owners_overdue_list(setup, broker_bw, settings):
    referral = setup["referral"]
    Referral.objects.filter(pk=referral.pk).update(acknowledge_due="2020-01-01")
    html = broker_bw.get(reverse("droomhuis:referrals")).content.decode()
    assert referral.reference in html


def test_review_task_shows_for_the_second_broker_and_can_be_done(setup, broker_bw2, broker_bw):
    acute = setup["acute"]
    assert acute.reference in broker_bw2.get(reverse("droomhuis:referrals")).content.decode()
    assert acute.reference not in broker_bw.get(reverse("droomhuis:referrals")).content.decode()
    url = reverse("droomhuis:review", args=[acute.uid])
    assert broker_bw2.post(url, {"review-note": "Terecht doorgegeven."}).status_code == 302
    assert Referral.objects.get(pk=acute.pk).reviewed_at is not None


# --- access log ---------------------------------------------------------------------------------------


def log_rows():
    return AccessLogEntry.objects.count()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("case", None),
        ("signal_add", {"signal-kind": "loneliness", "signal-description": "Weinig bezoek"}),
        ("signal_close", {}),
        (
            "consent_record",
            {"consent-partner": "welzijn", "consent-categories": ["dream"], "consent-method": "phone"},
        ),
        (
            "referral_add",
            {"referral-partner": "welzijn", "referral-categories": ["contact"], "referral-question": "Bel"},
        ),
        ("referral_close", {"close-outcome": "not_applicable"}),
    ],
)
def test_each_broker_action_writes_exactly_one_complete_log_row(setup, broker_bw, world, name, data):
    method, url = endpoints(setup)[name]
    if data is not None:
        data = {k: (world.welzijn.pk if v == "welzijn" else v) for k, v in data.items()}
    before = log_rows()
    response = getattr(broker_bw, method)(url, data or {})
    assert response.status_code in (200, 302), response.content.decode()[:500]
    assert log_rows() == before + 1
    row = AccessLogEntry.objects.order_by("-pk").first()
    assert row.user == world.users.broker_bw and row.role == RoleKind.BROKER
    assert row.organisation == world.bw and row.resident == setup["dream"].resident
    assert row.action in ("view", "change") and row.object_type.startswith(("droomhuis.", "wijk."))


def test_partner_view_and_step_each_write_one_row(setup, partner_welzijn, world):
    url = reverse("droomhuis:partner_detail", args=[setup["referral"].uid])
    before = log_rows()
    partner_welzijn.get(url)
    partner_welzijn.post(url, {"to_status": "acknowledged"})
    assert log_rows() == before + 2
    rows = list(AccessLogEntry.objects.order_by("-pk")[:2])
    assert {r.action for r in rows} == {"view", "change"}
    assert all(r.role == RoleKind.PARTNER_CONTACT and r.organisation == world.welzijn for r in rows)
    assert all(r.object_type == "droomhuis.referral" for r in rows)


def test_second_broker_review_view_and_save_each_write_one_row(setup, broker_bw2):
    url = reverse("droomhuis:review", args=[setup["acute"].uid])
    before = log_rows()
    broker_bw2.get(url)
    assert log_rows() == before + 1
    broker_bw2.post(url, {"review-note": "Goed."})
    assert log_rows() == before + 2


def test_resident_sees_who_looked_by_role_and_organisation_only_their_own(setup, broker_bw, world, anonymous):
    broker_bw.get(reverse("droomhuis:case", args=[setup["dream"].reference]))
    other = ResidentFactory(neighbourhood=world.zuidwijk)
    access_log_record(
        user=world.users.moderator_hw, action="view", obj=other, resident=other, role="moderator", organisation=world.hw
    )
    html = anonymous.get(reverse("droomhuis:follow", args=[setup["dream"].reference])).content.decode()
    assert "Wie heeft mijn gegevens bekeken?" in html
    assert "Een droommakelaar van Beter Wonen heeft uw gegevens bekeken." in html
    assert "HW Wonen" not in html
    assert world.users.broker_bw.email not in html


def test_resident_withdraws_partner_consent_from_the_follow_page(
    setup, anonymous, world, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("droomhuis:follow", args=[setup["dream"].reference])
    html = anonymous.get(url).content.decode()
    assert "Stop met delen met Welzijn Almelo" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(
            reverse("droomhuis:partner_consent_withdraw", args=[setup["dream"].reference]),
            {"organisation": world.welzijn.pk, "purpose": "referral"},
        )
    assert response.status_code == 302
    assert [m.subject for m in mailoutbox] == [f"Stop: aanmelding {setup['referral'].reference}"]
    assert Referral.objects.get(pk=setup["referral"].pk).status == "consent_withdrawn"
    assert "Stop met delen met Welzijn Almelo" not in anonymous.get(url).content.decode()


def test_follow_page_and_mails_never_show_signal_content(setup, anonymous, world, mailoutbox):
    from droomhuis import services

    services.resident_update_post(dream=setup["dream"], author=world.users.broker_bw, body="Ik bel u.")
    html = anonymous.get(reverse("droomhuis:follow", args=[setup["dream"].reference])).content.decode()
    assert SIGNAL_TEXT not in html and "Gaslucht" not in html and "Zorgen over geld" not in html
    for message in mailoutbox:
        assert SIGNAL_TEXT not in message.body and "Gaslucht" not in message.body


def test_late_referral_is_on_the_queue_overdue_list_after_the_set_working_days(setup, broker_bw, settings):
    from droomhuis import workdays

    settings.DROOMHUIS_REFERRAL_ACK_WORKING_DAYS = 2
    referral = setup["referral"]
    sent = referral.sent_at.date()
    assert referral.acknowledge_due == workdays.add_working_days(sent, 3)  # default when it was sent
    url = reverse("droomhuis:queue")
    assert referral.reference not in broker_bw.get(url, {"view": "overdue"}).content.decode()
    Referral.objects.filter(pk=referral.pk).update(
        acknowledge_due=workdays.add_working_days(sent, 2) - timedelta(days=7)
    )
    assert referral.reference in broker_bw.get(url, {"view": "overdue"}).content.decode()
    referral_transition(referral=referral, to_status="acknowledged")
    assert referral.reference not in broker_bw.get(url, {"view": "overdue"}).content.decode()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("case_note", {"body": "Gebeld", "private": "on"}),
        ("case_plan", {"version": "VERSION", "next_action_date": "2099-01-01", "next_action": "Bellen"}),
    ],
)
def test_case_changes_write_one_change_row(setup, broker_bw, url_name, data):
    dream = setup["dream"]
    dream.refresh_from_db()
    data = {k: (str(dream.version) if v == "VERSION" else v) for k, v in data.items()}
    before = log_rows()
    assert broker_bw.post(reverse(f"droomhuis:{url_name}", args=[dream.reference]), data).status_code == 302
    assert log_rows() == before + 1
    assert AccessLogEntry.objects.order_by("-pk").first().action == "change"


def test_superuser_reading_a_signal_in_the_admin_writes_one_row(setup, superuser, world):
    before = log_rows()
    superuser.get(reverse("admin:droomhuis_signal_change", args=[setup["signal"].pk]))
    assert log_rows() == before + 1
    row = AccessLogEntry.objects.order_by("-pk").first()
    assert row.user == world.users.superuser and row.object_type == "droomhuis.signal"


def test_the_partners_steps_and_note_are_on_the_case_history(setup, broker_bw, broker_bw2, world):
    """What a partner did with a referral, and what they wrote, is in the owner's one history list."""
    referral = setup["referral"]
    assert referral.status == "sent"
    referral_transition(referral=referral, to_status="acknowledged", by_partner=True, via_link=True)
    referral_transition(
        referral=referral,
        to_status="closed",
        outcome="helped",
        note="Mevrouw gaat mee naar de koffieochtend.",
        by_partner=True,
        via_link=True,
    )
    url = reverse("droomhuis:case", args=[setup["dream"].reference])
    page = broker_bw.get(url).content.decode()
    history = page[page.index('id="h-history"') :]
    closed = history.index(f"Aanmelding {referral.reference}</strong>: Afgesloten (Geholpen)")
    received = history.index(f"Aanmelding {referral.reference}</strong>: Ontvangen door de partner")
    assert closed < received  # newest first
    assert "Mevrouw gaat mee naar de koffieochtend." in history[closed:received]
    assert f"· {world.welzijn.name}" in history[:closed]  # under the partner's name (they used their link)
    # Another broker of the corporation does not see the care work, so not these steps either.
    assert f"Aanmelding {referral.reference}" not in broker_bw2.get(url).content.decode()
