"""Notices for staff, each the way the person chose: at once, in one e-mail a day (``staff_digest``), or only in
the Werkplek. Acute danger always goes at once. A moderator of one corporation never hears of the other's items.
The page ``/werkplek/berichten/`` lists the notices and keeps the choices."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from droomhuis.care.referrals import referral_create, referral_create_acute, referral_transition
from droomhuis.care.signals import signal_record
from parelketting.programme.services import activity_propose
from parelketting.services import pearl_publish, pearl_report
from tests.conftest import notice_target, session_queries
from tests.droomhuis.conftest import (
    SIGNAL_TEXT,
    give_referral_consent,
    picked_up,
)
from wijk.models import NoticeKind, NoticePreference, NoticeWay, StaffNotice
from wijk.notices import preferences_save

from .conftest import hagedoorn_pearl, zuidwijk_pearl

pytestmark = pytest.mark.django_db
URL = "/werkplek/berichten/"


def to(user):
    return [m for m in mail.outbox if user.email in m.to]


def choose(user, kind, way):
    NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"way": way})


def digest():
    out = StringIO()
    call_command("staff_digest", stdout=out)
    return out.getvalue()


@pytest.fixture
def owned(world, dream):
    return picked_up(dream, world.users.broker_bw)  # a Hagedoorn dream owned by broker_bw


def test_the_url():
    assert reverse("werkplek:notices") == URL


# --- brokers: signals, partner steps, acute reviews ------------------------------------------------------------


def test_a_signal_goes_at_once_by_default_and_shows_in_the_werkplek(
    world, owned, broker_bw, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=owned, actor=world.users.expert_bw, kind="money", description=SIGNAL_TEXT)
    (message,) = to(world.users.broker_bw)
    assert message.to == [world.users.broker_bw.email]  # one e-mail per person: colleagues' addresses stay private
    notice = StaffNotice.objects.get(user=world.users.broker_bw)
    assert notice.kind == NoticeKind.SIGNAL and notice.emailed_at is not None and not notice.in_digest
    for page in ("/werkplek/", URL):
        html = broker_bw.get(page).content.decode()
        # The link opens the case through the notice, which marks it read (werkplek:notice_open).
        assert notice.subject in html and reverse("werkplek:notice_open", args=[notice.uid]) in html
        assert SIGNAL_TEXT not in html
    assert broker_bw.get(reverse("werkplek:notice_open", args=[notice.uid]))["Location"] == reverse(
        "droomhuis:case", args=[owned.reference]
    )


def test_a_daily_digest_gathers_the_notices_and_sends_them_once(world, owned, django_capture_on_commit_callbacks):
    broker = world.users.broker_bw
    choose(broker, NoticeKind.SIGNAL, NoticeWay.DIGEST)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=owned, actor=world.users.expert_bw, kind="money", description=SIGNAL_TEXT)
        signal_record(dream=owned, actor=world.users.expert_bw, kind="loneliness", description="Lekkage")
    assert not to(broker)
    assert "1 e-mail(s) sent" in digest()
    (message,) = to(broker)
    assert "Er zijn 2 berichten voor u" in message.body and URL in message.body
    assert SIGNAL_TEXT not in message.body and "Lekkage" not in message.body
    assert "0 e-mail(s) sent" in digest()  # sent once, not again tomorrow
    assert len(to(broker)) == 1


def test_only_in_the_werkplek_sends_no_mail_but_acute_danger_always_goes_at_once(
    world, owned, broker_bw, django_capture_on_commit_callbacks
):
    broker = world.users.broker_bw
    choose(broker, NoticeKind.SIGNAL, NoticeWay.WORKSPACE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=owned, actor=world.users.expert_bw, kind="money", description=SIGNAL_TEXT)
    assert not to(broker)
    assert "0 e-mail(s) sent" in digest()
    assert StaffNotice.objects.filter(user=broker, kind=NoticeKind.SIGNAL).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        signal_record(dream=owned, actor=world.users.expert_bw, kind="acute_danger", description="Gaslucht")
    (urgent,) = to(broker)
    assert urgent.subject.startswith("Dringend")
    assert "wp-item--urgent" in broker_bw.get(URL).content.decode()


@pytest.fixture
def referral(world, owned):
    give_referral_consent(world, owned, "contact")
    return referral_create(
        dream=owned, actor=world.users.broker_bw, partner=world.welzijn, categories=["contact"], question="Bellen?"
    )


@pytest.mark.parametrize("way", [NoticeWay.NOW, NoticeWay.DIGEST, NoticeWay.WORKSPACE])
def test_a_partners_step_follows_the_brokers_choice(world, referral, way, django_capture_on_commit_callbacks):
    broker = world.users.broker_bw
    choose(broker, NoticeKind.REFERRAL, way)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(referral=referral, to_status="acknowledged", note="Wij bellen.", by_partner=True)
    assert len(to(broker)) == (1 if way == NoticeWay.NOW else 0)
    digest()
    assert len(to(broker)) == (0 if way == NoticeWay.WORKSPACE else 1)
    notice = StaffNotice.objects.get(user=broker, kind=NoticeKind.REFERRAL)
    assert referral.reference in notice.subject and "Wij bellen." not in notice.body


def test_the_partners_closing_names_the_outcome_in_the_notice(world, referral, django_capture_on_commit_callbacks):
    for step in ("acknowledged", "contact_made"):
        referral = referral_transition(referral=referral, to_status=step, by_partner=True)
    with django_capture_on_commit_callbacks(execute=True):
        referral_transition(referral=referral, to_status="closed", outcome="helped", by_partner=True)
    notice = StaffNotice.objects.filter(user=world.users.broker_bw, kind=NoticeKind.REFERRAL).first()
    assert "Uitkomst:" in notice.body


def test_an_acute_review_reaches_the_other_brokers_at_once_whatever_they_chose(
    world, owned, broker_bw2_user, broker_hw_user, django_capture_on_commit_callbacks
):
    choose(broker_bw2_user, NoticeKind.REVIEW, NoticeWay.WORKSPACE)
    signal_record(dream=owned, actor=world.users.broker_bw, kind="acute_danger", description="Gaslucht")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_create_acute(
            dream=owned,
            actor=world.users.broker_bw,
            partner=world.welzijn,
            justification="Gaslucht en niemand doet open; dit kan niet wachten.",
            question="Vandaag langs",
        )
    assert [m.subject[:10] for m in to(broker_bw2_user)] == ["Beoordelen"]
    assert StaffNotice.objects.get(user=broker_bw2_user, kind=NoticeKind.REVIEW).acute
    assert not StaffNotice.objects.filter(user=world.users.broker_bw, kind=NoticeKind.REVIEW).exists()
    assert not StaffNotice.objects.filter(user=broker_hw_user).exists()  # HW Wonen's broker: another corporation


# --- moderators: pearls, proposed activities, reports; the organisation wall ------------------------------------


def test_a_new_pearl_reaches_only_its_own_corporations_moderators(world, django_capture_on_commit_callbacks):
    hw, bw = world.users.moderator_hw, world.users.moderator_bw
    choose(hw, NoticeKind.PEARL, NoticeWay.NOW)
    choose(bw, NoticeKind.PEARL, NoticeWay.NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pearl = zuidwijk_pearl(world, "Bankje bij de vijver")
    (message,) = to(hw)
    assert "Bankje bij de vijver" in message.subject and notice_target(message) == reverse(
        "werkplek:pearl", args=[pearl.uid]
    )
    assert not to(bw) and not StaffNotice.objects.filter(user=bw).exists()
    with django_capture_on_commit_callbacks(execute=True):
        hagedoorn_pearl(world, "Tuin")
    assert len(to(bw)) == 1 and len(to(hw)) == 1


def test_by_default_new_pearls_come_in_the_daily_pearl_summary_only(world, django_capture_on_commit_callbacks):
    hw = world.users.moderator_hw
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        zuidwijk_pearl(world)
    assert not to(hw)
    assert StaffNotice.objects.get(user=hw).in_digest is False  # parelketting_digest lists what still waits
    assert "0 e-mail(s) sent" in digest()
    call_command("parelketting_digest", stdout=StringIO())
    assert len(to(hw)) == 1 and reverse("werkplek:pearls") in to(hw)[0].body


def test_a_moderator_who_chose_otherwise_gets_no_pearl_summary(world):
    zuidwijk_pearl(world)
    choose(world.users.moderator_hw, NoticeKind.PEARL, NoticeWay.WORKSPACE)
    mail.outbox.clear()
    call_command("parelketting_digest", stdout=StringIO())
    assert not to(world.users.moderator_hw)


def test_a_report_reaches_only_its_own_corporations_moderators(world, django_capture_on_commit_callbacks):
    hw, bw = world.users.moderator_hw, world.users.moderator_bw
    published = pearl_publish(pearl=zuidwijk_pearl(world), by=hw)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = pearl_report(pearl=published, what="broken", note="Kapot", reporter="r1")
    (message,) = to(hw)
    assert notice_target(message) == reverse("werkplek:report", args=[report.uid])
    assert not to(bw) and not StaffNotice.objects.filter(user=bw, kind=NoticeKind.REPORT).exists()
    choose(hw, NoticeKind.REPORT, NoticeWay.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        pearl_report(pearl=published, what="broken", note="Nog steeds", reporter="r2")
    assert len(to(hw)) == 1
    digest()
    assert len(to(hw)) == 2


def test_a_proposed_activity_reaches_only_its_own_corporations_moderators(world, django_capture_on_commit_callbacks):
    hw, bw = world.users.moderator_hw, world.users.moderator_bw
    start = timezone.now() + timedelta(days=7)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_propose(
            title="Koffie",
            description="Koffie in het buurthuis.",
            neighbourhood=world.zuidwijk,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=10,
            proposed_by=world.users.resident_zuidwijk,
            organiser_resident=world.residents.zuidwijk,
            place_text="Buurthuis",
        )
    (message,) = to(hw)
    assert notice_target(message) == reverse("werkplek:activity", args=[activity.uid])
    assert not to(bw) and not StaffNotice.objects.filter(user=bw).exists()


# --- the page: who may, what it shows, the choices -------------------------------------------------------------


def test_who_may_open_the_page(as_persona):
    assert as_persona("anonymous").get(URL)["Location"].startswith("/accounts/login/")
    for persona in ("resident_zuidwijk", "resident_hagedoorn"):
        assert as_persona(persona).get(URL).status_code == 403
        assert as_persona(persona).post(URL, {"signal": "digest"}).status_code == 403
    for persona in ("moderator_hw", "broker_bw", "expert_bw", "partner_welzijn", "facilitator", "superuser"):
        assert as_persona(persona).get(URL).status_code == 200, persona


def test_each_role_sees_only_its_own_kinds(as_persona):
    broker = as_persona("broker_bw").get(URL).context["form"]
    moderator = as_persona("moderator_hw").get(URL).context["form"]
    assert set(broker.fields) == {"signal", "referral", "review", "handover"}
    assert set(moderator.fields) == {"pearl", "activity", "report"}
    assert not as_persona("partner_welzijn").get(URL).context["form"].fields
    html = as_persona("moderator_hw").get(URL).content.decode()
    assert "Bij acuut gevaar krijgt u altijd meteen een e-mail." in html
    assert moderator.initial["pearl"] == "digest" and moderator.initial["report"] == "now"  # the defaults


def test_choices_are_saved_and_shown_again(world, broker_bw):
    response = broker_bw.post(URL, {"signal": "digest", "referral": "workspace", "review": "now", "handover": "now"})
    assert response.status_code == 302 and response["Location"] == URL
    chosen = dict(NoticePreference.objects.filter(user=world.users.broker_bw).values_list("kind", "way"))
    assert chosen == {"signal": "digest", "referral": "workspace", "review": "now", "handover": "now"}
    form = broker_bw.get(URL).context["form"]
    assert form.initial["signal"] == "digest" and form.initial["referral"] == "workspace"
    again = broker_bw.post(URL, {"signal": "now", "referral": "now", "review": "now", "handover": "now"}, follow=True)
    assert "Uw keuzes zijn bewaard." in again.content.decode()


def test_a_wrong_choice_shows_the_page_again_and_saves_nothing(world, broker_bw, moderator_hw):
    response = broker_bw.post(URL, {"signal": "fax", "referral": "now"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not NoticePreference.objects.exists()
    # A moderator cannot set a broker's kind through the form: unknown fields are ignored.
    moderator_hw.post(URL, {"pearl": "now", "activity": "now", "report": "now", "signal": "workspace"})
    assert set(NoticePreference.objects.values_list("kind", flat=True)) == {"pearl", "activity", "report"}


def test_the_list_shows_only_ones_own_notices(world, moderator_hw, moderator_bw):
    zuidwijk_pearl(world, "Bankje van HW")
    assert "Bankje van HW" in moderator_hw.get(URL).content.decode()
    assert "Bankje van HW" not in moderator_bw.get(URL).content.decode()
    assert "Bankje van HW" not in moderator_bw.get("/werkplek/").content.decode()


def test_preferences_save_ignores_unknown_kinds_and_ways(world):
    preferences_save(user=world.users.broker_bw, ways={"fax": "now", "signal": "pigeon", "review": "digest"})
    assert list(NoticePreference.objects.values_list("kind", "way")) == [("review", "digest")]


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries) - session_queries()


def test_the_page_costs_the_same_queries_with_3_or_30_notices(world, moderator_hw):
    for i in range(3):
        zuidwijk_pearl(world, f"Parel {i}")
    _queries(moderator_hw)  # the first request of a session fills caches
    few = _queries(moderator_hw)
    for i in range(27):
        zuidwijk_pearl(world, f"Meer {i}")
    assert StaffNotice.objects.filter(user=world.users.moderator_hw).count() == 30
    assert _queries(moderator_hw) == few <= 8, few
