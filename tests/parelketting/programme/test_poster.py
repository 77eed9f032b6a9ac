"""The monthly A3 poster: the month's published activities of one neighbourhood and the pearls published in
the month before, a QR code to the programme; for moderators of the corporation; a fixed number of queries."""

import html
import io
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lib.qr import qr_matrix
from parelketting.models import Activity, Pearl
from parelketting.programme.poster import month_add, month_parse, poster_month_allowed, poster_months

pytestmark = pytest.mark.django_db

URL = reverse("parelketting:poster")


def _at(day: date, hour=14) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour), timezone.get_current_timezone())


def _month() -> date:
    return month_add(timezone.localdate().replace(day=1), 1)


def _activity(make_activity, title, day, **kwargs):
    activity = make_activity(title=title, **kwargs)
    Activity.objects.filter(pk=activity.pk).update(starts_at=_at(day), ends_at=_at(day, 16))
    return activity


def _pearl(make_pearl, title, published_on, **kwargs):
    pearl = make_pearl(title=title, **kwargs)
    Pearl.objects.filter(pk=pearl.pk).update(published_at=_at(published_on))
    return pearl


@pytest.fixture
def poster_world(world, make_activity, make_pearl):
    month = _month()
    previous = month_add(month, -1)
    _activity(make_activity, "Samen breien", month.replace(day=3))
    _activity(make_activity, "Koffie op het plein", month_add(month, 1) - timedelta(days=1))
    _activity(make_activity, "Volgende maand", month_add(month, 1).replace(day=2))
    _activity(make_activity, "Nog een voorstel", month.replace(day=5), publish=False)
    _pearl(make_pearl, "Nieuwe moestuin", previous.replace(day=10))
    _pearl(make_pearl, "Oude bank", month_add(previous, -1).replace(day=10))
    _pearl(make_pearl, "Deze maand", month.replace(day=1))
    _pearl(make_pearl, "Hagedoorn plek", previous.replace(day=10), neighbourhood=world.hagedoorn)
    return month


def test_poster_has_the_months_activities_and_new_pearls_only(moderator_hw, poster_world):
    response = moderator_hw.get(URL + f"?wijk=zuidwijk&maand={poster_world:%Y-%m}")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Samen breien" in page and "Koffie op het plein" in page
    assert page.index("Samen breien") < page.index("Koffie op het plein")
    for other in ("Volgende maand", "Nog een voorstel", "Oude bank", "Deze maand", "Hagedoorn plek"):
        assert other not in page, other
    assert "Nieuwe moestuin" in page and "Zuidwijk" in page
    assert "parelketting/programma/" in page and "pk-qr" in page and "poster.css" in page


def test_poster_defaults_to_next_month(moderator_hw, poster_world):
    page = html.unescape(moderator_hw.get(URL).content.decode())
    assert "Samen breien" in page and "Nieuwe moestuin" in page


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "0", "2026-13", "2026-00", "٢٠٢٦-١٢", "x" * 5000])
def test_an_odd_month_gives_next_months_poster_with_a_message(moderator_hw, poster_world, month):
    """A month that is not one, or that is far away, gives next month's poster and says so; the PDF too."""
    response = moderator_hw.get(URL, {"wijk": "zuidwijk", "maand": month})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Samen breien" in page and "Voor die maand kunnen wij geen affiche maken." in page
    assert f'value="{poster_world:%Y-%m}" selected' in page
    pdf = moderator_hw.get(reverse("parelketting:poster_pdf"), {"wijk": "zuidwijk", "maand": month})
    assert pdf.status_code == 200 and f"affiche-zuidwijk-{poster_world:%Y-%m}.pdf" in pdf["Content-Disposition"]


def test_poster_qr_code_leads_to_the_programme(world):
    from parelketting.programme.poster import poster_data

    data = poster_data(neighbourhood=world.zuidwijk, month=_month())
    url = f"{settings.SITE_URL}{reverse('parelketting:programme')}"
    matrix = qr_matrix(url)
    assert f'viewBox="0 0 {len(matrix) + 8} {len(matrix) + 8}"' in str(data["qr"])


def _pdf(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in _pdf(pdf).pages).split())


def test_poster_pdf_is_a3(moderator_hw, poster_world):
    response = moderator_hw.get(reverse("parelketting:poster_pdf") + f"?wijk=zuidwijk&maand={poster_world:%Y-%m}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pages = _pdf(response.content).pages
    assert round(pages[0].mediabox.width) == 842 and round(pages[0].mediabox.height) == 1191  # A3 portrait
    assert len(pages) == 1  # one sheet for the notice board
    text = _pdf_text(response.content)
    assert "Samen breien" in text and "Nieuwe moestuin" in text and "Volgende maand" not in text
    assert f"affiche-zuidwijk-{poster_world:%Y-%m}.pdf" in response["Content-Disposition"]


def test_poster_query_count_does_not_grow(
    moderator_hw, poster_world, make_activity, make_pearl, django_assert_max_num_queries
):
    url = URL + f"?wijk=zuidwijk&maand={poster_world:%Y-%m}"
    with django_assert_max_num_queries(POSTER_QUERIES):
        moderator_hw.get(url)
    for n in range(5):
        _activity(make_activity, f"Extra {n}", poster_world.replace(day=10 + n))
        _pearl(make_pearl, f"Extra parel {n}", month_add(poster_world, -1).replace(day=3 + n))
    with django_assert_max_num_queries(POSTER_QUERIES):
        page = moderator_hw.get(url).content.decode()
    assert "Extra 4" in page and "Extra parel 4" in page


# session, user, neighbourhoods, roles, activities, pearls; two for the menu (atelier); two for the contact details;
# four for the counts in the staff menu (Werkplek badge), two for the chosen neighbourhood's menu; the same at any
# number of activities and pearls; up to three for the featured story (wijk.stories asks pearls, dreams, atelier
# in turn until one is found)
POSTER_QUERIES = 19


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("resident_zuidwijk", 403), ("broker_bw", 403), ("moderator_hw", 200), ("superuser", 200)],
)
def test_poster_is_for_moderators(as_persona, world, persona, status):
    assert as_persona(persona).get(URL).status_code == status


def test_moderator_of_another_corporation_cannot_open_zuidwijk(moderator_bw, world):
    assert moderator_bw.get(URL + "?wijk=zuidwijk").status_code == 404
    assert "Hagedoorn" in moderator_bw.get(URL).content.decode()


def test_month_choice_and_parsing():
    assert month_parse("2026-12") == date(2026, 12, 1)
    assert month_parse("2026-13") is None and month_parse("nee") is None and month_parse(None) is None
    assert month_parse("0") is None and month_parse("2026-1") is None and month_parse("2_026-12") is None
    assert month_parse("0001-01") == date(1, 1, 1)  # a month, but the poster view refuses it as too far away
    today = date(2026, 11, 25)
    assert poster_month_allowed(date(2027, 11, 1), today) and poster_month_allowed(date(2025, 11, 1), today)
    assert not poster_month_allowed(date(2027, 12, 1), today) and not poster_month_allowed(date(1, 1, 1), today)
    assert not poster_month_allowed(date(9999, 12, 1), today)
    assert month_add(date(2026, 12, 1), 1) == date(2027, 1, 1) and month_add(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert poster_months(date(2026, 11, 25)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_the_poster_opens_on_this_month_while_something_is_still_to_come(moderator_hw, world, make_activity):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_day = month_add(this_month, 1) - timedelta(days=1)
    if today == last_day:  # nothing can start later this month after 14:00 today; the rule is tested below
        pytest.skip("the last day of the month")
    _activity(make_activity, "Deze maand nog", last_day)
    page = html.unescape(moderator_hw.get(URL).content.decode())
    assert "Deze maand nog" in page and f'value="{this_month:%Y-%m}" selected' in page


def test_without_activities_the_poster_opens_on_this_month_and_says_so(moderator_hw, world):
    page = html.unescape(moderator_hw.get(URL).content.decode())
    assert f'value="{timezone.localdate():%Y-%m}" selected' in page
    assert "Deze maand staat er nog niets in het programma." in page


def test_the_poster_carries_the_corporations_contact_details(moderator_hw, world, poster_world):
    world.hw.phone = "0186 640 640"
    world.hw.opening_hours = "maandag tot en met vrijdag, 9 tot 17 uur"
    world.hw.visiting_address = "Parelplein 1, Oud-Beijerland"
    world.hw.save()
    page = html.unescape(moderator_hw.get(URL).content.decode())
    assert "0186 640 640" in page and "Parelplein 1, Oud-Beijerland" in page
    pdf = moderator_hw.get(reverse("parelketting:poster_pdf"))
    assert "0186 640 640" in _pdf_text(pdf.content)
