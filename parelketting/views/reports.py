"""The moderators' report queue: open "er klopt iets niet" reports of their own corporation, one decision each."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijk.contact import tel_href

from .. import permissions as perms
from ..choices import PearlStatus, ReportStatus
from ..forms import ReportDecisionForm
from ..services import REPORT_HIDE, pearl_owner_reachable, pearl_report_decide

RECENT = 10


@login_required
@require_GET
def report_queue(request):
    """Open reports, oldest first, with the pearl's state; and the last decisions, with who made them."""
    if not perms.can_handle_reports(request.user):
        raise PermissionDenied
    reports = perms.reports_for_user(request.user).select_related(
        "pearl__neighbourhood", "pearl__submitter__user", "reported_by"
    )
    open_reports = list(reports.filter(status=ReportStatus.OPEN).order_by("created_at", "pk"))
    per_pearl = Counter(report.pearl_id for report in open_reports)
    items = [
        {
            "report": report,
            "on_map": report.pearl.status == PearlStatus.PUBLISHED,
            "others": per_pearl[report.pearl_id] - 1,
            "reachable": bool(report.reply_address()),
            "tel": tel_href(report.reply_phone),
            "owner_reachable": pearl_owner_reachable(report.pearl),
        }
        for report in open_reports
    ]
    recent = list(
        reports.exclude(status=ReportStatus.OPEN).select_related("decided_by").order_by("-decided_at", "-pk")[:RECENT]
    )
    return render(request, "parelketting/report_queue.html", {"items": items, "recent": recent})


@login_required
@require_POST
def report_decide(request, uid):
    """Resolve, dismiss or hide: one report (hide: every open report on that pearl), then back to the queue."""
    report = perms.get_report_for_user(request.user, uid)
    form = ReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies wat u met de melding doet."))
        return redirect("parelketting:reports")
    decision = form.cleaned_data["besluit"]
    reachable = bool(report.reply_address())
    try:
        report = pearl_report_decide(
            report=report, decision=decision, by=request.user, answer=form.cleaned_data["answer"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("parelketting:reports")
    pearl = report.pearl
    pearl.refresh_from_db()
    if decision == REPORT_HIDE:
        text = _("‘%(title)s’ staat niet meer op de kaart. Wie de parel deelde, hoort dat van ons.")
    elif pearl.status == PearlStatus.PUBLISHED:
        text = _("De melding is afgehandeld. ‘%(title)s’ staat op de kaart.")
    else:
        text = _("De melding is afgehandeld. ‘%(title)s’ staat niet op de kaart.")
    if reachable and report.answer:
        text += " " + _("Uw antwoord gaat naar de melder.")
    messages.success(request, text % {"title": pearl.title})
    return redirect("parelketting:reports")
