"""Werkplek fixtures: the Droomhuis's (a second Beter Wonen broker, dreams) and waiting work in both corporations."""

from decimal import Decimal

import pytest
from django.utils import timezone

from droomhuis.care.referrals import referral_create_acute
from droomhuis.care.signals import signal_record
from parelketting.services import pearl_publish, pearl_report, pearl_submit
from tests.droomhuis.conftest import (  # noqa: F401 - fixtures reused here
    broker_bw2,
    broker_bw2_user,
    broker_hw_user,
    dream,
    give_referral_consent,
    make_dream,
    picked_up,
)
from wijk.models.callbacks import CallbackRequest, DayPart
from wijk.services import callback_request_create, letter_queue


def pearl_in(neighbourhood, title, lat, lng):
    return pearl_submit(
        kind="place", title=title, story="Een fijne plek.", neighbourhood=neighbourhood, lat=lat, lng=lng
    )


def zuidwijk_pearl(world, title="Bankje"):
    return pearl_in(world.zuidwijk, title, Decimal("51.8159"), Decimal("4.4130"))


def hagedoorn_pearl(world, title="Moestuin"):
    return pearl_in(world.hagedoorn, title, Decimal("52.3506"), Decimal("6.6526"))


def add_work(world, dream_maker, n=1):
    """``n`` of each kind of waiting work in both corporations: pearls, reports, dreams, callbacks, letters."""
    for i in range(n):
        zuidwijk_pearl(world, f"Bankje {i}")
        hagedoorn_pearl(world, f"Tuin {i}")
        published = pearl_publish(pearl=zuidwijk_pearl(world, f"Speeltuin {i}"), by=world.users.moderator_hw)
        pearl_report(pearl=published, what="broken", note="Kapot", reporter=f"r{i}")
        dream_maker(text=f"Droom {i}")
        callback_request_create(neighbourhood=world.hagedoorn, phone=f"0546 12{i:04d}", day_part=DayPart.MORNING)
        callback_request_create(neighbourhood=world.zuidwijk, phone=f"0186 12{i:04d}", day_part=DayPart.MORNING)
        CallbackRequest.objects.update(call_on=timezone.localdate())  # due today: counted as work for now
        letter_queue(resident=world.residents.hagedoorn, organisation=world.bw, subject="Droom", body="Nieuws.",
                     reason=f"dream{i}")  # fmt: skip


def acute_referral(world, new_dream):
    broker = world.users.broker_bw
    owned = picked_up(new_dream, broker)
    signal_record(dream=owned, actor=broker, kind="acute_danger", description="Gaslucht in de gang")
    return referral_create_acute(
        dream=owned,
        actor=broker,
        partner=world.welzijn,
        justification="Gaslucht en niemand doet open; dit kan niet wachten.",
        question="Vandaag langs",
    )


@pytest.fixture
def work(world, make_dream):  # noqa: F811
    add_work(world, make_dream)
    return world
