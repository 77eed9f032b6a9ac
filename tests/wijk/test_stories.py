"""Stories travel (wijk/stories.py): a realised dream's story (only with the resident's dream-wall consent), a
pearl's story and an atelier story can be featured by staff on the front door and the monthly poster, and each
has its own page to share, print and read aloud."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atelier.models import Story
from droomhuis.services import dream_front_door_set
from parelketting.models import Pearl
from tests.api.conftest import make_experiment, make_pearl, make_wall_dream  # noqa: F401  (fixtures)
from wijk.stories import StoryPage, featured_story

pytestmark = pytest.mark.django_db

STORY = "Wim vroeg om bankjes.\n\nBeter Wonen betaalde ze. De school hielp met de plek.\nNu zitten er buren te praten."


def _headings(html):
    return re.findall(r"<h([1-6])[^>]*>", html.split('id="inhoud"', 1)[1])


def test_paragraphs_are_short_and_the_description_is_the_first():
    page = StoryPage(kind="Een parel", title="Bankjes", text=STORY, url="/x/")
    assert page.paragraphs == [
        "Wim vroeg om bankjes.",
        "Beter Wonen betaalde ze. De school hielp met de plek.",
        "Nu zitten er buren te praten.",
    ]
    assert page.description == "Wim vroeg om bankjes."


def test_a_dream_on_the_wall_has_its_own_page_to_share_and_print(client, world, make_wall_dream):  # noqa: F811
    dream = make_wall_dream(outcome="Drie bankjes bij de speeltuin")
    dream.story = STORY
    dream.save()
    url = reverse("droomhuis:story", kwargs={"uid": dream.story_uid})
    assert url == f"/droomhuis/verhalen/{dream.story_uid}/"
    html = client.get(url).content.decode()
    assert '<meta property="og:title" content="Drie bankjes bij de speeltuin">' in html
    assert '<meta property="og:description" content="Wim vroeg om bankjes.">' in html
    assert 'property="og:url" content="http' in html and 'rel="canonical"' in html
    assert 'href="/static/css/story-print.css" media="print"' in html
    assert '<p dir="auto">Nu zitten er buren te praten.</p>' in html
    assert _headings(html)[:2] == ["1", "2"]  # one h1, then the share section
    # The follow code is the resident's key to the case: it never shows on a public page.
    assert dream.reference not in html and dream.reference_display not in html


def test_without_wall_consent_or_off_the_wall_there_is_no_story_page(client, world, make_wall_dream):  # noqa: F811
    for dream in (make_wall_dream(consent_wall=False), make_wall_dream(on_wall=False)):
        assert client.get(reverse("droomhuis:story", kwargs={"uid": dream.story_uid})).status_code == 404
        with pytest.raises(ValidationError):
            dream_front_door_set(dream=dream, moderator=world.users.moderator_bw, featured=True)


def test_staff_feature_a_dream_and_it_comes_first_on_the_front_door(client, world, make_wall_dream):  # noqa: F811
    make_wall_dream(outcome="Een nieuwe bank")
    featured = make_wall_dream(outcome="Een moestuin voor iedereen")
    older = type(featured).objects.filter(pk=featured.pk)
    older.update(closed_at="2020-01-01T10:00:00Z")
    featured.refresh_from_db()
    dream_front_door_set(dream=featured, moderator=world.users.moderator_bw, featured=True)
    html = client.get("/hagedoorn/").content.decode()
    assert html.index("Een moestuin voor iedereen") < html.index("Een nieuwe bank")
    assert "Uitgelicht" in html
    assert reverse("droomhuis:story", kwargs={"uid": featured.story_uid}) in html
    assert featured_story(world.hagedoorn).title == "Een moestuin voor iedereen"


def test_the_admin_action_features_only_dreams_on_the_wall(moderator_bw, world, make_wall_dream):  # noqa: F811
    on_wall, off_wall = make_wall_dream(), make_wall_dream(consent_wall=False)
    response = moderator_bw.post(
        "/beheer/droomhuis/dream/",
        {"action": "feature_on_front_door", "_selected_action": [on_wall.pk, off_wall.pk]},
        follow=True,
    )
    assert "Alleen een droom op de dromenmuur" in response.content.decode()
    on_wall.refresh_from_db()
    off_wall.refresh_from_db()
    assert on_wall.on_front_door and not off_wall.on_front_door


def test_a_featured_pearl_story_on_the_front_door_and_its_page(client, world, make_pearl):  # noqa: F811
    make_pearl(title="Gewone parel")
    pearl = make_pearl(title="Het bankje bij de vijver")
    Pearl.objects.filter(pk=pearl.pk).update(on_front_door=True, story=STORY)
    html = client.get("/zuidwijk/").content.decode()
    assert "Uitgelicht verhaal" in html
    url = reverse("parelketting:pearl_story", kwargs={"uid": pearl.uid})
    assert url in html
    page = client.get(url).content.decode()
    assert '<meta property="og:title" content="Het bankje bij de vijver">' in page
    assert '<p dir="auto">Wim vroeg om bankjes.</p>' in page
    Pearl.objects.filter(pk=pearl.pk).update(status="hidden")
    assert client.get(url).status_code == 404


def test_an_atelier_story_has_its_own_page_only_when_public(client, world, make_experiment):  # noqa: F811
    experiment = make_experiment()
    story = Story.objects.create(experiment=experiment, title="Hoe de ketting begon", text=STORY, is_public=True)
    hidden = Story.objects.create(experiment=experiment, title="Nog niet af", text="Kladje", is_public=False)
    page = client.get(reverse("atelier:story", kwargs={"uid": story.uid})).content.decode()
    assert "<h1" in page and "Hoe de ketting begon" in page and "Uit het atelier" in page
    assert client.get(reverse("atelier:story", kwargs={"uid": hidden.uid})).status_code in (302, 404)
    Story.objects.filter(pk=story.pk).update(on_front_door=True)
    assert reverse("atelier:story", kwargs={"uid": story.uid}) in client.get("/zuidwijk/").content.decode()


def test_the_poster_carries_the_featured_story(moderator_hw, world, make_pearl):  # noqa: F811
    pearl = make_pearl(title="Het bankje bij de vijver")
    Pearl.objects.filter(pk=pearl.pk).update(on_front_door=True, story=STORY)
    html = moderator_hw.get("/parelketting/programma/affiche/?wijk=zuidwijk").content.decode()
    assert "Verhaal uit de wijk" in html and "Het bankje bij de vijver" in html
    assert f"/parelketting/parel/{pearl.uid}/verhaal/" in html
