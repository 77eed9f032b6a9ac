"""The pop-up programme: the programme page, one activity, signing up, proposals, calendars, the story."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.antispam import rate_limit_hit
from lib.photos import photo_response, photo_variant_open
from wijk.models import Organisation, Theme
from wijk.permissions import active_roles
from wijk.services import public_name

from ... import limits
from ... import permissions as perms
from ...choices import ActivityStatus, PearlKind, SignUpStatus
from ...models import Pearl
from ..forms import ActivityProposalForm, AnonymousSignUpForm, OnBehalfSignUpForm, ProgrammeFilterForm, StoryForm
from ..ical import activities_ical, ics_response, programme_ical
from ..models import Activity, ActivityPhoto, activity_links
from ..services import (
    activity_propose,
    activity_story_write,
    signup_cancel,
    signup_create,
    signup_create_anonymous,
)

# Four weeks fit a phone's scroll and a resident's plans; the weeks after are one link away.
PROGRAMME_WEEKS = 4
# The reference codes this browser just got: only then does the status page say "thank you" and show the code box.
SESSION_SIGNED_UP = "parelketting_signed_up"
PAST_STORIES = 5


# What a card in the programme shows (``programme.html``): each of up to a hundred cards loads only these.
PROGRAMME_CARD_FIELDS = ("uid", "title", "starts_at", "ends_at", "capacity", "status", "place_text", "place__title")
STORY_CARD_FIELDS = ("uid", "title", "starts_at", "story", "place_text", "place__title")


def _programme_activities(theme=None):
    """Published and cancelled activities that have not ended, in time order (``theme``: with that theme)."""
    qs = Activity.objects.filter(status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED]).upcoming()
    if theme is not None:
        qs = qs.filter(themes=theme)
    return qs.order_by("starts_at", "pk")


def _programme_queryset(theme=None):
    counts = Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED))
    themes = Theme.objects.order_by("position", "name").only("name", "name_en", "name_tr", "name_ar")
    return (
        _programme_activities(theme)
        .select_related("place")
        .only(*PROGRAMME_CARD_FIELDS)
        .prefetch_related(Prefetch("themes", queryset=themes, to_attr="theme_list"))
        .annotate(confirmed_count=counts)
    )


@require_GET
def programme(request):
    """Four weeks at a time from this week (``?vanaf=`` a later week), a filter per theme; a complete list, no map
    needed. Below it, the way on: the week of the next activity after these four weeks."""
    form = ProgrammeFilterForm(request.GET or None)
    form.is_valid()  # each field that is fine is used; a wrong one is left out
    choice = getattr(form, "cleaned_data", {})
    theme = choice.get("thema")
    now = timezone.now()
    today = timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    first_week = _week_from(choice.get("vanaf"), this_week)
    horizon = first_week + timedelta(weeks=PROGRAMME_WEEKS)
    activities = list(_programme_queryset(theme).filter(starts_at__date__gte=first_week, starts_at__date__lt=horizon))
    weeks = []
    link = activity_links()
    days = {}
    for activity in activities:
        activity.link = link(activity.uid)
        begins, ends = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
        start = begins.date()
        # "zaterdag 12 december, 14:00–16:00", as the template's date:"l j F" and time:"H:i" wrote it: the
        # day's name in the reader's language once per day, the times as plain digits (the filters were
        # most of the page's rendering time).
        if start not in days:
            days[start] = date_format(begins, "l j F")
        activity.when = f"{days[start]}, {begins:%H:%M}–{ends:%H:%M}"
        monday = start - timedelta(days=start.weekday())
        if not weeks or weeks[-1]["monday"] != monday:
            weeks.append({"monday": monday, "this_week": monday == this_week, "activities": []})
        activity.free_places = max(activity.capacity - activity.confirmed_count, 0)
        weeks[-1]["activities"].append(activity)
    later = (
        _programme_activities(theme).filter(starts_at__date__gte=horizon).values_list("starts_at", flat=True).first()
    )
    next_week = None
    if later is not None:
        later_day = timezone.localdate(later)
        next_week = later_day - timedelta(days=later_day.weekday())
    stories = list(
        Activity.objects.published()
        .filter(ends_at__lt=now)
        .exclude(story="")
        .select_related("place")
        .only(*STORY_CARD_FIELDS)
        .order_by("-starts_at", "-pk")[:PAST_STORIES]
    )
    for activity in stories:
        activity.link = link(activity.uid)
    return render(
        request,
        "parelketting/programme.html",
        {
            "form": form,
            "weeks": weeks,
            "stories": stories,
            "theme": theme,
            "now": now,
            "later": first_week != this_week,
            "next_week": next_week,
            "can_propose": request.user.is_authenticated and perms.proposable_neighbourhoods(request.user).exists(),
        },
    )


def _week_from(day, this_week):
    """The Monday of ``day``'s week; this week for no day, a day in the past or more than a year ahead."""
    if day is None:
        return this_week
    monday = day - timedelta(days=day.weekday())
    if monday < this_week or monday > this_week + timedelta(days=366):
        return this_week
    return monday


ARCHIVE_PAGE = 30


@require_GET
def programme_archive(request):
    """What has been: published activities that ended, newest first, 30 to a page, with their story."""
    past = (
        Activity.objects.published()
        .filter(ends_at__lt=timezone.now())
        .select_related("place")
        .only("uid", "title", "starts_at", "ends_at", "place__title", "place_text", "story", "status")
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(past, ARCHIVE_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "parelketting/programme_archive.html", {"page": page})


def _attendee_names(activity, staff: bool = False) -> dict:
    """Who comes and who waits, in order. Organisers see names only as far as consent allows; the
    corporation's staff (who phone people and sign them up) see the name given and how to reach them."""
    signups = list(
        activity.signups.exclude(status=SignUpStatus.CANCELLED)
        .select_related("resident__user")
        .order_by("created_at", "pk")
    )
    someone = _("een buurtbewoner")

    def entry(signup):
        if not staff:
            return public_name(signup.resident) or someone
        resident = signup.resident
        return {
            "name": resident.display_name or resident.first_name or someone,
            "phone": resident.phone,
            "email": resident.email or (resident.user.email if resident.user_id else ""),
            "letter": resident.contact_preference == "letter",
            "without_account": resident.user_id is None,
            "reference": signup.reference_display,
        }

    confirmed = [entry(s) for s in signups if s.status == SignUpStatus.CONFIRMED]
    waiting = [entry(s) for s in signups if s.status == SignUpStatus.WAITING]
    return {"confirmed": confirmed, "waiting": waiting, "staff": staff}


@require_GET
def activity_detail(request, uid):
    activity = perms.get_activity_for_user(request.user, uid)
    return _activity_page(request, activity)


@require_GET
def activity_mood_image(request, uid):
    """The activity's mood image, to whoever may see the activity (``?w=480`` a smaller copy)."""
    activity = perms.get_activity_for_user(request.user, uid)
    if not activity.mood_image:
        raise Http404
    return photo_response(activity.mood_image, request, public=activity.status == ActivityStatus.PUBLISHED)


def _activity_page(request, activity, signup_form=None, status=200):
    """The activity page; ``signup_form`` is the sign-up without an account, bound after a failed try."""
    resident = perms.resident_for_user(request.user)
    confirmed = activity.signups.filter(status=SignUpStatus.CONFIRMED).count()
    own = None
    if resident is not None:
        own = activity.signups.exclude(status=SignUpStatus.CANCELLED).filter(resident=resident).first()
    is_open = activity.status == ActivityStatus.PUBLISHED and activity.ends_at >= timezone.now()
    can_see_attendees = perms.can_see_attendees(request.user, activity)
    context = {
        "activity": activity,
        "themes": list(activity.themes.order_by("position", "name")),
        "talents": list(activity.talent_pearls.published().order_by("title")),
        "photos": list(activity.photos.all()),
        "free_places": max(activity.capacity - confirmed, 0),
        "own_signup": own,
        "is_open": is_open,
        "is_past": activity.starts_at < timezone.now(),
        "can_sign_up": is_open and resident is not None and resident.neighbourhood_id == activity.neighbourhood_id,
        "other_neighbourhood": resident is not None and resident.neighbourhood_id != activity.neighbourhood_id,
        "needs_neighbourhood": request.user.is_authenticated and resident is None and not active_roles(request.user),
        "can_sign_up_on_behalf": is_open and perms.can_sign_up_on_behalf(request.user, activity),
        "can_write_story": perms.can_write_story(request.user, activity)
        and activity.status == ActivityStatus.PUBLISHED
        and activity.starts_at < timezone.now(),
        "attendees": _attendee_names(activity, staff=perms.can_sign_up_on_behalf(request.user, activity))
        if can_see_attendees
        else None,
        "organiser_name": _organiser_name(activity),
    }
    if is_open and not request.user.is_authenticated:
        context["signup_form"] = signup_form or AnonymousSignUpForm()
    context["summary_form"] = signup_form  # after a failed try: the errors at the top, also when it just closed
    return render(request, "parelketting/activity.html", context, status=status)


def _organiser_name(activity) -> str:
    if activity.organiser_partner_id:
        return activity.organiser_partner.name
    return public_name(activity.organiser_resident) or _("een buurtbewoner")


@require_POST
def activity_signup(request, uid):
    """One click: a logged-in resident signs up (or joins the waiting list). Without an account: the form on
    the activity page (a name and the one contact question), then the page with the reference code."""
    activity = perms.get_activity_for_user(request.user, uid)
    if not request.user.is_authenticated:
        return _activity_signup_anonymous(request, activity)
    resident = perms.resident_for_user(request.user)
    if resident is None:
        raise Http404
    if rate_limit_hit(request, "pk-signup", limits.SIGNUPS_PER_HOUR):
        messages.error(request, _("U heeft zich al heel vaak aangemeld. Probeer het over een uur nog eens."))
        return redirect(activity.get_absolute_url())
    try:
        signup = signup_create(activity=activity, resident=resident)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if signup.status == SignUpStatus.CONFIRMED:
            messages.success(request, _("U bent aangemeld. Tot dan!"))
        else:
            messages.success(
                request, _("Het is vol. U staat op de wachtlijst. Komt er een plaats vrij? Dan krijgt u die.")
            )
    return redirect(activity.get_absolute_url())


def _activity_signup_anonymous(request, activity):
    form = AnonymousSignUpForm(request.POST)
    if not form.is_valid():
        return _activity_page(request, activity, signup_form=form)
    if rate_limit_hit(request, "pk-signup", limits.SIGNUPS_PER_HOUR):
        form.add_error(
            None, _("Er zijn vanaf hier al heel veel aanmeldingen gedaan. Probeer het over een uur nog eens.")
        )
        return _activity_page(request, activity, signup_form=form, status=429)
    try:
        signup = signup_create_anonymous(activity=activity, language=get_language() or "nl", **form.service_kwargs())
    except ValidationError as error:
        form.add_error(None, error)
        return _activity_page(request, activity, signup_form=form)
    request.session[SESSION_SIGNED_UP] = [*request.session.get(SESSION_SIGNED_UP, []), signup.reference][-20:]
    return redirect("parelketting:signup_status", code=signup.reference)


@login_required
@require_POST
def activity_signup_cancel(request, uid):
    """Cancel one's own sign-up; the first on the waiting list moves up at once."""
    activity = perms.get_activity_for_user(request.user, uid)
    resident = perms.resident_for_user(request.user)
    signup = None
    if resident is not None:
        signup = activity.signups.exclude(status=SignUpStatus.CANCELLED).filter(resident=resident).first()
    if signup is None:
        raise Http404
    signup_cancel(signup=signup, by=request.user)
    messages.success(request, _("U bent afgemeld. Fijn dat u het liet weten."))
    return redirect(activity.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def activity_signup_on_behalf(request, uid):
    """Staff sign up a resident who phoned or came by; the channel and the staff member are recorded."""
    activity = perms.get_activity_for_user(request.user, uid)
    if not perms.can_sign_up_on_behalf(request.user, activity):
        raise PermissionDenied
    form = OnBehalfSignUpForm(request.POST or None, neighbourhood=activity.neighbourhood)
    if request.method == "POST" and form.is_valid():
        try:
            signup = signup_create(
                activity=activity,
                resident=form.cleaned_data["resident"],
                by=request.user,
                channel=form.cleaned_data["channel"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if signup.status == SignUpStatus.CONFIRMED:
                messages.success(request, _("De bewoner is aangemeld."))
            else:
                messages.success(request, _("Het is vol. De bewoner staat op de wachtlijst."))
            return redirect(activity.get_absolute_url())
    return render(request, "parelketting/activity_on_behalf.html", {"activity": activity, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def activity_propose_view(request):
    """Residents and partners propose an activity; it appears after a moderator publishes it."""
    neighbourhoods = perms.proposable_neighbourhoods(request.user)
    if not neighbourhoods.exists():
        raise PermissionDenied
    partners = Organisation.objects.filter(pk__in=perms.partner_ids(request.user)).order_by("name")
    form = ActivityProposalForm(request.POST or None, neighbourhoods=neighbourhoods, partners=partners)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(request, "pk-propose", limits.PROPOSALS_PER_HOUR):
            form.add_error(None, _("U heeft al veel voorstellen gedaan. Probeer het over een uur nog eens."))
            return render(request, "parelketting/activity_propose.html", context, status=429)
        data = form.cleaned_data
        partner = data.get("organiser_partner")
        resident = None if partner else perms.resident_for_user(request.user)
        try:
            activity = activity_propose(
                title=data["title"],
                description=data["description"],
                neighbourhood=data["neighbourhood"],
                place=data.get("place"),
                place_text=data.get("place_text") or "",
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
                themes=data["themes"],
                talent_pearls=data["talent_pearls"],
                organiser_resident=resident,
                organiser_partner=partner,
                proposed_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Dank u wel! Een medewerker kijkt naar uw voorstel. Daarna staat het in het programma.")
            )
            return redirect(activity.get_absolute_url())
    return render(request, "parelketting/activity_propose.html", context)


@require_GET
def programme_ics(request):
    """Published upcoming activities (and cancelled ones, marked so), for a phone calendar to subscribe to."""
    return ics_response(
        request,
        key="programme",
        build=lambda: programme_ical(name=_("Programma Parelketting")),
        filename="programma.ics",
    )


@require_GET
def activity_ics(request, uid):
    activity = perms.get_activity_for_user(request.user, uid)
    if activity.status == ActivityStatus.PROPOSED:
        raise Http404
    return ics_response(
        request,
        key=f"activity:{activity.uid}",
        build=lambda: activities_ical([activity], name=activity.title),
        filename=f"activiteit-{activity.uid}.ics",
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_story(request, uid):
    """Organisers and moderators write how it went, with photos, after the activity."""
    activity = perms.get_activity_for_user(request.user, uid)
    if not perms.can_write_story(request.user, activity):
        raise Http404
    form = StoryForm(request.POST or None, request.FILES or None, initial={"story": activity.story})
    if request.method == "POST" and form.is_valid():
        photos = []
        if form.processed_photo is not None:
            photos.append((form.processed_photo, form.cleaned_data["photo_description"]))
        try:
            activity_story_write(activity=activity, story=form.cleaned_data["story"], photos=photos, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u wel! Het verhaal staat bij de activiteit."))
            return redirect(activity.get_absolute_url())
    return render(request, "parelketting/activity_story.html", {"activity": activity, "form": form})


@require_GET
def activity_photo(request, uid, photo_uid, size="full"):
    activity = perms.get_activity_for_user(request.user, uid)
    photo = get_object_or_404(ActivityPhoto, activity=activity, uid=photo_uid)
    field = photo.thumbnail if size == "thumb" else photo.photo
    # ``?w=480``: a smaller copy for ``srcset`` (the original when that copy does not exist).
    response = FileResponse(photo_variant_open(field, request.GET.get("w")), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def talent_activities(pearl: Pearl) -> list:
    """Upcoming published activities where the person behind a personal pearl offers their talent."""
    if pearl.kind != PearlKind.PERSON:
        return []
    return list(pearl.activities_offered.published().upcoming().order_by("starts_at")[:10])
