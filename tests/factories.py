"""Factories for the shared model. Feature tests build on these and on the personas in conftest."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from wijk.choices import Channel, ContactPreference, OrganisationKind, PartnerType
from wijk.models import Neighbourhood, Organisation, Resident, Role, Theme, User

PASSWORD = "test-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@test.example")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """Accounts in tests have confirmed their e-mail address, as real ones have after sign-up."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class CorporationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Corporatie {n}")
    slug = factory.Sequence(lambda n: f"corporatie-{n}")
    kind = OrganisationKind.CORPORATION


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = OrganisationKind.PARTNER
    partner_type = PartnerType.WELFARE


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    municipality = "Testdorp"
    corporation = factory.SubFactory(CorporationFactory)
    centre_lat = Decimal("52.000000")
    centre_lng = Decimal("5.000000")
    zoom = 15


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    display_name = factory.SelfAttribute("first_name")
    created_via = Channel.ONLINE


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CorporationFactory)
    kind = "moderator"


POSTAL_ADDRESS = "Spui 12\n3262 AB Oud-Beijerland"


def wants_post(resident, language="nl"):
    """Mevrouw A. de Vries at ``POSTAL_ADDRESS``, who wants to hear from the portal by letter (saved)."""
    resident.contact_preference = ContactPreference.LETTER
    resident.display_name = "Mevrouw A. de Vries"
    resident.postal_address = POSTAL_ADDRESS
    resident.language = language
    resident.save()
    return resident


class ActivityFactory(factory.django.DjangoModelFactory):
    """A published activity of two hours, three days from now; pass ``neighbourhood`` (and what a test needs)."""

    class Meta:
        model = "parelketting.Activity"

    title = "Samen breien"
    description = "Breien."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda activity: activity.starts_at + timedelta(hours=2))
    capacity = 10
    status = "published"
