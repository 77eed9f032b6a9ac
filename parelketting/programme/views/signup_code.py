"""A sign-up without an account, by its reference code: the page right after signing up (the code to keep),
the status (a place, or the place on the waiting list) and cancelling. The code is the key; every lookup by
code counts wrong guesses (``signup_guesses``), so a right code is never refused for other people's mistakes."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lib.antispam import rate_limit_hit
from lib.guesses import GuessLimit, RefusalTexts, code_refused

from ... import limits
from ...choices import ActivityStatus, SignUpStatus
from ...permissions import get_signup_for_code
from ..forms import SignUpCodeForm
from ..services import signup_cancel
from .activities import SESSION_SIGNED_UP


def signup_guesses() -> GuessLimit:
    """Wrong sign-up codes: per client (as many as wrong pearl follow codes) and for all codes together (ten
    times as many)."""
    per_client = int(getattr(settings, "PARELKETTING_FOLLOW_WRONG_LIMIT", limits.FOLLOW_WRONG_PER_HOUR))
    return GuessLimit("signup-code", per_client=per_client, per_secret=per_client * 10)


SIGNUP_REFUSED = RefusalTexts(
    why=gettext_lazy(
        "Vanaf deze verbinding is vaak een aanmeldcode ingevuld die niet bestaat. Om de aanmeldingen van bewoners"
        " te beschermen, zoeken wij daarom even geen codes op."
    ),
    ask=gettext_lazy("Wilt u zich nu afmelden?"),
    other_way=gettext_lazy("Bel ons of kom langs. Noem uw naam en de activiteit. Dan melden wij u af."),
    back_url="parelketting:programme",
    back_label=gettext_lazy("Naar het programma"),
)


def _refused(request):
    """What happened, until when, and the other way: phone or a visit."""
    return code_refused(request, signup_guesses(), SIGNUP_REFUSED)


def _signup_by_code(request, code):
    """The sign-up behind a code, or 404; ``None`` when this client's guesses are not looked at now."""
    guesses = signup_guesses()
    if not guesses.allows(request):
        return None
    try:
        return get_signup_for_code(code)
    except Http404:
        if not guesses.wrong(request):
            return None
        raise


@require_GET
def signup_find(request):
    """Type a reference code to see a sign-up, or to cancel it."""
    form = SignUpCodeForm(request.GET or None)
    if form.is_valid():
        guesses = signup_guesses()
        if not guesses.allows(request):
            return _refused(request)
        try:
            signup = get_signup_for_code(form.cleaned_data["code"])
        except Http404:
            if not guesses.wrong(request):
                return _refused(request)
            form.add_error("code", _("Wij vinden geen aanmelding met deze code. Kijk de code nog eens na."))
        else:
            return redirect("parelketting:signup_status", code=signup.reference)
    return render(request, "parelketting/signup_find.html", {"form": form})


def _waiting_position(signup) -> int:
    """1 for the first on the waiting list."""
    earlier = signup.activity.signups.filter(status=SignUpStatus.WAITING, created_at__lt=signup.created_at).count()
    same_moment = signup.activity.signups.filter(
        status=SignUpStatus.WAITING, created_at=signup.created_at, pk__lt=signup.pk
    ).count()
    return earlier + same_moment + 1


@require_http_methods(["GET", "POST"])
def signup_status(request, code):
    """The sign-up in plain words, the code to keep (right after signing up), and the button to cancel."""
    signup = _signup_by_code(request, code)
    if signup is None:
        return _refused(request)
    if signup.reference != code:
        return redirect("parelketting:signup_status", code=signup.reference)
    activity = signup.activity
    can_cancel = (
        signup.status != SignUpStatus.CANCELLED
        and activity.status == ActivityStatus.PUBLISHED
        and activity.ends_at >= timezone.now()
    )
    # A slip is recoverable: the first button only asks "Weet u het zeker?"; a freed place goes to the next person
    # on the waiting list at once, so only the second, confirming, press cancels.
    confirming = request.method == "POST" and can_cancel and request.POST.get("bevestig") != "ja"
    if request.method == "POST" and not confirming:
        if rate_limit_hit(request, "pk-withdraw", limits.WITHDRAWALS_PER_HOUR):
            messages.error(request, _("U heeft het vaak geprobeerd. Probeer het over een uur opnieuw."))
        elif not can_cancel:
            messages.error(request, _("Afmelden kan niet meer. Deze aanmelding is al afgelopen of afgemeld."))
        else:
            try:
                signup_cancel(signup=signup, by=request.user, with_code=True)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("U bent afgemeld. Fijn dat u het liet weten."))
        return redirect("parelketting:signup_status", code=signup.reference)
    context = {
        "signup": signup,
        "activity": activity,
        "resident": signup.resident,
        "just_signed_up": signup.reference in request.session.get(SESSION_SIGNED_UP, []),
        "position": _waiting_position(signup) if signup.status == SignUpStatus.WAITING else None,
        "can_cancel": can_cancel,
        "confirming": confirming,
    }
    return render(request, "parelketting/signup_status.html", context)
