"""The site shell: public pages, error pages, language switch, health check."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["wijk:home", "wijk:privacy", "wijk:accessibility"])
def test_public_pages_are_dutch_first_and_have_landmarks(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr"' in html
    for landmark in ('<header class="site-header">', '<main id="inhoud"', "<footer", 'class="skip-link"'):
        assert landmark in html
    assert "<script>" not in html and "style=" not in html


def test_home_introduces_both_experiments_with_the_guiding_question(client, world):
    html = client.get("/").content.decode()
    assert "Welke kansen ziet u vandaag om het wonen hier prettiger te maken?" in html
    assert "Parelketting" in html and "Droomhuis" in html
    assert "Zuidwijk" in html and "Almelo" in html


def test_english_can_be_chosen_without_an_account(client, world):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_unknown_page_gives_a_plain_404(client, world):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_403_page_is_plain(rf, world):
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = world.users.resident_zuidwijk
    response = permission_denied(request, exception=None)
    assert response.status_code == 403
    assert "U mag deze pagina niet zien" in response.content.decode()


def test_500_page_needs_nothing_from_the_request(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_security_headers_are_sent(client, world):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_health_reports_ok(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_503_when_the_database_is_gone(client, db):
    with mock.patch("wijk.views.connection.cursor", side_effect=DatabaseError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["status"] == "degraded"


def test_health_is_degraded_but_200_without_storage(client, db):
    with mock.patch("wijk.views.default_storage.exists", side_effect=OSError("no route")):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "ok", "storage": "unavailable"}


def test_account_page_needs_login(client, world):
    response = client.get(reverse("wijk:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_account_page_shows_own_details(resident_zuidwijk, world):
    html = resident_zuidwijk.get(reverse("wijk:account")).content.decode()
    assert "bewoner@zuidwijk.test" in html
    assert "Zuidwijk" in html


@override_settings(REQUIRE_STAFF_MFA=True)
def test_staff_without_an_authenticator_must_set_one_up(moderator_hw, resident_zuidwijk, world):
    response = moderator_hw.get(reverse("wijk:account"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # The set-up pages themselves stay reachable (allauth may first ask for the password again).
    setup = moderator_hw.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/")
    # Residents are not asked for it.
    assert resident_zuidwijk.get(reverse("wijk:account")).status_code == 200


@override_settings(REQUIRE_STAFF_MFA=True)
def test_staff_with_an_authenticator_go_on(moderator_hw, world):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=world.users.moderator_hw, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert moderator_hw.get(reverse("wijk:account")).status_code == 200


def test_the_browser_language_does_not_override_dutch(client, world):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_login_page_offers_the_code_first(client, world):
    html = client.get(reverse("account_login")).content.decode()
    assert html.index("Stuur mij een code") < html.index("Met uw wachtwoord")


def test_the_site_speaks_english_when_chosen(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Take part in your neighbourhood" in html
    assert "Doe mee in uw wijk" not in html


def test_browser_features_are_switched_off(client, world):
    policy = client.get("/")["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy


def test_a_database_outage_gives_a_friendly_503_not_a_500(world):
    from django.db import OperationalError
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("wijk.views.Neighbourhood.objects.select_related", side_effect=OperationalError("down")):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "Probeer het zo opnieuw" in response.content.decode()


def test_other_errors_still_give_the_500_page(world):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("wijk.views.Neighbourhood.objects.select_related", side_effect=ValueError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_text_size_and_contrast_are_remembered_without_an_account(client, world):
    response = client.post(reverse("wijk:display"), {"text": "groter", "contrast": "hoog", "next": "/privacy/"})
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    html = client.get("/toegankelijkheid/").content.decode()
    assert 'class="text-groter contrast-hoog"' in html


def test_text_size_and_contrast_are_chosen_in_the_header_not_the_footer(client, world):
    html = client.get("/").content.decode()
    header, footer = html.split("</header>")[0], html.split('<footer class="site-footer">')[1]
    assert 'class="display-switch"' in header and reverse("wijk:display") in header
    assert 'name="text" value="groter"' in header and 'name="contrast" value="hoog"' in header
    assert reverse("wijk:display") not in footer and reverse("wijk:accessibility") in footer


def test_display_choices_ignore_unknown_values_and_foreign_redirects(client, world):
    response = client.post(
        reverse("wijk:display"), {"text": "<script>", "contrast": "x", "next": "https://kwaadaardig.example/"}
    )
    assert response["Location"] == "/"
    assert 'class="text-normaal contrast-normaal"' in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)  # real commits: the demo's notices go out on commit, as in `make run`
def test_loading_the_demo_sends_no_e_mails(settings):
    """`make run` prints e-mails in the terminal: the demo's own notices must not bury a login code there."""
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("loaddemo", stdout=out)
    assert mail.outbox == []
    assert "e-mails of the demo itself were not sent" in out.getvalue()
