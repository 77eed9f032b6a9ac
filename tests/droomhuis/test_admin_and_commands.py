"""Dream-wall moderation in the admin, the daily reminder e-mail, the atelier's counts and the demo data."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from droomhuis import services
from droomhuis.models import Dream, WallStatus
from droomhuis.selectors import evidence_counts


def realised(world, make_dream, **kwargs):
    dream = make_dream(consent_wall=True, **kwargs)
    for target in ["picking_up", "in_conversation", "realised"]:
        services.dream_transition(
            dream=dream, to_status=target, actor=world.users.broker_bw, expected_version=dream.version
        )
    services.dream_outcome_record(
        dream=dream,
        actor=world.users.broker_bw,
        expected_version=dream.version,
        outcome="Een moestuin",
        story="Buren zaaien samen.",
        propose_for_wall=True,
    )
    services.note_add(dream=dream, author=world.users.broker_bw, body="Interne notitie XYZ", private=False)
    return dream


def test_moderator_approves_a_story_for_the_wall_without_seeing_notes(moderator_bw, anonymous, world, make_dream):
    dream = realised(world, make_dream)
    changelist = reverse("admin:droomhuis_dream_changelist")
    assert dream.reference_display in moderator_bw.get(changelist).content.decode()
    detail = moderator_bw.get(reverse("admin:droomhuis_dream_change", args=[dream.pk])).content.decode()
    assert "Buren zaaien samen." in detail
    assert "Interne notitie XYZ" not in detail and "0546 123 456" not in detail
    assert "Buren zaaien" not in anonymous.get(reverse("droomhuis:wall")).content.decode()
    moderator_bw.post(changelist, {"action": "approve_for_wall", "_selected_action": [dream.pk]})
    dream.refresh_from_db()
    assert dream.wall_status == WallStatus.APPROVED and dream.wall_decided_by == world.users.moderator_bw
    wall = anonymous.get(reverse("droomhuis:wall")).content.decode()
    assert "Buren zaaien samen." in wall and "Mira" not in wall


def test_moderator_of_another_corporation_sees_nothing(moderator_hw, world, make_dream):
    dream = realised(world, make_dream)
    changelist = moderator_hw.get(reverse("admin:droomhuis_dream_changelist"))
    assert changelist.status_code == 200 and dream.reference_display not in changelist.content.decode()
    detail = moderator_hw.get(reverse("admin:droomhuis_dream_change", args=[dream.pk]))
    assert detail.status_code in (302, 403, 404) and b"Buren zaaien" not in detail.content
    moderator_hw.post(
        reverse("admin:droomhuis_dream_changelist"), {"action": "approve_for_wall", "_selected_action": [dream.pk]}
    )
    dream.refresh_from_db()
    assert dream.wall_status == WallStatus.PROPOSED


def test_moderators_never_see_open_cases(moderator_bw, world, make_dream):
    open_case = make_dream(text="Nog open droom")
    assert (
        open_case.reference_display
        not in moderator_bw.get(reverse("admin:droomhuis_dream_changelist")).content.decode()
    )


def test_reminders_mail_each_broker_their_summary(world, make_dream, broker_hw_user):
    late = make_dream(text="Te late droom")
    services.dream_transition(
        dream=late, to_status="picking_up", actor=world.users.broker_bw, expected_version=late.version
    )
    Dream.objects.filter(pk=late.pk).update(next_action_date=timezone.localdate() - timedelta(days=2))
    make_dream(text="Verse droom")
    call_command("droomhuis_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.users.broker_bw.email]
    assert "1 te laat" in message.subject and "1 nieuw" in message.subject
    assert "Te late droom" in message.body and "Verse droom" in message.body


def test_reminders_send_nothing_when_there_is_nothing(world):
    call_command("droomhuis_reminders")
    assert mail.outbox == []


def test_evidence_counts_per_month(world, make_dream):
    dream = realised(world, make_dream)
    make_dream()
    rows = evidence_counts(world.hagedoorn)
    month = timezone.now().date().replace(day=1)
    assert rows == [
        {"month": month, "received": 2, "picked_up": 1, "realised": 1, "partners_involved": 0}
        | {"matches_closed": 0, "matches_helped": 0}
    ]
    assert evidence_counts(world.zuidwijk) == []
    assert evidence_counts("hagedoorn") == rows
    assert dream.neighbourhood == world.hagedoorn


def test_evidence_counts_partners_that_received_a_referral(world, make_dream):
    from droomhuis.care.referrals import referral_create
    from wijk.choices import DataCategory

    from .conftest import give_referral_consent

    dream = make_dream()
    give_referral_consent(world, dream, DataCategory.CONTACT)
    for question in ("Kunt u helpen?", "Nog een vraag."):  # two referrals, one partner: counted once
        referral_create(
            dream=dream,
            actor=world.users.broker_bw,
            partner=world.welzijn,
            categories=[DataCategory.CONTACT],
            question=question,
        )
    (row,) = evidence_counts(world.hagedoorn)
    assert row["partners_involved"] == 1


def test_demo_loads_every_state_twice_without_duplicates(db):
    from droomhuis import demo
    from droomhuis.workflow import DreamStatus
    from wijk import demo as wijk_demo

    wijk_demo.load()
    demo.load()
    first = Dream.objects.count()
    demo.load()
    assert Dream.objects.count() == first == len(demo.DREAMS)
    assert set(Dream.objects.values_list("status", flat=True)) == set(DreamStatus.values)
    assert all(d.events.exists() for d in Dream.objects.all())
    assert Dream.objects.on_wall().count() == 1


def test_reminders_list_cases_due_today_with_full_links(world, make_dream, settings):
    settings.SITE_URL = "https://wijk.example"
    dream = make_dream(text="Vandaag bellen")
    services.dream_transition(
        dream=dream, to_status="picking_up", actor=world.users.broker_bw, expected_version=dream.version
    )
    services.dream_plan(
        dream=dream,
        actor=world.users.broker_bw,
        expected_version=dream.version,
        next_action_date=timezone.localdate(),
    )
    call_command("droomhuis_reminders")
    message = mail.outbox[0]
    assert "1 vandaag" in message.subject and "0 nieuw" in message.subject
    assert f"https://wijk.example/droomhuis/makelaar/droom/{dream.reference}/" in message.body
