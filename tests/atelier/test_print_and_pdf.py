"""The canvas print view fills a landscape page; the PDF downloads are real PDFs with the canvas's text in them."""

import datetime
import io

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from pypdf import PdfReader

from atelier.services import canvas_item_add, insight_add, why_how_what_save, workshop_guests_set, workshop_save

pytestmark = pytest.mark.django_db


def extract_text(pdf: bytes) -> str:
    """The text of every page, on one line with single spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_canvas_pdf_is_a_real_pdf_with_the_canvas_text(facilitator, atelier):
    canvas_item_add(canvas=atelier.canvas3, block="revenue_streams", text="Minder verhuizingen in de wijk")
    response = facilitator.get(reverse("atelier:canvas_pdf", kwargs={"slug": atelier.parel.slug, "number": 3}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    text = extract_text(response.content)
    for expected in (
        "Canvas: Parelketting",
        "Welzijnswerk",
        "Problemen inventariseren",
        "Bewonersbrief",
        "Minder verhuizingen in de wijk",
        "Partners",
        "Opbrengsten",
    ):
        assert expected in text, expected


def test_pdf_is_landscape(facilitator, atelier):
    pdf = facilitator.get(reverse("atelier:canvas_pdf", kwargs={"slug": atelier.parel.slug, "number": 3})).content
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert box.width > box.height
    assert round(box.width) == 842 and round(box.height) == 595  # A4 landscape in points


def test_a_full_canvas_fits_on_one_a4_page(facilitator, atelier):
    """Eight notes in every block, like a busy workshop, still print on a single landscape page."""
    from atelier.models import CanvasBlock

    for block in CanvasBlock.values:
        for i in range(8 if block not in ("cost_structure", "revenue_streams") else 4):
            canvas_item_add(canvas=atelier.canvas3, block=block, text=f"Kaartje {i} met een korte zin erop")
    pdf = facilitator.get(reverse("atelier:canvas_pdf", kwargs={"slug": atelier.parel.slug, "number": 3})).content
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_print_css_asks_for_a_landscape_page_and_lays_out_the_canvas():
    css = open(finders.find("atelier/print.css")).read()
    assert "@page { size: A4 landscape" in css
    assert "grid-template-areas" in css


def test_print_view_is_a_page_of_its_own_with_the_canvas(facilitator, atelier):
    response = facilitator.get(reverse("atelier:canvas_print", kwargs={"slug": atelier.parel.slug, "number": 3}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "atelier/print.css" in html
    assert "Welzijnswerk" in html
    assert "Nieuw kaartje bij" not in html


@pytest.fixture
def report(atelier):
    workshop = workshop_save(
        team=atelier.team,
        number=4,
        date=datetime.date(2019, 2, 14),
        place="Utrecht",
        venue="Social Impact Factory",
        summary="We werkten de experimenten uit.",
        report="<h3>Verhalen</h3><p>We oefenden ons verhaal.</p><script>x</script>",
    )
    from atelier.services import canvas_start

    canvas = canvas_start(experiment=atelier.parel, workshop=workshop, copy_from=atelier.canvas3)
    canvas_item_add(canvas=canvas, block="customer_segments", text="Ouderen in de Zuidwijk")
    why_how_what_save(experiment=atelier.parel, workshop=workshop, why="Iedereen telt", how="Samen", what="Ketting")
    insight_add(workshop=workshop, text="Begin voordat alles geregeld is.")
    insight_add(workshop=workshop, text="Vraag naar dromen.", experiment=atelier.droom)
    workshop_guests_set(workshop=workshop, guests=[("Bewoner", "Zuidwijk"), ("Buurtcoach", "Welzijn Almelo")])
    return workshop


def test_workshop_report_reads_like_a_report(moderator_hw, atelier, report):
    html = moderator_hw.get(reverse("atelier:workshop", kwargs={"team_slug": "team-3", "number": 4})).content.decode()
    order = [
        "De vraag van het team",
        "Hoe doen bewoners mee?",
        "Wat hebben we gedaan?",
        "We oefenden ons verhaal.",
        "Met welke experimenten gaan we aan de slag?",
        "Ouderen in de Zuidwijk",
        "Iedereen telt",
        "Wat zijn de belangrijkste inzichten?",
        "Begin voordat alles geregeld is.",
        "Wie waren er?",
        "Buurtcoach, Welzijn Almelo",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "<script>x" not in html
    assert "canvas--thumb" in html


def test_workshop_pdf_contains_the_report(facilitator, atelier, report):
    response = facilitator.get(reverse("atelier:workshop_pdf", kwargs={"team_slug": "team-3", "number": 4}))
    assert response.content.startswith(b"%PDF-")
    text = extract_text(response.content)
    for expected in (
        "Werkatelier 4",
        "Social Impact Factory",
        "Ouderen in de Zuidwijk",
        "Iedereen telt",
        "Begin voordat alles geregeld is.",
        "Buurtcoach",
    ):
        assert expected in text, expected


def test_a3_pdf_is_a3_landscape(facilitator, atelier):
    path = reverse("atelier:canvas_pdf", kwargs={"slug": atelier.parel.slug, "number": 3})
    response = facilitator.get(path, {"formaat": "a3"})
    assert "a3.pdf" in response["Content-Disposition"]
    box = PdfReader(io.BytesIO(response.content)).pages[0].mediabox
    assert round(box.width) == 1191 and round(box.height) == 842  # A3 landscape in points
    assert "Welzijnswerk" in extract_text(response.content)
