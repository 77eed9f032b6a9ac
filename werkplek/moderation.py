"""Moderation on the item's own page: a pearl's staff page with approve, reject (with a standard reason the
moderator can change) and a question back; then straight on to the next waiting pearl.

Which items wait, who may decide, and every decision come from ``parelketting.moderation`` (the Parelketting's
rules and services: history row, message to the submitter by e-mail or letter, as they chose). Before a decision
the page says how the submitter will hear it, or that nobody will (a paper pearl without a name); after it, the
message says what really happened. Case actions follow the pattern of ``droomhuis.views.broker_actions.case_action``:
one decorator validates, runs the service, redirects, or shows the page again with the moderator's own input and
the error.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lib.decorators import role_required
from parelketting import moderation
from parelketting.selectors import is_moderator
from wijk.contact import tel_href
from wijk.services import resident_channel

from . import replies
from .decision import Block, Button
from .forms import ApproveForm, DeclineForm, RejectForm, ReturnForm

INBOX_SIZE = 100  # the inbox lists at most this many; its count is of all that wait


def inbox_page(listing, waiting) -> tuple[list, int]:
    """The first ``INBOX_SIZE`` of ``listing``, and how many wait in all: the list's length, or, only when the
    list is full, one count of ``waiting`` (the same rows, without what the list needs for showing them)."""
    shown = list(listing[:INBOX_SIZE])
    return shown, (waiting.count() if len(shown) >= INBOX_SIZE else len(shown))


# Anonymous visitors log in first; logged-in users without a moderator role (or superuser) get 403.
moderator_required = role_required(is_moderator)


def submitter_reach(pearl) -> str:
    """How the submitter hears a decision: ``"email"``, ``"letter"``, ``"call"`` (only a phone number: staff
    must call) or ``"nobody"`` (no submitter, as with a paper pearl without a name, or no way to reach them)."""
    if pearl.submitter is None:
        return "nobody"
    channel = resident_channel(pearl.submitter)
    if channel != "none":
        return channel
    return "call" if pearl.submitter.phone else "nobody"


@moderator_required
@require_GET
def pearl_inbox(request):
    """The pearls that wait, each a link to its own page; the first one is where "Begin" goes."""
    waiting = moderation.waiting_pearls(request.user)
    pearls, total = inbox_page(
        waiting.select_related("neighbourhood", "submitter__user").only(
            "uid", "title", "kind", "reported", "created_at", "submitted_via", "neighbourhood__name",
            "submitter__email", "submitter__postal_address", "submitter__contact_preference", "submitter__phone",
            "submitter__user__email",
        ),
        waiting,
    )  # fmt: skip
    items = [{"pearl": pearl, "reach": submitter_reach(pearl)} for pearl in pearls]
    context = {"items": items, "total": total}
    return render(request, "werkplek/pearl_inbox.html", context)


def _reply_text(own: dict, key) -> str:
    """The text of the standard reply the moderator chose (``?afwijzen=<key>``), or "" for none or an odd key."""
    return own.get(key or "", ("", ""))[1]


def _reply_links(own: dict) -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _text) in own.items()]


def _history(pearl) -> list:
    return list(pearl.history.select_related("history_user").order_by("-history_date", "-history_id")[:8])


def _render_pearl(request, pearl, *, status=200, **forms):
    seen = {"seen_status": pearl.status}
    own = replies.all_for(pearl.neighbourhood.corporation_id)
    reject_initial = {**seen, "reason": _reply_text(own[replies.REJECT], request.GET.get("afwijzen"))}
    return_initial = {**seen, "question": _reply_text(own[replies.RETURN], request.GET.get("vraag"))}
    context = {
        "pearl": pearl,
        "themes": list(pearl.themes.all()),
        "reach": submitter_reach(pearl),
        "tel": tel_href(pearl.submitter.phone) if pearl.submitter else "",
        "open_reports": moderation.open_report_count(pearl),
        "history": _history(pearl),
        "waiting": moderation.pearl_waits(pearl),
        "reject_replies": _reply_links(own[replies.REJECT]),
        "return_replies": _reply_links(own[replies.RETURN]),
        "approve_form": ApproveForm(initial=seen),
        "reject_form": RejectForm(initial=reject_initial),
        "return_form": ReturnForm(initial=return_initial),
        "reject_open": bool(request.GET.get("afwijzen")),
        "return_open": bool(request.GET.get("vraag")),
        "next_pearl": moderation.waiting_pearls(request.user).exclude(pk=pearl.pk).only("uid").first(),
        **forms,
    }
    context["blocks"] = _pearl_blocks(pearl, context)
    return render(request, "werkplek/pearl.html", context, status=status)


def _pearl_blocks(pearl, context) -> list[Block]:
    """Put it on the map (one press), not place it with a reason, or ask a question first."""
    nobody = [_("Niemand krijgt deze reden. Wij bewaren hem bij de parel.")] if context["reach"] == "nobody" else []
    page = reverse("werkplek:pearl", args=[pearl.uid])
    return [
        Block("plaatsen", reverse("werkplek:pearl_approve", args=[pearl.uid]), context["approve_form"],
              [Button(_("Zet op de kaart"))]),
        Block("afwijzen", reverse("werkplek:pearl_reject", args=[pearl.uid]), context["reject_form"],
              [Button(_("Niet plaatsen"), secondary=True)], fields=["reason"],
              summary=_("Niet plaatsen, met een reden"), opened=context["reject_open"],
              replies=context["reject_replies"], replies_label=_("Standaardredenen:"), param="afwijzen", hints=nobody,
              page=page),
        Block("vraag", reverse("werkplek:pearl_return", args=[pearl.uid]), context["return_form"],
              [Button(_("Stuur de vraag"), secondary=True)], fields=["question"],
              summary=_("Eerst een vraag stellen"), opened=context["return_open"],
              replies=context["return_replies"], replies_label=_("Standaardvragen:"), param="vraag", page=page),
    ]  # fmt: skip


@moderator_required
@require_GET
def pearl_page(request, uid):
    return _render_pearl(request, moderation.get_pearl_for_moderator(request.user, uid))


def _next_url(request, pearl) -> str:
    """On to the next waiting pearl, or back to the (now empty) inbox."""
    following = moderation.waiting_pearls(request.user).exclude(pk=pearl.pk).only("uid").first()
    if following is not None:
        return redirect("werkplek:pearl", uid=following.uid)
    return redirect("werkplek:pearls")


def item_action(get_item, render_item, next_url, status_label):
    """One case-action pattern for every moderated item (like ``droomhuis.views.broker_actions.case_action``): wrap a
    POST handler so it checks the status the moderator saw, validates the form, runs the service, and goes on to
    the next item with a message that says what really happened; any error shows the item again, input kept."""

    def action(form_name, form_class):
        def decorator(handler):
            @moderator_required
            @require_POST
            @wraps(handler)
            def view(request, uid):
                item = get_item(request.user, uid)
                form = form_class(request.POST)
                if form.is_valid():
                    if form.cleaned_data["seen_status"] != item.status:
                        messages.error(
                            request,
                            _("Iemand anders heeft hier al over besloten. De status is nu: %(status)s.")
                            % {"status": status_label(item)},
                        )
                        return render_item(request, item, status=409)
                    try:
                        message = handler(request, item, form.cleaned_data)
                    except ValidationError as error:
                        for text in error.messages:
                            form.add_error(None, text)
                    else:
                        messages.success(request, message)
                        return next_url(request, item)
                return render_item(request, item, status=400, **{form_name: form})

            return view

        return decorator

    return action


_pearl_action = item_action(
    moderation.get_pearl_for_moderator, _render_pearl, _next_url, lambda pearl: pearl.get_status_display()
)


REACH_AFTER = {
    "email": gettext_lazy("De inzender krijgt een e-mail."),
    "letter": gettext_lazy("De inzender krijgt een brief: die staat klaar bij de brieven."),
    "call": gettext_lazy("De inzender wil gebeld worden en krijgt geen e-mail of brief. Bel %(phone)s en vertel het."),
    "nobody": gettext_lazy(
        "Niemand krijgt hier bericht van: er is geen inzender met een e-mailadres, adres of telefoonnummer."
    ),
}


def _reach_text(pearl, reach) -> str:
    phone = pearl.submitter.phone if pearl.submitter else ""
    return str(REACH_AFTER[reach]) % {"phone": phone} if reach == "call" else str(REACH_AFTER[reach])


@_pearl_action("approve_form", ApproveForm)
def pearl_approve(request, pearl, data):
    back_after_report = pearl.published_at is not None and pearl.reported
    told_before = pearl.published_at is not None and not back_after_report
    moderation.pearl_publish(pearl=pearl, by=request.user)
    text = _("‘%(title)s’ staat op de kaart.") % {"title": pearl.title}
    reach = submitter_reach(pearl)
    if told_before:
        return text + " " + _("De inzender hoorde eerder al dat de parel op de kaart staat: wij sturen geen bericht.")
    if back_after_report and reach in ("email", "letter"):
        return text + " " + _("De inzender hoort dat de parel weer op de kaart staat.")
    return text + " " + _reach_text(pearl, reach)


@_pearl_action("reject_form", RejectForm)
def pearl_reject(request, pearl, data):
    moderation.pearl_reject(pearl=pearl, by=request.user, reason=data["reason"])
    text = _("‘%(title)s’ is niet geplaatst.") % {"title": pearl.title}
    reach = submitter_reach(pearl)
    if reach == "nobody":
        return (
            text
            + " "
            + _("Niemand krijgt de reden: er is geen inzender om het te vertellen. De reden staat bij de parel.")
        )
    if reach == "call":
        return text + " " + _reach_text(pearl, reach)
    return text + " " + _("De reden gaat naar de inzender.") + " " + _reach_text(pearl, reach)


@_pearl_action("return_form", ReturnForm)
def pearl_return(request, pearl, data):
    moderation.pearl_return(pearl=pearl, by=request.user, question=data["question"])
    text = _("Uw vraag over ‘%(title)s’ is opgeslagen.") % {"title": pearl.title}
    return text + " " + _reach_text(pearl, submitter_reach(pearl))


# --- Proposed activities ----------------------------------------------------------------------------------------


@moderator_required
@require_GET
def activity_inbox(request):
    waiting = moderation.waiting_activities(request.user)
    activities, total = inbox_page(
        waiting.select_related("neighbourhood", "place", "organiser_resident", "organiser_partner"), waiting
    )
    programme = list(moderation.programme_for_staff(moderation.moderated_activities(request.user))[:INBOX_SIZE])
    context = {"activities": activities, "total": total, "programme": programme}
    return render(request, "werkplek/activity_inbox.html", context)


def _render_activity(request, activity, *, status=200, **forms):
    seen = {"seen_status": activity.status}
    own = replies.for_organisation(activity.neighbourhood.corporation_id, replies.DECLINE)
    decline_initial = {**seen, "reason": _reply_text(own, request.GET.get("afwijzen"))}
    context = {
        "activity": activity,
        "reach": moderation.activity_proposer_reach(activity),
        "waiting": moderation.activity_waits(activity),
        "decline_replies": _reply_links(own),
        "accept_form": ApproveForm(initial=seen),
        "decline_form": DeclineForm(initial=decline_initial),
        "decline_open": bool(request.GET.get("afwijzen")),
        "next_activity": moderation.waiting_activities(request.user).exclude(pk=activity.pk).only("uid").first(),
        "history": list(activity.history.select_related("history_user").order_by("-history_date", "-history_id")[:8]),
        # Once it is in the programme: who comes and who waits, and how to reach them (moderators only).
        "attendees": None if moderation.activity_waits(activity) else moderation.attendee_rows(activity),
        **forms,
    }
    context["blocks"] = [
        Block("in-het-programma", reverse("werkplek:activity_accept", args=[activity.uid]), context["accept_form"],
              [Button(_("Zet in het programma"))]),
        Block("afwijzen", reverse("werkplek:activity_decline", args=[activity.uid]), context["decline_form"],
              [Button(_("Niet in het programma"), secondary=True)], fields=["reason"],
              summary=_("Niet in het programma, met een reden"), opened=context["decline_open"],
              replies=context["decline_replies"], replies_label=_("Standaardredenen:"), param="afwijzen",
              page=reverse("werkplek:activity", args=[activity.uid])),
    ]  # fmt: skip
    return render(request, "werkplek/activity.html", context, status=status)


@moderator_required
@require_GET
def activity_page(request, uid):
    return _render_activity(request, moderation.get_activity_for_moderator(request.user, uid))


def _next_activity(request, activity):
    following = moderation.waiting_activities(request.user).exclude(pk=activity.pk).only("uid").first()
    if following is not None:
        return redirect("werkplek:activity", uid=following.uid)
    return redirect("werkplek:activities")


_activity_action = item_action(
    moderation.get_activity_for_moderator,
    _render_activity,
    _next_activity,
    lambda activity: activity.get_status_display(),
)


def _proposer_reach_text(activity, reach) -> str:
    phone = activity.organiser_resident.phone if activity.organiser_resident else ""
    return str(PROPOSER_REACH_AFTER[reach]) % {"phone": phone}


PROPOSER_REACH_AFTER = {
    "email": gettext_lazy("Wie het voorstelde, krijgt een e-mail."),
    "letter": gettext_lazy("Wie het voorstelde, krijgt een brief: die staat klaar bij de brieven."),
    "call": gettext_lazy("Wie het voorstelde, wil gebeld worden en krijgt geen e-mail of brief. Bel %(phone)s."),
    "nobody": gettext_lazy("Niemand krijgt hier bericht van: wij kunnen wie het voorstelde niet bereiken."),
}


@_activity_action("accept_form", ApproveForm)
def activity_accept(request, activity, data):
    moderation.activity_decide(activity=activity, by=request.user, accept=True)
    text = _("‘%(title)s’ staat in het programma.") % {"title": activity.title}
    return text + " " + _proposer_reach_text(activity, moderation.activity_proposer_reach(activity))


@_activity_action("decline_form", DeclineForm)
def activity_decline(request, activity, data):
    moderation.activity_decide(activity=activity, by=request.user, accept=False, reason=data["reason"])
    text = _("‘%(title)s’ komt niet in het programma.") % {"title": activity.title}
    return text + " " + _proposer_reach_text(activity, moderation.activity_proposer_reach(activity))
