"""Comparing two workshops' canvases: added, removed and changed notes per block, named in words."""

import pytest
from django.urls import reverse

from atelier.compare import compare, totals
from atelier.services import canvas_item_add, canvas_item_move, canvas_item_remove, canvas_item_update, canvas_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_canvases(atelier):
    canvas4 = canvas_start(experiment=atelier.parel, workshop=atelier.ws4, copy_from=atelier.canvas3)
    canvas_item_update(item=canvas4.items.get(text="Problemen inventariseren"), text="Kansen zoeken met bewoners")
    canvas_item_remove(item=canvas4.items.get(text="Bewonersbrief"))
    canvas_item_move(item=canvas4.items.get(text="Welzijnswerk"), block="key_resources")
    canvas_item_add(canvas=canvas4, block="value_propositions", text="Meedoen met wat je kunt")
    return atelier.canvas3, canvas4


def by_block(diffs):
    return {d.block: [(c.kind, c.text, c.old_text, c.old_block_label) for c in d.changes] for d in diffs}


def test_compare_finds_added_removed_changed_and_moved(two_canvases):
    old, new = two_canvases
    diffs = compare(list(old.items.all()), list(new.items.all()))
    blocks = by_block(diffs)
    assert blocks["value_propositions"] == [("added", "Meedoen met wat je kunt", "", "")]
    assert blocks["channels"] == [("removed", "Bewonersbrief", "", "")]
    assert blocks["key_activities"] == [("changed", "Kansen zoeken met bewoners", "Problemen inventariseren", "")]
    assert blocks["key_resources"] == [("changed", "Welzijnswerk", "", "Partners")]
    assert blocks["key_partners"] == []
    assert totals(diffs) == {"added": 1, "removed": 1, "changed": 2, "same": 0}
    assert [d.block for d in diffs][:3] == ["key_partners", "key_activities", "key_resources"]


def test_notes_are_paired_by_text_when_they_were_not_copied(atelier):
    fresh = canvas_start(experiment=atelier.parel, workshop=atelier.ws4)
    canvas_item_add(canvas=fresh, block="channels", text="Bewonersbrief")
    canvas_item_add(canvas=fresh, block="key_partners", text="welzijnswerk")
    diffs = compare(list(atelier.canvas3.items.all()), list(fresh.items.all()))
    assert by_block(diffs)["channels"] == [("same", "Bewonersbrief", "", "")]
    assert by_block(diffs)["key_partners"] == [("changed", "welzijnswerk", "Welzijnswerk", "")]
    assert totals(diffs)["removed"] == 1


def test_compare_page_names_each_kind_in_words(facilitator, two_canvases, atelier):
    path = reverse("atelier:canvas_compare", kwargs={"slug": atelier.parel.slug})
    html = facilitator.get(path, {"van": 3, "naar": 4}).content.decode()
    assert "1 nieuw, 1 weggehaald, 2 gewijzigd, 0 hetzelfde." in html
    assert '<span class="change__kind">Nieuw</span>' in html
    assert '<span class="change__kind">Weggehaald</span>' in html
    assert "<del>Bewonersbrief</del>" in html
    assert "Eerst: “Problemen inventariseren”" in html
    assert "Verplaatst uit: Partners" in html


def test_compare_defaults_to_the_last_two_and_refuses_unknown_numbers(facilitator, two_canvases, atelier):
    path = reverse("atelier:canvas_compare", kwargs={"slug": atelier.parel.slug})
    assert "Van werkatelier 3 naar werkatelier 4" in facilitator.get(path).content.decode()
    assert facilitator.get(path, {"van": 1, "naar": 4}).status_code == 404


def test_compare_with_one_canvas_says_so(facilitator, atelier):
    path = reverse("atelier:canvas_compare", kwargs={"slug": atelier.parel.slug})
    assert "Vergelijken kan vanaf twee werkateliers" in facilitator.get(path).content.decode()
