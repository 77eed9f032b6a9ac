"""The broker's workspace: the queue, one page per case, and assisted intake (the forms on the case page
are in ``broker_actions``).

Only users with a broker role get in (others: login or 403); a case outside the broker's
corporation is a 404. Each view of a case's contact details writes an access-log row.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wijk.choices import EXPLICIT_CATEGORIES, DataCategory, Purpose
from wijk.models import AccessAction, ConsentRecord, Theme
from wijk.public_cache import PEARLS, versioned_key

from .. import conf, services
from ..audit import case_log
from ..care.models import Referral
from ..care.views.case import care_context, care_prefetches, care_shared
from ..decorators import broker_required
from ..forms import (
    AssignForm,
    AssistedIntakeForm,
    ContactAttemptForm,
    NoteForm,
    OutcomeForm,
    PlanForm,
    QueueFilterForm,
    ResidentUpdateForm,
    TransitionForm,
)
from ..matches import matching
from ..matches.views.case import match_context, match_prefetch
from ..models import ContactAttempt, Dream, DreamEvent, Note, ResidentUpdate, reference_normalise
from ..permissions import (
    broker_neighbourhoods,
    brokers_for,
    dreams_for_broker,
    get_dream_for_broker,
    intake_residents,
    likely_duplicates,
    resident_search,
)
from ..workflow import OPEN, DreamStatus
from .case_data import cached_many, timeline, use_choices


def _filtered(request, qs, form, view):
    today = timezone.localdate()
    if view == "new":
        qs = qs.filter(status=DreamStatus.NEW).order_by("created_at")
    elif view == "mine":
        qs = qs.owned_by(request.user).order_by("next_action_date", "created_at")
    elif view == "overdue":
        qs = qs.overdue(today).order_by("next_action_date", "created_at")
    else:
        qs = qs.order_by("-created_at")
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["theme"]:
            qs = qs.filter(themes=data["theme"])
        if data["neighbourhood"]:
            qs = qs.filter(neighbourhood=data["neighbourhood"])
        now = timezone.now()
        if data["age"] == "week":
            qs = qs.filter(created_at__gte=now - timedelta(days=7))
        elif data["age"] == "month":
            qs = qs.filter(created_at__lt=now - timedelta(days=7), created_at__gte=now - timedelta(days=30))
        elif data["age"] == "older":
            qs = qs.filter(created_at__lt=now - timedelta(days=30))
        if data["q"]:
            term = data["q"].strip()
            qs = qs.filter(
                Q(reference=reference_normalise(term))
                | Q(text__icontains=term)
                | Q(resident__first_name__icontains=term)
                | Q(resident__alias__icontains=term)
                | Q(resident__display_name__icontains=term)
            )
    return qs


@broker_required
def queue(request):
    """New dreams, my cases, overdue cases or all, with filters and search as plain GET forms."""
    view = request.GET.get("view") or "new"
    if view not in ("new", "mine", "overdue", "all"):
        view = "new"
    base = dreams_for_broker(request.user)
    today = timezone.localdate()
    counts = base.aggregate(
        new=Count("pk", filter=Q(status=DreamStatus.NEW)),
        mine=Count("pk", filter=Q(status__in=OPEN, owner=request.user)),
        overdue=Count(
            "pk",
            filter=Q(status__in=OPEN)
            & (Q(next_action_date__lt=today) | Q(first_contact_at__isnull=True, first_contact_due__lt=today)),
        ),
    )
    neighbourhoods = broker_neighbourhoods(request.user)
    form = QueueFilterForm(request.GET or None, neighbourhoods=neighbourhoods)
    # The theme list for the filter from the cache (validating a chosen theme still asks the database).
    use_choices(form, "theme", cached_many({"themes": lambda: list(Theme.objects.all())})["themes"])
    qs = _filtered(request, base, form, view).for_list()
    page = Paginator(qs, conf.queue_page_size()).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    # The overdue list also shows the owner's referrals that a partner has not acknowledged in time.
    late_referrals = (
        list(
            Referral.objects.unacknowledged_since(today)
            .filter(dream__owner=request.user)
            .for_list()
            .order_by("acknowledge_due")[:50]
        )
        if view == "overdue"
        else []
    )
    return render(
        request,
        "droomhuis/broker/queue.html",
        {
            "view": view,
            "counts": counts,
            "form": form,
            "page": page,
            "today": today,
            "querystring": params.urlencode(),
            "late_referrals": late_referrals,
            "filtered": form.is_valid()
            and any(form.cleaned_data.get(k) for k in ("q", "status", "theme", "neighbourhood", "age")),
        },
    )


def _consent_given(dream, category, purpose, recipient) -> Exists:
    """Whether the resident has an active consent ``wijk.services.consent_check`` looks for.

    The recipient is the corporation or the public, so no data-sharing agreement applies.
    """
    qs = ConsentRecord.objects.filter(resident=dream.resident_id).covering(
        category=category, purpose=purpose, recipient=recipient
    )
    if category in EXPLICIT_CATEGORIES:
        qs = qs.filter(explicit=True)
    return Exists(qs.active())


def _case_context(request, dream, **forms):
    """Everything the case page shows. ``forms`` replaces a fresh form with a bound one after an error.

    The page reads each of its lists with one query and the lists that many cases share (themes, brokers,
    partners) with one cache read, so its query count does not grow with the case.
    """
    user = request.user
    # ``dream`` came from ``get_dream_for_broker``: the user may handle it, so owning it is enough here.
    is_owner = dream.owner_id == user.pk
    neighbourhood = dream.neighbourhood
    corporation = neighbourhood.corporation
    prefetch_related_objects(
        [dream],
        "themes",
        Prefetch("events", DreamEvent.objects.select_related("actor").order_by("-at", "-pk"), to_attr="history"),
        Prefetch("contact_attempts", ContactAttempt.objects.select_related("by"), to_attr="attempt_list"),
        Prefetch("notes", Note.objects.visible_to(user, dream).select_related("author"), to_attr="note_list"),
        Prefetch("updates", ResidentUpdate.objects.select_related("author"), to_attr="update_list"),
        match_prefetch(),
        *(care_prefetches() if is_owner else []),
    )
    consent = (
        Dream.objects.filter(pk=dream.pk)
        .values(
            contact=_consent_given(dream, DataCategory.CONTACT, Purpose.CONTACT, corporation),
            wall=_consent_given(dream, DataCategory.DREAM, Purpose.DREAM_WALL, None),
        )
        .get()
    )
    themes = list(dream.themes.all())
    pearls_key = versioned_key("pearls", PEARLS)
    suggestions = f"{neighbourhood.pk}:{corporation.pk}:" + ",".join(
        str(t.pk) for t in sorted(themes, key=lambda t: t.pk)
    )
    shared = cached_many(
        {
            # Only what the page shows: no password hashes or other account data in the shared cache.
            f"brokers:{neighbourhood.pk}": lambda: list(brokers_for(neighbourhood).only("id", "name", "email")),
            "themes": lambda: list(Theme.objects.all()),
            f"partners:{suggestions}": lambda: matching.partner_suggestions(dream),
            # Pearls change with every moderation: this one entry follows the pearls' version too.
            f"{pearls_key}:{suggestions}": lambda: matching.pearl_suggestions(dream),
            **(care_shared(corporation) if is_owner else {}),
        }
    )
    brokers = [b for b in shared[f"brokers:{neighbourhood.pk}"] if b.pk != dream.owner_id]
    initial = {"version": dream.version}
    context_forms = {
        "transition_form": TransitionForm(initial=initial, dream=dream),
        "assign_form": AssignForm(initial=initial, brokers=brokers_for(neighbourhood).exclude(pk=dream.owner_id)),
        "plan_form": PlanForm(
            initial={
                **initial,
                "next_action_date": dream.next_action_date,
                "next_action": dream.next_action,
                "themes": themes,
            }
        ),
        "contact_form": ContactAttemptForm(),
        "note_form": NoteForm(),
        "update_form": ResidentUpdateForm(),
        "outcome_form": OutcomeForm(
            initial={
                **initial,
                "outcome": dream.outcome,
                "story": dream.story,
                "propose_for_wall": dream.wall_status in ("proposed", "approved"),
            }
        ),
    }
    use_choices(context_forms["assign_form"], "owner", brokers)
    use_choices(context_forms["plan_form"], "themes", shared["themes"])
    context_forms.update(forms)
    pearls = shared[f"{pearls_key}:{suggestions}"]
    return {
        "dream": dream,
        "resident": dream.resident,
        "today": timezone.localdate(),
        "contact_consent": consent["contact"],
        "wall_consent": consent["wall"],
        "events": dream.history,
        "attempts": dream.attempt_list,
        "notes": dream.note_list,
        "updates": dream.update_list,
        "timeline": timeline(
            dream.history,
            dream.attempt_list,
            dream.note_list,
            dream.update_list,
            partner_steps=[(r, step) for r in getattr(dream, "referral_list", ()) for step in r.partner_steps],
        ),
        "partners": shared[f"partners:{suggestions}"],
        "pearls": pearls,
        "pearls_available": pearls is not None,
        "has_other_brokers": bool(brokers),
        "is_owner": is_owner,
        **context_forms,
        **care_context(dream, forms, is_owner=is_owner, shared=shared),
        **match_context(
            owner=is_owner,
            matches=dream.match_list,
            partners=shared[f"partners:{suggestions}"],
            pearls=pearls,
            referrals=getattr(dream, "referral_list", ()),
            forms=forms,
        ),
    }


def render_case(request, dream, *, status=200, **forms):
    """Render the case page and log the view; contact details are only shown (and logged) with consent."""
    context = _case_context(request, dream, **forms)
    detail = "droom met contactgegevens" if context["contact_consent"] else "droom zonder contactgegevens"
    if context["show_care"]:
        detail += f"; {len(context['signals'])} signalen; {len(context['referrals'])} aanmeldingen"
    case_log(request.user, dream, dream, detail, action=AccessAction.VIEW)
    return render(request, "droomhuis/broker/case.html", context, status=status)


@broker_required
def case(request, reference):
    dream = get_dream_for_broker(request.user, reference)
    return render_case(request, dream)


@broker_required
def case_photo(request, reference):
    dream = get_dream_for_broker(request.user, reference)
    if not dream.photo:
        raise Http404("No photo.")
    return FileResponse(dream.photo.open("rb"))


INTAKE_SAVED_TEXT = {
    True: gettext_lazy("De droom is ingevoerd en is nu van u. Geef de bewoner de volgcode: %(code)s."),
    False: gettext_lazy("De droom is ingevoerd en staat bij de nieuwe dromen. Geef de bewoner de volgcode: %(code)s."),
}


def _resident_initial(resident) -> dict:
    """The chosen resident's contact details, filled in so the broker only changes what is new."""
    if resident is None:
        return {}
    return {
        "first_name": resident.first_name,
        "alias": resident.alias,
        "contact_preference": resident.contact_preference,
        "phone": resident.phone,
        "email": resident.email,
        "postal_address": resident.postal_address,
        "contact_notes": resident.contact_notes,
        "neighbourhood": resident.neighbourhood_id,
        "resident": resident.uid,
    }


def _chosen_resident(residents, uid):
    """The resident chosen by ``uid`` among ``residents``; ``None`` for no choice, 404 for someone else's."""
    if not uid:
        return None
    try:
        resident = residents.select_related("neighbourhood").filter(uid=uid).first()
    except ValidationError:
        resident = None
    if resident is None:
        raise Http404("No such resident.")
    return resident


@broker_required
@require_http_methods(["GET", "POST"])
def intake(request):
    """Type in a dream from paper, a phone call or a visit, on the resident's behalf.

    First look the resident up (name, phone, e-mail or postcode, within the broker's own corporation) and
    choose them, so no second record is made; a new resident with the phone number or e-mail address of an
    existing one gets a warning before anything is saved.
    """
    neighbourhoods = broker_neighbourhoods(request.user)
    residents = intake_residents(request.user)
    chosen = request.POST.get("resident") if request.method == "POST" else request.GET.get("bewoner")
    resident = _chosen_resident(residents, chosen)
    term = (request.GET.get("zoek") or "").strip()[:100]
    found = list(resident_search(residents, term)) if term and resident is None else []
    duplicates = []
    initial = _resident_initial(resident)
    if request.method == "POST":
        form = AssistedIntakeForm(request.POST, request.FILES, initial=initial, residents=residents)
        form.fields["neighbourhood"].queryset = neighbourhoods
        if form.is_valid() and resident is None and not request.POST.get("nieuwe_bewoner"):
            duplicates = list(
                likely_duplicates(residents, phone=form.cleaned_data["phone"], email=form.cleaned_data["email"])
            )
        if form.is_valid() and not duplicates:
            kwargs = form.service_kwargs()
            dream = services.dream_take_in(broker=request.user, **kwargs)
            theirs = kwargs["channel"] in services.CONVERSATION_CHANNELS
            messages.success(request, INTAKE_SAVED_TEXT[theirs] % {"code": dream.reference_display})
            return redirect("droomhuis:case", reference=dream.reference)
    else:
        form = AssistedIntakeForm(initial=initial, residents=residents)
        form.fields["neighbourhood"].queryset = neighbourhoods
    return render(
        request,
        "droomhuis/broker/intake.html",
        {
            "form": form,
            "resident": resident,
            "term": term,
            "found": found,
            "duplicates": duplicates,
            "contact_text": services.consent_text_for(services.CONSENT_CONTACT_KEY),
            "wall_text": services.consent_text_for(services.CONSENT_WALL_KEY),
        },
    )
