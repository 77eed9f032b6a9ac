"""A colleague is invited by e-mail: name, address and roles, no password typed by anyone; the colleague chooses
their own password through django-allauth's link and logs in. Roles and account show each other in the admin."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from wijk.choices import RoleKind
from wijk.models import Role, User
from wijk.services import colleague_invite

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zonnebloem-Kade-42"


def invite_through_the_admin(client, world, **extra):
    data = {
        "name": "Fatima El Amrani",
        "email": "Fatima@BeterWonen.test",
        "kinds": [RoleKind.BROKER, RoleKind.TEAM_LEAD],
        "organisation": world.bw.pk,
        "neighbourhood": "",
        **extra,
    }
    return client.post(reverse("admin:wijk_user_add"), data)


def test_the_add_page_asks_no_password(superuser):
    html = superuser.get(reverse("admin:wijk_user_add")).content.decode()
    assert 'name="email"' in html and 'name="kinds"' in html
    assert 'type="password"' not in html and 'name="password1"' not in html
    assert "kiest uw collega zelf een wachtwoord" in html


def test_superuser_invites_and_the_colleague_sets_a_password_and_logs_in(world, superuser, settings):
    response = invite_through_the_admin(superuser, world)
    colleague = User.objects.get(email="fatima@beterwonen.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:wijk_user_change", args=[colleague.pk])
    assert not colleague.has_usable_password()
    roles = Role.objects.filter(user=colleague)
    assert sorted(roles.values_list("kind", flat=True)) == ["broker", "team_lead"]
    assert {role.history.get().history_user for role in roles} == {world.users.superuser}

    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["fatima@beterwonen.test"] and "uitgenodigd" in letter.subject
    assert "Beste Fatima El Amrani" in letter.body and "Droommakelaar" in letter.body and " u " in letter.body
    assert "Uw rol: Droommakelaar, Teamleider droommakelaars" in letter.body  # words, not a Python list
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", letter.body).group(0)

    visitor = Client()
    path = link.split(settings.SITE_URL, 1)[1]
    page = visitor.get(path, follow=True)
    assert page.status_code == 200
    form_path = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = visitor.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password(NEW_PASSWORD)

    fresh = Client()
    login = fresh.post(reverse("account_login"), {"login": "fatima@beterwonen.test", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert fresh.get(reverse("account_email")).wsgi_request.user == colleague
    # The link works once.
    assert "Deze link" in Client().get(path, follow=True).content.decode()


def test_an_existing_address_is_refused(world, superuser):
    response = invite_through_the_admin(superuser, world, email=world.users.broker_bw.email)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert mail.outbox == []


def test_a_moderator_invites_only_for_their_own_corporation(world):
    moderator = world.users.moderator_hw
    with pytest.raises(Exception, match="eigen organisatie"):
        colleague_invite(
            email="x@bw.test", name="X", kinds=[RoleKind.BROKER], organisation=world.bw, invited_by=moderator
        )
    colleague = colleague_invite(
        email="nieuw@hw.test", name="Nieuw", kinds=[RoleKind.MODERATOR], organisation=world.hw, invited_by=moderator
    )
    assert colleague.is_staff and list(colleague.roles.values_list("kind", flat=True)) == ["moderator"]
    assert mail.outbox[0].to == ["nieuw@hw.test"]


def test_roles_on_the_account_page_and_the_account_on_the_role_page(world, superuser):
    broker = world.users.broker_bw
    role = broker.roles.get()
    account = superuser.get(reverse("admin:wijk_user_change", args=[broker.pk])).content.decode()
    assert "Droommakelaar" in account and "rollen van dit account" in account.lower()
    role_page = superuser.get(reverse("admin:wijk_role_change", args=[role.pk])).content.decode()
    assert f'href="{reverse("admin:wijk_user_change", args=[broker.pk])}"' in role_page
