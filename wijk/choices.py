"""Fixed vocabularies shared by every app. Codes are stable English words; labels are Dutch first."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CORPORATION = "corporation", _("Woningcorporatie")
    PARTNER = "partner", _("Partner")


class PartnerType(models.TextChoices):
    WELFARE = "welfare", _("Welzijn")
    VOLUNTEERS = "volunteers", _("Vrijwilligers")
    DEBT_HELP = "debt_help", _("Schuldhulp van de gemeente")
    HEALTH = "health", _("Zorg en gezondheid")
    SCHOOL = "school", _("School")
    LIBRARY = "library", _("Bibliotheek")
    BUSINESS = "business", _("Ondernemer")
    OTHER = "other", _("Anders")


class NeighbourhoodExperiment(models.TextChoices):
    """What runs in a neighbourhood: it decides its front door and the main menu of those who chose it."""

    PARELKETTING = "parelketting", _("Parelketting: parels, wandelen en programma")
    DROOMHUIS = "droomhuis", _("Droomhuis: dromen delen en volgen")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")
    HOME_VISIT = "home_visit", _("Huisbezoek")


class RoleKind(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    BROKER = "broker", _("Droommakelaar")
    EXPERT = "expert", _("Ervaringsdeskundige")
    PARTNER_CONTACT = "partner_contact", _("Contactpersoon partner")
    FACILITATOR = "facilitator", _("Begeleider atelier")
    COLLECTION = "collection", _("Medewerker huurincasso")
    TEAM_LEAD = "team_lead", _("Teamleider droommakelaars")


class Channel(models.TextChoices):
    """How something reached the portal, or how a consent was given."""

    ONLINE = "online", _("Online, door de bewoner zelf")
    PAPER = "paper", _("Op papier")
    PHONE = "phone", _("Aan de telefoon")
    IN_PERSON = "in_person", _("In een gesprek")
    KIOSK = "kiosk", _("Op de tablet in de wijk")


class DataCategory(models.TextChoices):
    """What kind of personal data a consent or a data-sharing agreement covers."""

    CONTACT = "contact", _("Contactgegevens")
    FIRST_NAME = "first_name", _("Voornaam")
    ALIAS = "alias", _("Schuilnaam")
    PHOTO = "photo", _("Foto")
    DREAM = "dream", _("Droom of wens")
    MONEY = "money", _("Zorgen over geld")
    LONELINESS = "loneliness", _("Eenzaamheid")
    HEALTH = "health", _("Gezondheid")
    HOME_SAFETY = "home_safety", _("Veiligheid in huis")
    SOCIAL_CONFLICT = "social_conflict", _("Ruzie of onenigheid")
    ACUTE_DANGER = "acute_danger", _("Acuut gevaar")


# Categories that need an explicit consent (a separate, specific "yes") before any sharing.
EXPLICIT_CATEGORIES = frozenset({DataCategory.HEALTH})


class Purpose(models.TextChoices):
    PUBLICATION = "publication", _("Tonen op de website")
    CONTACT = "contact", _("Contact opnemen met de bewoner")
    REFERRAL = "referral", _("Doorverwijzen naar een partner")
    PAIRING = "pairing", _("Koppelen aan een ervaringsdeskundige")
    DREAM_WALL = "dream_wall", _("Droom tonen op de dromenmuur")
    NEWS = "news", _("Nieuws over de wijk sturen")


class RecipientKind(models.TextChoices):
    PUBLIC = "public", _("Iedereen (openbaar)")
    ORGANISATION = "organisation", _("Eén organisatie")


class ResidentLanguage(models.TextChoices):
    """Languages a resident may want letters and messages in."""

    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    TURKISH = "tr", _("Turks")
    ARABIC = "ar", _("Arabisch")
