"""Download my data: complete by construction (found by introspection), only one's own, logged."""

import io
import json

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from wijk.choices import Channel, DataCategory, Purpose
from wijk.export import _resident_relations, children, not_about_the_resident, resident_export
from wijk.models import AccessLogEntry, Resident
from wijk.services import access_log_record, consent_give, letter_queue

pytestmark = pytest.mark.django_db


def test_every_model_that_points_to_a_resident_is_in_the_export(world):
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Resident and not model.__name__.startswith("Historical")
    }
    exported = {s["model"] for s in resident_export(world.residents.zuidwijk)["sections"]}
    assert pointing - {"wijk.AccessLogEntry"} == exported  # the access log is given as a summary
    assert "access_log" in resident_export(world.residents.zuidwijk)


def test_every_record_under_a_residents_records_has_a_decision():
    """A new model pointing at a dream, pearl or consent must be listed as exported or as not about the resident."""
    owners = {model for model, _fk in _resident_relations()}
    undecided = []
    exported_with_owner, not_about = children(), not_about_the_resident()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for f in model._meta.get_fields():
            if not (f.is_relation and f.concrete and f.related_model in owners) or f.related_model is Resident:
                continue
            owner = f.related_model._meta.label
            related_name = f.remote_field.get_accessor_name() if hasattr(f, "remote_field") else ""
            if related_name in exported_with_owner.get(owner, []):
                continue
            if f"{model._meta.label}.{f.name}" in not_about:
                continue
            undecided.append(f"{model._meta.label}.{f.name} -> {owner} ({related_name})")
    assert undecided == [], "\n".join(undecided)


def test_the_export_holds_ones_own_records_and_nobody_elses(world):
    mine, theirs = world.residents.zuidwijk, world.residents.hagedoorn
    consent_give(
        resident=mine,
        category=DataCategory.ALIAS,
        purpose=Purpose.PUBLICATION,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    consent_give(
        resident=theirs,
        category=DataCategory.CONTACT,
        purpose=Purpose.CONTACT,
        recipient=world.bw,
        explanation=world.consent_text,
        method=Channel.ONLINE,
    )
    letter_queue(resident=mine, organisation=world.hw, subject="Mijn brief", body="Tekst", reason="test")
    access_log_record(
        user=world.users.moderator_hw, action="view", obj=mine, resident=mine, role="moderator", organisation=world.hw
    )
    data = resident_export(mine)
    text = json.dumps(data, ensure_ascii=False)
    assert "Mijn brief" in text and "Schuilnaam" in text
    assert "Henk" not in text and "bewoner@hagedoorn.test" not in text
    assert data["access_log"][0]["role"] == "moderator" and data["access_log"][0]["organisation"] == "HW Wonen"
    assert "moderator@hw.test" not in text  # who looked is told by role and organisation, not by name


def test_a_resident_sees_downloads_and_prints_their_data(resident_zuidwijk, world):
    page = resident_zuidwijk.get(reverse("wijk:my_data"))
    assert page.status_code == 200 and "Buurvrouw Ans" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    download = resident_zuidwijk.get(reverse("wijk:my_data") + "?formaat=json")
    assert download["Content-Type"] == "application/json"
    assert json.loads(download.content)["resident"]["schuilnaam"] == "Buurvrouw Ans"
    pdf = resident_zuidwijk.get(reverse("wijk:my_data") + "?formaat=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Buurvrouw Ans" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    actions = list(AccessLogEntry.objects.filter(resident=world.residents.zuidwijk).values_list("action", flat=True))
    assert sorted(actions) == ["export", "print", "view"]


def test_an_account_without_a_resident_record_gets_a_plain_page(as_persona, world):
    response = as_persona("facilitator").get(reverse("wijk:my_data"))
    assert response.status_code == 200 and "Wij bewaren nog niets over u" in response.content.decode()


def test_staff_of_the_residents_corporation_can_export_on_their_behalf(broker_bw, moderator_hw, world):
    resident = world.residents.hagedoorn
    url = reverse("wijk:resident_data", args=[resident.uid])
    assert broker_bw.get(url).status_code == 200
    entry = AccessLogEntry.objects.get(resident=resident)
    assert entry.role == "broker" and entry.on_behalf_of == str(resident.uid) and entry.organisation == world.bw
    assert moderator_hw.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["resident_zuidwijk", "expert_bw", "partner_welzijn", "facilitator"])
def test_others_cannot_export_someone_elses_data(as_persona, world, persona):
    url = reverse("wijk:resident_data", args=[world.residents.hagedoorn.uid])
    assert as_persona(persona).get(url).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(anonymous):
    assert anonymous.get(reverse("wijk:my_data")).status_code == 302
