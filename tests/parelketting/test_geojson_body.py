"""The GeoJSON's exact bytes: the same on SQLite and PostgreSQL (run this file on both), whatever a title holds;
the gzip copy the page cache keeps beside them, and when each is served."""

import gzip
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lib.links import absolute_url
from parelketting.choices import PearlKind, PearlStatus
from parelketting.models import Pearl
from parelketting.services import pearl_publish
from tests.wijk.test_cache_outage import redis_down
from wijk.models import Theme
from wijk.public_cache import local_pages

pytestmark = pytest.mark.django_db

AWKWARD_TITLE = 'Café "De Hoek" \\ tab\there\nnieuwe regel \x01 ☕ 😀 \u2028 </script>'


def _feature(pearl, lng, lat, themes, thumbnail):
    """One feature written by hand: the coordinates as stored (6 decimals), the rest as json.dumps writes it."""
    url = absolute_url(pearl.get_absolute_url())
    thumb = absolute_url(reverse("parelketting:thumbnail", kwargs={"uid": pearl.uid})) if thumbnail else None
    text = json.dumps(
        {
            "type": "Feature",
            "id": str(pearl.uid),
            "geometry": {"type": "Point", "coordinates": "COORDINATES"},
            "properties": {"kind": pearl.kind, "title": pearl.title, "themes": themes, "url": url, "thumbnail": thumb},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return text.replace('"COORDINATES"', f"[{lng},{lat}]")


def test_geojson_bytes_are_written_exactly(anonymous, make_pearl, world):
    first = Theme.objects.create(slug="zz-eerst", name="Zomer", position=0)
    later = Theme.objects.create(slug="aa-later", name="Avond", position=5)
    place = make_pearl(title="Plek", photo=True, themes=[later, first])
    Pearl.objects.filter(pk=place.pk).update(lat=Decimal("52"), lng=Decimal("-0.5"), title=AWKWARD_TITLE)
    plain = make_pearl(title="Gewoon")
    Pearl.objects.filter(pk=plain.pk).update(lat=Decimal("51.815900"), lng=Decimal("4.413001"))
    person = make_pearl(kind=PearlKind.PERSON, title="Voorlezer", meeting_place=place, photo=True, themes=[first])
    make_pearl(title="Wacht nog", status=PearlStatus.SUBMITTED, themes=[first])
    place.refresh_from_db()
    plain.refresh_from_db()
    person.refresh_from_db()
    assert place.title == AWKWARD_TITLE

    body = anonymous.get(reverse("parelketting:geojson")).content

    expected = (
        '{"type":"FeatureCollection","features":['
        + ",".join(
            [
                _feature(place, "-0.500000", "52.000000", ["zz-eerst", "aa-later"], thumbnail=True),
                _feature(plain, "4.413001", "51.815900", [], thumbnail=False),
                # a person: the meeting place's point, and never a photo in the open data
                _feature(person, "-0.500000", "52.000000", ["zz-eerst"], thumbnail=False),
            ]
        )
        + "]}"
    ).encode()
    assert body == expected
    assert json.loads(body)["features"][0]["properties"]["title"] == AWKWARD_TITLE


# What a browser sends (and bench/mixed.py with it).
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _both(client, **extra):
    url = reverse("parelketting:geojson")
    return client.get(url, **extra), client.get(url, **BROWSER, **extra)


def test_the_gzip_copy_holds_exactly_the_plain_bytes(anonymous, make_pearl, world):
    place = make_pearl(title="Plek", photo=True, themes=[world.themes["groen"]])
    Pearl.objects.filter(pk=place.pk).update(title=AWKWARD_TITLE)
    make_pearl(title="Gewoon")
    for round_ in ("miss", "hit"):
        plain, packed = _both(anonymous)
        assert plain["X-Page-Cache"] == round_ and packed["X-Page-Cache"] == "hit"  # one copy made both
        assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content)
        if round_ == "hit":
            assert packed["Content-Length"] == str(len(packed.content))
        for response in (plain, packed):
            assert response["Content-Type"] == "application/geo+json"
            assert "Accept-Encoding" in response["Vary"]
            assert response["Access-Control-Allow-Origin"] == "*"
            assert response["Cache-Control"] == "public, max-age=60"
        assert plain["ETag"].startswith('"') and packed["ETag"].startswith('"') and plain["ETag"] != packed["ETag"]
    assert json.loads(plain.content)["features"][0]["properties"]["title"] == AWKWARD_TITLE


@pytest.mark.parametrize("accept", ["", "identity", "br", "deflate, br"])
def test_visitors_that_do_not_accept_gzip_get_the_plain_bytes(anonymous, make_pearl, accept):
    make_pearl(title="Plek")
    plain = anonymous.get(reverse("parelketting:geojson"))
    response = anonymous.get(reverse("parelketting:geojson"), HTTP_ACCEPT_ENCODING=accept)
    assert "Content-Encoding" not in response and response.content == plain.content
    assert response["ETag"] == plain["ETag"]


def test_each_copy_answers_304_to_its_own_etag(anonymous, make_pearl):
    make_pearl(title="Plek")
    plain, packed = _both(anonymous)
    url = reverse("parelketting:geojson")
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=packed["ETag"], **BROWSER).status_code == 304
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=plain["ETag"], **BROWSER).status_code == 200


def test_a_moderated_pearl_changes_both_copies_at_once(anonymous, make_pearl, world):
    make_pearl(title="Eerste")
    waiting = make_pearl(title="Tweede", status=PearlStatus.SUBMITTED)
    before_plain, before_packed = _both(anonymous)
    pearl_publish(pearl=waiting, by=world.users.superuser)
    plain, packed = _both(anonymous)
    assert plain["X-Page-Cache"] == "miss" and packed["X-Page-Cache"] == "hit"
    titles = [f["properties"]["title"] for f in json.loads(gzip.decompress(packed.content))["features"]]
    assert titles == ["Eerste", "Tweede"]
    assert gzip.decompress(packed.content) == plain.content
    assert plain["ETag"] != before_plain["ETag"] and packed["ETag"] != before_packed["ETag"]


def test_signed_in_visitors_and_other_parameters_get_the_same_copy(anonymous, resident_zuidwijk, make_pearl, world):
    """The GeoJSON names nobody: one copy per filter, answered before the session and login middleware."""
    make_pearl(title="Plek", themes=[world.themes["groen"]])
    url = reverse("parelketting:geojson")
    first = anonymous.get(url, **BROWSER)
    with CaptureQueriesContext(connection) as ctx:
        signed_in = resident_zuidwijk.get(url, **BROWSER)
        other = anonymous.get(url, {"utm_source": "krant", "thema": "bestaat-niet"}, **BROWSER)
    assert not ctx.captured_queries[1:]  # at most the theme's lookup for the filter
    assert signed_in["X-Page-Cache"] == other["X-Page-Cache"] == "hit"
    assert signed_in.content == other.content == first.content
    assert "Set-Cookie" not in signed_in and not signed_in.cookies
    filtered = anonymous.get(url, {"thema": "groen", "soort": "person"})
    assert filtered["X-Page-Cache"] == "miss" and json.loads(filtered.content)["features"] == []


def test_repeat_hits_come_from_the_workers_own_copy(anonymous, make_pearl):
    make_pearl(title="Plek")
    url = reverse("parelketting:geojson")
    anonymous.get(url)
    keys = [key for key in local_pages.entries if key.startswith(f"wijk:data:{url}|")]
    assert keys
    cache.delete_many(keys)  # gone from the shared cache: only the copy in this process is left
    assert anonymous.get(url, **BROWSER)["X-Page-Cache"] == "hit"


@redis_down
def test_with_the_cache_down_both_copies_are_still_served(client, make_pearl):
    make_pearl(title="Plek zonder cache")
    plain, packed = _both(client)
    assert plain.status_code == packed.status_code == 200
    assert "X-Page-Cache" not in plain and "X-Page-Cache" not in packed
    assert packed["Content-Encoding"] == "gzip" and gzip.decompress(packed.content) == plain.content
    assert b"Plek zonder cache" in plain.content
