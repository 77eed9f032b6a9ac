"""The necklace: route page, list without the map, print/PDF, GPX, suggestions, permissions, query counts."""

from xml.etree import ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parelketting.choices import PearlStatus, SuggestionStatus
from parelketting.models import Pearl, RouteStop, RouteSuggestion
from parelketting.necklace.services import route_suggestion_decide
from parelketting.services import pearl_hide

pytestmark = pytest.mark.django_db

GPX = "{http://www.topografix.com/GPX/1/1}"


def test_route_page_lists_stops_in_order_with_distances_and_practical_details(anonymous, make_route):
    route = make_route(3)
    RouteStop.objects.filter(route=route, position=1).update(note="Loop langs het water.")
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert (
        html.index("rondje-zuidwijk plek 1")
        < html.index("rondje-zuidwijk plek 2")
        < html.index("rondje-zuidwijk plek 3")
    )
    assert "ongeveer 220 meter lopen" in html
    assert "ongeveer 4 minuten, of 5 minuten in een rustig tempo" in html
    assert html.count("Lopen vanaf de vorige stop: ongeveer 110 meter, 2 minuten (3 minuten rustig).") == 2
    assert "Loop langs het water." in html
    # Practical details are text, never colour alone.
    assert "Bankje om te zitten: <strong>ja</strong>" in html
    assert "Wc in de buurt: <strong>nee</strong>" in html
    assert "Zonder drempels of trappen: <strong>weten we niet</strong>" in html
    assert 'id="pk-route-data"' in html and "Lukt de kaart niet?" in html


def test_reordering_stops_changes_the_page_order(anonymous, make_route):
    route = make_route(3)
    stops = {s.position: s for s in route.stops.all()}
    RouteStop.objects.filter(pk=stops[1].pk).update(position=10)
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert (
        html.index("rondje-zuidwijk plek 2")
        < html.index("rondje-zuidwijk plek 3")
        < html.index("rondje-zuidwijk plek 1")
    )


def test_hidden_pearl_drops_out_of_the_route(anonymous, make_route, world):
    route = make_route(3)
    hidden = route.stops.get(position=2).pearl
    pearl_hide(pearl=hidden, by=world.users.superuser)
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert hidden.title not in html
    assert "2 stops" in html


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 404),
        ("resident_zuidwijk", 404),
        ("moderator_hw", 200),
        ("moderator_bw", 404),
        ("partner_welzijn", 404),
        ("superuser", 200),
    ],
)
def test_draft_route_only_for_own_moderators(as_persona, make_route, persona, expected):
    route = make_route(2, status="draft")
    client = as_persona(persona)
    assert client.get(route.get_absolute_url()).status_code == expected
    assert client.get(reverse("parelketting:route_gpx", kwargs={"slug": route.slug})).status_code == expected


@pytest.mark.parametrize("persona", ["anonymous", "resident_hagedoorn", "moderator_bw", "broker_bw", "facilitator"])
def test_published_route_and_list_are_public(as_persona, make_route, persona):
    route = make_route(2)
    client = as_persona(persona)
    assert client.get(route.get_absolute_url()).status_code == 200
    assert route.title in client.get(reverse("parelketting:routes")).content.decode()


def test_gpx_is_valid_gpx_11_with_waypoints_and_route(anonymous, make_route):
    route = make_route(3)
    response = anonymous.get(reverse("parelketting:route_gpx", kwargs={"slug": route.slug}))
    assert response["Content-Type"] == "application/gpx+xml"
    assert "attachment" in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1" and root.get("creator")
    # GPX 1.1 order: metadata, wpt*, rte*
    assert [child.tag for child in root] == [f"{GPX}metadata"] + [f"{GPX}wpt"] * 3 + [f"{GPX}rte"]
    waypoints = root.findall(f"{GPX}wpt")
    assert [w.find(f"{GPX}name").text for w in waypoints] == [
        "1. rondje-zuidwijk plek 1",
        "2. rondje-zuidwijk plek 2",
        "3. rondje-zuidwijk plek 3",
    ]
    first = route.stops.get(position=1).pearl
    assert float(waypoints[0].get("lat")) == pytest.approx(float(first.lat))
    assert float(waypoints[0].get("lon")) == pytest.approx(float(first.lng))
    assert len(root.find(f"{GPX}rte").findall(f"{GPX}rtept")) == 3


def test_pdf_of_the_route(anonymous, make_route):
    route = make_route(3)
    response = anonymous.get(reverse("parelketting:route_pdf", kwargs={"slug": route.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000


def test_print_stylesheet_is_linked_for_a4(anonymous, make_route):
    route = make_route(2)
    html = anonymous.get(route.get_absolute_url()).content.decode()
    assert 'parelketting/print.css" media="print"' in html


@pytest.mark.parametrize("n", [3, 30])
def test_route_page_query_count_is_pinned(anonymous, make_route, n):
    """2 queries of our own (route; stops with pearls) at 3 and at 30 stops; the other apps' menu aside."""
    route = make_route(n)
    with CaptureQueriesContext(connection) as ctx:
        response = anonymous.get(route.get_absolute_url())
    assert response.status_code == 200
    own = [q for q in ctx.captured_queries if "parelketting_" in q["sql"] or "wijk_" in q["sql"]]
    assert len(own) == 2, [q["sql"][:120] for q in own]
    assert len(ctx.captured_queries) <= 3
    assert response.content.decode().count('class="pk-stop"') == n


def test_resident_suggests_a_pearl_and_moderator_accepts(resident_zuidwijk, make_route, make_place, world):
    route = make_route(2)
    extra = make_place("Bankje bij de kerk", dlat=0.003)
    url = reverse("parelketting:route_suggest", kwargs={"slug": route.slug})
    page = resident_zuidwijk.get(url).content.decode()
    assert "Bankje bij de kerk" in page and '<div class="honeypot" aria-hidden="true">' in page
    response = resident_zuidwijk.post(url, {"pearl": extra.pk, "reason": "Hier kun je even zitten."})
    assert response.status_code == 302
    suggestion = RouteSuggestion.objects.get()
    assert suggestion.status == SuggestionStatus.SUBMITTED and suggestion.suggested_by == world.users.resident_zuidwijk
    assert not route.stops.filter(pearl=extra).exists()  # moderated first
    route_suggestion_decide(suggestion=suggestion, accept=True, by=world.users.moderator_hw)
    assert route.stops.get(pearl=extra).position == 3


def test_suggestion_needs_login_and_a_pearl_of_the_route_neighbourhood(
    anonymous, resident_zuidwijk, make_route, make_place, world
):
    route = make_route(2)
    url = reverse("parelketting:route_suggest", kwargs={"slug": route.slug})
    assert anonymous.get(url).status_code == 302
    elsewhere = make_place("Plein in Almelo", neighbourhood=world.hagedoorn)
    response = resident_zuidwijk.post(url, {"pearl": elsewhere.pk, "reason": "Mooi"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not RouteSuggestion.objects.exists()


def test_admin_suggestion_actions_are_walled_per_corporation(moderator_hw, moderator_bw, make_route, make_place, world):
    route = make_route(2)
    extra = make_place("Bankje bij de kerk", dlat=0.003)
    suggestion = RouteSuggestion.objects.create(
        route=route, pearl=extra, reason="Fijn", suggested_by=world.users.resident_zuidwijk
    )
    changelist = reverse("admin:parelketting_routesuggestion_changelist")
    assert moderator_bw.get(reverse("admin:parelketting_routesuggestion_change", args=[suggestion.pk])).status_code in (
        302,
        403,
        404,
    )
    response = moderator_hw.post(changelist, {"action": "accept_selected", "_selected_action": [suggestion.pk]})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.decided_by == world.users.moderator_hw


def test_admin_route_with_ordered_inline(moderator_hw, moderator_bw, make_place, world):
    a = make_place("Plek A")
    b = make_place("Plek B", dlat=0.001)
    add = reverse("admin:parelketting_route_add")
    data = {
        "title": "Ochtendrondje",
        "slug": "ochtendrondje",
        "neighbourhood": world.zuidwijk.pk,
        "status": "published",
        "description": "",
        "stops-TOTAL_FORMS": "2",
        "stops-INITIAL_FORMS": "0",
        "stops-MIN_NUM_FORMS": "0",
        "stops-MAX_NUM_FORMS": "1000",
        "stops-0-position": "2",
        "stops-0-pearl": a.pk,
        "stops-0-note": "",
        "stops-1-position": "1",
        "stops-1-pearl": b.pk,
        "stops-1-note": "",
    }
    response = moderator_hw.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from parelketting.models import Route

    route = Route.objects.get(slug="ochtendrondje")
    assert [s.pearl.title for s in route.stops.order_by("position")] == ["Plek B", "Plek A"]
    assert moderator_bw.get(reverse("admin:parelketting_route_change", args=[route.pk])).status_code in (302, 403, 404)
    assert "Ochtendrondje" not in moderator_bw.get(reverse("admin:parelketting_route_changelist")).content.decode()


def test_stop_of_another_neighbourhood_is_refused_in_the_admin(superuser, make_place, world):
    elsewhere = make_place("Plein in Almelo", neighbourhood=world.hagedoorn)
    data = {
        "title": "Rondje",
        "slug": "rondje",
        "neighbourhood": world.zuidwijk.pk,
        "status": "draft",
        "description": "",
        "stops-TOTAL_FORMS": "1",
        "stops-INITIAL_FORMS": "0",
        "stops-MIN_NUM_FORMS": "0",
        "stops-MAX_NUM_FORMS": "1000",
        "stops-0-position": "1",
        "stops-0-pearl": elsewhere.pk,
        "stops-0-note": "",
    }
    response = superuser.post(reverse("admin:parelketting_route_add"), data)
    assert response.status_code == 200
    assert "Een stop moet in de wijk van de ketting liggen" in response.content.decode()


def test_place_detail_shows_practical_details(anonymous, make_place):
    pearl = make_place("Bankje", step_free="yes", shelter="no")
    html = anonymous.get(pearl.get_absolute_url()).content.decode()
    assert "Zonder drempels of trappen: <strong>ja</strong>" in html
    assert "Droog staan bij regen: <strong>nee</strong>" in html
    assert Pearl.objects.get(pk=pearl.pk).status == PearlStatus.PUBLISHED
