"""Who may do what: facilitators edit; team members and question owners read; the public sees only what is public."""

import pytest
from django.urls import reverse

from atelier.models import MemberKind
from atelier.services import canvas_start, story_save, team_member_save
from tests.factories import UserFactory

from .conftest import make_public

pytestmark = pytest.mark.django_db

READERS = ["moderator_hw", "moderator_bw", "broker_bw", "expert_bw", "facilitator", "superuser"]
OUTSIDERS = ["resident_zuidwijk", "resident_hagedoorn", "partner_welzijn"]
EDITORS = ["facilitator", "superuser"]


def read_urls(atelier):
    slug = atelier.parel.slug
    return [
        reverse("atelier:experiment", kwargs={"slug": slug}),
        reverse("atelier:canvas", kwargs={"slug": slug, "number": 3}),
        reverse("atelier:canvas_print", kwargs={"slug": slug, "number": 3}),
        reverse("atelier:canvas_compare", kwargs={"slug": slug}),
        reverse("atelier:workshop", kwargs={"team_slug": "team-3", "number": 3}),
    ]


@pytest.mark.parametrize("persona", READERS)
def test_question_owner_staff_and_facilitators_read_hidden_records(as_persona, atelier, persona):
    client = as_persona(persona)
    for path in read_urls(atelier):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_everyone_else_gets_404_for_hidden_records(as_persona, atelier, persona):
    client = as_persona(persona)
    for path in read_urls(atelier):
        assert client.get(path).status_code == 404, path


def test_anonymous_visitors_are_sent_to_login_for_hidden_records(anonymous, atelier):
    for path in read_urls(atelier):
        response = anonymous.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path


def test_missing_and_hidden_look_the_same(resident_zuidwijk, anonymous, atelier):
    hidden = resident_zuidwijk.get(reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug}))
    missing = resident_zuidwijk.get(reverse("atelier:experiment", kwargs={"slug": "bestaat-niet"}))
    assert hidden.status_code == missing.status_code == 404
    assert anonymous.get(reverse("atelier:experiment", kwargs={"slug": "bestaat-niet"})).status_code == 302


@pytest.mark.parametrize("persona", ["anonymous", *OUTSIDERS])
def test_the_public_sees_what_a_facilitator_marked_public(as_persona, atelier, persona):
    make_public(atelier.parel, atelier.ws3)
    client = as_persona(persona)
    for path in read_urls(atelier):
        assert client.get(path).status_code == 200, path
    html = client.get(reverse("atelier:workshop", kwargs={"team_slug": "team-3", "number": 3})).content.decode()
    assert "Parelketting" in html
    assert "Droomhuis" not in html
    assert client.get(reverse("atelier:experiment", kwargs={"slug": atelier.droom.slug})).status_code in (302, 404)
    assert client.get(reverse("atelier:canvas", kwargs={"slug": atelier.parel.slug, "number": 4})).status_code in (
        302,
        404,
    )


def test_a_public_experiment_does_not_open_a_hidden_workshop(resident_zuidwijk, atelier):
    make_public(atelier.parel)
    assert resident_zuidwijk.get(reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug})).status_code == 200
    canvas = reverse("atelier:canvas", kwargs={"slug": atelier.parel.slug, "number": 3})
    assert resident_zuidwijk.get(canvas).status_code == 404
    html = resident_zuidwijk.get(reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug})).content.decode()
    assert "Werkatelier 3" not in html


def test_a_team_member_with_an_account_reads_the_team_record(client, atelier):
    member = UserFactory(email="lid@team.test")
    team_member_save(team=atelier.team, name="Lid", kind=MemberKind.MEMBER, user=member)
    client.force_login(member)
    for path in read_urls(atelier):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("facilitator", 302),
        ("superuser", 302),
        ("moderator_hw", 403),
        ("moderator_bw", 403),
        ("broker_bw", 403),
        ("expert_bw", 403),
        ("resident_zuidwijk", 404),
        ("resident_hagedoorn", 404),
        ("partner_welzijn", 404),
    ],
)
def test_only_facilitators_edit_the_canvas(as_persona, atelier, persona, expected):
    client = as_persona(persona)
    item = atelier.canvas3.items.first()
    kwargs = {"slug": atelier.parel.slug, "number": 3}
    before = atelier.canvas3.items.count()
    responses = [
        client.post(reverse("atelier:canvas_item_add", kwargs=kwargs), {"block": "channels", "text": "Nieuw"}),
        client.post(reverse("atelier:canvas_item_move", kwargs={**kwargs, "item_id": item.pk}), {"direction": "down"}),
        client.post(reverse("atelier:canvas_item_edit", kwargs={**kwargs, "item_id": item.pk}), {"text": "Anders"}),
    ]
    assert [r.status_code for r in responses] == [expected] * 3
    if expected != 302:
        assert atelier.canvas3.items.count() == before
        item.refresh_from_db()
        assert item.text != "Anders"
        remove = client.post(reverse("atelier:canvas_item_remove", kwargs={**kwargs, "item_id": item.pk}))
        assert remove.status_code == expected
        assert atelier.canvas3.items.count() == before


def test_readers_of_a_public_record_still_cannot_edit(resident_zuidwijk, moderator_hw, atelier):
    make_public(atelier.parel, atelier.ws3)
    kwargs = {"slug": atelier.parel.slug, "number": 3}
    add = reverse("atelier:canvas_item_add", kwargs=kwargs)
    assert resident_zuidwijk.post(add, {"block": "channels", "text": "x"}).status_code == 403
    assert moderator_hw.post(add, {"block": "channels", "text": "x"}).status_code == 403


def test_anonymous_editing_goes_to_login(anonymous, atelier):
    add = reverse("atelier:canvas_item_add", kwargs={"slug": atelier.parel.slug, "number": 3})
    response = anonymous.post(add, {"block": "channels", "text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_facilitator_of_another_corporation_cannot_reach_this_team(client, world, atelier):
    from tests.factories import CorporationFactory, RoleFactory

    other = CorporationFactory(slug="elders", name="Elders Wonen")
    outsider = UserFactory(email="begeleider@elders.test")
    RoleFactory(user=outsider, organisation=other, kind="facilitator")
    client.force_login(outsider)
    assert client.get(reverse("atelier:experiment", kwargs={"slug": atelier.parel.slug})).status_code == 404
    add = reverse("atelier:canvas_item_add", kwargs={"slug": atelier.parel.slug, "number": 3})
    assert client.post(add, {"block": "channels", "text": "x"}).status_code == 404


def test_only_facilitators_start_a_canvas(moderator_hw, facilitator, atelier):
    start = reverse("atelier:canvas_start", kwargs={"slug": atelier.droom.slug, "number": 3})
    assert moderator_hw.post(start, {"copy_from": ""}).status_code == 403
    assert facilitator.post(start, {"copy_from": ""}).status_code == 302


def test_why_how_what_form_is_for_facilitators(facilitator, moderator_bw, atelier):
    path = reverse("atelier:why_how_what_edit", kwargs={"slug": atelier.droom.slug, "number": 4})
    assert moderator_bw.get(path).status_code == 403
    response = facilitator.post(path, {"why": "Dromen", "how": "", "what": "Droomhuis"})
    assert response.status_code == 200
    assert "Schrijf op hoe we het aanpakken." in response.content.decode()
    assert facilitator.post(path, {"why": "Dromen", "how": "Samen", "what": "Droomhuis"}).status_code == 302
    assert atelier.droom.why_how_whats.get(workshop=atelier.ws4).how == "Samen"


def test_story_images_follow_the_story_rules(client, resident_zuidwijk, moderator_hw, atelier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.images import jpeg_bytes

    story = story_save(
        experiment=atelier.parel,
        title="Verhaal",
        text="Tekst",
        image=SimpleUploadedFile("a.jpg", jpeg_bytes(size=(40, 30)), content_type="image/jpeg"),
        image_alt="Een groen vlak",
    )
    path = reverse("atelier:story_image", kwargs={"uid": story.uid})
    assert moderator_hw.get(path).status_code == 200
    assert resident_zuidwijk.get(path).status_code == 404
    make_public(atelier.parel, story)
    assert resident_zuidwijk.get(path).status_code == 200


def test_menu_link_only_for_readers_or_when_something_is_public(as_persona, atelier):
    link = 'href="/atelier/"'
    assert link in as_persona("moderator_bw").get("/").content.decode()
    assert link not in as_persona("resident_zuidwijk").get("/").content.decode()
    assert link not in as_persona("anonymous").get("/").content.decode()
    make_public(atelier.ws3)
    assert link in as_persona("anonymous").get("/").content.decode()


def test_canvas_start_needs_same_team(atelier):
    import datetime

    from django.core.exceptions import ValidationError

    from atelier.services import challenge_save, team_save, workshop_save

    other_team = team_save(
        challenge=challenge_save(slug="ander", name="Ander"),
        number=1,
        slug="team-1",
        question_content="?",
        question_process="",
        question_owners=[],
    )
    foreign = workshop_save(team=other_team, number=1, date=datetime.date(2019, 1, 1), place="Zwolle")
    with pytest.raises(ValidationError):
        canvas_start(experiment=atelier.parel, workshop=foreign)


def test_public_list_counts_only_canvases_of_public_workshops(anonymous, facilitator, atelier):
    make_public(atelier.parel)
    path = reverse("atelier:experiment_list")
    assert "0 canvassen" in anonymous.get(path).content.decode()
    assert "1 canvas" in facilitator.get(path).content.decode()
    make_public(atelier.ws3)
    assert "1 canvas" in anonymous.get(path).content.decode()


def test_the_teams_question_keeps_its_own_direction_in_arabic(as_persona, atelier):
    """The question is the team's Dutch text: in an Arabic page it reads left to right, its "?" at the end."""
    make_public(atelier.ws3)
    client = as_persona("anonymous")
    client.cookies["django_language"] = "ar"
    html = client.get("/atelier/").content.decode()
    assert '<dd dir="auto">Hoe doen bewoners mee?</dd>' in html
    assert '<dd dir="auto">Hoe past het bij hun wensen?</dd>' in html
