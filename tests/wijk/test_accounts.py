"""Accounts: sign up without a password, confirm with a code, rate limits on codes."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from wijk.models import User

pytestmark = pytest.mark.django_db


def test_a_resident_signs_up_without_a_password_and_confirms_with_a_code(client, world):
    response = client.post(reverse("account_signup"), {"email": "nieuw@bewoner.test"})
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@bewoner.test")
    assert not user.has_usable_password()
    code = re.search(r"^\s*([A-Z0-9-]{4,12})\s*$", mail.outbox[-1].body, re.M).group(1)
    confirm = client.post(response["Location"], {"code": code})
    assert confirm.status_code == 302
    assert client.get(reverse("wijk:account")).status_code == 200
    assert user.emailaddress_set.get().verified


def test_signup_without_confirming_does_not_log_in(client, world):
    client.post(reverse("account_signup"), {"email": "ander@bewoner.test"})
    response = client.get(reverse("wijk:account"))
    assert response.status_code == 302


def test_login_codes_per_address_are_rate_limited(world):
    from django.test import Client

    url = reverse("account_request_login_code")
    for _ in range(3):
        Client().post(url, {"email": "bewoner@zuidwijk.test"})
    assert len(mail.outbox) == 3
    limited = Client().post(url, {"email": "bewoner@zuidwijk.test"})
    assert limited.status_code == 200 and limited.context["form"].errors
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("ignored", [None])
def test_too_many_logins_from_one_address_get_a_plain_429_page(client, world, settings, ignored):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    url = reverse("account_login")
    statuses = [client.post(url, {"login": "x@test.example", "password": "fout"}).status_code for _ in range(3)]
    assert statuses[-1] == 429
    assert "Even wachten" in client.post(url, {"login": "x@test.example", "password": "fout"}).content.decode()


def test_a_wrong_code_is_refused_in_plain_words(client, world):
    client.post(reverse("account_request_login_code"), {"email": "bewoner@zuidwijk.test"})
    response = client.post(reverse("account_confirm_login_code"), {"code": "00000-00000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("wijk:account")).status_code == 302


@pytest.mark.parametrize("login", ["bewoner@zuidwijk.test", "niemand@zuidwijk.test"])
def test_a_wrong_password_marks_the_password_and_email_fields(client, world, login):
    """Without JavaScript: each field says it is wrong (aria-invalid, its own message tied by aria-describedby), the
    summary links to both, and nothing tells whether the address has an account."""
    response = client.post(reverse("account_login"), {"login": login, "password": "fout"})
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.non_field_errors()
    assert form.errors["password"] == ["Het e-mailadres of het wachtwoord klopt niet."]
    assert form.errors["login"] == ["Kijk of uw e-mailadres goed is."]
    html = response.content.decode()
    for field in ("id_login", "id_password"):
        tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag
        assert re.search(rf'aria-describedby="[^"]*{field}_errors"', tag)
        assert f'<ul class="errorlist" id="{field}_errors">' in html
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert '<a href="#id_password">Het e-mailadres of het wachtwoord klopt niet.</a>' in summary
    assert '<a href="#id_login">Kijk of uw e-mailadres goed is.</a>' in summary
    assert client.get(reverse("wijk:account")).status_code == 302


def test_too_many_tries_stays_a_message_for_the_whole_form(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "1/m/key"}
    url = reverse("account_login")
    client.post(url, {"login": "bewoner@zuidwijk.test", "password": "fout"})
    response = client.post(url, {"login": "bewoner@zuidwijk.test", "password": "fout"})
    form = response.context["form"]
    assert form.non_field_errors() == ["U probeerde te vaak in te loggen. Probeer het later opnieuw."]
    assert "password" not in form.errors


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_request_login_code",
        "account_reset_password",
    ],
)
def test_account_pages_use_the_site_layout_in_dutch(client, world, url_name):
    html = client.get(reverse(url_name)).content.decode()
    assert '<html lang="nl"' in html and 'class="site-header"' in html and 'id="inhoud"' in html
