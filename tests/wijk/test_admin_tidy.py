"""Every admin list with personal data can be searched, and the access log answers "who looked at Anneke's file?"
with a "van wie" filter."""

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from droomhuis.models import Dream, Match
from wijk.models import AccessAction, AccessLogEntry, Resident, Theme

pytestmark = pytest.mark.django_db

PERSONAL_FIELDS = {"email", "phone", "first_name", "display_name"}


def holds_personal_data(model) -> bool:
    """A person's own record, a record with their contact details, or one that points at a person or a dream."""
    people = {get_user_model(), Resident}
    if model in people:
        return True
    for field in model._meta.get_fields():
        if field.name in PERSONAL_FIELDS and getattr(field, "concrete", False):
            return True
        if isinstance(field, models.ForeignKey) and not field.auto_created:
            if field.related_model in people or field.related_model._meta.label == "droomhuis.Dream":
                return True
    return False


def registered_lists(client):
    index = client.get(reverse("admin:index"))
    return [(entry["model"], entry["admin_url"]) for app in index.context["app_list"] for entry in app["models"]]


def test_every_admin_list_with_personal_data_has_a_search(superuser):
    personal = [(model, url) for model, url in registered_lists(superuser) if holds_personal_data(model)]
    assert len(personal) >= 15, [model._meta.label for model, _url in personal]
    without = []
    for model, url in personal:
        response = superuser.get(url, {"q": "Anneke"})
        assert response.status_code == 200, url
        if not response.context["cl"].search_fields:
            without.append(model._meta.label)
    assert without == [], without


def test_the_rule_knows_a_dream_a_log_and_a_theme(superuser):
    assert holds_personal_data(Dream) and holds_personal_data(Match) and holds_personal_data(AccessLogEntry)
    assert not holds_personal_data(Theme)


def _log(world, resident, detail):
    return AccessLogEntry.objects.create(
        user=world.users.broker_bw,
        role="broker",
        organisation=world.bw,
        resident=resident,
        action=AccessAction.VIEW,
        object_type="droomhuis.dream",
        object_id="1",
        detail=detail,
    )


def test_whose_file_a_click_on_the_name_shows_all_rows_about_that_resident(world, superuser):
    henk, ans = world.residents.hagedoorn, world.residents.zuidwijk
    _log(world, henk, "eerste")
    _log(world, ans, "ander")
    _log(world, henk, "tweede")
    url = reverse("admin:wijk_accesslogentry_changelist")
    html = superuser.get(url).content.decode()
    assert f'href="?bewoner={henk.uid}"' in html
    response = superuser.get(url, {"bewoner": str(henk.uid)})
    assert sorted(row.detail for row in response.context["cl"].result_list) == ["eerste", "tweede"]
    page = response.content.decode()
    assert "Van wie" in page and str(henk) in page


@pytest.mark.parametrize("value", ["x", "00000000-0000-0000-0000-000000000000", "%00"])
def test_whose_file_with_an_odd_value_shows_nothing(world, superuser, value):
    _log(world, world.residents.hagedoorn, "eerste")
    response = superuser.get(reverse("admin:wijk_accesslogentry_changelist"), {"bewoner": value})
    assert response.status_code == 200 and list(response.context["cl"].result_list) == []
