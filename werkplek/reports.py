"""Reports ("Er klopt iets niet") as items in the Werkplek: an inbox of open reports and one page per report
with resolve, dismiss or hide, an answer to the reporter when they left a way to reach them, and the history of
decisions. Walled per corporation and decided through ``parelketting.moderation`` (``open_reports``,
``get_report_for_moderator``; ``pearl_report_decide``: answers by e-mail, history rows, the pearl's state).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parelketting import moderation
from wijk.contact import tel_href

from . import replies
from .decision import Block, Button
from .forms import ReportDecideForm
from .moderation import inbox_page, moderator_required


def reporter_reach(report) -> str:
    """How the reporter can hear back: ``"email"``, ``"phone"`` (the moderator calls) or ``"nobody"``."""
    if report.reply_address():
        return "email"
    return "phone" if report.reply_phone else "nobody"


@moderator_required
@require_GET
def report_inbox(request):
    waiting = moderation.open_reports(request.user)
    reports, total = inbox_page(
        moderation.with_other_open_reports(waiting.select_related("pearl__neighbourhood", "reported_by"))
        .only("uid", "what", "reason", "created_at", "reply_email", "reply_phone", "reported_by__email",
              "pearl__title", "pearl__status", "pearl__neighbourhood__name"),
        waiting,
    )  # fmt: skip
    items = [{"report": report, "reach": reporter_reach(report)} for report in reports]
    context = {"items": items, "total": total}
    return render(request, "werkplek/report_inbox.html", context)


def _render_report(request, report, *, status=200, decide_form=None):
    pearl = report.pearl
    reach = reporter_reach(report)
    key = request.GET.get("antwoord", "")
    answers = replies.for_organisation(pearl.neighbourhood.corporation_id, replies.ANSWER)
    form = decide_form or ReportDecideForm(
        initial={"seen_status": report.status, "answer": answers.get(key or "", ("", ""))[1]}, reach=reach
    )
    waiting = moderation.report_waits(report)
    hints = []
    if reach == "nobody":
        hints.append(_("De melder liet geen e-mailadres of telefoonnummer achter. Een antwoord kan niet."))
    if not moderation.pearl_owner_reachable(pearl):
        hints.append(_("Wie de parel deelde, kunnen wij niet bereiken. Die hoort dus niets van uw besluit."))
    blocks = [
        Block(
            "besluit",
            reverse("werkplek:report_decide", args=[report.uid]),
            form,
            [
                Button(_("Klopt, is opgelost"), "besluit", "resolved"),
                Button(_("Klopt niet"), "besluit", "dismissed", secondary=True),
                Button(_("Klopt, haal van de kaart"), "besluit", moderation.REPORT_HIDE, secondary=True),
            ],
            fields=[name for name in ("answer",) if name in form.fields],
            replies=[(k, label) for k, (label, _text) in answers.items()] if reach != "nobody" else [],
            replies_label=_("Standaardantwoorden:"),
            param="antwoord",
            hints=hints,
            page=reverse("werkplek:report", args=[report.uid]),
        )
    ]
    earlier = list(pearl.reports.exclude(pk=report.pk).select_related("decided_by").order_by("-created_at", "-pk")[:10])
    context = {
        "report": report,
        "pearl": pearl,
        "reach": reach,
        "tel": tel_href(report.reply_phone),
        "on_map": moderation.pearl_on_map(pearl),
        "waiting": waiting,
        "blocks": blocks,
        "history": list(report.history.select_related("history_user").order_by("-history_date", "-history_id")[:8]),
        "earlier": earlier,
        "next_report": moderation.open_reports(request.user).exclude(pk=report.pk).only("uid").first(),
    }
    return render(request, "werkplek/report.html", context, status=status)


@moderator_required
@require_GET
def report_page(request, uid):
    return _render_report(request, moderation.get_report_for_moderator(request.user, uid))


@moderator_required
@require_POST
def report_decide(request, uid):
    report = moderation.get_report_for_moderator(request.user, uid)
    reach = reporter_reach(report)
    form = ReportDecideForm(request.POST, reach=reach)
    if not form.is_valid():
        return _render_report(request, report, status=400, decide_form=form)
    if form.cleaned_data["seen_status"] != report.status:
        messages.error(
            request,
            _("Iemand anders heeft hier al over besloten. De status is nu: %(status)s.")
            % {"status": report.get_status_display()},
        )
        return _render_report(request, report, status=409)
    decision = form.cleaned_data["besluit"]
    answer = form.cleaned_data.get("answer", "")
    try:
        report = moderation.pearl_report_decide(report=report, decision=decision, by=request.user, answer=answer)
    except ValidationError as error:
        for text in error.messages:
            form.add_error(None, text)
        return _render_report(request, report, status=400, decide_form=form)
    pearl = report.pearl
    pearl.refresh_from_db()
    if decision == moderation.REPORT_HIDE:
        text = _("‘%(title)s’ staat niet meer op de kaart. Wie de parel deelde, hoort dat van ons.")
    elif moderation.pearl_on_map(pearl):
        text = _("De melding is afgehandeld. ‘%(title)s’ staat op de kaart.")
    else:
        text = _("De melding is afgehandeld. ‘%(title)s’ staat niet op de kaart.")
    text %= {"title": pearl.title}
    if answer and reach == "email":
        text += " " + _("Uw antwoord gaat per e-mail naar de melder.")
    elif answer and reach == "phone":
        text += " " + _("Wat u de melder zei, staat bij de melding.")
    elif reach != "nobody":
        text += " " + _("De melder krijgt geen bericht: u schreef geen antwoord.")
    messages.success(request, text)
    following = moderation.open_reports(request.user).only("uid").first()
    if following is not None:
        return redirect("werkplek:report", uid=following.uid)
    return redirect("werkplek:reports")
