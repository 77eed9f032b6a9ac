"""Neighbourhoods, themes, partners, the dream wall and experiment figures in the open-data API."""

import pytest
from django.conf import settings

from droomhuis.models import Dream
from parelketting.models import Pearl
from wijk.choices import Purpose
from wijk.models import ConsentRecord
from wijk.services import consent_withdraw

pytestmark = pytest.mark.django_db


def test_neighbourhoods_with_corporation_and_map_centre(anonymous, world):
    body = anonymous.get("/api/v1/neighbourhoods").json()
    assert body["count"] == 2
    zuidwijk = next(n for n in body["results"] if n["slug"] == "zuidwijk")
    assert zuidwijk == {
        "slug": "zuidwijk",
        "name": "Zuidwijk",
        "municipality": "Oud-Beijerland",
        "corporation": "HW Wonen",
        "centre": {"type": "Point", "coordinates": [4.413, 51.8159]},
        "zoom": 16,
        "cbs_code": world.zuidwijk.cbs_code,
    }
    assert anonymous.get("/api/v1/neighbourhoods/zuidwijk").json()["name"] == "Zuidwijk"
    assert anonymous.get("/api/v1/neighbourhoods/nergens").status_code == 404
    assert anonymous.get("/api/v1/neighbourhoods", {"limit": 1}).json()["next"].endswith("limit=1&offset=1")


def test_themes(anonymous, world):
    body = anonymous.get("/api/v1/themes").json()
    assert {t["slug"] for t in body["results"]} == {"groen", "ontmoeting", "klussen"}
    assert set(body["results"][0]) == {"slug", "name", "name_en", "description"}


def test_partner_directory_has_organisations_never_agreements_or_people(anonymous, world):
    world.welzijn.themes.set([world.themes["ontmoeting"]])
    body = anonymous.get("/api/v1/partners").json()
    assert [p["slug"] for p in body["results"]] == ["welzijn-almelo"]
    partner = body["results"][0]
    assert partner["neighbourhoods"] == ["hagedoorn"]
    assert partner["themes"] == ["ontmoeting"]
    assert set(partner) == {"slug", "name", "partner_type", "description", "website", "themes", "neighbourhoods"}
    text = anonymous.get("/api/v1/partners").content.decode()
    assert "DSA-1" not in text
    assert "partner@welzijn.test" not in text
    assert "hw-wonen" not in text
    assert anonymous.get("/api/v1/partners/welzijn-almelo").status_code == 200
    assert anonymous.get("/api/v1/partners/hw-wonen").status_code == 404
    assert anonymous.get("/api/v1/partners/nergens").status_code == 404


def test_dream_wall_shows_what_the_wall_page_shows(anonymous, make_wall_dream):
    shown = make_wall_dream(outcome="Er is een moestuin")
    make_wall_dream(on_wall=False, outcome="Nog niet goedgekeurd")
    make_wall_dream(consent_wall=False, outcome="Geen toestemming")
    body = anonymous.get("/api/v1/dream-wall").json()
    assert body["count"] == 1
    story = body["results"][0]
    assert story["outcome"] == "Er is een moestuin"
    assert story["story"] == "Buren zaaien samen."
    assert story["neighbourhood"] == "hagedoorn"
    assert story["themes"] == ["groen"]
    assert story["url"] == f"{settings.SITE_URL}/droomhuis/dromenmuur/"
    assert len(story["id"]) == 24
    text = anonymous.get("/api/v1/dream-wall").content.decode()
    for secret in (shown.reference, "Mira", "0546", "Een moestuin achter de flat."):
        assert secret not in text
    assert list(Dream.objects.on_wall()) == [shown]


def test_dream_leaves_the_wall_at_once_when_consent_is_withdrawn(anonymous, make_wall_dream):
    dream = make_wall_dream()
    assert anonymous.get("/api/v1/dream-wall").json()["count"] == 1
    for record in ConsentRecord.objects.filter(resident=dream.resident, purpose=Purpose.DREAM_WALL):
        consent_withdraw(consent=record, method="online")
    assert anonymous.get("/api/v1/dream-wall").json()["count"] == 0


def test_experiments_only_public_ones(anonymous, make_experiment):
    make_experiment(slug="parelketting")
    make_experiment(slug="geheim", is_public=False)
    body = anonymous.get("/api/v1/experiments").json()
    assert [e["slug"] for e in body["results"]] == ["parelketting"]
    experiment = body["results"][0]
    assert experiment["url"] == f"{settings.SITE_URL}/atelier/experimenten/parelketting/"
    assert experiment["evidence"] == f"{settings.SITE_URL}/api/v1/experiments/parelketting"
    assert anonymous.get("/api/v1/experiments/geheim").status_code == 404
    assert anonymous.get("/api/v1/experiments/nergens").status_code == 404


def test_experiment_figures_below_ten_are_less_than_ten(anonymous, make_experiment, make_pearl):
    make_experiment(slug="parelketting")
    for i in range(3):
        make_pearl(title=f"Parel {i}")
    body = anonymous.get("/api/v1/experiments/parelketting").json()
    assert body["available"] is True
    published = next(s for s in body["series"] if s["key"] == "published")
    assert [v["count"] for v in published["values"]] == ["<10"]
    for i in range(12):
        make_pearl(title=f"Meer {i}")
    body = anonymous.get("/api/v1/experiments/parelketting").json()
    published = next(s for s in body["series"] if s["key"] == "published")
    assert [v["count"] for v in published["values"]] == [Pearl.objects.count()]
    assert all(isinstance(v["count"], int) or v["count"] == "<10" for s in body["series"] for v in s["values"])


def test_post_is_405_everywhere(anonymous, world):
    for url in ("/api/v1/", "/api/v1/neighbourhoods", "/api/v1/themes", "/api/v1/partners", "/api/v1/dream-wall"):
        assert anonymous.post(url).status_code == 405
        assert anonymous.put(url).status_code == 405
