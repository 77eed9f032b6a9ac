"""The walk on the street and on paper: the stop page a QR plaque lands on, the sketch map, the route PDF."""

import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from parelketting.geo import compass_point, nice_scale_metres
from parelketting.models import Route, RouteStop
from parelketting.necklace.services import pearl_short_code_ensure
from parelketting.necklace.sketch import sketch_svg
from parelketting.services import pearl_hide

pytestmark = pytest.mark.django_db


def stop_url(route, pearl):
    return reverse("parelketting:route_stop", kwargs={"slug": route.slug, "uid": pearl.uid})


def stops(route):
    return [s.pearl for s in route.stops.select_related("pearl").order_by("position")]


def test_compass_points_and_scale():
    here = (51.82, 4.41)
    assert compass_point(here, (51.83, 4.41)) == "n"
    assert compass_point(here, (51.82, 4.42)) == "e"
    assert compass_point(here, (51.81, 4.41)) == "s"
    assert compass_point(here, (51.82, 4.40)) == "w"
    assert compass_point(here, (51.83, 4.426)) == "ne"
    assert [nice_scale_metres(m) for m in (100, 800, 3000, 0)] == [20, 200, 500, 10]


def test_sketch_draws_numbered_stops_a_line_north_and_a_scale():
    svg = str(sketch_svg([(51.82, 4.41), (51.821, 4.412), (51.822, 4.41)], label="Schets", north="N", current=2))
    assert svg.startswith("<svg") and 'role="img" aria-label="Schets"' in svg
    assert svg.count('class="pk-sketch__stop"') == 3
    assert ">1</text>" in svg and ">2</text>" in svg and ">3</text>" in svg
    assert "<polyline" in svg and ">N</text>" in svg and " m</text>" in svg
    assert str(sketch_svg([], label="x", north="N")) == ""
    # One stop alone still draws.
    assert 'class="pk-sketch__stop"' in str(sketch_svg([(51.82, 4.41)], label="x", north="N"))


def test_stop_page_says_which_stop_and_the_way_to_the_next(anonymous, make_route):
    route = make_route(3)
    first, second, third = stops(route)
    RouteStop.objects.filter(route=route, position=2).update(note="Loop langs het water.")
    response = anonymous.get(stop_url(route, second))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stop 2 van 3" in html
    assert "Naar stop 3" in html and third.title in html
    # make_route goes north about 111 m a stop.
    assert "Loop ongeveer 110 meter naar het noorden." in html
    assert "Loop langs het water." in html
    assert f'rel="prev" href="{stop_url(route, first)}"' in html
    assert f'rel="next" href="{stop_url(route, third)}"' in html
    assert "Bankje om te zitten: <strong>ja</strong>" in html
    assert "ongeveer 220 meter lopen" in html and "Stop 1: " + first.title in html
    assert 'class="pk-sketch"' in html and "U bent bij stop 2." in html
    assert "wandel-app" in html


def test_first_and_last_stop(anonymous, make_route):
    route = make_route(2)
    first, last = stops(route)
    html = anonymous.get(stop_url(route, first)).content.decode()
    assert "Stop 1 van 2" in html and 'rel="prev"' not in html
    html = anonymous.get(stop_url(route, last)).content.decode()
    assert "Stop 2 van 2" in html and "Dit is de laatste stop" in html and 'rel="next"' not in html


def test_hidden_pearl_is_not_counted_and_its_stop_points_on(anonymous, make_route, world):
    route = make_route(4)
    first, hidden, third, fourth = stops(route)
    pearl_hide(pearl=hidden, by=world.users.superuser)
    html = anonymous.get(stop_url(route, third)).content.decode()
    assert "Stop 2 van 3" in html and hidden.title not in html
    assert f'rel="prev" href="{stop_url(route, first)}"' in html
    response = anonymous.get(stop_url(route, hidden))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze plek is tijdelijk niet te zien" in html and hidden.title not in html
    assert f'href="{stop_url(route, third)}"' in html and "Naar stop 2: " + third.title in html


def test_a_pearl_that_is_not_a_stop_of_this_route_is_404(anonymous, make_route, make_place):
    route = make_route(2)
    other = make_place("Ergens anders")
    assert anonymous.get(stop_url(route, other)).status_code == 404
    assert anonymous.get(stop_url(route, other).replace(route.slug, "bestaat-niet")).status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("resident_zuidwijk", 404), ("moderator_hw", 200), ("moderator_bw", 404), ("superuser", 200)],
)
def test_stop_of_a_draft_route_only_for_its_moderators(as_persona, make_route, persona, expected):
    route = make_route(2, status="draft")
    assert as_persona(persona).get(stop_url(route, stops(route)[0])).status_code == expected


def test_plaque_lands_on_the_stop_page(anonymous, make_route, make_place):
    route = make_route(3)
    pearl = stops(route)[2]
    code = pearl_short_code_ensure(pearl=pearl)
    response = anonymous.get(reverse("parelketting:short", kwargs={"code": code}))
    assert response.status_code == 302 and response["Location"] == stop_url(route, pearl)
    # A place on no walk still lands on its own page.
    alone = make_place("Los bankje")
    code = pearl_short_code_ensure(pearl=alone)
    assert anonymous.get(reverse("parelketting:short", kwargs={"code": code}))["Location"] == alone.get_absolute_url()


def test_a_stop_on_two_walks_links_the_other(anonymous, make_route):
    route = make_route(2)
    pearl = stops(route)[0]
    other = Route.objects.create(slug="ander-rondje", title="Ander rondje", neighbourhood=route.neighbourhood)
    other.status = "published"
    other.save()
    RouteStop.objects.create(route=other, pearl=pearl, position=1)
    html = anonymous.get(stop_url(route, pearl)).content.decode()
    assert "Deze plek hoort ook bij" in html and f'href="{stop_url(other, pearl)}"' in html


@pytest.mark.parametrize("n", [3, 30])
def test_stop_page_query_count_is_pinned(anonymous, make_route, n):
    """3 queries of our own (route; stops with pearls; other walks) at 3 and at 30 stops."""
    route = make_route(n)
    url = stop_url(route, stops(route)[1])
    with CaptureQueriesContext(connection) as ctx:
        response = anonymous.get(url)
    assert response.status_code == 200
    own = [q for q in ctx.captured_queries if "parelketting_" in q["sql"] or "wijk_" in q["sql"]]
    assert len(own) == 3, "\n".join(q["sql"][:150] for q in own)
    assert len(ctx.captured_queries) <= 4


def test_print_view_has_sketch_start_qr_and_explains_gpx(anonymous, make_route):
    route = make_route(3)
    first = stops(route)[0]
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert 'class="pk-paper pk-printonly"' in html and 'class="pk-sketch"' in html
    assert f'<p class="pk-start">Start: {first.title}' in html
    assert 'class="pk-qr"' in html and f"{settings.SITE_URL}{route.get_absolute_url()}" in html
    assert "Heeft u een wandel-app op uw telefoon?" in html and "wandel-app (GPX-bestand)" in html
    assert f'href="{stop_url(route, first)}"' in html  # "Begin bij stop 1"


def test_route_pdf_has_sketch_map_qr_and_start_address(anonymous, make_route):
    """A short walk fits on one A4 page: start, sketch map, QR code and the stops."""
    route = make_route(2)
    first = stops(route)[0]
    response = anonymous.get(reverse("parelketting:route_pdf", kwargs={"slug": route.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert f"Start: {first.title}" in text.replace("\n", " ")
    assert f"{settings.SITE_URL}{route.get_absolute_url()}" in text.replace("\n", "")
    # The sketch's numbers, the north letter and the scale are drawn as text in the page.
    assert "N" in text and " m" in text
    # The SVG map and the QR code are vector drawings in the page's content stream, not images.
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b" re") + content.count(b" l") > 100  # QR modules and the line


def test_route_pdf_with_many_stops_runs_over_pages(anonymous, make_route):
    route = make_route(14)
    reader = PdfReader(
        io.BytesIO(anonymous.get(reverse("parelketting:route_pdf", kwargs={"slug": route.slug})).content)
    )
    assert 2 <= len(reader.pages) <= 4
    text = "".join(p.extract_text() for p in reader.pages)
    assert "rondje-zuidwijk plek 14" in text
