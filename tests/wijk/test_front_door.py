"""A front door per neighbourhood (/zuidwijk/, /hagedoorn/, any added one), choosing a neighbourhood once,
and a main menu with only the chosen neighbourhood's experiment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parelketting.choices import ActivityStatus, PearlKind, RouteStatus
from parelketting.models import Route, RouteStop
from parelketting.programme.models import Activity
from tests.api.conftest import make_experiment, make_pearl, make_wall_dream  # noqa: F401  (fixtures)
from tests.factories import NeighbourhoodFactory
from wijk.frontdoor import COOKIE

pytestmark = pytest.mark.django_db


def _route(world, make_pearl, *, slug="rondje-zuidwijk", stops=2):  # noqa: F811
    route = Route.objects.create(slug=slug, title="Rondje Zuidwijk", neighbourhood=world.zuidwijk, status="published")
    for i in range(stops):
        pearl = make_pearl(title=f"{slug} stop {i}", offset=Decimal("0.001") * (i + 1))
        RouteStop.objects.create(route=route, pearl=pearl, position=(i + 1) * 10)
    return route


def _activity(world, *, title="Koffie in de tuin", days=3, neighbourhood=None):
    start = timezone.now() + timedelta(days=days)
    return Activity.objects.create(
        title=title,
        description="Samen koffie drinken.",
        neighbourhood=neighbourhood or world.zuidwijk,
        place_text="Het buurthuis",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        organiser_resident=world.residents.zuidwijk,
        capacity=12,
        status=ActivityStatus.PUBLISHED,
    )


def _menu(html: str) -> str:
    return html.split('id="hoofdmenu"', 1)[1].split("</nav>", 1)[0]


def test_zuidwijk_asks_its_question_and_shows_what_is_alive(client, world, make_pearl):  # noqa: F811
    """The question, "Deel een parel" for this neighbourhood, a pearl photo with its alt text, the next activity, the walk."""
    make_pearl(title="Bankje bij de vijver", photo=True)
    make_pearl(title="Ik repareer fietsen", kind=PearlKind.PERSON)
    _activity(world)
    _route(world, make_pearl)
    html = client.get("/zuidwijk/").content.decode()
    assert "Welke kansen ziet u vandaag om het wonen hier prettiger te maken?" in html
    assert 'href="/parelketting/nieuw/?wijk=zuidwijk">Deel een parel</a>' in html
    assert 'alt="Een bankje"' in html and "/foto-klein/" in html
    assert "Ik repareer fietsen" in html
    assert "Koffie in de tuin" in html and "Het buurthuis" in html
    assert "Rondje Zuidwijk" in html and "2 stops" in html
    assert "Deel uw droom" not in html  # not this neighbourhood's experiment, in the page nor in its menu
    assert "HW Wonen" in html  # the people to reach
    assert "Hoe dit ontstond" in html


def test_a_persons_photo_stays_off_the_front_door(client, world, make_pearl):  # noqa: F811
    """A person's photo needs their consent: the front door shows none."""
    make_pearl(title="Ik lees voor", kind=PearlKind.PERSON, photo=True)
    html = client.get("/zuidwijk/").content.decode()
    assert "Ik lees voor" in html and "/foto-klein/" not in html


def test_pearls_with_a_photo_come_first(client, world, make_pearl):  # noqa: F811
    make_pearl(title="Oude plek met foto", photo=True)
    for i in range(5):
        make_pearl(title=f"Nieuw zonder foto {i}")
    html = client.get("/zuidwijk/").content.decode()
    assert "Oude plek met foto" in html and 'alt="Een bankje"' in html


def test_hagedoorn_shows_realised_dreams_only_with_wall_consent(client, world, make_wall_dream):  # noqa: F811
    make_wall_dream(outcome="Er is een moestuin")
    make_wall_dream(outcome="Een bankje zonder toestemming", consent_wall=False)
    make_wall_dream(outcome="Nog niet goedgekeurd", on_wall=False)
    html = client.get("/hagedoorn/").content.decode()
    assert "Wat zou u willen?" in html
    assert 'href="/droomhuis/">Deel uw droom</a>' in html
    assert "Er is een moestuin" in html and "Buren zaaien samen." in html
    assert "Een bankje zonder toestemming" not in html and "Nog niet goedgekeurd" not in html
    assert "Mira" not in html
    assert "Deel een parel" not in html
    assert "Beter Wonen" in html


def test_a_neighbourhood_added_in_the_admin_has_a_front_door(client, world):
    NeighbourhoodFactory(slug="nieuwe-wijk", name="Nieuwe Wijk", corporation=world.hw)
    html = client.get("/nieuwe-wijk/").content.decode()
    assert "Nieuwe Wijk" in html
    assert "Deel een parel" in html and "Deel uw droom" in html  # no experiment chosen yet: both


def test_an_unknown_neighbourhood_is_not_found(client, world):
    assert client.get("/nergens/").status_code == 404


def test_a_slug_that_another_page_uses_is_refused(world):
    hood = NeighbourhoodFactory.build(slug="privacy", corporation=world.hw)
    with pytest.raises(ValidationError) as error:
        hood.clean()
    assert error.value.error_dict["slug"][0].code == "slug_taken"
    NeighbourhoodFactory.build(slug="vogelwijk", corporation=world.hw).clean()


def test_the_home_asks_once_and_remembers_the_choice(client, world):
    html = client.get("/").content.decode()
    assert "In welke wijk woont u?" in html and 'name="wijk" value="zuidwijk"' in html
    response = client.post("/wijk-kiezen/", {"wijk": "zuidwijk"})
    assert response.status_code == 302 and response["Location"] == "/zuidwijk/"
    assert client.cookies[COOKIE].value == "zuidwijk"
    assert client.get("/")["Location"] == "/zuidwijk/"
    assert client.post("/wijk-kiezen/", {"wijk": "nergens"})["Location"] == "/wijk-kiezen/"


def test_the_menu_shows_only_the_chosen_experiment(client, world):
    both = _menu(client.get("/privacy/").content.decode())
    assert "Parelkaart" in both and "Dromenmuur" in both and ">Atelier<" not in both

    client.cookies[COOKIE] = "zuidwijk"
    zuid = _menu(client.get("/privacy/").content.decode())
    assert all(item in zuid for item in ("Parelkaart", "Wandelen", "Programma", 'href="/zuidwijk/"'))
    assert "Deel uw droom" not in zuid and "Dromenmuur" not in zuid

    client.cookies[COOKIE] = "hagedoorn"
    page = client.get("/privacy/").content.decode()
    hage = _menu(page)
    assert all(item in hage for item in ("Deel uw droom", "Mijn droom volgen", "Dromenmuur", 'href="/hagedoorn/"'))
    assert "Parelkaart" not in hage
    assert 'href="/wijk-kiezen/">Andere wijk kiezen</a>' in page


def test_a_bad_cookie_is_no_choice(client, world):
    client.cookies[COOKIE] = "<script>"
    menu = _menu(client.get("/privacy/").content.decode())
    assert "Parelkaart" in menu and "Dromenmuur" in menu


def test_a_resident_gets_their_own_neighbourhood(client, world):
    client.force_login(world.users.resident_hagedoorn)
    assert client.get("/")["Location"] == "/hagedoorn/"
    menu = _menu(client.get("/privacy/").content.decode())
    assert "Dromenmuur" in menu and "Parelkaart" not in menu
    client.cookies[COOKIE] = "zuidwijk"  # a choice on this device wins
    assert "Parelkaart" in _menu(client.get("/privacy/").content.decode())


def test_the_story_staff_chose_is_told_on_the_front_door(client, world, make_experiment):  # noqa: F811
    from atelier.models import Story

    experiment = make_experiment(is_public=True)
    Story.objects.create(
        experiment=experiment, title="Een ketting van parels", text="Zo begon het.", is_public=True, on_front_door=True
    )
    Story.objects.create(experiment=experiment, title="Nog geheim", text="Nee.", is_public=False, on_front_door=True)
    Story.objects.create(experiment=experiment, title="Niet gekozen", text="Nee.", is_public=True)
    html = client.get("/zuidwijk/").content.decode()
    assert "Een ketting van parels" in html and "Zo begon het." in html
    assert "Nog geheim" not in html and "Niet gekozen" not in html
    assert "Een ketting van parels" not in client.get("/hagedoorn/").content.decode()


def test_staff_pages_keep_their_own_menu(client, world):
    client.force_login(world.users.broker_bw)
    client.cookies[COOKIE] = "zuidwijk"
    menu = _menu(client.get("/droomhuis/makelaar/").content.decode())
    assert "Droommakelaar" in menu and "Parelkaart" not in menu
    assert "Droommakelaar" in _menu(client.get("/privacy/").content.decode())  # staff links with any choice


def test_the_atelier_is_reached_from_the_footer_and_says_what_it_is(client, world, make_experiment):  # noqa: F811
    make_experiment(is_public=True)
    html = client.get("/privacy/").content.decode()
    footer = html.split('class="site-footer"', 1)[1]
    assert 'href="/atelier/"' in footer and 'href="/atelier/"' not in _menu(html)
    index = client.get("/atelier/").content.decode()
    assert "Het atelier is de werkplaats van het team." in index
    door = client.get("/zuidwijk/").content.decode()
    assert 'href="/atelier/experimenten/parelketting/"' in door


def test_the_cached_page_differs_per_choice(client, world):
    """Anonymous pages come from the page cache; the chosen neighbourhood is part of its key."""
    client.get("/privacy/")
    client.cookies[COOKIE] = "hagedoorn"
    assert "Parelkaart" not in _menu(client.get("/privacy/").content.decode())


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("slug", ["zuidwijk", "hagedoorn"])
def test_front_door_query_count_is_pinned_at_two_sizes(client, world, make_pearl, make_wall_dream, slug):  # noqa: F811
    client.cookies[COOKIE] = slug  # the menu's query too
    make_pearl(title="Eerste", photo=True)
    _activity(world)
    _route(world, make_pearl, slug="een")
    make_wall_dream()
    _count(client, f"/{slug}/?warm")  # contact details are cached after the first page
    small = _count(client, f"/{slug}/")
    for i in range(6):
        make_pearl(title=f"Parel {i}", photo=i % 2 == 0)
        make_pearl(title=f"Mens {i}", kind=PearlKind.PERSON)
        _activity(world, title=f"Activiteit {i}", days=i + 1)
        make_wall_dream(outcome=f"Droom {i}")
    _route(world, make_pearl, slug="twee", stops=4)
    Route.objects.filter(slug="twee").update(status=RouteStatus.PUBLISHED)
    _count(client, f"/{slug}/?warm-again")
    assert _count(client, f"/{slug}/") == small
    # The neighbourhood, then Zuidwijk: pearls, activities, routes; Hagedoorn: dreams; both: the atelier's
    # experiment and chosen story. The chosen neighbourhood and the contact details come from the cache.
    assert small == {"zuidwijk": 6, "hagedoorn": 4}[slug]


def test_dutch_content_is_marked_dutch_on_pages_in_another_language(client, world, make_wall_dream, make_experiment):  # noqa: F811
    """In Arabic the page is rtl; what staff and residents wrote stays Dutch: lang="nl" (and dir="auto") tells a
    screen reader to read it in Dutch."""
    from django.conf import settings

    from atelier.models import Story

    make_wall_dream(outcome="Er is een moestuin")
    experiment = make_experiment(is_public=True)
    Story.objects.create(
        experiment=experiment, title="Een ketting van parels", text="Zo begon het.", is_public=True, on_front_door=True
    )
    html = client.get("/hagedoorn/").content.decode()
    assert '<h3 lang="nl" dir="auto">Er is een moestuin</h3>' in html
    assert '<p lang="nl" dir="auto">Buren zaaien samen.' in html
    html = client.get("/zuidwijk/").content.decode()
    assert '<h3 id="fd-story-title" lang="nl" dir="auto">Een ketting van parels</h3>' in html
    assert '<p class="prose" lang="nl" dir="auto">Zo begon het.' in html

    # The mood image's credit ("Tekening: Wijkportaal"), on every page with a mood image.
    template = (settings.BASE_DIR / "templates" / "wijk" / "_mood_image.html").read_text()
    assert '<figcaption class="mood__credit" lang="nl" dir="auto">' in template


def test_cards_without_a_picture_look_intentional(client, world, make_pearl):  # noqa: F811
    """No stray bullet for an activity without a picture, and a pearl tile without a photo gets the same square as
    the others (site.css: .fd-placeholder, .fd-pearl--text)."""
    import re

    from django.conf import settings

    make_pearl(title="Picknicktafel aan de dijk")
    html = client.get("/zuidwijk/").content.decode()
    assert 'class="fd-pearl fd-pearl--text"' in html
    for item in re.findall(r'<ul class="fd-list">(.*?)</ul>', html, re.S):
        for li in re.findall(r"<li[^>]*>.*?</li>", item, re.S):
            assert li.startswith('<li class="fd-route">') and ("fd-placeholder" in li or "mood__image" in li)
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert ".fd-list { list-style: none;" in css
