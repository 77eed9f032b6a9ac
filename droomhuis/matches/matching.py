"""Who could help with a dream: partners and neighbours' personal pearls of the dream's own corporation and
neighbourhood, whose themes fit the dream's.

The wall is in the query, never in the page: a partner is suggested only when it works with the dream's
corporation and is active in the dream's neighbourhood (or lists no neighbourhood: then it works in all of the
corporation's); a pearl only when it is in the dream's neighbourhood. Personal pearls come from
``parelketting.selectors.published_personal_pearls`` when that read function exists.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery

from wijk.models import Organisation


def theme_ids_of(dream) -> list[int]:
    return sorted(t.pk for t in dream.themes.all())


def partners_for(dream):
    """Every partner of the dream's corporation that works in the dream's neighbourhood: the only ones a broker
    may record a match with."""
    through = Organisation.neighbourhoods.through
    local = through.objects.filter(organisation_id=OuterRef("pk"), neighbourhood_id=dream.neighbourhood_id)
    anywhere = ~Exists(through.objects.filter(organisation_id=OuterRef("pk")))
    works_with = Organisation.works_with.through.objects.filter(
        from_organisation_id=OuterRef("pk"), to_organisation_id=dream.neighbourhood.corporation_id
    )
    return Organisation.objects.partners().filter(Exists(works_with)).filter(Q(Exists(local)) | anywhere)


def partner_suggestions(dream, limit: int = 10):
    """Partners of ``partners_for`` that share a theme with the dream; those active in the neighbourhood first."""
    theme_ids = theme_ids_of(dream)
    if not theme_ids:
        return []
    themes = Organisation.themes.through.objects.filter(organisation_id=OuterRef("pk"), theme_id__in=theme_ids)
    fit = themes.values("organisation_id").annotate(n=Count("pk")).values("n")
    local = Organisation.neighbourhoods.through.objects.filter(
        organisation_id=OuterRef("pk"), neighbourhood_id=dream.neighbourhood_id
    )
    return list(
        partners_for(dream)
        .filter(Exists(themes))
        .annotate(fit=Subquery(fit, output_field=IntegerField()), local=Exists(local))
        .order_by("-local", "-fit", "name")
        .prefetch_related("themes")[:limit]
    )


def pearls_for(dream):
    """Published personal pearls in the dream's neighbourhood, or ``None`` when the pearls app offers none."""
    try:
        from parelketting.selectors import published_personal_pearls
    except ImportError:
        return None
    return published_personal_pearls(neighbourhood=dream.neighbourhood_id)


def pearl_suggestions(dream, limit: int = 10):
    """Published personal pearls in the dream's neighbourhood that fit its themes (``None``: no pearls app)."""
    pearls = pearls_for(dream)
    if pearls is None:
        return None
    theme_ids = theme_ids_of(dream)
    if not theme_ids:
        return []
    return list(pearls.filter(themes__in=theme_ids).distinct()[:limit])
