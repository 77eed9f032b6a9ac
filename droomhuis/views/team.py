"""The team lead's page: the open cases of their corporation's brokers, and handing cases over when a colleague
is away (one case, or all open cases of one broker), with a short reason.

Only users with a team-lead role get in (others: login or 403); a case of another corporation is a 404. The pages
show no resident's details (only code, wijk, status, owner and dates), so they write no access-log row; each
handover writes its own, as the team lead, in the service.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..decorators import team_lead_required
from ..forms import AssignForm, ReassignAllForm
from ..models import EventKind
from ..permissions import brokers_for, dreams_for_team_lead, get_dream_for_team_lead, team_brokers
from ..workflow import OPEN
from .broker_actions import case_action
from .case_data import handover_title


def _owners(user):
    """Everyone who owns an open case the team lead covers, also a colleague whose broker role has ended."""
    owned = dreams_for_team_lead(user).filter(status__in=OPEN, owner__isnull=False).values("owner")
    return get_user_model().objects.filter(pk__in=owned).order_by("name", "email")


def _reassign_all_form(user, data=None):
    return ReassignAllForm(data, owners=_owners(user), brokers=team_brokers(user), auto_id="id_all_%s")


def render_team(request, *, status=200, form=None):
    today = timezone.localdate()
    dreams = list(
        dreams_for_team_lead(request.user)
        .filter(status__in=OPEN, owner__isnull=False)
        .select_related("owner", "neighbourhood")
        .order_by("next_action_date", "created_at")
    )
    people = {broker.pk: broker for broker in team_brokers(request.user)}
    brokers = set(people)
    people.update({dream.owner_id: dream.owner for dream in dreams if dream.owner_id not in people})
    by_owner = defaultdict(list)
    for dream in dreams:
        by_owner[dream.owner_id].append(dream)
    rows = []
    for pk, person in sorted(people.items(), key=lambda item: ((item[1].name or item[1].email).lower(), item[0])):
        cases = by_owner[pk]
        rows.append(
            {
                "person": person,
                "dreams": cases,
                "late": sum(dream.is_overdue(today) for dream in cases),
                "still_broker": pk in brokers,
            }
        )
    owners = set(by_owner)
    # The form only helps when someone owns open dreams and another broker can take them (not the case in a team
    # of one broker: then the page says so, and how to get a colleague in, instead of two lists with one name).
    can_hand_over = any(owner != broker for owner in owners for broker in brokers)
    context = {
        "rows": rows,
        "form": form or _reassign_all_form(request.user),
        "today": today,
        "can_hand_over": can_hand_over or form is not None,
        "has_open": bool(owners),
    }
    return render(request, "droomhuis/team/team.html", context, status=status)


@team_lead_required
@require_GET
def team(request):
    """The brokers of the team lead's corporation, each with their open cases; late ones marked."""
    return render_team(request)


def render_team_case(request, dream, *, status=200, assign_form=None):
    form = assign_form or AssignForm(
        initial={"version": dream.version}, brokers=brokers_for(dream.neighbourhood).exclude(pk=dream.owner_id)
    )
    handovers = [
        {"at": event.at, "title": handover_title(event), "reason": event.reason}
        for event in dream.events.filter(kind=EventKind.OWNER).exclude(from_value="").select_related("actor")
    ]
    context = {"dream": dream, "assign_form": form, "handovers": handovers, "late": dream.is_overdue()}
    return render(request, "droomhuis/team/case.html", context, status=status)


@team_lead_required
@require_GET
def team_case(request, reference):
    """One case as the team lead sees it: where it stands and who has it, and the form to hand it over."""
    return render_team_case(request, get_dream_for_team_lead(request.user, reference))


@case_action(
    "assign_form",
    AssignForm,
    lambda dream: {"brokers": brokers_for(dream.neighbourhood)},
    get_case=get_dream_for_team_lead,
    required=team_lead_required,
    render_page=render_team_case,
    done="droomhuis:team_case",
)
def team_case_reassign(request, dream, data):
    services.dream_reassign(
        dream=dream, owner=data["owner"], actor=request.user, expected_version=data["version"], reason=data["reason"]
    )
    return _("De droom is overgedragen aan %(name)s. Die krijgt daar een bericht over.") % {
        "name": data["owner"].name or data["owner"].email
    }


@team_lead_required
@require_POST
def team_reassign_all(request):
    """All open cases of one broker to another, all or none."""
    form = _reassign_all_form(request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.dreams_reassign_all(
                from_owner=data["from_owner"], to_owner=data["to_owner"], actor=request.user, reason=data["reason"]
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s open droom is overgedragen aan %(name)s. Die krijgt daar een bericht over.",
                    "%(count)s open dromen zijn overgedragen aan %(name)s. Die krijgt daar een bericht over.",
                    len(moved),
                )
                % {"count": len(moved), "name": data["to_owner"].name or data["to_owner"].email},
            )
            return redirect("droomhuis:team")
    return render_team(request, status=400, form=form)
