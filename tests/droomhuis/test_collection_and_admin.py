"""Rent-collection staff see nothing of the Droomhuis; signals and referrals are superuser-only, read-only."""

import pytest
from django.urls import reverse

from .care.test_views import endpoints
from .conftest import SIGNAL_TEXT


@pytest.fixture
def full_case(setup):
    """The case from the permission matrix: signals, a normal and an acute referral, a pairing."""
    return setup


def test_collection_staff_get_403_or_404_on_every_staff_page(full_case, collection):
    pages = [
        *(value for name, value in endpoints(full_case).items() if name != "follow_log"),
        ("get", reverse("droomhuis:queue")),
        ("get", reverse("droomhuis:intake")),
        ("get", reverse("droomhuis:case_photo", args=[full_case["dream"].reference])),
    ]
    for method, url in pages:
        assert getattr(collection, method)(url).status_code in (403, 404), url


def test_collection_staff_see_nothing_of_droomhuis_in_the_admin(full_case, collection):
    index = collection.get(reverse("admin:index"))
    assert "droomhuis" not in index.content.decode().lower()
    for name in ("dream", "signal", "referral"):
        assert collection.get(reverse(f"admin:droomhuis_{name}_changelist")).status_code == 403
    signal_url = reverse("admin:droomhuis_signal_change", args=[full_case["signal"].pk])
    assert collection.get(signal_url).status_code in (403, 404)


def test_moderators_never_see_signals_or_referrals_in_the_admin(full_case, moderator_bw):
    for name in ("signal", "referral"):
        assert moderator_bw.get(reverse(f"admin:droomhuis_{name}_changelist")).status_code == 403
    assert SIGNAL_TEXT not in moderator_bw.get(reverse("admin:index")).content.decode()


def test_superuser_reads_signals_in_the_admin_but_cannot_change_them(full_case, superuser):
    url = reverse("admin:droomhuis_signal_change", args=[full_case["signal"].pk])
    response = superuser.get(url)
    assert response.status_code == 200 and SIGNAL_TEXT in response.content.decode()
    assert superuser.post(url, {"description": "anders"}).status_code == 403
    assert superuser.get(reverse("admin:droomhuis_signal_add")).status_code == 403
    delete = reverse("admin:droomhuis_signal_delete", args=[full_case["signal"].pk])
    assert superuser.post(delete, {"post": "yes"}).status_code == 403
    full_case["signal"].refresh_from_db()
    assert full_case["signal"].description == SIGNAL_TEXT
