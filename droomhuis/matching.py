"""Who could help with a dream: partners whose themes fit, those active in the dream's neighbourhood first.

Personal pearls come from ``parelketting.public.published_personal_pearls`` when that read function exists.
"""

from django.db.models import Count, Exists, OuterRef, Q

from wijk.models import Organisation


def partner_suggestions(dream, limit: int = 10):
    """Partners working with the dream's corporation that share a theme with the dream."""
    theme_ids = [t.pk for t in dream.themes.all()]
    if not theme_ids:
        return []
    local = Organisation.neighbourhoods.through.objects.filter(
        organisation_id=OuterRef("pk"), neighbourhood_id=dream.neighbourhood_id
    )
    return list(
        Organisation.objects.partners()
        .filter(works_with=dream.neighbourhood.corporation_id, themes__in=theme_ids)
        .annotate(fit=Count("themes", filter=Q(themes__in=theme_ids), distinct=True), local=Exists(local))
        .order_by("-local", "-fit", "name")
        .prefetch_related("themes")[:limit]
    )


def pearl_suggestions(dream, limit: int = 10):
    """Published personal pearls that fit the dream's themes, or ``None`` when the pearls app offers none."""
    try:
        from parelketting.public import published_personal_pearls
    except ImportError:
        return None
    theme_ids = [t.pk for t in dream.themes.all()]
    if not theme_ids:
        return []
    pearls = list(published_personal_pearls(theme_ids=theme_ids)[: limit * 3])
    pearls.sort(key=lambda pearl: pearl.neighbourhood_id != dream.neighbourhood_id)
    return pearls[:limit]
