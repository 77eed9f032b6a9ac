"""Staff pages for the letter print queue: choose letters, print them as one PDF, mark them as sent."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from lib.pdf import pdf_response

from .models import AccessAction, LetterRun, LetterStatus
from .permissions import letters_for_user, may_print_letters
from .services import (
    access_log_record,
    letter_address_complete,
    letter_cancel,
    letter_contact,
    letter_run_pdf_again,
    letter_run_start,
    letters_by_envelope,
    letters_mark_printed,
)


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
    queued = list(letters.filter(status=LetterStatus.QUEUED).select_related("run").order_by("created_at"))
    for letter in queued:
        letter.address_complete = letter_address_complete(letter.resident)
    runs = {}
    for letter in queued:
        if letter.run_id is not None:
            runs.setdefault(letter.run_id, {"run": letter.run, "count": 0})["count"] += 1
    for item in runs.values():
        item["state"] = _run_state(item["run"])
    context = {
        "queued": queued,
        "envelopes": len(letters_by_envelope([letter for letter in queued if letter.address_complete])),
        # Printed PDFs whose letters are not marked sent yet: only these can be marked, run by run.
        "runs": sorted(runs.values(), key=lambda item: item["run"].created_at, reverse=True),
        "recent": letters.exclude(status=LetterStatus.QUEUED).order_by("-printed_at", "-created_at")[:20],
    }
    return render(request, "wijk/letters/queue.html", context)


@login_required
@require_POST
def print_batch(request):
    """Start a print run of the chosen letters; the worker makes its PDF (one letter per page, the address where
    the envelope window is). When the PDF is ready at once (no separate worker), it downloads straight away."""
    _require_letter_staff(request)
    letters = _chosen(request)
    printable = [letter for letter in letters if letter_address_complete(letter.resident)]
    if not printable:
        messages.error(request, _("Kies eerst een of meer brieven met een adres en een postcode."))
        return redirect("wijk:letters")
    run = letter_run_start(letters=printable, user=request.user)
    run.refresh_from_db()
    if run.pdf:
        return redirect("wijk:letters_run_pdf", uid=run.uid)
    messages.info(
        request, _("De PDF wordt gemaakt. Dit duurt meestal minder dan een minuut. Kies daarna 'Kijk of hij klaar is'.")
    )
    return redirect("wijk:letters")


# A PDF that is not there this long after its run started was lost (a worker that stopped): offer to try again.
PDF_LOST_AFTER = timedelta(minutes=10)


def _run_state(run) -> str:
    """``ready``, ``making`` or ``failed`` (also when it was lost)."""
    if run.pdf:
        return "ready"
    if run.pdf_failed or timezone.now() - run.created_at > PDF_LOST_AFTER:
        return "failed"
    return "making"


def _visible_run(request, uid):
    """A print run with at least one letter the user may handle, or 404."""
    run = get_object_or_404(LetterRun, uid=uid)
    if not letters_for_user(request.user).filter(run=run).exists():
        raise Http404
    return run


@login_required
@require_GET
def run_pdf(request, uid):
    """The PDF of a print run, for staff who may handle its letters; only while its letters wait to be sent."""
    _require_letter_staff(request)
    run = _visible_run(request, uid)
    if not run.pdf:
        if run.sent_at is None:
            messages.info(request, _("Deze PDF is nog niet klaar. Probeer het zo nog eens."))
        else:
            messages.info(request, _("Deze brieven zijn verstuurd. De PDF is daarom weggegooid."))
        return redirect("wijk:letters")
    with run.pdf.open("rb") as file:
        body = file.read()
    return pdf_response(body, filename=f"brieven-{timezone.localtime(run.created_at):%Y-%m-%d-%H%M}.pdf")


@login_required
@require_POST
def run_retry(request, uid):
    """Make a run's PDF again (after a failure, or when the file was lost)."""
    _require_letter_staff(request)
    run = _visible_run(request, uid)
    if run.sent_at is not None:
        messages.error(request, _("Deze brieven zijn al verstuurd."))
        return redirect("wijk:letters")
    letter_run_pdf_again(run)
    messages.info(request, _("De PDF wordt opnieuw gemaakt."))
    return redirect("wijk:letters")


def _run(request):
    """The printed run named in the form, if the user may see any of its letters."""
    import uuid

    try:
        uid = uuid.UUID(request.POST.get("run", ""))
    except ValueError:
        return None
    run = LetterRun.objects.filter(uid=uid).first()
    if run is None or not letters_for_user(request.user).filter(run=run).exists():
        return None
    return run


@login_required
@require_POST
def mark_sent(request):
    """Only the letters that were in a printed PDF are marked sent; one queued since then waits for the next run."""
    _require_letter_staff(request)
    run = _run(request)
    if run is None:
        messages.error(request, _("Maak eerst een PDF en print die. Daarna zet u die brieven op verstuurd."))
        return redirect("wijk:letters")
    count = letters_mark_printed(run=run, letters=letters_for_user(request.user).filter(run=run), user=request.user)
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
@require_GET
def preview(request, uid):
    """One letter as it will be printed: in its envelope with the resident's other waiting letters from the same
    sender, the full address (with postcode) and the contact lines. Looking at it is logged, as printing is."""
    _require_letter_staff(request)
    letter = get_object_or_404(letters_for_user(request.user).select_related("resident"), uid=uid)
    if letter.status == LetterStatus.QUEUED:
        envelope = list(
            letters_for_user(request.user)
            .filter(resident=letter.resident, organisation=letter.organisation, status=LetterStatus.QUEUED)
            .order_by("created_at", "pk")
        )
    else:
        envelope = [letter]
    with translation.override(letter.language or "nl"):
        contact_line = letter_contact(letter.organisation, letter.resident.neighbourhood_id)
    for item in envelope:
        item.contact_line = contact_line
    access_log_record(
        user=request.user,
        action=AccessAction.VIEW,
        obj=letter,
        resident=letter.resident,
        organisation=letter.organisation,
        detail="letter preview",
    )
    context = {
        "letter": letter,
        "envelope": envelope,
        "today": timezone.localdate(),
        "address_complete": letter_address_complete(letter.resident),
    }
    return render(request, "wijk/letters/preview.html", context)


@login_required
@require_POST
def cancel(request, uid):
    _require_letter_staff(request)
    letter = get_object_or_404(letters_for_user(request.user), uid=uid, status=LetterStatus.QUEUED)
    letter_cancel(letter=letter, user=request.user)
    messages.success(request, _("De brief is uit de wachtrij gehaald."))
    return redirect("wijk:letters")
