"""Public experiments and their live evidence from ``atelier.selectors``: counts from 1 to 9 are "<10"."""

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from ninja import Router

from atelier.selectors import experiment_evidence, public_experiments
from lib.links import absolute_url

from . import schemas
from .paging import Limit, Offset, paginate

router = Router(tags=["experimenten / experiments"])

ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


def _experiment(experiment) -> dict:
    return {
        "slug": experiment.slug,
        "name": experiment.name,
        "guiding_question": experiment.guiding_question,
        "summary": experiment.summary,
        "corporation": experiment.corporation.name,
        "neighbourhood": experiment.neighbourhood.slug,
        "live_part": experiment.live_part,
        "url": absolute_url(reverse("atelier:experiment", kwargs={"slug": experiment.slug})),
        "evidence": absolute_url(reverse("api-v1:experiment_detail", kwargs={"slug": experiment.slug})),
    }


def public_count(cell) -> int | str:
    """The figure as the public may see it: 1 up to the threshold is the text "<10", other counts a number."""
    return cell.text if cell.suppressed else int(cell.text)


@router.get(
    "/experiments",
    response={200: schemas.ExperimentPage, **ERRORS},
    summary="Experimenten / experiments",
    description="De openbare experimenten; de cijfers staan bij elk experiment. / Public experiments.",
)
def experiment_list(request, limit: int = Limit, offset: int = Offset):
    rows, page = paginate(request, public_experiments(), limit, offset)
    return {**page, "results": [_experiment(experiment) for experiment in rows]}


@router.get(
    "/experiments/{slug}",
    response={200: schemas.ExperimentEvidence, **ERRORS},
    url_name="experiment_detail",
    summary="Cijfers van één experiment / one experiment's figures",
    description='Per maand, per reeks. Aantallen van 1 tot en met 9 staan er als "<10". / '
    'Monthly counts per series; counts from 1 to 9 are given as "<10".',
)
def experiment_detail(request, slug: str):
    experiment = public_experiments().filter(slug=slug).first()
    if experiment is None:
        raise Http404
    with translation.override("nl"):  # Dutch labels for every caller, so one answer (and ETag) per URL
        evidence = experiment_evidence(experiment)
    return {
        "experiment": _experiment(experiment),
        "available": evidence.available,
        "series": [
            {
                "key": series.key,
                "label": str(series.label),
                "values": [
                    {"month": cell.month.strftime("%Y-%m"), "count": public_count(cell)} for cell in series.cells
                ],
            }
            for series in evidence.series
        ],
    }
