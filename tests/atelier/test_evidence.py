"""Live evidence: monthly figures from the live parts, with every count from 1 to 9 shown as "<10"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from atelier import evidence
from atelier.models import LivePart

from .conftest import make_public

pytestmark = pytest.mark.django_db

SMALL = re.compile(r"(?<![<\d])[1-9](?!\d)")


@pytest.mark.parametrize("count", range(1, 10))
def test_every_count_from_one_to_nine_is_shown_as_less_than_ten(count):
    assert evidence.shown(count) == "<10"
    assert evidence.is_suppressed(count)


@pytest.mark.parametrize("count,text", [(0, "0"), (10, "10"), (11, "11"), (250, "250")])
def test_zero_and_ten_or_more_are_shown_as_they_are(count, text):
    assert evidence.shown(count) == text


def test_the_threshold_comes_from_settings(settings):
    settings.SMALL_COUNT_THRESHOLD = 5
    assert evidence.shown(4) == "<5"
    assert evidence.shown(5) == "5"


def test_suppressed_bars_all_have_the_same_height_so_length_reveals_nothing():
    built = evidence.build({"submitted": {f"2026-{m:02d}": m for m in range(1, 10)}})
    heights = {bar["height"] for bar in built.series[0].bars}
    assert len(heights) == 1
    assert all(bar["text"] == "<10" for bar in built.series[0].bars)
    assert all(bar["suppressed"] for bar in built.series[0].bars)


def test_the_three_shapes_of_monthly_counts_are_understood():
    by_series = {"submitted": {"2026-01": 12, "2026-02": 3}, "published": {"2026-02": 10}}
    by_month = {"2026-01": {"submitted": 12}, "2026-02": {"submitted": 3, "published": 10}}
    rows = [
        {"month": datetime.date(2026, 1, 1), "submitted": 12},
        {"month": datetime.date(2026, 2, 1), "submitted": 3, "published": 10},
    ]
    expected = {
        "submitted": {datetime.date(2026, 1, 1): 12, datetime.date(2026, 2, 1): 3},
        "published": {datetime.date(2026, 2, 1): 10},
    }
    for raw in (by_series, by_month, rows):
        assert evidence.normalise(raw) == expected
    built = evidence.build(by_series)
    # The total 15 minus the 12 would give the 3 away, so the 12 is hidden too (see test_evidence_totals).
    assert built.rows == [(datetime.date(2026, 1, 1), ["×", "0"]), (datetime.date(2026, 2, 1), ["<10", "10"])]
    assert [series.total_text for series in built.series] == ["15", "10"]


def evidence_html(client, experiment):
    html = client.get(reverse("atelier:experiment", kwargs={"slug": experiment.slug})).content.decode()
    start = html.index('<section aria-labelledby="cijfers"')
    return html[start : html.index("</section>", start)]


def visible_figures(section):
    """Texts inside table cells and SVG labels (not attribute values such as coordinates)."""
    cells = re.findall(r"<td[^>]*>([^<]*(?:&lt;[^<]*)?)</td>", section)
    labels = re.findall(r'<text x="\d+" y="\d+" font-size="10"[^>]*>([^<]*)</text>', section)
    return cells, labels


@pytest.mark.parametrize("persona", ["facilitator", "moderator_hw", "anonymous", "resident_zuidwijk"])
def test_no_figure_from_one_to_nine_ever_appears_in_chart_or_table(as_persona, atelier, fake_live_parts, persona):
    make_public(atelier.parel, atelier.droom)
    for experiment in (atelier.parel, atelier.droom):
        section = evidence_html(as_persona(persona), experiment)
        cells, labels = visible_figures(section)
        assert cells and labels
        for text in cells + labels:
            assert text in ("0", "&lt;10", evidence.HIDDEN) or int(text) >= 10, text
        assert "&lt;10" in cells


def test_table_shows_large_counts_and_month_names(facilitator, atelier, fake_live_parts):
    section = evidence_html(facilitator, atelier.parel)
    assert '<td data-label="Parels ingestuurd">10</td>' in section
    # 42 and the total 49 would give away the 7 of October: the 42 is hidden, the total shown.
    assert ">42</td>" not in section and ">×</td>" in section and ">49</td>" in section
    assert "november 2026" in section
    assert "Parels ingestuurd" in section and "Parels op de ketting" in section
    assert 'role="img"' in section and "<caption>" in section


def test_without_the_live_part_the_page_says_so_honestly(facilitator, atelier, monkeypatch):
    monkeypatch.delitem(evidence.LIVE_PARTS, LivePart.DROOMHUIS)
    section = evidence_html(facilitator, atelier.droom)
    assert "geeft nog geen cijfers door" in section
    assert "<table" not in section


def test_with_a_live_part_but_no_activity_there_are_no_figures(facilitator, atelier, monkeypatch):
    monkeypatch.setattr(evidence.LIVE_PARTS[LivePart.DROOMHUIS], "evidence_counts", lambda neighbourhood: [])
    section = evidence_html(facilitator, atelier.droom)
    assert "nog niets gebeurd" in section


def test_the_real_live_parts_are_used_when_they_are_there(facilitator, atelier):
    """Whatever the live parts hold in this test database, the page renders and nothing from 1 to 9 shows."""
    for experiment in (atelier.parel, atelier.droom):
        assert experiment.live_part in LivePart.values
        section = evidence_html(facilitator, experiment)
        cells, labels = visible_figures(section)
        for text in cells + labels:
            assert text in ("0", "&lt;10", evidence.HIDDEN) or int(text) >= 10, text


def test_a_sweep_over_every_count_up_to_120_never_shows_one_to_nine():
    for start in range(0, 120, 12):
        raw = {"received": {f"{2000 + start // 12}-{m + 1:02d}": start + m for m in range(12)}}
        built = evidence.build(raw)
        for cell, bar in zip(built.series[0].cells, built.series[0].bars, strict=True):
            assert not SMALL.fullmatch(cell.text)
            assert not SMALL.fullmatch(bar["text"])
            if cell.suppressed:
                assert cell.text == "<10" and cell.bar_value == 10


def test_arabic_calls_matches_by_the_same_word_as_the_broker_pages():
    """The atelier's "Koppelingen" are the dream broker's matches (``droomhuis.matches``): the same Arabic word
    (مطابقة), not the word for pairing with an expert by experience (ربط)."""
    with translation.override("ar"):
        broker = translation.gettext("Matches")
        labels = [str(evidence.SERIES_LABELS[key]) for key in ("matches_closed", "matches_helped")]
    assert "مطابق" in broker
    for label in labels:
        assert "مطابق" in label and "ربط" not in label, label
