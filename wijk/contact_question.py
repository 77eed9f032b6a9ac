"""The texts of the one contact question ("Mogen wij contact met u opnemen?"), shared by every form that asks it.

A detail typed for another way than the one chosen is never dropped silently: the form asks about it with
these texts (the dream form, the pearl form without an account)."""

from django.utils.translation import gettext_lazy as _

from lib.form_fields import EmailAddressField, PhoneField, PostalAddressField

# The detail fields below the question: each says for which answer it is meant. Paper forms speak to the
# reader ("Uw ..."); the address on the dream form serves a visit too.
PHONE_LABEL = _("Telefoonnummer (als u 'bel mij' kiest)")
EMAIL_LABEL = _("E-mailadres (als u 'mail mij' kiest)")
LETTER_LABEL = _("Adres (als u 'stuur een brief' kiest)")
LETTER_OR_VISIT_LABEL = _("Adres (als u 'stuur een brief' of 'kom langs' kiest)")
PAPER_PHONE_LABEL = _("Uw telefoonnummer (als u 'bel mij' kiest)")
PAPER_EMAIL_LABEL = _("Uw e-mailadres (als u 'mail mij' kiest)")
PAPER_LETTER_LABEL = _("Uw adres (als u 'stuur mij een brief' kiest)")


def _needed_for_a_choice(field):
    """A detail is needed when its way is chosen: its label never says "(mag leeg blijven)" (wijk/_field.html)."""
    field.needed_for_a_choice = True
    return field


def phone_detail(label=PHONE_LABEL) -> PhoneField:
    return _needed_for_a_choice(PhoneField(label=label, required=False))


def email_detail(label=EMAIL_LABEL) -> EmailAddressField:
    return _needed_for_a_choice(EmailAddressField(label=label, required=False))


def letter_detail(label=LETTER_LABEL, **kwargs) -> PostalAddressField:
    return _needed_for_a_choice(PostalAddressField(label=label, required=False, **kwargs))


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


def contact_question_check(form, data: dict, field_for: dict, *, keep: dict | None = None) -> str:
    """Check the one contact question of ``form``: the chosen way needs its detail, and a detail typed for
    another way (or with "no") gets a question back instead of being dropped. ``field_for`` maps each way to
    its detail field (``{"phone": "phone", "email": "email", "letter": "postal_address"}``); ``keep`` holds
    values that were filled in for the person and left as they were (not "typed"). Returns the detail field
    of the chosen way, or ''."""
    keep = keep or {}
    preference = data.get("contact_preference") or ""
    needed = field_for.get(preference, "")
    if needed and not (data.get(needed) or "").strip() and needed not in form.errors:
        form.add_error(needed, DETAIL_MISSING[needed])
    for field in set(field_for.values()):
        value = (data.get(field) or "").strip()
        if not value or field == needed or value == str(keep.get(field) or "").strip():
            continue
        form.add_error(field, DETAIL_OTHER_WAY[field] if preference else DETAIL_UNUSED[field])
    return needed
