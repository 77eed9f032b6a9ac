"""Response shapes of the open-data API. Only public fields exist here: no name, contact detail, note or signal."""

import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator

from parelketting.selectors import PearlKind

SmallCount = int | Literal["<10"]


class Error(Schema):
    detail: Any = Field(description="Wat er mis is / what went wrong.")


class Page(Schema):
    count: int = Field(description="Aantal resultaten in totaal / total number of results.")
    limit: int
    offset: int
    next: str | None = Field(description="Volgende pagina (volledige URL) / next page.")
    previous: str | None = Field(description="Vorige pagina / previous page.")


class Point(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[lengtegraad, breedtegraad] (WGS84)")


class PearlProperties(Schema):
    kind: PearlKind
    title: str
    story: str
    themes: list[str] = Field(description="Codes (slugs) van de thema's / theme slugs.")
    neighbourhood: str = Field(description="Code (slug) van de wijk / neighbourhood slug.")
    url: str = Field(description="De pagina voor mensen / the human page.")
    thumbnail: str | None = Field(description="Kleine foto, alleen als die openbaar mag / public thumbnail or null.")
    published: datetime.datetime | None
    changed: datetime.datetime


class PearlDetailProperties(PearlProperties):
    public_name: str = Field(
        description="Voornaam of bijnaam, alleen met toestemming van de bewoner; anders leeg / "
        "first name or alias only with the resident's consent, else empty."
    )
    partner: str | None = Field(description="Code van de partner bij een aanbod van een partner / partner slug.")


class PearlFeature(Schema):
    type: Literal["Feature"]
    id: UUID
    geometry: Point | None
    properties: PearlProperties


class PearlDetailFeature(Schema):
    type: Literal["Feature"]
    id: UUID
    geometry: Point | None
    properties: PearlDetailProperties


class PearlCollection(Page):
    type: Literal["FeatureCollection"]
    features: list[PearlFeature]


def in_utc(moment: datetime.datetime) -> datetime.datetime:
    """A moment in UTC, a naive one read as UTC. Past the calendar's ends in UTC (year 1 at +05:00, year 9999 at
    -05:00) it becomes the first or last moment there is: "changed since" then means everything or nothing."""
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=datetime.UTC)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        edge = datetime.datetime.min if moment.year == datetime.MINYEAR else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


# In UTC before it reaches the database: PostgreSQL refuses offsets beyond ±15:59 (found by fuzzing).
UtcDateTime = Annotated[datetime.datetime, AfterValidator(in_utc)]


class PearlFilters(Schema):
    kind: PearlKind | None = Field(None, description="place, person of/or partner_offer")
    theme: str | None = Field(None, max_length=40, description="Code van een thema / theme slug.")
    neighbourhood: str | None = Field(None, max_length=80, description="Code van een wijk / neighbourhood slug.")
    bbox: str | None = Field(
        None,
        max_length=200,
        description="minLng,minLat,maxLng,maxLat (WGS84); alleen parels met een punt daarbinnen / "
        "only pearls with a point inside.",
        examples=["4.40,51.81,4.42,51.82"],
    )
    changed_since: UtcDateTime | None = Field(
        None,
        description="ISO 8601 (zonder tijdzone: UTC); alleen parels die sindsdien veranderden / "
        "changed since (ISO 8601, UTC without an offset).",
    )


class Theme(Schema):
    slug: str
    name: str
    name_en: str
    description: str


class ThemePage(Page):
    results: list[Theme]


class Neighbourhood(Schema):
    slug: str
    name: str
    municipality: str
    corporation: str = Field(description="Naam van de woningcorporatie / housing corporation.")
    centre: Point
    zoom: int
    cbs_code: str = Field(description="CBS-buurtcode, of leeg / Statistics Netherlands code or empty.")


class NeighbourhoodPage(Page):
    results: list[Neighbourhood]


class Partner(Schema):
    slug: str
    name: str
    partner_type: str
    description: str
    website: str
    themes: list[str]
    neighbourhoods: list[str]


class PartnerPage(Page):
    results: list[Partner]


class WallStory(Schema):
    id: str = Field(description="Vaste, niet te raden code / stable opaque id.")
    outcome: str = Field(description="Wat er gelukt is / what came true.")
    story: str
    neighbourhood: str
    themes: list[str]
    realised: str | None = Field(description="Maand waarin de droom uitkwam (JJJJ-MM) / month realised (YYYY-MM).")
    url: str


class WallStoryPage(Page):
    results: list[WallStory]


class Experiment(Schema):
    slug: str
    name: str
    guiding_question: str
    summary: str
    corporation: str
    neighbourhood: str
    live_part: str
    url: str
    evidence: str = Field(description="De cijfers van dit experiment / this experiment's figures (API URL).")


class ExperimentPage(Page):
    results: list[Experiment]


class EvidenceValue(Schema):
    month: str = Field(description="JJJJ-MM / YYYY-MM")
    count: SmallCount = Field(description='Aantal; 1 tot en met 9 staat er als "<10" / count, 1-9 given as "<10".')


class EvidenceSeries(Schema):
    key: str
    label: str
    values: list[EvidenceValue]


class ExperimentEvidence(Schema):
    experiment: Experiment
    available: bool = Field(description="Geeft het onderdeel al cijfers? / does the live part give figures yet?")
    series: list[EvidenceSeries]


class LineString(Schema):
    type: Literal["LineString"]
    coordinates: list[list[float]] = Field(description="[[lengtegraad, breedtegraad], ...] (WGS84)")


class RouteStop(Schema):
    number: int = Field(description="Volgorde op de wandeling, vanaf 1 / order on the walk, from 1.")
    pearl: UUID
    title: str
    note: str = Field(description="Tip bij deze stop / tip for this stop.")
    geometry: Point
    url: str
    walk_metres: int | None = Field(description="Meters lopen vanaf de vorige stop / metres from previous stop.")


class Route(Schema):
    slug: str
    title: str
    description: str
    neighbourhood: str
    url: str
    gpx: str
    metres: int = Field(description="Lengte in meters (rechte lijnen) / length in metres (straight lines).")
    minutes: int
    geometry: LineString | None
    stops: list[RouteStop]
    changed: datetime.datetime


class RoutePage(Page):
    results: list[Route]


class ActivityPlace(Schema):
    pearl: UUID | None = Field(description="De parel van de plek, als die er is / the place pearl, if any.")
    name: str
    geometry: Point | None


class Activity(Schema):
    id: UUID
    title: str
    description: str
    status: Literal["published", "cancelled"] = Field(description="published, of/or cancelled (gaat niet door)")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    neighbourhood: str
    place: ActivityPlace
    organiser_partner: str | None = Field(
        description="Code van de partner die het organiseert; bewoners worden niet genoemd / partner slug; "
        "residents are never named."
    )
    themes: list[str]
    capacity: int
    free_places: int
    url: str
    calendar: str = Field(description="iCalendar-bestand / iCalendar file.")


class ActivityDetail(Activity):
    talents: list[UUID] = Field(description="Geplaatste parels van mensen die iets laten zien / person pearls.")


class ActivityPage(Page):
    results: list[Activity]


class ActivityFilters(Schema):
    neighbourhood: str | None = Field(None, max_length=80, description="Code van een wijk / neighbourhood slug.")
    theme: str | None = Field(None, max_length=40, description="Code van een thema / theme slug.")
