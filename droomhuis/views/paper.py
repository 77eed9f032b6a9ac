"""The consent form on paper: the same choices the broker records online, with the current explanation texts.

The questions come from the forms the broker uses to type the answers in (``ReferralConsentForm``,
``PairingConsentForm``) and from the resident's own choices on ``DreamShareForm``; the texts are the
current versions in the consent ledger. So paper and screen ask the same, in the same words.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lib.paper import paper_questions
from lib.pdf import pdf_response, render_pdf
from wijk.choices import RoleKind
from wijk.permissions import active_roles

from ..care.forms import PairingConsentForm, ReferralConsentForm
from ..consents import CONSENT_CONTACT_KEY, CONSENT_WALL_KEY, consent_text_for
from ..decorators import broker_required
from ..forms import DreamShareForm
from ..permissions import get_dream_for_broker

PAPER_CSS = "css/paper.css"
# What the resident fills in; the rest of each form is for the broker ("Voor de droommakelaar").
RESIDENT_FIELDS = ("partner", "categories")
CONTACT_FIELDS = ("contact_preference", "phone", "email", "postal_address", "contact_notes")


def consent_paper_forms(corporation) -> dict:
    """The online forms whose questions the paper consent form prints."""
    return {
        "share": DreamShareForm(),
        "referral": ReferralConsentForm(corporation=corporation),
        "pairing": PairingConsentForm(),
    }


def consent_paper_context(*, corporation, dream=None) -> dict:
    forms = consent_paper_forms(corporation)
    referral, pairing = forms["referral"], forms["pairing"]
    return {
        "dream": dream,
        "corporation": corporation,
        "contact_text": consent_text_for(CONSENT_CONTACT_KEY),
        "wall_text": consent_text_for(CONSENT_WALL_KEY),
        "referral_text": consent_text_for("referral"),
        "pairing_text": consent_text_for("pairing"),
        "contact_questions": paper_questions(forms["share"], only=CONTACT_FIELDS),
        "wall_questions": paper_questions(forms["share"], only=("consent_wall",)),
        "referral_questions": paper_questions(referral, only=RESIDENT_FIELDS),
        "referral_office": paper_questions(referral, skip=RESIDENT_FIELDS),
        "pairing_questions": paper_questions(pairing, only=RESIDENT_FIELDS),
        "pairing_office": paper_questions(pairing, skip=RESIDENT_FIELDS),
        "paper_title": _("Toestemmingsformulier"),
        "body_template": "droomhuis/_paper_consent_body.html",
    }


def _corporation_for(request):
    """From ``?droom=<code>`` (a dream of the broker's), else the broker's own corporation."""
    reference = request.GET.get("droom")
    if reference:
        dream = get_dream_for_broker(request.user, reference)
        return dream.neighbourhood.corporation, dream
    roles = active_roles(request.user, RoleKind.BROKER)
    return roles[0].organisation, None


@broker_required
@require_GET
def paper_consent(request, pdf=False):
    """Print, let the resident read and tick, sign, then type it in on the case page ("op papier")."""
    corporation, dream = _corporation_for(request)
    context = consent_paper_context(corporation=corporation, dream=dream)
    if pdf:
        body = render_pdf("wijk/paper_pdf.html", context, stylesheets=[PAPER_CSS], request=request)
        name = f"toestemming-{dream.reference}.pdf" if dream else "toestemming.pdf"
        return pdf_response(body, filename=name)
    return render(request, "droomhuis/paper_consent.html", context)
