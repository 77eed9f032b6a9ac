"""Following a pearl sent without an account: the thank-you page with the follow code, the follow page
(status in plain words, the reason when it was not placed) and withdrawing it. The code is the key; every
lookup by code counts wrong guesses (``follow_guesses``)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lib.antispam import rate_limit_hit
from lib.guesses import GuessLimit, RefusalTexts, code_refused
from wijk.services import resident_reach

from .. import limits
from ..forms import PearlFollowForm
from ..permissions import get_pearl_for_follower
from ..services import pearl_withdraw
from .submit import SESSION_SENT


def follow_guesses() -> GuessLimit:
    """Wrong pearl follow codes: per client (``PARELKETTING_FOLLOW_WRONG_LIMIT`` an hour, default
    ``limits.FOLLOW_WRONG_PER_HOUR``) and for all codes together (ten times as many), so a right code typed by a
    resident is never refused for someone else's mistakes."""
    per_client = int(getattr(settings, "PARELKETTING_FOLLOW_WRONG_LIMIT", limits.FOLLOW_WRONG_PER_HOUR))
    return GuessLimit("pearl-follow", per_client=per_client, per_secret=per_client * 10)


FOLLOW_REFUSED = RefusalTexts(
    why=gettext_lazy(
        "Vanaf deze verbinding is vaak een code ingevuld die niet bestaat. Om de parels van bewoners te beschermen,"
        " zoeken wij daarom even geen codes op."
    ),
    ask=gettext_lazy("Wilt u het nu weten?"),
    other_way=gettext_lazy("Bel ons of kom langs. Noem uw volgcode, dan vertellen wij hoe het met uw parel gaat."),
    back_url="parelketting:map",
    back_label=gettext_lazy("Naar de parels op de kaart"),
)


def _follow_refused(request):
    """What happened, until when, and the other way to hear about the pearl: phone or a visit."""
    return code_refused(request, follow_guesses(), FOLLOW_REFUSED)


def _pearl_by_code(request, code):
    """The pearl behind a code, or 404; ``None`` when this client's guesses are not looked at now."""
    guesses = follow_guesses()
    if not guesses.allows(request):
        return None
    try:
        return get_pearl_for_follower(code)
    except Http404:
        if not guesses.wrong(request):
            return None
        raise


def thanks(request, code):
    """Right after sending: the pearl is in, what happens now, and the follow code to write down."""
    pearl = _pearl_by_code(request, code)
    if pearl is None:
        return _follow_refused(request)
    if pearl.follow_code not in request.session.get(SESSION_SENT, []):
        return redirect("parelketting:follow", code=pearl.follow_code)
    resident = pearl.submitter
    # How the sender hears from us, in the way they chose: the same answer the moderator sees (werkplek).
    reach = resident_reach(resident) if resident else "nobody"
    email = (resident.email or (resident.user.email if resident.user_id else "")) if reach == "email" else ""
    return render(
        request, "parelketting/thanks.html", {"pearl": pearl, "resident": resident, "reach": reach, "email": email}
    )


def follow_start(request):
    """Type a follow code to see how a pearl is doing."""
    form = PearlFollowForm(request.GET or None)
    if form.is_valid():
        guesses = follow_guesses()
        if not guesses.allows(request):
            return _follow_refused(request)
        try:
            pearl = get_pearl_for_follower(form.cleaned_data["code"])
        except Http404:
            if not guesses.wrong(request):
                return _follow_refused(request)
            form.add_error("code", _("Wij vinden geen parel met deze code. Kijk de code nog eens na."))
        else:
            return redirect("parelketting:follow", code=pearl.follow_code)
    return render(request, "parelketting/follow_start.html", {"form": form})


def follow(request, code):
    """The status in plain words, the reason or question from the moderator, and the way to withdraw."""
    pearl = _pearl_by_code(request, code)
    if pearl is None:
        return _follow_refused(request)
    if pearl.follow_code != code:
        return redirect("parelketting:follow", code=pearl.follow_code)
    return render(request, "parelketting/follow.html", {"pearl": pearl})


@require_http_methods(["GET", "POST"])
def withdraw(request, code):
    """Ask once more, then withdraw: the pearl leaves the map and the queue at once."""
    pearl = _pearl_by_code(request, code)
    if pearl is None:
        return _follow_refused(request)
    if request.method == "POST":
        if rate_limit_hit(request, "pk-withdraw", limits.WITHDRAWALS_PER_HOUR):
            messages.error(request, _("U heeft het vaak geprobeerd. Probeer het over een uur opnieuw."))
            return redirect("parelketting:follow", code=pearl.follow_code)
        try:
            pearl_withdraw(pearl=pearl)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uw parel is ingetrokken. Hij staat niet meer op de kaart."))
        return redirect("parelketting:follow", code=pearl.follow_code)
    return render(request, "parelketting/withdraw.html", {"pearl": pearl})
