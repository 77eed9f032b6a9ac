"""A resident's own pearls, "meld dit" and "ik doe mee"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.antispam import rate_limit_hit, visitor_key
from wijk.choices import DataCategory, Purpose
from wijk.services import consent_check

from .. import limits
from .. import permissions as perms
from ..choices import PearlStatus, SignUpStatus
from ..forms import AnonymousJoinForm, JoinForm, ReportForm
from ..models import Pearl, PearlMessage, SignUp
from ..services import (
    pearl_message_send,
    pearl_owner_reachable,
    pearl_publication_consent_withdraw,
    pearl_report,
)


@login_required
@require_GET
def my_pearls(request):
    """The resident's own pearls with their status and, in kind words, any question or reason."""
    resident = perms.resident_for_user(request.user)
    pearls = []
    if resident is not None:
        pearls = list(
            Pearl.objects.filter(submitter=resident)
            .prefetch_related(Prefetch("messages", queryset=PearlMessage.objects.order_by("-created_at")))
            .order_by("-created_at")
        )
    consents = {}
    if resident is not None:
        consents = {
            "first_name": bool(
                consent_check(resident=resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION)
            ),
            "photo": bool(consent_check(resident=resident, category=DataCategory.PHOTO, purpose=Purpose.PUBLICATION)),
        }
    signups = []
    if resident is not None:
        signups = list(
            SignUp.objects.filter(resident=resident, activity__ends_at__gte=timezone.now())
            .exclude(status=SignUpStatus.CANCELLED)
            .select_related("activity")
            .order_by("activity__starts_at")
        )
    return render(
        request,
        "parelketting/mine.html",
        {
            "pearls": pearls,
            "signups": signups,
            "resident": resident,
            "consents": consents,
            "can_submit_on_behalf": perms.can_submit_on_behalf(request.user),
        },
    )


@login_required
@require_POST
def my_consent_withdraw(request):
    """ "Haal mijn naam / foto weg": the resident takes back a publication consent, at once."""
    resident = perms.resident_for_user(request.user)
    category = request.POST.get("soort", "")
    if resident is None or category not in (DataCategory.FIRST_NAME, DataCategory.PHOTO):
        raise Http404
    pearl_publication_consent_withdraw(resident=resident, category=category)
    if category == DataCategory.FIRST_NAME:
        messages.success(request, _("Uw voornaam staat niet meer bij uw parels."))
    else:
        messages.success(request, _("Foto's waar u zelf op staat, tonen wij niet meer bij uw parels."))
    return redirect("parelketting:mine")


@require_http_methods(["GET", "POST"])
def pearl_report_view(request, uid):
    """ "Er klopt iets niet": anyone may say what is wrong with a published pearl. It goes to the moderators'
    queue; the pearl stays on the map unless ``pearl_report`` takes it off. The answer page says which."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    if pearl.status != PearlStatus.PUBLISHED:
        raise Http404
    form = ReportForm(request.POST or None, logged_in=request.user.is_authenticated)
    context = {"pearl": pearl, "form": form}
    if request.method == "POST" and form.is_valid() and rate_limit_hit(request, "pk-report", limits.REPORTS_PER_HOUR):
        form.add_error("what", _("U heeft al veel meldingen gedaan. Probeer het over een uur nog eens."))
        return render(request, "parelketting/report.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        report = pearl_report(
            pearl=pearl,
            what=form.cleaned_data["what"],
            note=form.cleaned_data["reason"],
            reporter=visitor_key(request),
            reported_by=request.user,
            reply_email=form.cleaned_data.get("reply_to", {}).get("email", ""),
            reply_phone=form.cleaned_data.get("reply_to", {}).get("phone", ""),
        )
        context.update(
            report=report,
            hears_back=bool(report.reply_address()),
            called_back=bool(report.reply_phone),
            owner_told=pearl_owner_reachable(pearl),
        )
        return render(request, "parelketting/report_sent.html", context)
    return render(request, "parelketting/report.html", context)


@require_http_methods(["GET", "POST"])
def pearl_join(request, uid):
    """ "Ik doe mee / ik wil dit ook": a message to the person behind a personal pearl, through the portal.

    No account needed: without one, the form asks the one contact question instead of "how can your
    neighbour reach you" in free text. Either way the hourly limit per visitor applies."""
    pearl = perms.get_pearl_for_user(request.user, uid)
    if not perms.can_join(request.user, pearl):
        raise Http404
    if request.user.is_authenticated:
        form = JoinForm(request.POST or None, initial={"sender_name": request.user.get_short_name()})
    else:
        form = AnonymousJoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and rate_limit_hit(request, "pk-join", limits.MESSAGES_PER_HOUR):
        form.add_error("body", _("U heeft al veel berichten gestuurd. Probeer het over een uur nog eens."))
        return render(request, "parelketting/join.html", {"pearl": pearl, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        pearl_message_send(
            pearl=pearl,
            sender=request.user if request.user.is_authenticated else None,
            sender_name=form.cleaned_data["sender_name"],
            body=form.cleaned_data["body"],
            reply_how=form.cleaned_data["reply_how"],
        )
        messages.success(request, _("Uw bericht is verstuurd. Uw buur neemt zelf contact met u op."))
        return redirect(pearl.get_absolute_url())
    return render(request, "parelketting/join.html", {"pearl": pearl, "form": form})
