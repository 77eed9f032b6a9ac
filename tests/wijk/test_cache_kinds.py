"""Caches that stay warm: each kind of content clears only its own pages; logins and staff work clear none."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from droomhuis.services import dream_submit, note_add
from parelketting.models import Pearl
from parelketting.services import pearl_publish, pearl_submit
from tests.factories import PASSWORD
from wijk.models import AccessLogEntry
from wijk.models.consent import AppendOnlyQuerySet
from wijk.public_cache import (
    ALL_KINDS,
    ContentQuerySet,
    content_apps,
    declarations,
    is_history_model,
    kinds_reached,
    versions,
)
from wijk.services import access_log_record

pytestmark = pytest.mark.django_db


def _content_models():
    for config in apps.get_app_configs():
        if config.label in content_apps():
            for model in config.get_models():
                if not is_history_model(model):
                    yield model


def test_every_model_of_the_portal_decides_which_kinds_it_reaches():
    missing = [m._meta.label for m in _content_models() if m._meta.label not in declarations()]
    assert missing == [], f"Add these to their app's cache_kinds.MODELS: {missing}"


def test_bulk_writes_of_shown_models_bump_their_kinds():
    """``.update()``, ``bulk_create`` and ``bulk_update`` bump through ``ContentQuerySet`` (or are refused)."""
    for model in _content_models():
        if kinds_reached(model):
            queryset_class = type(model._default_manager.get_queryset())
            assert issubclass(queryset_class, ContentQuerySet | AppendOnlyQuerySet), model._meta.label


def _publish(world, title="Bankje bij de vijver"):
    pearl = pearl_submit(
        kind="place",
        title=title,
        story="Een mooi verhaal over de wijk.",
        neighbourhood=world.zuidwijk,
        submitter=world.residents.zuidwijk,
        lat=world.zuidwijk.centre_lat,
        lng=world.zuidwijk.centre_lng,
    )
    return pearl_publish(pearl=pearl, by=world.users.superuser)


def _warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_login_and_staff_work_clear_no_public_page(world):
    pearl = _publish(world)
    anonymous = Client()
    urls = [reverse("wijk:home"), reverse("parelketting:map"), pearl.get_absolute_url(), reverse("droomhuis:wall")]
    urls += [reverse("parelketting:programme"), reverse("parelketting:geojson"), reverse("parelketting:programme_ics")]
    _warm(anonymous, *urls)
    before = versions(*ALL_KINDS)
    resident = Client()
    answer = resident.post(reverse("account_login"), {"login": "bewoner@zuidwijk.test", "password": PASSWORD})
    assert answer.status_code == 302 and resident.get(reverse("wijk:account")).status_code == 200
    dream = dream_submit(text="Een moestuin", neighbourhood=world.hagedoorn, consent_contact=False, consent_wall=False)
    after_dream = versions(*ALL_KINDS)
    changed = [
        k for k, old, new in zip(ALL_KINDS, before.split("."), after_dream.split("."), strict=True) if old != new
    ]
    assert changed == ["evidence"]  # a new dream only changes the atelier's live figures
    access_log_record(user=world.users.broker_bw, action="view", obj=dream, resident=dream.resident)
    note_add(dream=dream, author=world.users.broker_bw, body="Gebeld, komt langs.")
    dream.refresh_from_db()
    assert versions(*ALL_KINDS) == after_dream, "the access log or a case note changed a shared version"
    for url in urls:
        assert anonymous.get(url)["X-Page-Cache"] == "hit", url


def test_a_published_pearl_shows_at_once_and_leaves_other_kinds_warm(world):
    anonymous = Client()
    wall, programme, map_page = (
        reverse("droomhuis:wall"),
        reverse("parelketting:programme"),
        reverse("parelketting:list"),
    )
    _warm(anonymous, wall, map_page)
    _publish(world, title="Nieuwe bank bij de school")
    assert anonymous.get(wall)["X-Page-Cache"] == "hit"
    fresh = anonymous.get(map_page)
    assert fresh["X-Page-Cache"] == "miss" and "Nieuwe bank bij de school" in fresh.content.decode()
    assert anonymous.get(programme).status_code == 200


def test_update_and_many_to_many_changes_show_at_once(world):
    pearl = _publish(world)
    anonymous = Client()
    url = pearl.get_absolute_url()
    _warm(anonymous, url)
    Pearl.objects.filter(pk=pearl.pk).update(title="Bankje met uitzicht")
    assert "Bankje met uitzicht" in anonymous.get(url).content.decode()
    geojson = reverse("parelketting:geojson")
    _warm(anonymous, geojson)
    pearl.themes.add(world.themes["groen"])
    assert '"groen"' in anonymous.get(geojson).content.decode()


def test_a_theme_change_reaches_the_geojson(world):
    pearl = _publish(world)
    pearl.themes.add(world.themes["groen"])
    anonymous = Client()
    geojson = reverse("parelketting:geojson")
    _warm(anonymous, geojson)
    theme = world.themes["groen"]
    theme.slug = "natuur"
    theme.save()
    body = anonymous.get(geojson).content.decode()
    assert '"natuur"' in body and '"groen"' not in body


def test_fields_that_show_nowhere_reach_nothing():
    from wijk.models import User

    assert kinds_reached(User, ["last_login"]) == frozenset()
    assert kinds_reached(User, ["name"]) == {"staff_lists"}
    assert kinds_reached(AccessLogEntry) == frozenset()
