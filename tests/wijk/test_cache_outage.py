"""Degrade, don't fail: with Redis unreachable every page still answers, limits let people through, logins work."""

import pytest
from django.test import override_settings
from django.urls import reverse

from droomhuis.models import Dream
from parelketting.services import pearl_publish, pearl_submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# The production Redis settings (wijkportaal/settings/base.py), pointed at a port where nothing listens.
DEAD_REDIS = {
    "default": {
        "BACKEND": "lib.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "wijkportaal:test",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "CONNECTION_POOL_KWARGS": {"retry": None},
        },
    }
}
redis_down = override_settings(CACHES=DEAD_REDIS, SESSION_ENGINE="django.contrib.sessions.backends.cached_db")


@redis_down
def test_public_pages_render_uncached(client, world):
    pearl = pearl_publish(
        pearl=pearl_submit(
            kind="place",
            title="Bankje zonder cache",
            story="Een mooi verhaal over de wijk.",
            neighbourhood=world.zuidwijk,
            submitter=world.residents.zuidwijk,
            lat=world.zuidwijk.centre_lat,
            lng=world.zuidwijk.centre_lng,
        ),
        by=world.users.superuser,
    )
    for url in (
        reverse("wijk:home"),
        reverse("parelketting:map"),
        reverse("parelketting:list"),
        pearl.get_absolute_url(),
        reverse("parelketting:geojson"),
        reverse("parelketting:programme"),
        reverse("parelketting:programme_ics"),
        reverse("droomhuis:wall"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit"
    assert "Bankje zonder cache" in client.get(pearl.get_absolute_url()).content.decode()


@redis_down
def test_health_says_degraded_but_keeps_the_server_in_rotation(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable", "storage": "ok"}


@redis_down
def test_limits_let_residents_through_and_nothing_is_lost(client, world):
    for number in range(12):  # more than the ten dreams an hour one visitor may send
        response = client.post(
            reverse("droomhuis:share"),
            {"text": f"Een bankje bij de speeltuin {number}", "neighbourhood": world.hagedoorn.pk, "website": ""},
        )
        assert response.status_code == 302
    assert Dream.objects.filter(text__startswith="Een bankje bij de speeltuin").count() == 12


@redis_down
def test_login_and_session_come_from_the_database(client, world):
    response = client.post(reverse("account_login"), {"login": "bewoner@zuidwijk.test", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("wijk:account"))
    assert page.status_code == 200 and "bewoner@zuidwijk.test" in page.content.decode()


def test_cache_keys_carry_the_release(monkeypatch, tmp_path):
    from wijkportaal.settings import base

    assert base.CACHES["default"]["KEY_PREFIX"] == f"wijkportaal:{base.RELEASE}"
    monkeypatch.delenv("WIJKPORTAAL_RELEASE", raising=False)
    monkeypatch.setattr(base, "BASE_DIR", tmp_path)
    assert base._release() == "dev"
    (tmp_path / "RELEASE").write_text("4f2c9e1\n")
    assert base._release() == "4f2c9e1"
    monkeypatch.setenv("WIJKPORTAAL_RELEASE", "2026-12-05.1")
    assert base._release() == "2026-12-05.1"
