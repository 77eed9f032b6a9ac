"""Neighbourhoods, themes and the partner directory: organisations only, never people or agreements."""

from django.db.models import Prefetch
from django.http import Http404
from ninja import Router

from wijk.models import Neighbourhood, Organisation, Theme

from . import schemas
from .paging import Limit, Offset, paginate

router = Router(tags=["wijken, thema's, partners / neighbourhoods, themes, partners"])

ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


def _neighbourhood(hood) -> dict:
    return {
        "slug": hood.slug,
        "name": hood.name,
        "municipality": hood.municipality,
        "corporation": hood.corporation.name,
        "centre": {"type": "Point", "coordinates": [float(hood.centre_lng), float(hood.centre_lat)]},
        "zoom": hood.zoom,
        "cbs_code": hood.cbs_code,
    }


def _neighbourhoods():
    return Neighbourhood.objects.select_related("corporation").order_by("name", "slug")


@router.get(
    "/neighbourhoods",
    response={200: schemas.NeighbourhoodPage, **ERRORS},
    summary="Wijken / neighbourhoods",
    description="De wijken met hun corporatie en het midden van de kaart. / Neighbourhoods with map centre.",
)
def neighbourhood_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, _neighbourhoods(), limit, offset)
    return {**page, "results": [_neighbourhood(hood) for hood in rows]}


@router.get(
    "/neighbourhoods/{slug}",
    response={200: schemas.Neighbourhood, **ERRORS},
    summary="Eén wijk / one neighbourhood",
)
def neighbourhood_detail(request, slug: str):
    hood = _neighbourhoods().filter(slug=slug).first()
    if hood is None:
        raise Http404
    return _neighbourhood(hood)


def _theme(theme) -> dict:
    return {"slug": theme.slug, "name": theme.name, "name_en": theme.name_en, "description": theme.description}


@router.get(
    "/themes",
    response={200: schemas.ThemePage, **ERRORS},
    summary="Thema's / themes",
    description="De thema's van parels, dromen, activiteiten en partners. / Shared theme vocabulary.",
)
def theme_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, Theme.objects.order_by("position", "name", "slug"), limit, offset)
    return {**page, "results": [_theme(theme) for theme in rows]}


def _partners():
    return (
        Organisation.objects.partners()
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name")),
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.order_by("name")),
        )
        .order_by("name", "slug")
    )


def _partner(org) -> dict:
    return {
        "slug": org.slug,
        "name": org.name,
        "partner_type": org.partner_type,
        "description": org.description,
        "website": org.website,
        "themes": [theme.slug for theme in org.themes.all()],
        "neighbourhoods": [hood.slug for hood in org.neighbourhoods.all()],
    }


@router.get(
    "/partners",
    response={200: schemas.PartnerPage, **ERRORS},
    summary="Partners in de wijk / partner directory",
    description="Organisaties die meedoen (geen personen, geen afspraken over gegevens). / "
    "Partner organisations (no people, no data-sharing agreements).",
)
def partner_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, _partners(), limit, offset)
    return {**page, "results": [_partner(org) for org in rows]}


@router.get("/partners/{slug}", response={200: schemas.Partner, **ERRORS}, summary="Eén partner / one partner")
def partner_detail(request, slug: str):
    org = _partners().filter(slug=slug).first()
    if org is None:
        raise Http404
    return _partner(org)
