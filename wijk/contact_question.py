"""The texts of the one contact question ("Mogen wij contact met u opnemen?"), shared by every form that asks it.

A detail typed for another way than the one chosen is never dropped silently: the form asks about it with
these texts (the dream form, the pearl form without an account)."""

from django.utils.translation import gettext_lazy as _

DETAIL_MISSING = {
    "phone": _("Vul uw telefoonnummer in, dan kunnen wij u bellen."),
    "email": _("Vul uw e-mailadres in, dan kunnen wij u mailen."),
    "postal_address": _("Vul uw adres in, dan kunnen wij u schrijven of langskomen."),
}
DETAIL_UNUSED = {
    "phone": _(
        "U vulde een telefoonnummer in. Mogen wij u bellen? Kies dan hierboven 'Ja, bel mij'. Anders: maak dit veld leeg."
    ),
    "email": _(
        "U vulde een e-mailadres in. Mogen wij u mailen? Kies dan hierboven 'Ja, mail mij'. Anders: maak dit veld leeg."
    ),
    "postal_address": _(
        "U vulde een adres in. Mogen wij u schrijven of langskomen? Kies dat dan hierboven. Anders: maak dit veld leeg."
    ),
}
DETAIL_OTHER_WAY = {
    "phone": _(
        "U vulde ook een telefoonnummer in, maar koos een andere manier. Liever bellen? Kies dan 'Ja, bel mij'. Anders: maak dit veld leeg."
    ),
    "email": _(
        "U vulde ook een e-mailadres in, maar koos een andere manier. Liever mailen? Kies dan 'Ja, mail mij'. Anders: maak dit veld leeg."
    ),
    "postal_address": _(
        "U vulde ook een adres in, maar koos een andere manier. Liever een brief of een bezoek? Kies dat dan. Anders: maak dit veld leeg."
    ),
}
