"""What other apps may read from the Parelketting, and (with ``parelketting.moderation`` for the Werkplek's
moderators) the only module they may import (``import-linter``):

- the Droomhuis's matching (``published_personal_pearls``, and ``message_to_pearl``);
- the atelier's experiment metrics (``evidence_counts``: counts only, no people);
- the Werkplek's work waiting for a moderator (``is_moderator``, ``moderation_waiting``), through the
  Parelketting's own scoped querysets, so nobody counts another corporation's items;
- the open-data API's public pearls, routes and activities (``public_pearls``, ``public_routes``,
  ``public_activities`` ...), with the privacy rules of what of them the public sees (``pearl_point``,
  ``pearl_credit`` ...), the same rules as the Parelketting's own map and pages; ``PearlKind`` for its filter.

Keep these signatures stable: other apps rely on them. Nothing here writes, except ``message_to_pearl``: the
pearl's own relay ("Ik doe mee"), which any neighbour may use too, so a dream broker can reach the person behind
a personal pearl without ever seeing their address.
"""

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from wijk.models import Theme
from wijk.services import public_name

from .choices import ActivityStatus, PearlKind, PearlStatus, ReportStatus, SignUpStatus
from .geo import route_length
from .models import Activity, Pearl, Route, RouteStop
from .permissions import can_handle_reports, moderated_activities, moderated_pearls, reports_for_user


def published_personal_pearls(theme_ids=None, neighbourhood=None):
    """Published pearls of people (what neighbours can and want to offer), optionally with one of ``theme_ids``
    and in one ``neighbourhood`` (an instance or pk).

    Returns a queryset; no contact details are in it beyond what the Pearl model holds, and callers must
    show names only through ``wijk.services.public_name``.
    """
    qs = Pearl.objects.published().filter(kind=PearlKind.PERSON).select_related("neighbourhood")
    if neighbourhood is not None:
        qs = qs.filter(neighbourhood=neighbourhood)
    if theme_ids:
        qs = qs.filter(themes__in=list(theme_ids)).distinct()
    return qs.order_by("-published_at", "-pk")


def message_to_pearl(*, pearl, sender, sender_name: str, body: str, reply_how: str):
    """Send a message to the person behind a published personal pearl, through the pearl's relay: by e-mail when
    they have an address (never shown to the sender), else the corporation's moderators pass it on. Runs in the
    caller's transaction; raises ``ValidationError`` when the pearl takes no messages."""
    from .services import pearl_message_send

    return pearl_message_send(pearl=pearl, sender=sender, sender_name=sender_name, body=body, reply_how=reply_how)


def evidence_counts(neighbourhood) -> dict:
    """Monthly counts of pearls submitted and published in ``neighbourhood``, for the atelier's evidence.


    Also the published activities (by the month they take place) and confirmed sign-ups (by the month
    people signed up). Shape: ``{"submitted": {"2026-11": 12, ...}, "published": {...}, "activities": {...},
    "signups": {...}}`` with months as
    "YYYY-MM" strings in ascending order. Callers that show them publicly apply the "<10" rule.
    """
    base = Pearl.objects.filter(neighbourhood=neighbourhood)

    def monthly(qs, field):
        rows = (
            qs.exclude(**{f"{field}__isnull": True})
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}

    from .programme.models import SignUp

    activities = Activity.objects.filter(neighbourhood=neighbourhood, status=ActivityStatus.PUBLISHED)
    signups = SignUp.objects.filter(activity__in=activities, status=SignUpStatus.CONFIRMED)
    return {
        "submitted": monthly(base, "created_at"),
        "published": monthly(base, "published_at"),
        "activities": monthly(activities, "starts_at"),
        "signups": monthly(signups, "created_at"),
    }


# --- the Werkplek: what waits for a moderator ------------------------------------------------------------------
# Querysets, not numbers: the Werkplek counts all of them, from every app, together in one query.


def is_moderator(user) -> bool:
    """A moderator of any corporation, or the superuser: the one who checks pearls, reports and activities."""
    return can_handle_reports(user)


def moderation_waiting(user) -> dict:
    """What waits for ``user``'s check in the neighbourhoods they moderate, as querysets by the Werkplek's key:
    submitted pearls (``pearls``), open reports (``reports``) and proposed activities (``activities``)."""
    return {
        "pearls": moderated_pearls(user).filter(status=PearlStatus.SUBMITTED),
        "reports": reports_for_user(user).filter(status=ReportStatus.OPEN),
        "activities": moderated_activities(user).filter(status=ActivityStatus.PROPOSED),
    }


# --- the open-data API ------------------------------------------------------------------------------------------
# What the public may see, and of it only what the Parelketting's own map and pages show. The API shapes it
# (GeoJSON, links, paging). ``PearlKind`` (imported above) is the API's filter and the type of a pearl's ``kind``.


def _themes_in_order():
    return Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))


def _published_pearls():
    return (
        Pearl.objects.published()
        .select_related("neighbourhood", "meeting_place", "partner")
        .prefetch_related(_themes_in_order())
    )


def _point_in(box, prefix: str = "") -> Q:
    """The point at ``prefix`` (the pearl's own, or ``meeting_place__``) lies inside ``box``."""
    min_lng, min_lat, max_lng, max_lat = box
    bounds = {"lat__gte": min_lat, "lat__lte": max_lat, "lng__gte": min_lng, "lng__lte": max_lng}
    return Q(**{prefix + lookup: value for lookup, value in bounds.items()})


def _drawn_in(box) -> Q:
    """Pearls drawn inside ``box`` (min_lng, min_lat, max_lng, max_lat): a person at their meeting place."""
    own = _point_in(box) & ~Q(kind=PearlKind.PERSON)
    meeting = Q(kind=PearlKind.PERSON, meeting_place__status=PearlStatus.PUBLISHED) & _point_in(box, "meeting_place__")
    return own | meeting


def public_pearls(*, kind="", theme="", neighbourhood="", bbox=None, changed_since=None):
    """Published pearls, newest first, with their neighbourhood, meeting place, partner and themes (in the themes'
    order) in two queries; narrowed, when given, to one ``kind``, a ``theme`` or ``neighbourhood`` slug, the pearls
    drawn inside ``bbox`` (min_lng, min_lat, max_lng, max_lat; see ``pearl_point``), or those changed since
    ``changed_since``."""
    qs = _published_pearls()
    if kind:
        qs = qs.filter(kind=kind)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if neighbourhood:
        qs = qs.filter(neighbourhood__slug=neighbourhood)
    if bbox:
        qs = qs.filter(_drawn_in(bbox))
    if changed_since is not None:
        qs = qs.filter(updated_at__gte=changed_since)
    return qs.order_by("-published_at", "-pk")


def public_pearl(uid):
    """One published pearl, as in ``public_pearls``, with its submitter for ``pearl_credit``; ``None`` if there is
    no published pearl with this uid."""
    return _published_pearls().select_related("submitter").filter(uid=uid).first()


def pearl_point(pearl) -> tuple[float, float] | None:
    """Where a pearl may be drawn, as (lng, lat): a person never at an own point, only at a published meeting
    place; ``None`` when there is no such point."""
    if pearl.kind == PearlKind.PERSON:
        place = pearl.meeting_place
        if place is None or place.status != PearlStatus.PUBLISHED or place.lat is None or place.lng is None:
            return None
        return float(place.lng), float(place.lat)
    if pearl.lat is None or pearl.lng is None:
        return None
    return float(pearl.lng), float(pearl.lat)


def pearl_thumbnail_shown(pearl) -> bool:
    """A pearl's photo may be shown in lists: it has one, and it is not a person's (their consent is per pearl)."""
    return bool(pearl.thumbnail) and pearl.kind != PearlKind.PERSON


def pearl_credit(pearl) -> tuple[str, str | None]:
    """Who the public sees behind a pearl from ``public_pearl``: ``(public name, partner slug)``. A partner's
    offer names its partner and no person; any other pearl the resident's first name or alias, only with their
    consent (``wijk.services.public_name``: it asks the consent, so it costs queries: not for lists)."""
    if pearl.kind == PearlKind.PARTNER_OFFER:
        return "", pearl.partner.slug if pearl.partner else None
    return public_name(pearl.submitter), None


def is_public(pearl) -> bool:
    """Anyone may see this pearl (it is published): an activity's place or a route's stop is named, linked and
    drawn only then."""
    return pearl is not None and pearl.status == PearlStatus.PUBLISHED


def public_routes():
    """Published routes by title, each with ``public_stops``: its published stops that have a point, in the
    walk's order (one query for all routes' stops)."""
    stops = (
        RouteStop.objects.filter(
            pearl__status=PearlStatus.PUBLISHED, pearl__lat__isnull=False, pearl__lng__isnull=False
        )
        .select_related("pearl")
        .order_by("position", "pk")
    )
    return (
        Route.objects.published()
        .select_related("neighbourhood")
        .prefetch_related(Prefetch("stops", queryset=stops, to_attr="public_stops"))
        .order_by("title", "slug")
    )


def route_walk(route):
    """The walk along a route from ``public_routes``: ``(stops, points, length)``, the points as (lat, lng) per
    stop and the length as ``parelketting.geo.route_length`` gives it (``metres``, ``minutes``, ``legs``: per
    stop the walk to it, ``None`` for the first)."""
    stops = route.public_stops
    points = [(float(stop.pearl.lat), float(stop.pearl.lng)) for stop in stops]
    return stops, points, route_length(points)


def public_activities():
    """Published and cancelled activities (never a proposal), the soonest first, with place, neighbourhood,
    partner organiser, themes in order and ``confirmed_count``; ``.upcoming()`` keeps those not yet ended."""
    confirmed = Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED))
    return (
        Activity.objects.filter(status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED])
        .select_related("place", "neighbourhood", "organiser_partner")
        .prefetch_related(_themes_in_order())
        .annotate(confirmed_count=confirmed)
        .order_by("starts_at", "pk")
    )


def public_activity(uid):
    """One activity from ``public_activities`` (ended ones too) with ``public_talents``: its published talent
    pearls by title; ``None`` if there is none with this uid."""
    talents = Prefetch("talent_pearls", queryset=Pearl.objects.published().order_by("title"), to_attr="public_talents")
    return public_activities().prefetch_related(talents).filter(uid=uid).first()


def public_examples() -> dict:
    """One public item of each kind, for the API's example links: the newest pearl's uid, the first route's
    slug and the latest activity's uid (not a proposal); ``None`` where there is none."""
    return {
        "pearl": Pearl.objects.published().order_by("-published_at", "-pk").values_list("uid", flat=True).first(),
        "route": Route.objects.published().order_by("title", "slug").values_list("slug", flat=True).first(),
        "activity": Activity.objects.exclude(status=ActivityStatus.PROPOSED)
        .order_by("-starts_at")
        .values_list("uid", flat=True)
        .first(),
    }
