"""Pages for residents: share a dream, the thank-you page, follow and withdraw a dream, the paper form,
the dream wall. None needs an account."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.antispam import rate_limit_hit
from lib.guesses import GuessLimit, RefusalTexts, code_refused
from lib.links import short_address
from lib.paper import paper_online, paper_questions
from lib.pdf import pdf_response, render_pdf
from wijk import kiosk
from wijk.choices import Channel
from wijk.models import Organisation
from wijk.stories import StoryPage, story_render

from .. import conf, services
from ..access import access_summary
from ..consents import partner_consents
from ..forms import DreamShareForm, FollowForm
from ..models import QUESTION, Dream, reference_normalise
from ..permissions import get_dream_for_follower, own_dreams
from ..workflow import RESIDENT_TEXT

KIOSK_LIMIT_FACTOR = 10
KIOSK_ENDED_TEXT = gettext_lazy("Deze tablet werkt nu niet. Vraag een medewerker om hulp.")
WAIT_TEXT = gettext_lazy("U heeft het vaak geprobeerd. Wacht even en probeer het over een uur opnieuw.")


def _too_many(request):
    """A plain "wait a while" page with status 429."""
    context = {"wait_text": WAIT_TEXT, "contact_organisation": _droomhuis_corporation()}
    return render(request, "droomhuis/too_many.html", context, status=429)


def follow_guesses() -> GuessLimit:
    """Wrong follow codes: per client (``DROOMHUIS_FOLLOW_WRONG_LIMIT`` an hour) and for all codes together
    (ten times as many), so a right code typed by a resident is never refused for someone else's mistakes."""
    per_client = conf.follow_wrong_limit()
    return GuessLimit("dream-follow", per_client=per_client, per_secret=per_client * 10)


FOLLOW_REFUSED = RefusalTexts(
    why=gettext_lazy(
        "Vanaf deze verbinding is vaak een code ingevuld die niet bestaat. Om de dromen van bewoners te beschermen,"
        " zoeken wij daarom even geen codes op."
    ),
    ask=gettext_lazy("Wilt u het nu weten?"),
    other_way=gettext_lazy(
        "Bel ons of kom langs. Noem uw naam en uw code, dan vertellen wij hoe het met uw droom gaat. Wilt u het"
        " liever op papier? Vraag dan om een brief."
    ),
    back_url="droomhuis:share",
    back_label=gettext_lazy("Naar het Droomhuis"),
)


def _follow_refused(request):
    """What happened, until when, and the other ways to hear about the dream: phone, a visit, a letter."""
    return code_refused(request, follow_guesses(), FOLLOW_REFUSED, organisation=_droomhuis_corporation())


def _follow_dream(request, reference):
    """The dream behind a code, or 404; ``None`` when this client's guesses are not looked at now."""
    guesses = follow_guesses()
    if not guesses.allows(request):
        return None
    try:
        return get_dream_for_follower(request.user, reference)
    except Http404:
        if not guesses.wrong(request):
            return None
        raise


@require_http_methods(["GET", "POST"])
def share(request):
    """Share a dream in one step: no account, no password. At most a few dreams per visitor per hour."""
    status = 200
    if request.method == "POST":
        initial = _initial_for(request.user, getattr(request, "kiosk", None))
        form = DreamShareForm(request.POST, request.FILES, initial=initial)
        if form.is_valid():
            kiosk_kwargs = _kiosk_kwargs(request)
            if kiosk_kwargs and kiosk_kwargs["recorded_by"] is None:
                form.add_error(None, KIOSK_ENDED_TEXT)
                status = 403
            elif _share_limit_hit(request):
                form.add_error(None, WAIT_TEXT)
                status = 429
            else:
                dream = services.dream_submit(user=request.user, **form.service_kwargs(), **kiosk_kwargs)
                request.session.setdefault("droomhuis_shared", [])
                request.session["droomhuis_shared"] = [*request.session["droomhuis_shared"], dream.reference][-20:]
                response = redirect("droomhuis:thanks", reference=dream.reference)
                if getattr(request, "kiosk", None):
                    kiosk.thanks_remember(response, dream.reference)
                return response
    else:
        form = DreamShareForm(initial=_initial_for(request.user, getattr(request, "kiosk", None)))
    return render(
        request,
        "droomhuis/share.html",
        {
            "form": form,
            "question": QUESTION,
            "contact_text": services.consent_text_for(services.CONSENT_CONTACT_KEY),
            "wall_text": services.consent_text_for(services.CONSENT_WALL_KEY),
        },
        status=status,
    )


def _share_limit_hit(request) -> bool:
    """On a kiosk every visitor shares one network address, so the kiosk has its own, higher limit."""
    if getattr(request, "kiosk", None):
        return rate_limit_hit(request, "droomhuis-share-kiosk", conf.share_limit() * KIOSK_LIMIT_FACTOR)
    return rate_limit_hit(request, "droomhuis-share", conf.share_limit())


def _kiosk_kwargs(request) -> dict:
    """A dream shared on the kiosk tablet: channel KIOSK, recorded by the staff member who started the kiosk."""
    if not getattr(request, "kiosk", None):
        return {}
    return {"channel": Channel.KIOSK, "recorded_by": request.kiosk.started_by}


def _initial_for(user, kiosk_mode=None) -> dict:
    """A logged-in resident need not type their name and contact details again. A kiosk fills in its wijk."""
    if kiosk_mode is not None:
        return {"neighbourhood": kiosk_mode.neighbourhood_id}
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    if resident is None:
        return {}
    # The way to reach them is not chosen for them: saying yes to contact is the resident's own act each time.
    fields = ("first_name", "alias", "phone", "email", "postal_address", "contact_notes")
    initial = {name: getattr(resident, name) for name in fields if getattr(resident, name)}
    initial["neighbourhood"] = resident.neighbourhood_id
    return initial


def thanks(request, reference):
    """Plain words: what happens next, by when, and the code to follow the dream."""
    if getattr(request, "kiosk", None):
        return _kiosk_thanks(request, reference)
    dream = get_dream_for_follower(request.user, reference)
    if dream.reference not in request.session.get("droomhuis_shared", []):
        return redirect("droomhuis:follow", reference=dream.reference)
    return render(
        request,
        "droomhuis/thanks.html",
        {"dream": dream, "contact": services.has_contact_consent(dream)},
    )


def _kiosk_dream(request, reference):
    """The dream just shared on this kiosk, while its thank-you page may show; else None."""
    if not getattr(request, "kiosk", None) or not kiosk.thanks_allowed(request, reference):
        return None
    return Dream.objects.filter(reference=reference).select_related("resident", "neighbourhood__corporation").first()


def _kiosk_thanks(request, reference):
    """On the kiosk the code shows for a short time, then the tablet starts again; after that it is gone.
    Nobody needs a pen: the code can be printed as a receipt, or the visitor asks to be called back."""
    dream = _kiosk_dream(request, reference)
    if dream is None:
        return redirect("wijk:kiosk")
    return render(request, "wijk/kiosk_thanks.html", {"dream": dream})


@require_GET
def kiosk_receipt(request, reference):
    """A receipt to print at the Droomhuis tablet: the follow code in big letters, what happens next and whom
    to call. Only on the kiosk, right after sharing (like the thank-you page); anywhere else, back to the start."""
    dream = _kiosk_dream(request, reference)
    if dream is None:
        return redirect("wijk:kiosk")
    context = {
        "dream": dream,
        "contact": services.has_contact_consent(dream),
        "follow_address": short_address(reverse("droomhuis:follow_start")),
    }
    return render(request, "droomhuis/kiosk_receipt.html", context)


def follow_start(request):
    """Type a code to follow a dream; logged-in residents also see their own dreams here."""
    form = FollowForm(request.GET or None)
    if form.is_valid():
        guesses = follow_guesses()
        if not guesses.allows(request):
            return _follow_refused(request)
        code = reference_normalise(form.cleaned_data["reference"])
        if Dream.objects.filter(reference=code).exists():
            return redirect("droomhuis:follow", reference=code)
        if not guesses.wrong(request):
            return _follow_refused(request)
        form.add_error("reference", _("Wij vinden geen droom met deze code. Kijk de code nog eens na."))
    dreams = own_dreams(request.user).select_related("neighbourhood").order_by("-created_at")
    return render(
        request, "droomhuis/follow_start.html", {"form": form, "dreams": dreams, "status_text": RESIDENT_TEXT}
    )


def follow(request, reference):
    """Status in plain words and the messages meant for the resident. No contact details, no notes."""
    dream = _follow_dream(request, reference)
    if dream is None:
        return _follow_refused(request)
    if dream.reference != reference:
        return redirect("droomhuis:follow", reference=dream.reference)
    return render(
        request,
        "droomhuis/follow.html",
        {
            "dream": dream,
            "status_text": RESIDENT_TEXT[dream.status],
            "updates": dream.updates.order_by("-created_at"),
            "themes": dream.themes.all(),
            "consents": services.resident_consents(dream),
            "partner_consents": partner_consents(dream),
            "access_days": access_summary(dream.resident),
        },
    )


@require_POST
def consent_withdraw(request, reference, key):
    """Take back one choice (contact, dream wall) at once, as easily as it was given."""
    dream = get_dream_for_follower(request.user, reference)
    if rate_limit_hit(request, "droomhuis-withdraw", conf.withdraw_limit()):
        return _too_many(request)
    try:
        services.dream_consent_withdraw(dream=dream, key=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw toestemming is ingetrokken. Dit geldt meteen."))
    return redirect("droomhuis:follow", reference=dream.reference)


@require_POST
def partner_consent_withdraw(request, reference):
    """Stop sharing with one partner (or the expert): all its consents end at once, the partner is told."""
    dream = get_dream_for_follower(request.user, reference)
    if rate_limit_hit(request, "droomhuis-withdraw", conf.withdraw_limit()):
        return _too_many(request)
    try:
        organisation_id = int(request.POST.get("organisation", ""))
        services.partner_consent_withdraw(
            dream=dream, organisation_id=organisation_id, purpose=request.POST.get("purpose", "")
        )
    except (ValueError, ValidationError):
        messages.error(request, _("Dit lukte niet. Misschien staat deze toestemming al uit."))
    else:
        messages.success(
            request, _("Uw toestemming is ingetrokken. Dit geldt meteen. Wij laten het de organisatie weten.")
        )
    return redirect("droomhuis:follow", reference=dream.reference)


def follow_photo(request, reference):
    dream = get_dream_for_follower(request.user, reference)
    if not dream.photo:
        raise Http404("No photo.")
    return FileResponse(dream.photo.open("rb"))


@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    """Ask once more, then withdraw: the broker stops working on the dream."""
    dream = get_dream_for_follower(request.user, reference)
    if request.method == "POST":
        if rate_limit_hit(request, "droomhuis-withdraw", conf.withdraw_limit()):
            return _too_many(request)
        try:
            services.dream_withdraw(dream=dream, user=request.user)
        except (ValidationError, services.CaseChanged):
            messages.error(request, _("Dit lukte niet. Misschien is de droom al afgerond. Probeer het nog eens."))
        else:
            messages.success(request, _("Uw droom is ingetrokken."))
        return redirect("droomhuis:follow", reference=dream.reference)
    return render(request, "droomhuis/withdraw.html", {"dream": dream})


# The paper form prints the questions of ``DreamShareForm`` itself (``lib.paper``), in these parts.
PAPER_SECTIONS = (
    ("dream", ("text", "themes", "photo", "photo_description")),
    ("where", ("neighbourhood",)),
    ("who", ("first_name", "alias")),
    ("contact", ("contact_preference", "phone", "email", "postal_address", "contact_notes")),
    ("wall", ("consent_wall",)),
)


def _droomhuis_corporation():
    """The corporation that runs the Droomhuis, where a paper dream is handed in; None when there are several."""
    ids = list(
        Organisation.objects.corporations().filter(slug__in=conf.corporation_slugs()).values_list("pk", flat=True)
    )
    return ids[0] if len(ids) == 1 else None


def paper_form(request, pdf=False):
    """The same questions on paper: print it, fill it in with a pen, hand it in. Also as an A4 PDF."""
    form = DreamShareForm()
    context = {
        "question": QUESTION,
        "sections": {key: paper_questions(form, only=names) for key, names in PAPER_SECTIONS},
        "contact_text": services.consent_text_for(services.CONSENT_CONTACT_KEY),
        "wall_text": services.consent_text_for(services.CONSENT_WALL_KEY),
        "share_url": short_address(reverse("droomhuis:share")),
        "online_qr": paper_online(reverse("droomhuis:share"))["online_qr"],
        "paper_title": _("Papieren formulier: deel uw droom"),
        "body_template": "droomhuis/_paper_dream_body.html",
        "contact_organisation": _droomhuis_corporation(),
    }
    if pdf:
        body = render_pdf("wijk/paper_pdf.html", context, stylesheets=["css/paper.css"], request=request)
        return pdf_response(body, filename="droom-op-papier.pdf", shared=True)
    return render(request, "droomhuis/paper.html", context)


@require_GET
def dream_story(request, uid):
    """A realised dream's story on its own page, only while it is on the dream wall (the resident's consent)."""
    dream = Dream.objects.on_wall().select_related("neighbourhood").filter(story_uid=uid).first()
    if dream is None:
        raise Http404
    page = StoryPage(
        kind=_("Een droom die uitkwam"),
        title=dream.outcome or _("Een droom die uitkwam"),
        text=dream.story or dream.outcome,
        url=reverse("droomhuis:story", kwargs={"uid": dream.story_uid}),
        neighbourhood=dream.neighbourhood,
        day=dream.closed_at,
        more_url=reverse("droomhuis:wall"),
        more_label=_("Bekijk de dromenmuur"),
    )
    return story_render(request, page)


def wall(request):
    """Realised dreams, approved by a moderator, shown without names while the resident's consent lasts."""
    dreams = (
        Dream.objects.on_wall()
        .select_related("neighbourhood")
        .prefetch_related("themes")
        .only(
            "reference", "outcome", "story", "text", "closed_at", "neighbourhood__name", "neighbourhood__municipality"
        )
        .order_by("-closed_at")[:100]
    )
    return render(request, "droomhuis/wall.html", {"dreams": dreams})
