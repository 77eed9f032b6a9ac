"""What "download my data" (``wijk.export``) does with the Parelketting's records under a resident's records.

Found by ``wijk.export`` through the app registry. Every model that points to a resident is exported by itself;
these are the decisions for the records under those (a test fails for a link without one). The summary
("Mijn gegevens", ``wijk.export_summary``) asks it where a "yes" for a pearl is taken back and how long
pearls and their photos are kept.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from wijk.choices import DataCategory, Purpose
from wijk.export_summary import period

# Records under a resident's own records that are about the resident too: "app.Model": [related names].
CHILDREN = {
    "parelketting.Pearl": ["messages"],
}

# Models that point to a resident's records but hold nothing about the resident, and why.
NOT_ABOUT_THE_RESIDENT = {
    "parelketting.Pearl.meeting_place": "another person's pearl that uses this place as a meeting place",
    "parelketting.PearlReport.pearl": "a report by someone else about the pearl; it names the reporter, not the resident",
    "parelketting.Activity.place": "an activity held at this place",
    "parelketting.Activity.talent_pearls": "an activity where this talent is offered; the activity itself is public",
    "parelketting.ActivityPhoto.activity": "photos of an activity the resident organised, shown publicly already",
    "parelketting.SignUp.activity": "other people's sign-ups for an activity the resident organised",
    "parelketting.RouteStop.pearl": "a stop of a public route",
    "parelketting.RouteSuggestion.pearl": "a suggestion to put the pearl in a route",
}

# "Mijn parels" has a "Haal mijn naam / foto weg" button for these; other publication consents go by the corporation.
PEARL_CATEGORIES = {DataCategory.FIRST_NAME, DataCategory.PHOTO}


def withdraw_links(resident):
    """Where the resident takes back a "yes" to show their name or photo with a pearl: "Mijn parels"."""

    def link(consent):
        if consent.purpose == Purpose.PUBLICATION and consent.category in PEARL_CATEGORIES:
            return reverse("parelketting:mine"), _("Intrekken bij Mijn parels")
        return None

    return link


def kept(resident) -> list[str]:
    """How long the Parelketting keeps a resident's records, in sentences."""
    return [
        _("Uw parels, activiteiten en aanmeldingen bewaren wij zolang u meedoet. U kunt ze zelf weghalen."),
        _("Staat een parel niet op de kaart? Dan gooien wij de foto na %(period)s weg.")
        % {"period": period(int(getattr(settings, "PARELKETTING_UNPUBLISHED_PHOTO_DAYS", 90)))},
    ]
