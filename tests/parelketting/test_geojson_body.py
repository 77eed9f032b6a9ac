"""The GeoJSON's exact bytes: the same on SQLite and PostgreSQL (run this file on both), whatever a title holds."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from lib.links import absolute_url
from parelketting.choices import PearlKind, PearlStatus
from parelketting.models import Pearl
from wijk.models import Theme

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
