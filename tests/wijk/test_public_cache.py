"""Anonymous visits to public pages come from the cache; a change is visible at once; nothing personal is cached."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_anonymous_home_page_is_served_from_the_cache(world, django_assert_num_queries):
    client = Client()
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert "Content-Security-Policy" in second and second["Content-Language"] == "nl"


def test_a_change_is_visible_at_once(world, django_capture_on_commit_callbacks):
    client = Client()
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        world.zuidwijk.name = "Zuidwijk-Oost"
        world.zuidwijk.save()
    assert callbacks, "the cache is cleared when the change commits"
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "Zuidwijk-Oost" in response.content.decode()


def test_logged_in_visitors_never_get_a_cached_page(resident_zuidwijk, world):
    Client().get("/privacy/")
    response = resident_zuidwijk.get("/privacy/")
    assert "X-Page-Cache" not in response
    assert "Mijn account" in response.content.decode()


def test_languages_and_text_sizes_are_cached_apart(world):
    dutch, english = Client(), Client()
    english.cookies["django_language"] = "en"
    assert "Doe mee in uw wijk" in dutch.get("/").content.decode()
    assert "Take part in your neighbourhood" in english.get("/").content.decode()
    large = Client()
    large.cookies["wijk_tekst"] = "groter"
    assert 'class="text-groter' in large.get("/").content.decode()


@override_settings(PUBLIC_PAGE_CACHE={"account_login": 600})
def test_pages_that_set_a_cookie_are_never_stored(world):
    """The login form carries a CSRF token (a cookie): storing it would hand one visitor's token to another."""
    client = Client()
    first, second = client.get(reverse("account_login")), Client().get(reverse("account_login"))
    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


@override_settings(PUBLIC_PAGE_CACHE={})
def test_pages_not_listed_are_not_cached(world):
    assert "X-Page-Cache" not in Client().get("/")


def test_public_pages_carry_no_csrf_token_so_they_can_be_cached(world):
    response = Client().get("/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_language_and_text_size_still_switch_without_a_token(world):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("wijk:display"), {"text": "groot", "contrast": "hoog"}).status_code == 302


def test_conditional_get_answers_304(world):
    client = Client()
    etag = client.get("/privacy/")["ETag"]
    assert client.get("/privacy/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_header_shows_each_visitor_their_own_display_choice_from_the_cache(world):
    large = Client()
    large.cookies["wijk_tekst"] = "groter"
    large.get("/")
    cached = large.get("/")
    assert cached["X-Page-Cache"] == "hit" and 'name="text" value="groter" checked' in cached.content.decode()
    plain = Client().get("/").content.decode()
    assert 'name="text" value="normaal" checked' in plain and "csrfmiddlewaretoken" not in plain


@pytest.mark.parametrize(
    "url",
    [
        reverse("parelketting:paper_pearl_pdf") + "?wijk=zuidwijk",
        reverse("parelketting:paper_signup_blank_pdf"),
        reverse("droomhuis:paper_pdf"),
    ],
)
def test_blank_paper_forms_are_made_once_and_kept_for_everyone(world, url, django_assert_num_queries):
    """A blank paper form is the same for everyone who asks its address, and takes a few hundred milliseconds to
    make: the first visitor's PDF is kept; a visitor with an account gets it made for them, and never stored."""
    from droomhuis.consents import CONSENT_TEXTS, consent_text_for

    for key in CONSENT_TEXTS:
        consent_text_for(key)  # published once, as on a running site (publishing marks the texts as changed)
    first = Client().get(url)
    assert first["Content-Type"] == "application/pdf" and first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "no-cache" and first["Content-Disposition"].startswith("attachment;")
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_new_street_is_on_the_next_paper_pearl_form(world, django_capture_on_commit_callbacks):
    from wijk.models import Street

    url = reverse("parelketting:paper_pearl_pdf") + "?wijk=zuidwijk"
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Street.objects.create(neighbourhood=world.zuidwijk, name="Nieuwe Laan")
    assert Client().get(url)["X-Page-Cache"] == "miss"


def test_a_residents_own_pdfs_are_never_kept(resident_zuidwijk, world):
    response = resident_zuidwijk.get(reverse("parelketting:paper_pearl_pdf"))
    assert "X-Page-Cache" not in response and response["Content-Type"] == "application/pdf"
    assert resident_zuidwijk.get(reverse("wijk:my_data") + "?formaat=pdf")["Cache-Control"] == "no-store"
