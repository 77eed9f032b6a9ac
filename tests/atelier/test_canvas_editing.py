"""Facilitators add, edit, move and remove canvas notes with plain forms; the services keep positions tidy."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atelier.models import Canvas, CanvasBlock, CanvasItem
from atelier.services import canvas_item_add, canvas_item_move, canvas_item_remove, canvas_start

pytestmark = pytest.mark.django_db


def url(name, atelier, number=3, **kwargs):
    return reverse(f"atelier:{name}", kwargs={"slug": atelier.parel.slug, "number": number, **kwargs})


def texts(canvas, block):
    return list(canvas.items.filter(block=block).order_by("position").values_list("text", flat=True))


def test_facilitator_adds_a_note_at_the_bottom_of_a_block(facilitator, atelier):
    response = facilitator.post(url("canvas_item_add", atelier), {"block": "key_partners", "text": "  Bibliotheek  "})
    assert response.status_code == 302
    assert response["Location"].endswith("#vak-key-partners")
    assert texts(atelier.canvas3, "key_partners") == ["Welzijnswerk", "Bibliotheek"]


def test_adding_an_empty_note_shows_the_error_next_to_that_block_and_keeps_the_page(facilitator, atelier):
    response = facilitator.post(url("canvas_item_add", atelier), {"block": "channels", "text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="fout-channels"' in html
    assert "Schrijf iets op het kaartje." in html
    # Focus lands on the field that needs a word, also without JavaScript; no other field takes it.
    assert 'aria-describedby="fout-channels" autofocus' in html
    assert html.count("autofocus") == 1
    assert texts(atelier.canvas3, "channels") == ["Bewonersbrief"]


def test_a_too_long_note_keeps_what_was_typed(facilitator, atelier):
    long_text = "x" * 201
    response = facilitator.post(url("canvas_item_add", atelier), {"block": "channels", "text": long_text})
    assert response.status_code == 400
    assert long_text in response.content.decode()
    assert "hooguit 200 tekens" in response.content.decode()


def test_facilitator_edits_the_text_of_a_note(facilitator, atelier):
    item = atelier.canvas3.items.get(text="Bewonersbrief")
    edit = url("canvas_item_edit", atelier, item_id=item.pk)
    page = facilitator.get(edit)
    assert page.status_code == 200
    assert "Bewonersbrief</textarea>" in page.content.decode()
    response = facilitator.post(edit, {"text": "Nieuwsbrief en website"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Nieuwsbrief en website"


def test_editing_to_empty_text_shows_an_error(facilitator, atelier):
    item = atelier.canvas3.items.get(text="Bewonersbrief")
    response = facilitator.post(url("canvas_item_edit", atelier, item_id=item.pk), {"text": ""})
    assert response.status_code == 400
    assert "Schrijf iets op het kaartje." in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Bewonersbrief"


def test_facilitator_moves_a_note_up_and_down(facilitator, atelier):
    canvas = atelier.canvas3
    canvas_item_add(canvas=canvas, block="key_partners", text="Bibliotheek")
    canvas_item_add(canvas=canvas, block="key_partners", text="School")
    school = canvas.items.get(text="School")
    facilitator.post(url("canvas_item_move", atelier, item_id=school.pk), {"direction": "up"})
    assert texts(canvas, "key_partners") == ["Welzijnswerk", "School", "Bibliotheek"]
    facilitator.post(url("canvas_item_move", atelier, item_id=school.pk), {"direction": "up"})
    assert texts(canvas, "key_partners") == ["School", "Welzijnswerk", "Bibliotheek"]
    facilitator.post(url("canvas_item_move", atelier, item_id=school.pk), {"direction": "up"})
    assert texts(canvas, "key_partners") == ["School", "Welzijnswerk", "Bibliotheek"]
    facilitator.post(url("canvas_item_move", atelier, item_id=school.pk), {"direction": "down"})
    assert texts(canvas, "key_partners") == ["Welzijnswerk", "School", "Bibliotheek"]


def test_facilitator_moves_a_note_to_another_block(facilitator, atelier):
    canvas = atelier.canvas3
    canvas_item_add(canvas=canvas, block="key_partners", text="Bibliotheek")
    item = canvas.items.get(text="Welzijnswerk")
    response = facilitator.post(url("canvas_item_move", atelier, item_id=item.pk), {"block": "key_resources"})
    assert response.status_code == 302
    assert texts(canvas, "key_resources") == ["Welzijnswerk"]
    assert list(canvas.items.filter(block="key_partners").values_list("text", "position")) == [("Bibliotheek", 0)]


def test_a_move_without_a_choice_changes_nothing(facilitator, atelier):
    item = atelier.canvas3.items.get(text="Welzijnswerk")
    response = facilitator.post(url("canvas_item_move", atelier, item_id=item.pk), {})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.block, item.position) == ("key_partners", 0)


def test_facilitator_removes_a_note_and_the_rest_moves_up(facilitator, atelier):
    canvas = atelier.canvas3
    canvas_item_add(canvas=canvas, block="key_partners", text="Bibliotheek")
    first = canvas.items.get(text="Welzijnswerk")
    response = facilitator.post(url("canvas_item_remove", atelier, item_id=first.pk))
    assert response.status_code == 302
    assert list(canvas.items.filter(block="key_partners").values_list("text", "position")) == [("Bibliotheek", 0)]


def test_a_note_of_another_canvas_cannot_be_changed_through_this_canvas(facilitator, atelier):
    other = canvas_start(experiment=atelier.droom, workshop=atelier.ws3)
    foreign = canvas_item_add(canvas=other, block="channels", text="Folder")
    response = facilitator.post(url("canvas_item_remove", atelier, item_id=foreign.pk))
    assert response.status_code == 404
    assert CanvasItem.objects.filter(pk=foreign.pk).exists()


def test_facilitator_starts_the_next_canvas_as_a_copy(facilitator, atelier):
    page = facilitator.get(url("canvas", atelier, number=4))
    assert "Canvas maken" in page.content.decode()
    response = facilitator.post(url("canvas_start", atelier, number=4), {"copy_from": atelier.canvas3.pk})
    assert response.status_code == 302
    canvas4 = Canvas.objects.get(experiment=atelier.parel, workshop=atelier.ws4)
    assert sorted(canvas4.items.values_list("text", flat=True)) == [
        "Bewonersbrief",
        "Problemen inventariseren",
        "Welzijnswerk",
    ]
    assert all(i.origin_id for i in canvas4.items.all())


def test_canvas_page_shows_the_nine_blocks_in_canvas_order(facilitator, atelier):
    html = facilitator.get(url("canvas", atelier)).content.decode()
    positions = [html.index(f'id="vak-{code.replace("_", "-")}"') for code in CanvasBlock.values]
    assert positions == sorted(positions)
    assert html.count('class="canvas__block ') == 9


def test_services_refuse_unknown_blocks_and_empty_text(atelier):
    with pytest.raises(ValidationError):
        canvas_item_add(canvas=atelier.canvas3, block="nonsense", text="x")
    with pytest.raises(ValidationError):
        canvas_item_add(canvas=atelier.canvas3, block="channels", text="   ")
    item = atelier.canvas3.items.first()
    with pytest.raises(ValidationError):
        canvas_item_move(item=item)
    canvas_item_remove(item=item)
    assert not CanvasItem.objects.filter(pk=item.pk).exists()


def test_readers_see_the_canvas_without_edit_controls(moderator_bw, atelier):
    html = moderator_bw.get(url("canvas", atelier)).content.decode()
    assert "Welzijnswerk" in html
    assert "Nieuw kaartje bij" not in html
    assert "Wijzig of verplaats" not in html
