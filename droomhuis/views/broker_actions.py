"""The broker's actions on a case, and the one decorator every form on the case page goes through.

``case_action`` finds the case (404 when not the broker's), validates the form, runs one service (which writes the
history and the access-log row), and goes back to the case with a message; on any error it shows the case page
again with the broker's own input. The care actions (``care.views.broker``) use it too.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import services
from ..consents import update_reach
from ..decorators import broker_required
from ..forms import (
    AssignForm,
    ContactAttemptForm,
    NoteForm,
    OutcomeForm,
    PlanForm,
    ResidentUpdateForm,
    TransitionForm,
    contact_attempt_kwargs,
)
from ..permissions import brokers_for, get_dream_for_broker
from .broker import render_case

CONFLICT_MESSAGE = _(
    "Iemand anders heeft deze droom net opgeslagen. Uw wijziging is niet bewaard. "
    "Kijk hieronder wat er nu staat. Wat u typte staat nog in het formulier: sla opnieuw op als het klopt."
)


def _conflict(request, reference, form_name, form_class, form_kwargs, get_case, render_page):
    """Reload the case and show the broker's own input again, now against the newest version."""
    dream = get_case(request.user, reference)
    data = request.POST.copy()
    data["version"] = str(dream.version)
    messages.error(request, CONFLICT_MESSAGE)
    return render_page(request, dream, status=409, **{form_name: form_class(data, **form_kwargs(dream))})


def no_kwargs(dream) -> dict:
    return {}


def case_action(
    form_name,
    form_class,
    form_kwargs=no_kwargs,
    *,
    get_case=get_dream_for_broker,
    required=broker_required,
    render_page=None,
    done="droomhuis:case",
):
    """The one way to handle a form on the broker's case page (and the team lead's: ``views.team``).

    Wraps ``handler(request, dream, data) -> message``, which calls one service with the form's clean data and
    says what happened. The view finds the case with ``get_case(user, reference)`` (a 404 when it is not the
    broker's), builds ``form_class(POST, **form_kwargs(dream))`` and, when the service succeeds, goes back to the
    case with the message. Invalid input or a ``ValidationError`` from the service shows the case page again
    with the broker's own input in ``form_name``; a case someone else saved meanwhile (``CaseChanged``) shows
    the newest version with that input (409).

    ``required`` (a ``role_required`` decorator), ``render_page`` (the page shown again, by default the broker's
    case page) and ``done`` (the URL name to go back to) let the team lead's page use the same flow.
    """

    def decorator(handler):
        @required
        @require_POST
        @wraps(handler)
        def view(request, reference):
            render_again = render_page or render_case
            dream = get_case(request.user, reference)
            form = form_class(request.POST, **form_kwargs(dream))
            if form.is_valid():
                try:
                    message = handler(request, dream, form.cleaned_data)
                except services.CaseChanged:
                    return _conflict(request, reference, form_name, form_class, form_kwargs, get_case, render_again)
                except ValidationError as error:
                    for text in error.messages:
                        form.add_error(None, text)
                else:
                    messages.success(request, message)
                    return redirect(done, reference=dream.reference)
            return render_again(request, dream, status=400, **{form_name: form})

        return view

    return decorator


@case_action("transition_form", TransitionForm, lambda dream: {"dream": dream})
def case_status(request, dream, data):
    services.dream_transition(
        dream=dream,
        to_status=data["to_status"],
        actor=request.user,
        expected_version=data["version"],
        reason=data["reason"],
        next_action_date=data["next_action_date"],
        channel=data["channel"],
    )
    return _("De status is nu: %(status)s.") % {"status": dream.get_status_display()}


@case_action("assign_form", AssignForm, lambda dream: {"brokers": brokers_for(dream.neighbourhood)})
def case_assign(request, dream, data):
    services.dream_assign(
        dream=dream, owner=data["owner"], actor=request.user, expected_version=data["version"], reason=data["reason"]
    )
    return _("De droom is overgedragen.")


@case_action("plan_form", PlanForm)
def case_plan(request, dream, data):
    services.dream_plan(
        dream=dream,
        actor=request.user,
        expected_version=data["version"],
        next_action_date=data["next_action_date"],
        next_action=data["next_action"],
        themes=list(data["themes"]),
    )
    return _("De volgende actie is opgeslagen.")


@case_action("contact_form", ContactAttemptForm)
def case_contact(request, dream, data):
    kwargs = contact_attempt_kwargs(data)
    services.contact_attempt_record(dream=dream, actor=request.user, **kwargs)
    if kwargs["reached"]:
        return _("De contactpoging is opgeslagen.")
    return _("De contactpoging is opgeslagen. Dit telt nog niet als eerste contact: de bewoner is niet bereikt.")


def taken_text(dream, user) -> str:
    """Why "Oppakken" did nothing: who has the dream now, or where it stands, in words."""
    if dream.owner_id == user.pk:
        return _("U had deze droom al opgepakt.")
    if dream.owner_id:
        return _("%(name)s pakte deze droom net op. U ziet hieronder wat er nu staat.") % {
            "name": dream.owner.name or dream.owner.email
        }
    return _("Deze droom is niet meer nieuw. De status is nu: %(status)s.") % {"status": dream.get_status_display()}


@broker_required
@require_POST
def case_pickup(request, reference):
    """ "Oppakken": a new dream becomes the broker's case; a lost race says who was first and shows the case."""
    dream = get_dream_for_broker(request.user, reference)
    try:
        services.dream_pick_up(dream=dream, actor=request.user)
    except services.AlreadyTaken as taken:
        messages.warning(request, taken_text(taken.dream, request.user))
    else:
        messages.success(request, _("U heeft deze droom opgepakt. Neem contact op met de bewoner."))
    return redirect("droomhuis:case", reference=dream.reference)


@case_action("note_form", NoteForm)
def case_note(request, dream, data):
    services.note_add(dream=dream, author=request.user, body=data["body"], private=data["private"])
    return _("De notitie is opgeslagen.")


@case_action("outcome_form", OutcomeForm)
def case_outcome(request, dream, data):
    services.dream_outcome_record(
        dream=dream,
        actor=request.user,
        expected_version=data["version"],
        outcome=data["outcome"],
        story=data["story"],
        propose_for_wall=data["propose_for_wall"],
    )
    return _("Het resultaat is opgeslagen.")


# What happened after "Verstuur": never "sent" when nobody is told.
UPDATE_SENT_TEXT = {
    "email": gettext_lazy("Het bericht staat op de volgpagina. De bewoner krijgt een e-mail dat er nieuws is."),
    "letter": gettext_lazy(
        "Het bericht staat op de volgpagina. De bewoner krijgt een brief: die staat klaar bij de brieven."
    ),
    "page": gettext_lazy("Het bericht staat op de volgpagina. De bewoner wilde geen contact en krijgt geen bericht."),
    "call": gettext_lazy("Het bericht staat op de volgpagina."),
    "nobody": gettext_lazy(
        "Het bericht staat op de volgpagina. Wij weten niet hoe wij de bewoner kunnen bereiken: er is geen telefoonnummer, e-mailadres of adres."
    ),
}


def call_task_text(dream, user) -> str:
    """For a resident who can only be phoned: who wants a call, and whose list the call task is on."""
    resident = dream.resident
    name = resident.first_name or resident.display_name or _("De bewoner")
    owner = dream.owner or user
    if owner == user:
        return _("%(name)s wil gebeld worden. Er komt een beltaak voor u op de lijst Terugbellen.") % {"name": name}
    return _("%(name)s wil gebeld worden. Er komt een beltaak voor %(owner)s op de lijst Terugbellen.") % {
        "name": name,
        "owner": owner.get_full_name() or owner.get_username(),
    }


@broker_required
@require_POST
def case_update(request, reference):
    """Two steps: first a preview of exactly what the resident will see, then sending it."""
    dream = get_dream_for_broker(request.user, reference)
    form = ResidentUpdateForm(request.POST)
    if form.is_valid() and request.POST.get("step") == "send":
        services.resident_update_post(dream=dream, author=request.user, body=form.cleaned_data["body"])
        reach = update_reach(dream)
        if reach == "call":
            messages.success(request, f"{UPDATE_SENT_TEXT[reach]} {call_task_text(dream, request.user)}")
        elif reach == "nobody":
            messages.warning(request, UPDATE_SENT_TEXT[reach])
        else:
            messages.success(request, UPDATE_SENT_TEXT[reach])
        return redirect("droomhuis:case", reference=dream.reference)
    if form.is_valid():
        reach = update_reach(dream)
        return render(
            request,
            "droomhuis/broker/update_preview.html",
            {
                "dream": dream,
                "form": form,
                "body": form.cleaned_data["body"],
                "reach": reach,
                "call_task_text": call_task_text(dream, request.user) if reach == "call" else "",
            },
        )
    return render_case(request, dream, status=400, update_form=form)
