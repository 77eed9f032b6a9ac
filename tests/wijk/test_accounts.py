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
