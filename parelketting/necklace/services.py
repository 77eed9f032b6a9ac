"""Writes for the necklace: residents' suggestions, moderators' decisions, and short codes for plaques."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..choices import PearlKind, PearlStatus, RouteStatus, SuggestionStatus
from ..models import Pearl
from .models import Route, RouteStop, RouteSuggestion
from .plaques import new_short_code


def route_suggestion_submit(*, route: Route, pearl: Pearl, reason: str, by) -> RouteSuggestion:
    """A resident proposes a published place pearl for a necklace; it waits for a moderator."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Schrijf kort waarom deze parel erbij hoort."), code="reason_required")
    if route.status != RouteStatus.PUBLISHED:
        raise ValidationError(_("Deze ketting kunt u nog niet aanvullen."), code="route_not_published")
    if (
        pearl.kind != PearlKind.PLACE
        or pearl.status != PearlStatus.PUBLISHED
        or pearl.lat is None
        or pearl.neighbourhood_id != route.neighbourhood_id
    ):
        raise ValidationError(_("Kies een plek uit de lijst."), code="pearl_invalid")
    if route.stops.filter(pearl=pearl).exists():
        raise ValidationError(_("Deze parel hoort al bij de ketting."), code="already_on_route")
    with transaction.atomic():
        return RouteSuggestion.objects.create(route=route, pearl=pearl, reason=reason, suggested_by=by)


def route_suggestion_decide(*, suggestion: RouteSuggestion, accept: bool, by) -> RouteSuggestion:
    """Accept (the pearl becomes the last stop) or decline a suggestion. Decided once only."""
    with transaction.atomic():
        suggestion = RouteSuggestion.objects.select_for_update().select_related("pearl").get(pk=suggestion.pk)
        if suggestion.status != SuggestionStatus.SUBMITTED:
            raise ValidationError(_("Over dit voorstel is al besloten."), code="already_decided")
        if accept:
            route = Route.objects.select_for_update().get(pk=suggestion.route_id)
            if not route.stops.filter(pearl_id=suggestion.pearl_id).exists():
                last = route.stops.aggregate(last=Max("position"))["last"] or 0
                RouteStop.objects.create(route=route, pearl=suggestion.pearl, position=last + 1)
        suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED
        suggestion.decided_by = by
        suggestion.save(update_fields=["status", "decided_by"])
    return suggestion


def pearl_short_code_ensure(*, pearl: Pearl) -> str:
    """Give a place pearl a random short code for its plaque, once; the code then never changes."""
    if pearl.short_code:
        return pearl.short_code
    for _attempt in range(5):
        try:
            with transaction.atomic():
                updated = Pearl.objects.filter(pk=pearl.pk, short_code__isnull=True).update(short_code=new_short_code())
        except IntegrityError:
            continue  # the random code was taken: draw another
        pearl.short_code = Pearl.objects.values_list("short_code", flat=True).get(pk=pearl.pk)
        if updated or pearl.short_code:
            return pearl.short_code
    raise RuntimeError("no free short code")
