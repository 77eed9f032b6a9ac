"""The admin's lists with personal data can be searched, "whose file" included; dreams have no bulk delete
(erasure goes through "vergeet mij")."""

import pytest
from django.urls import reverse

from droomhuis.care.signals import signal_record
from wijk.models import AccessAction, AccessLogEntry

from .conftest import picked_up

pytestmark = pytest.mark.django_db


def _log(world, resident, detail):
    return AccessLogEntry.objects.create(
        user=world.users.broker_bw,
        role="broker",
        organisation=world.bw,
        resident=resident,
        action=AccessAction.VIEW,
        object_type="droomhuis.dream",
        object_id="1",
        detail=detail,
    )


def test_who_looked_at_a_residents_file(world, superuser):
    _log(world, world.residents.hagedoorn, "henk")
    _log(world, world.residents.zuidwijk, "ans")
    response = superuser.get(reverse("admin:wijk_accesslogentry_changelist"), {"q": "Henk"})
    assert response.status_code == 200
    assert [row.detail for row in response.context["cl"].result_list] == ["henk"]


@pytest.mark.parametrize(
    "name",
    [
        "admin:wijk_consentrecord_changelist",
        "admin:droomhuis_dream_changelist",
        "admin:droomhuis_signal_changelist",
        "admin:droomhuis_referral_changelist",
        "admin:wijk_accesslogentry_changelist",
    ],
)
def test_every_list_with_personal_data_has_a_search(superuser, name):
    response = superuser.get(reverse(name), {"q": "x"})
    assert response.status_code == 200 and response.context["cl"].search_fields


def test_no_bulk_delete_of_dreams_signals_or_referrals(world, superuser, make_dream):
    dream = picked_up(make_dream(), world.users.broker_bw)
    signal_record(dream=dream, actor=world.users.broker_bw, kind="money", description="Zorgen")
    for name in ("droomhuis_dream", "droomhuis_signal", "droomhuis_referral"):
        response = superuser.get(reverse(f"admin:{name}_changelist"))
        actions = response.context["action_form"].fields["action"].choices if response.context["action_form"] else []
        assert "delete_selected" not in [value for value, _label in actions], name


def test_the_access_log_reads_in_words(world, superuser):
    _log(world, world.residents.hagedoorn, "henk")
    html = superuser.get(reverse("admin:wijk_accesslogentry_changelist")).content.decode()
    assert "Droommakelaar" in html and ">droom<" in html
    assert ">broker<" not in html and ">droomhuis.dream<" not in html


@pytest.mark.parametrize("name", ["dream", "signal", "referral"])
def test_not_even_a_superuser_deletes_one_dream_signal_or_referral(setup, superuser, name):
    record = setup[name]
    url = reverse(f"admin:droomhuis_{name}_delete", args=[record.pk])
    assert superuser.get(url).status_code == 403
    assert superuser.post(url, {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("name", ["dream", "signal", "referral"])
def test_the_change_page_points_to_forget_me_instead(setup, superuser, name):
    record = setup[name]
    html = superuser.get(reverse(f"admin:droomhuis_{name}_change", args=[record.pk])).content.decode()
    forget = reverse("wijk:resident_forget", args=[setup["dream"].resident.uid])
    assert f'href="{forget}"' in html and "vergeet mij" in html
    assert reverse(f"admin:droomhuis_{name}_delete", args=[record.pk]) not in html
