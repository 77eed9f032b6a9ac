"""Workshop reports are rich text, cleaned with nh3 before they are stored."""

import datetime

import pytest

from atelier.richtext import clean_html
from atelier.services import workshop_save

pytestmark = pytest.mark.django_db


def test_scripts_styles_and_event_handlers_are_removed():
    html = clean_html(
        '<h2 style="color:red" onclick="x()">Kop</h2><script>alert(1)</script>'
        '<p>Tekst <a href="javascript:alert(1)">slecht</a> <a href="https://example.org">goed</a></p>'
    )
    assert "<script" not in html and "alert" not in html
    assert "style=" not in html and "onclick" not in html
    assert "<h2>Kop</h2>" in html
    assert 'href="https://example.org"' in html


def test_the_service_stores_the_cleaned_report(atelier):
    workshop = workshop_save(
        team=atelier.team,
        number=5,
        date=datetime.date(2019, 3, 1),
        place="Almelo",
        report="<p>Goed</p><img src=x onerror=alert(1)>",
    )
    workshop.refresh_from_db()
    assert workshop.report == "<p>Goed</p>"
