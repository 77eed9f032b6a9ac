"""The walk's PDF is made by the worker (a walk of 40 stops took about a second): the visitor who asks first sees
"Wij maken uw PDF" and gets it with one more click; everyone after gets the kept file at once; a change to the
route makes a new one; a failure is shown with a button to try again."""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from parelketting.models import RouteStop

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_first_visitor_waits_once_and_then_gets_the_pdf(settings, anonymous, make_route):
    settings.TASKS = DATABASE
    route = make_route(3)
    url = reverse("parelketting:route_pdf", kwargs={"slug": route.slug})

    waiting = anonymous.get(url)
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    html = waiting.content.decode()
    assert "<h1>Wij maken uw PDF</h1>" in html and "Dit duurt even" in html
    assert f'<a class="button" href="{url}">Download de PDF</a>' in html  # no JavaScript, no self-reloading page
    assert waiting["Cache-Control"] == "no-store"
    # Asking again before the worker ran queues nothing twice.
    anonymous.get(url)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1

    call_command("run_worker", "--once", "--no-schedule", verbosity=0)
    assert "rondje-zuidwijk plek 3" in pdf_text(anonymous.get(url))
    # The next visitor gets the kept file: nothing new is queued.
    assert "rondje-zuidwijk plek 3" in pdf_text(anonymous.get(url))
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db
def test_without_a_worker_the_pdf_comes_at_once_and_a_change_makes_a_new_one(anonymous, make_route):
    route = make_route(2)
    url = reverse("parelketting:route_pdf", kwargs={"slug": route.slug})
    assert "rondje-zuidwijk plek 2" in pdf_text(anonymous.get(url))
    pearl = RouteStop.objects.filter(route=route).order_by("position").last().pearl
    pearl.title = "Het nieuwe bankje"
    pearl.save()
    text = pdf_text(anonymous.get(url))
    assert "Het nieuwe bankje" in text and "rondje-zuidwijk plek 2" not in text


@pytest.mark.django_db
def test_a_failed_pdf_is_said_plainly_with_a_button_to_try_again(anonymous, make_route):
    route = make_route(2)
    url = reverse("parelketting:route_pdf", kwargs={"slug": route.slug})
    with mock.patch("weasyprint.HTML.write_pdf", side_effect=OSError("no fonts")):  # the outside world fails
        failed = anonymous.get(url)
    html = failed.content.decode()
    retry = reverse("parelketting:route_pdf_retry", kwargs={"slug": route.slug})
    assert failed.status_code == 200 and "<h1>De PDF is niet gelukt</h1>" in html
    assert "Dat ligt niet aan u." in html and f'action="{retry}"' in html and "Probeer het opnieuw" in html
    # While it stays failed, asking again shows the same page and does not try again by itself.
    assert "<h1>De PDF is niet gelukt</h1>" in anonymous.get(url).content.decode()

    again = anonymous.post(retry)
    assert again.status_code == 302 and again["Location"] == url
    assert "rondje-zuidwijk plek 2" in pdf_text(anonymous.get(url))


@pytest.mark.django_db
def test_a_route_that_is_not_published_gives_no_pdf_to_visitors(anonymous, make_route):
    route = make_route(2, status="draft")
    assert anonymous.get(reverse("parelketting:route_pdf", kwargs={"slug": route.slug})).status_code == 404
    assert anonymous.post(reverse("parelketting:route_pdf_retry", kwargs={"slug": route.slug})).status_code == 404


@pytest.mark.django_db
def test_with_the_cache_down_the_pdf_is_made_in_the_request(settings, anonymous, make_route):
    """Nowhere to keep it and no way to know it is being made: the visitor gets it at once, as before."""
    from tests.wijk.test_cache_outage import DEAD_REDIS

    route = make_route(2)
    settings.TASKS = DATABASE  # even with a worker: a queued PDF could never be found again
    settings.CACHES = DEAD_REDIS
    response = anonymous.get(reverse("parelketting:route_pdf", kwargs={"slug": route.slug}))
    assert "rondje-zuidwijk plek 2" in pdf_text(response)
