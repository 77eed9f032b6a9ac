"""Staff pages for the letter print queue: choose letters, print them as one PDF, mark them as sent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .models import AccessAction, LetterStatus
from .pdf import pdf_response, render_pdf
from .permissions import letters_for_user, may_print_letters
from .services import access_log_record, letter_cancel, letter_contact, letters_mark_printed


def _require_letter_staff(request):
    if not may_print_letters(request.user):
        raise PermissionDenied


def _chosen(request):
    uids = request.POST.getlist("letters")
    valid = []
    for uid in uids:
        try:
            import uuid

            valid.append(uuid.UUID(uid))
        except ValueError:
            continue
    return list(letters_for_user(request.user).filter(uid__in=valid, status=LetterStatus.QUEUED))


@login_required
@require_GET
def queue(request):
    _require_letter_staff(request)
    letters = letters_for_user(request.user)
    context = {
        "queued": letters.filter(status=LetterStatus.QUEUED).order_by("created_at"),
        "recent": letters.exclude(status=LetterStatus.QUEUED).order_by("-printed_at", "-created_at")[:20],
    }
    return render(request, "wijk/letters/queue.html", context)


@login_required
@require_POST
def print_batch(request):
    """One PDF with every chosen letter, one letter per page, the address where the envelope window is."""
    _require_letter_staff(request)
    letters = _chosen(request)
    printable = [letter for letter in letters if letter.resident.postal_address.strip()]
    if not printable:
        messages.error(request, _("Kies eerst een of meer brieven met een adres."))
        return redirect("wijk:letters")
    for letter in printable:
        with translation.override(letter.language or "nl"):
            letter.contact_line = letter_contact(letter.organisation, letter.resident.neighbourhood_id)
        access_log_record(
            user=request.user,
            action=AccessAction.PRINT,
            obj=letter,
            resident=letter.resident,
            organisation=letter.organisation,
            detail=letter.reason,
        )
    pdf = render_pdf(
        "wijk/letters/batch.html",
        {"letters": printable, "today": timezone.localdate()},
        stylesheets=["css/letters-print.css"],
        request=request,
    )
    return pdf_response(pdf, filename=f"brieven-{timezone.localdate():%Y-%m-%d}.pdf")


@login_required
@require_POST
def mark_sent(request):
    _require_letter_staff(request)
    count = letters_mark_printed(letters=_chosen(request), user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)d brief staat op verstuurd.", "%(count)d brieven staan op verstuurd.", count)
            % {"count": count},
        )
    else:
        messages.error(request, _("Kies eerst de brieven die u heeft verstuurd."))
    return redirect("wijk:letters")


@login_required
@require_POST
def cancel(request, uid):
    _require_letter_staff(request)
    letter = get_object_or_404(letters_for_user(request.user), uid=uid, status=LetterStatus.QUEUED)
    letter_cancel(letter=letter, user=request.user)
    messages.success(request, _("De brief is uit de wachtrij gehaald."))
    return redirect("wijk:letters")
