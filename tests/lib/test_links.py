"""Full links follow the site's address: ``SITE_URL``, or locally the PORT that ``make run`` serves on."""

import os
import re
import subprocess  # nosec B404 - runs make and python from this repository
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from lib.links import absolute_url, short_address
from tests.factories import ActivityFactory

SITE = "http://127.0.0.1:8123"


@pytest.fixture
def on_port_8123(settings):
    settings.SITE_URL = SITE
    return settings


def test_absolute_url_joins_the_site_and_a_path(on_port_8123):
    assert absolute_url("/parelketting/") == f"{SITE}/parelketting/"
    assert absolute_url("parelketting/") == f"{SITE}/parelketting/"
    assert absolute_url() == f"{SITE}/"
    assert absolute_url("https://elders.example/x/") == "https://elders.example/x/"
    assert short_address("/droomhuis/") == "127.0.0.1:8123/droomhuis/"


def test_the_port_reaches_the_site_url_without_a_site_url():
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(PORT="8123", DJANGO_SETTINGS_MODULE="wijkportaal.settings.dev")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(  # nosec B603 - fixed arguments
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == SITE


def test_make_run_passes_the_port_to_the_server_and_the_demo():
    result = subprocess.run(  # nosec B603 B607 - make -n only prints what it would run
        ["make", "-n", "run", "PORT=8123"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert any(re.match(r"PORT=8123 \S+ manage.py runserver 127.0.0.1:8123$", line) for line in lines), lines
    assert any(re.match(r"PORT=8123 \S+ manage.py loaddemo$", line) for line in lines), lines


def test_every_full_link_follows_the_site_address(on_port_8123, world, anonymous):
    """QR plaques, the calendar, the map's GeoJSON, the API and paper forms: no link to another port."""
    from parelketting.necklace.plaques import short_url

    activity = ActivityFactory(neighbourhood=world.zuidwijk)
    assert short_url("abc1234") == f"{SITE}/parelketting/p/abc1234/"
    ics = anonymous.get(reverse("parelketting:activity_ics", kwargs={"uid": activity.uid})).content.decode()
    assert f"URL:{SITE}{activity.get_absolute_url()}" in ics.replace("\r\n ", "")
    api = anonymous.get(reverse("api_index")).json()
    assert api["docs"].startswith(f"{SITE}/")
    paper = anonymous.get(reverse("parelketting:paper_pearl") + "?wijk=zuidwijk").content.decode()
    assert "127.0.0.1:8123/parelketting/" in paper and "127.0.0.1:8000" not in paper


def test_account_emails_greet_and_sign_once_without_the_host_name(on_port_8123, world, anonymous):
    anonymous.post(reverse("account_reset_password"), {"email": "bewoner@zuidwijk.test"})
    (email,) = mail.outbox
    words = re.sub(r"https?://\S+", "", email.body)  # allauth's own links come from the request
    assert "testserver" not in words and "testserver" not in email.subject
    assert email.body.startswith("Beste buur,")
    assert email.body.rstrip().endswith(f"Met vriendelijke groet,\nWijkportaal\n{SITE}/")
    assert email.body.count("Wijkportaal") == 1


def _input_tag(html: str, name: str) -> str:
    (tag,) = re.findall(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    return tag


@pytest.mark.parametrize(
    "persona, url, name",
    [
        ("anonymous", "droomhuis:share", "phone"),
        ("superuser", "admin:wijk_organisation_change", "phone"),
    ],
)
def test_a_phone_field_is_one_valid_tel_input(as_persona, world, persona, url, name):
    args = [world.hw.pk] if url.startswith("admin:") else []
    tag = _input_tag(as_persona(persona).get(reverse(url, args=args)).content.decode(), name)
    assert re.findall(r'\btype="([^"]*)"', tag) == ["tel"], tag
    assert 'autocomplete="tel"' in tag


def test_the_paper_sign_up_entry_asks_the_phone_as_a_tel_input():
    from parelketting.paper_forms import SignUpQuestionsForm

    tag = _input_tag(str(SignUpQuestionsForm()["phone"]), "phone")
    assert re.findall(r'\btype="([^"]*)"', tag) == ["tel"], tag
