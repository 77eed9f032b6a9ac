"""Vocabularies of the Parelketting. Codes are stable English words; labels are Dutch first."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PearlKind(models.TextChoices):
    PLACE = "place", _("Een fijne plek")
    PERSON = "person", _("Een mens die iets kan of wil")
    PARTNER_OFFER = "partner_offer", _("Een aanbod van een partner")


class PearlStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Wacht op controle")
    PUBLISHED = "published", _("Staat op de kaart")
    RETURNED = "returned", _("Wij hebben een vraag")
    REJECTED = "rejected", _("Niet geplaatst")
    HIDDEN = "hidden", _("Verborgen")


# The moderation workflow, written down as data: from a status, which statuses may follow.
# ``pearl_transition`` is the only code that changes a pearl's status, and it checks this table.
TRANSITIONS: dict[str, frozenset[str]] = {
    PearlStatus.SUBMITTED: frozenset(
        {PearlStatus.PUBLISHED, PearlStatus.RETURNED, PearlStatus.REJECTED, PearlStatus.HIDDEN}
    ),
    PearlStatus.PUBLISHED: frozenset({PearlStatus.HIDDEN, PearlStatus.SUBMITTED}),
    PearlStatus.RETURNED: frozenset({PearlStatus.SUBMITTED, PearlStatus.REJECTED, PearlStatus.HIDDEN}),
    PearlStatus.REJECTED: frozenset({PearlStatus.PUBLISHED, PearlStatus.SUBMITTED}),
    PearlStatus.HIDDEN: frozenset({PearlStatus.PUBLISHED, PearlStatus.SUBMITTED}),
}

# Moving to these statuses needs a message for the submitter (a reason or a question).
NEEDS_MESSAGE = frozenset({PearlStatus.RETURNED, PearlStatus.REJECTED})

# The submitter hears about these changes (e-mail when known, and on "Mijn parels").
NOTIFY_SUBMITTER = frozenset({PearlStatus.PUBLISHED, PearlStatus.RETURNED, PearlStatus.REJECTED})


class ReportWhat(models.TextChoices):
    """What a visitor says is wrong with a pearl ("Er klopt iets niet")."""

    BROKEN = "broken", _("Het is kapot of niet veilig")
    GONE = "gone", _("Het is er niet meer, of het klopt niet")
    UNSUITABLE = "unsuitable", _("Het hoort hier niet, of het is privé")
    OTHER = "other", _("Iets anders")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Wacht op een medewerker")
    RESOLVED = "resolved", _("Afgehandeld: de melding klopte")
    DISMISSED = "dismissed", _("Niets mee gedaan: de melding klopte niet")


# A report is decided once: from open to resolved or dismissed (``pearl_report_decide`` checks this table).
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.OPEN: frozenset({ReportStatus.RESOLVED, ReportStatus.DISMISSED}),
    ReportStatus.RESOLVED: frozenset(),
    ReportStatus.DISMISSED: frozenset(),
}


class MessageDelivery(models.TextChoices):
    OFFERER = "offerer", _("Per e-mail naar de buur")
    STAFF = "staff", _("Via de medewerkers van de corporatie")


class Practical(models.TextChoices):
    """A practical detail of a place for older walkers: known yes, known no, or not known yet."""

    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "", _("Weten we niet")


class RouteStatus(models.TextChoices):
    DRAFT = "draft", _("In voorbereiding")
    PUBLISHED = "published", _("Te lopen")


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Wacht op een medewerker")
    ACCEPTED = "accepted", _("Opgenomen in de ketting")
    DECLINED = "declined", _("Niet opgenomen")


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    PUBLISHED = "published", _("In het programma")
    CANCELLED = "cancelled", _("Gaat niet door")


# The activity workflow as data; ``activity_transition`` is the only code that changes an activity's status.
ACTIVITY_TRANSITIONS: dict[str, frozenset[str]] = {
    ActivityStatus.PROPOSED: frozenset({ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED}),
    ActivityStatus.PUBLISHED: frozenset({ActivityStatus.CANCELLED}),
    ActivityStatus.CANCELLED: frozenset(),
}


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("U bent aangemeld")
    WAITING = "waiting", _("Op de wachtlijst")
    CANCELLED = "cancelled", _("Afgemeld")
