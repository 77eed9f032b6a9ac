"""Set-up promises: demo data, production settings that refuse to guess, the custom user model."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from wijk.models import ConsentRecord, Neighbourhood, Organisation, Resident, Role, User

ROOT = Path(__file__).resolve().parents[2]
DEMO_ACCOUNTS = [
    "admin@wijkportaal.example",
    "moderator@hwwonen.example",
    "moderator@beterwonen.example",
    "makelaar@beterwonen.example",
    "ervaring@beterwonen.example",
    "teamleider@beterwonen.example",
    "partner@welzijn-almelo.example",
    "bewoner@zuidwijk.example",
    "bewoner@hagedoorn.example",
    "facilitator@atelier.example",
]


def counts():
    return [m.objects.count() for m in (User, Organisation, Neighbourhood, Resident, Role, ConsentRecord)]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_loaddemo_builds_the_world_and_is_idempotent(client):
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    first = counts()
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    assert counts() == first
    zuidwijk = Neighbourhood.objects.get(slug="zuidwijk")
    assert zuidwijk.corporation.name == "HW Wonen" and zuidwijk.municipality == "Oud-Beijerland"
    assert 51.7 < float(zuidwijk.centre_lat) < 51.9 and 4.3 < float(zuidwijk.centre_lng) < 4.5
    hagedoorn = Neighbourhood.objects.get(slug="hagedoorn")
    assert hagedoorn.corporation.name == "Beter Wonen" and hagedoorn.municipality == "Almelo"
    assert Organisation.objects.partners().filter(works_with__slug="beter-wonen").count() >= 2
    assert Organisation.objects.partners().filter(works_with__slug="hw-wonen").count() >= 2
    # A resident who only phoned has no account, and the record says who made it.
    phoned = Resident.objects.get(first_name="Fatma")
    assert phoned.user is None and phoned.created_on_behalf


@pytest.mark.django_db
@override_settings(DEBUG=True)
@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_every_demo_account_can_log_in(client, email):
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    response = client.post("/accounts/login/", {"login": email, "password": "parel-en-droom"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get("/mijn-account/").status_code == 200


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_loaddemo_refuses_on_a_real_installation_without_force():
    with pytest.raises(CommandError, match="--force"):
        call_command("loaddemo")
    assert User.objects.count() == 0


def test_email_is_the_login():
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User(), "username") or User().username is None


def test_the_user_model_is_in_the_first_migration():
    first = (ROOT / "wijk" / "migrations" / "0001_initial.py").read_text()
    assert "name='User'" in first or 'name="User"' in first


def _production(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "wijkportaal.settings.production"}, **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = {
        "DJANGO_SECRET_KEY": "k" * 60 + "-Xy7#pQ",
        "DJANGO_ALLOWED_HOSTS": "wijkportaal.example",
        "DATABASE_URL": "sqlite:////tmp/wijkportaal-check.sqlite3",
    }
    del env[missing]
    result = _production(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_check_deploy_is_silent():
    result = _production(
        {
            "DJANGO_SECRET_KEY": "a-Long-random-secret-for-the-check-0123456789-!@#$%^&*()-abcdef",
            "DJANGO_ALLOWED_HOSTS": "wijkportaal.example",
            "DATABASE_URL": "sqlite:////tmp/wijkportaal-check.sqlite3",
        }
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
