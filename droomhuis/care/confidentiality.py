"""The expert by experience's confidentiality statement, needed before their first pairing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijk.choices import RoleKind

from .models import ConfidentialityStatement

CONFIDENTIALITY_VERSION = "2026-1"


@transaction.atomic
def confidentiality_record(*, expert, organisation, signed_on, recorded_by, version: str = CONFIDENTIALITY_VERSION):
    """Record that the expert signed the confidentiality statement (needed before the first pairing)."""
    if not expert.roles.filter(kind=RoleKind.EXPERT, organisation=organisation, active=True).exists():
        raise ValidationError(_("Deze persoon is geen ervaringsdeskundige van deze organisatie."), code="not_expert")
    return ConfidentialityStatement.objects.create(
        expert=expert, organisation=organisation, signed_on=signed_on, version=version, recorded_by=recorded_by
    )
