"""Read functions for other apps, and the moderators' daily summary."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from parelketting.choices import PearlKind, PearlStatus
from parelketting.selectors import evidence_counts, published_personal_pearls

pytestmark = pytest.mark.django_db


def test_published_personal_pearls_filters_by_theme(make_pearl, world):
    groen, klussen = world.themes["groen"], world.themes["klussen"]
    fiets = make_pearl(kind=PearlKind.PERSON, title="Fietsen", themes=[klussen])
    make_pearl(kind=PearlKind.PERSON, title="Wacht nog", themes=[klussen], status=PearlStatus.SUBMITTED)
    make_pearl(title="Plek", themes=[klussen])
    tuin = make_pearl(kind=PearlKind.PERSON, title="Tuinieren", themes=[groen])
    assert set(published_personal_pearls()) == {fiets, tuin}
    assert list(published_personal_pearls(theme_ids=[klussen.pk])) == [fiets]


def test_evidence_counts_per_month(make_pearl, world):
    make_pearl()
    make_pearl(status=PearlStatus.SUBMITTED)
    make_pearl(neighbourhood=world.hagedoorn)
    counts = evidence_counts(world.zuidwijk)
    assert sum(counts["submitted"].values()) == 2
    assert sum(counts["published"].values()) == 1
    month = next(iter(counts["submitted"]))
    assert len(month) == 7 and month[4] == "-"
    assert counts["activities"] == {} and counts["signups"] == {}


def test_digest_mails_each_moderator_their_own_queue(make_pearl, world):
    make_pearl(status=PearlStatus.SUBMITTED, title="Wacht in Zuidwijk")
    make_pearl(title="Al geplaatst")
    call_command("parelketting_digest", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["moderator@hw.test"]]
    assert "Wacht in Zuidwijk" in mail.outbox[0].body
    assert "Al geplaatst" not in mail.outbox[0].body


def test_evidence_counts_activities_and_confirmed_sign_ups(make_activity, world):
    from parelketting.programme.services import signup_create

    activity = make_activity(days=1)
    make_activity(title="Nog niet in het programma", publish=False)
    signup_create(activity=activity, resident=world.residents.zuidwijk)
    counts = evidence_counts(world.zuidwijk)
    assert sum(counts["activities"].values()) == 1
    assert sum(counts["signups"].values()) == 1
