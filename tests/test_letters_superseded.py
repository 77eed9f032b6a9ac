"""One envelope carries only the latest news about one thing: a newer letter about the same activity replaces the
resident's letter that was not printed yet. Signed up, then cancelled: only the cancellation. Two changes: one
letter that names both. A letter already in a printed PDF is never replaced (it may be in the post)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parelketting.programme.change import activity_change
from parelketting.programme.services import activity_cancel, signup_create
from tests.factories import wants_post
from tests.parelketting import conftest as parelketting_fixtures
from wijk.models import Letter, LetterStatus
from wijk.services import letter_run_start

pytestmark = pytest.mark.django_db

make_pearl = parelketting_fixtures.make_pearl
make_activity = parelketting_fixtures.make_activity


@pytest.fixture
def post_resident(world):
    return wants_post(world.residents.zuidwijk)


def _queued(resident):
    return list(Letter.objects.filter(resident=resident, status=LetterStatus.QUEUED).order_by("pk"))


def test_signed_up_then_cancelled_gives_only_the_cancellation(
    world, post_resident, make_activity, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    other = make_activity(title="Koffie", days=5)
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
        signup_create(activity=other, resident=post_resident)
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=activity, by=world.users.moderator_hw, reason="De zaal is dicht.")
    queued = _queued(post_resident)
    assert [letter.reason for letter in queued] == ["parelketting.signup_confirmed", "parelketting.activity_cancelled"]
    assert "Koffie" in queued[0].subject and "Samen breien" in queued[1].subject
    replaced = Letter.objects.get(status=LetterStatus.SUPERSEDED)
    assert replaced.reason == "parelketting.signup_confirmed" and replaced.superseded_by == queued[1]


def test_two_changes_give_one_letter_that_names_both(
    world, post_resident, make_activity, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
    first_start = activity.starts_at
    later = activity.starts_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        activity_change(
            activity=activity, by=world.users.moderator_hw, starts_at=later, ends_at=later + timedelta(hours=2)
        )
    with django_capture_on_commit_callbacks(execute=True):
        activity_change(activity=activity, by=world.users.moderator_hw, place_text="De bibliotheek", place=None)
    (letter,) = _queued(post_resident)
    assert letter.reason == "parelketting.activity_changed"
    assert "De nieuwe tijd:" in letter.body and "De nieuwe plek: De bibliotheek" in letter.body
    first_hour = timezone.localtime(first_start).strftime("%H:%M")
    assert f"Eerst was het: {timezone.localtime(first_start):%A}".lower()[:14] in letter.body.lower()
    assert first_hour in letter.body
    assert Letter.objects.filter(status=LetterStatus.SUPERSEDED).count() == 2  # the sign-up and the first change


def test_a_letter_in_a_printed_run_is_never_replaced(
    world, post_resident, make_activity, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
    (printed,) = _queued(post_resident)
    letter_run_start(letters=[printed], user=world.users.moderator_hw)
    with django_capture_on_commit_callbacks(execute=True):
        activity_cancel(activity=activity, by=world.users.moderator_hw, reason="Ziek")
    assert [letter.reason for letter in _queued(post_resident)] == [
        "parelketting.signup_confirmed",
        "parelketting.activity_cancelled",
    ]
    assert not Letter.objects.filter(status=LetterStatus.SUPERSEDED).exists()


def test_the_queue_prints_only_the_latest_news(
    world, post_resident, make_activity, moderator_hw, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
        activity_cancel(activity=activity, by=world.users.moderator_hw, reason="Ziek")
    page = moderator_hw.get(reverse("wijk:letters")).content.decode()
    assert "Gaat niet door: Samen breien" in page
    assert page.count("U bent aangemeld: Samen breien") == 1  # only in the recent list, marked as replaced
    assert "U bent aangemeld: Samen breien</a> — Vervangen door nieuwer bericht" in page


def test_each_letter_has_a_preview_with_its_envelope_and_full_address(
    world, post_resident, make_activity, moderator_hw, moderator_bw, django_capture_on_commit_callbacks
):
    activity = make_activity(title="Samen breien")
    other = make_activity(title="Koffie", days=5)
    with django_capture_on_commit_callbacks(execute=True):
        signup_create(activity=activity, resident=post_resident)
        signup_create(activity=other, resident=post_resident)
    first, second = _queued(post_resident)
    url = reverse("wijk:letter_preview", kwargs={"uid": first.uid})
    assert url in moderator_hw.get(reverse("wijk:letters")).content.decode()
    page = moderator_hw.get(url).content.decode()
    assert "3262 AB Oud-Beijerland" in page and "Mevrouw A. de Vries" in page
    assert "U bent aangemeld: Samen breien" in page and "U bent aangemeld: Koffie" in page  # one envelope
    assert moderator_bw.get(url).status_code == 404
    from wijk.models import AccessLogEntry

    assert AccessLogEntry.objects.filter(detail="letter preview", resident=post_resident).count() == 1
