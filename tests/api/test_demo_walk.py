"""Walk every API answer for the demo data: no e-mail, phone, postal address, or unpublished/hidden record."""

import json
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from atelier.models import Experiment
from droomhuis.models import Dream
from parelketting.models import Activity, Pearl, Route
from wijk.models import Organisation, Resident
from wijk.services import public_name

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(\+31|\b0)[\s-]?\d(?:[\s-]?\d){8}\b")
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b")
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def crawl(client) -> dict[str, dict]:
    """Every page of every list, every detail it links to, the index and the schema."""
    start = client.get("/api/v1/").json()
    queue = [urlsplit(url) for url in start["endpoints"].values()]
    queue = [f"{u.path}?limit=100" for u in queue] + ["/api/v1/", "/api/v1/openapi.json"]
    seen: dict[str, dict] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        seen[url] = body
        if isinstance(body, dict) and body.get("next"):
            parts = urlsplit(body["next"])
            queue.append(f"{parts.path}?{parts.query}")
        for feature in body.get("features", []) if isinstance(body, dict) else []:
            queue.append(f"/api/v1/pearls/{feature['id']}")
        for item in body.get("results", []) if isinstance(body, dict) else []:
            if "municipality" in item:
                queue.append(f"/api/v1/neighbourhoods/{item['slug']}")
            elif "partner_type" in item:
                queue.append(f"/api/v1/partners/{item['slug']}")
            elif "gpx" in item:
                queue.append(f"/api/v1/routes/{item['slug']}")
            elif "calendar" in item:
                queue.append(f"/api/v1/activities/{item['id']}")
            elif "evidence" in item:
                queue.append(urlsplit(item["evidence"]).path)
    return seen


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("loaddemo", force=True, stdout=StringIO())
    settings.DEBUG = False


def test_demo_answers_hold_no_personal_data_and_no_hidden_records(demo, anonymous):
    answers = crawl(anonymous)
    assert len(answers) > 10
    text = json.dumps(answers, ensure_ascii=False)

    for url, body in answers.items():
        if url.endswith("openapi.json"):
            continue
        for value in strings(body):
            if value.startswith(django_settings.SITE_URL) or ISO_TIME.match(value) or UUID.match(value):
                continue
            assert not EMAIL.search(value), (url, value)
            assert not PHONE.search(value), (url, value)
            assert not POSTCODE.search(value), (url, value)

    for resident in Resident.objects.all():
        for secret in (resident.email, resident.phone, resident.postal_address, resident.contact_notes):
            if secret and len(secret) > 3:
                assert secret not in text, secret

    pearl_ids = {f["id"] for body in answers.values() if isinstance(body, dict) for f in body.get("features", [])}
    published = {str(uid) for uid in Pearl.objects.published().values_list("uid", flat=True)}
    assert pearl_ids == published
    for uid in Pearl.objects.exclude(status="published").values_list("uid", flat=True):
        assert str(uid) not in text
    assert str(Pearl.objects.order_by("pk").last().pk) not in pearl_ids

    for pearl in Pearl.objects.published().filter(submitter__isnull=False).select_related("submitter"):
        detail = answers[f"/api/v1/pearls/{pearl.uid}"]["properties"]
        expected = public_name(pearl.submitter) if pearl.kind != "partner_offer" else ""
        assert detail["public_name"] == expected

    for reference in Dream.objects.values_list("reference", flat=True):
        assert reference not in text
    wall = [r for url, body in answers.items() if "dream-wall" in url for r in body["results"]]
    assert len(wall) == Dream.objects.on_wall().count()
    for dream in Dream.objects.exclude(pk__in=Dream.objects.on_wall()).exclude(outcome=""):
        assert all(story["outcome"] != dream.outcome or story["story"] != dream.story for story in wall)

    partners = {
        p["slug"] for url, body in answers.items() if url.startswith("/api/v1/partners?") for p in body["results"]
    }
    assert partners == set(Organisation.objects.partners().values_list("slug", flat=True))
    for experiment in Experiment.objects.filter(is_public=False):
        assert f"/api/v1/experiments/{experiment.slug}" not in answers

    for route in Route.objects.exclude(status="published"):
        assert f"/api/v1/routes/{route.slug}" not in answers
    for uid in Activity.objects.filter(status="proposed").values_list("uid", flat=True):
        assert str(uid) not in text
    stop_ids = {
        stop["pearl"] for url, body in answers.items() if url.startswith("/api/v1/routes/") for stop in body["stops"]
    }
    assert stop_ids <= published

    figures = [
        v["count"]
        for url, body in answers.items()
        if url.startswith("/api/v1/experiments/")
        for s in body["series"]
        for v in s["values"]
    ]
    assert all(c == "<10" or c == 0 or (isinstance(c, int) and c >= 10) for c in figures)
