"""Organisations are walls in the admin too: every persona sees only what is theirs."""

import pytest
from django.urls import reverse

from wijk.choices import Channel, DataCategory, Purpose
from wijk.models import AccessLogEntry
from wijk.services import access_log_record, consent_give

pytestmark = pytest.mark.django_db

NON_STAFF = [
    "anonymous",
    "resident_zuidwijk",
    "resident_hagedoorn",
    "broker_bw",
    "expert_bw",
    "partner_welzijn",
    "facilitator",
]


@pytest.mark.parametrize("persona", NON_STAFF)
def test_people_without_staff_rights_do_not_get_into_the_admin(as_persona, persona):
    response = as_persona(persona).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def changelist(client, model):
    return client.get(reverse(f"admin:wijk_{model}_changelist"))


def test_moderators_see_only_their_own_corporations_residents(as_persona, world):
    hw_list = changelist(as_persona("moderator_hw"), "resident")
    bw_list = changelist(as_persona("moderator_bw"), "resident")
    assert list(hw_list.context["cl"].queryset) == [world.residents.zuidwijk]
    assert list(bw_list.context["cl"].queryset) == [world.residents.hagedoorn]
    assert len(changelist(as_persona("superuser"), "resident").context["cl"].queryset) == 2


@pytest.mark.parametrize(
    "persona, own, other",
    [("moderator_hw", "zuidwijk", "hagedoorn"), ("moderator_bw", "hagedoorn", "zuidwijk")],
)
def test_another_corporations_resident_looks_missing(as_persona, world, persona, own, other):
    client = as_persona(persona)
    own_url = reverse("admin:wijk_resident_change", args=[getattr(world.residents, own).pk])
    other_url = reverse("admin:wijk_resident_change", args=[getattr(world.residents, other).pk])
    missing_url = reverse("admin:wijk_resident_change", args=[999999])
    assert client.get(own_url).status_code == 200
    other_response, missing_response = client.get(other_url), client.get(missing_url)
    assert other_response.status_code == missing_response.status_code == 302
    assert other_response["Location"] == missing_response["Location"] == reverse("admin:index")
    assert client.post(other_url, {"display_name": "x"}).status_code == 302
    getattr(world.residents, other).refresh_from_db()
    assert getattr(world.residents, other).display_name != "x"


def test_resident_list_shows_no_personal_data(as_persona, world):
    html = changelist(as_persona("moderator_hw"), "resident").content.decode()
    assert str(world.residents.zuidwijk.uid)[:8] in html
    for personal in ("Ans", "bewoner@zuidwijk.test"):
        assert personal not in html


def test_neighbourhoods_and_organisations_are_scoped(as_persona, world):
    hw = as_persona("moderator_hw")
    bw = as_persona("moderator_bw")
    assert list(changelist(hw, "neighbourhood").context["cl"].queryset) == [world.zuidwijk]
    assert list(changelist(bw, "neighbourhood").context["cl"].queryset) == [world.hagedoorn]
    assert set(changelist(hw, "organisation").context["cl"].queryset) == {world.hw}
    assert set(changelist(bw, "organisation").context["cl"].queryset) == {world.bw, world.welzijn}


def test_resident_drop_down_offers_only_own_neighbourhoods(as_persona, world):
    response = as_persona("moderator_hw").get(reverse("admin:wijk_resident_add"))
    choices = list(response.context["adminform"].form.fields["neighbourhood"].queryset)
    assert choices == [world.zuidwijk]


def test_resident_added_in_the_admin_is_recorded_as_on_behalf(as_persona, world):
    client = as_persona("moderator_hw")
    response = client.post(
        reverse("admin:wijk_resident_add"),
        {
            "neighbourhood": world.zuidwijk.pk,
            "language": "nl",
            "display_name": "Mevrouw de Vries",
            "first_name": "",
            "alias": "",
            "contact_preference": "letter",
            "phone": "",
            "email": "",
            "postal_address": "Spui 1",
            "contact_notes": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    from wijk.models import Resident

    resident = Resident.objects.get(display_name="Mevrouw de Vries")
    assert resident.created_by == world.users.moderator_hw and resident.created_on_behalf


def test_roles_and_the_access_log_are_for_superusers_only(as_persona, world):
    for model in ("role", "accesslogentry", "user"):
        assert changelist(as_persona("moderator_hw"), model).status_code == 403
        assert changelist(as_persona("superuser"), model).status_code == 200


def test_consent_ledger_is_read_only_even_for_a_superuser(as_persona, world):
    consent = consent_give(
        resident=world.residents.zuidwijk,
        category=DataCategory.ALIAS,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    client = as_persona("superuser")
    change_url = reverse("admin:wijk_consentrecord_change", args=[consent.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.get(reverse("admin:wijk_consentrecord_add")).status_code == 403
    assert (
        client.post(reverse("admin:wijk_consentrecord_delete", args=[consent.pk]), {"post": "yes"}).status_code == 403
    )
    assert client.post(change_url, {"note": "nieuw"}).status_code == 403
    assert not changelist(client, "consentrecord").context["action_form"]


def test_consents_are_scoped_for_moderators(as_persona, world):
    for resident in (world.residents.zuidwijk, world.residents.hagedoorn):
        consent_give(
            resident=resident,
            category=DataCategory.ALIAS,
            purpose=Purpose.PUBLICATION,
            explanation=world.consent_text,
            method=Channel.ONLINE,
        )
    hw_rows = changelist(as_persona("moderator_hw"), "consentrecord").context["cl"].queryset
    assert [c.resident for c in hw_rows] == [world.residents.zuidwijk]


def test_access_log_cannot_be_changed_in_the_admin(as_persona, world):
    entry = access_log_record(
        user=world.users.broker_bw,
        action="view",
        obj=world.residents.hagedoorn,
        resident=world.residents.hagedoorn,
        role="broker",
        organisation=world.bw,
    )
    client = as_persona("superuser")
    assert client.get(reverse("admin:wijk_accesslogentry_change", args=[entry.pk])).status_code == 200
    assert client.post(reverse("admin:wijk_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AccessLogEntry.objects.count() == 1


def test_sharing_categories_are_chosen_with_checkboxes(as_persona, world):
    client = as_persona("superuser")
    url = reverse("admin:wijk_organisation_change", args=[world.welzijn.pk])
    form = client.get(url).context["adminform"].form
    assert set(form.initial["sharing_categories"]) == {"contact", "dream", "health"}
    data = {
        "name": "Welzijn Almelo",
        "slug": "welzijn-almelo",
        "kind": "partner",
        "partner_type": "welfare",
        "description": "",
        "website": "",
        "works_with": [world.bw.pk],
        "neighbourhoods": [world.hagedoorn.pk],
        "themes": [],
        "sharing_agreement_ref": "DSA-2",
        "sharing_agreement_valid_until": "2030-01-01",
        "sharing_categories": ["contact", "loneliness"],
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "walk_in_places-TOTAL_FORMS": "0",
        "walk_in_places-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    world.welzijn.refresh_from_db()
    assert world.welzijn.sharing_categories == ["contact", "loneliness"]
    bad = client.post(url, {**data, "sharing_categories": ["passwords"]})
    assert bad.status_code == 200 and "sharing_categories" in bad.context["adminform"].form.errors


@pytest.mark.parametrize("object_id", ["x", "NaN", "x" * 5000])
def test_a_history_page_for_an_id_that_cannot_be_one_is_missing(superuser, world, object_id):
    """django-simple-history looked such an id up as a number and failed (500); now it is a 404, like the change page."""
    assert superuser.get(reverse("admin:wijk_organisation_history", args=[object_id])).status_code == 404
    assert superuser.get(reverse("admin:wijk_role_simple_history", args=[object_id, "1"])).status_code == 404
    assert superuser.get(reverse("admin:wijk_role_simple_history", args=["1", object_id])).status_code == 404
    assert superuser.get(reverse("admin:wijk_organisation_history", args=[world.hw.pk])).status_code == 200


@pytest.mark.parametrize(
    "query",
    [{"at__year": "9" * 30}, {"at__year": "9999"}, {"at__year": "9999", "at__month": "12"}, {"at__month": "13"}],
)
def test_the_date_drill_down_refuses_a_date_past_the_calendar(superuser, world, query):
    """Django's list failed on a year past 9999 (OverflowError); now it shows the list's "wrong filter" page."""
    if "at__year" not in query:
        query = {"at__year": "2026", **query}
    response = superuser.get(reverse("admin:wijk_accesslogentry_changelist"), query)
    assert response.status_code == 302 and response["Location"].endswith("?e=1")
