"""The walk as a PDF, made by the worker and kept in the shared cache until the route or its pearls change.

A walk of 40 stops is 11 pages and took about a second to render (``python -m bench pdfs``), too long for a
request. The first visitor after a change queues it and sees "Wij maken uw PDF" with a "Download de PDF" button
that asks again (no automatic reload: it would disturb screen readers); everyone after gets the stored file at
once. Without a separate worker
(``WIJKPORTAAL_TASKS`` unset) the task runs inside that first request and the PDF comes straight away.

Nothing is kept per visitor: one file per route, language and content version, public like the route page. A
change to the route, its pearls or the site's names bumps the version, so an old PDF (with a pearl that was
taken away, say) is never served again and leaves the cache after ``KEEP_SECONDS``.
"""

import time

from django.core.cache import cache
from django.utils import translation

from wijk.public_cache import PEARLS, ROUTES, SITE, versions

# How long a made PDF stays; and after how long a PDF that was queued but never came counts as lost (a worker
# that stopped), so the next visitor queues it again.
KEEP_SECONDS = 24 * 3600
LOST_AFTER_SECONDS = 10 * 60


def _key(route, language: str) -> str | None:
    """The cache key for this route's PDF now, or None when the cache cannot be read (then: render at once)."""
    current = versions(ROUTES, PEARLS, SITE)
    if "0" in current.split("."):
        return None
    return f"parelketting:walk-pdf:{route.pk}:{language}:v{current}"


def walk_pdf_state(route, language: str) -> tuple[str, bytes | None]:
    """``("ready", pdf)``, ``("making", None)``, ``("failed", None)``, or ``("uncached", None)`` (cache down)."""
    key = _key(route, language)
    if key is None:
        return "uncached", None
    stored = cache.get(key)
    if isinstance(stored, bytes):
        return "ready", stored
    if stored == "failed":
        return "failed", None
    return "making", None


def walk_pdf_request(route, language: str) -> tuple[str, bytes | None]:
    """The state of the route's PDF; queues its making when nobody did yet (or the last try was lost)."""
    from .tasks import walk_pdf_make

    state, pdf = walk_pdf_state(route, language)
    if state == "making" and cache.add(f"{_key(route, language)}:queued", time.time(), LOST_AFTER_SECONDS):
        walk_pdf_make.enqueue(route_pk=route.pk, language=language)
        state, pdf = walk_pdf_state(route, language)  # made already when tasks run at once
    return state, pdf


def walk_pdf_again(route, language: str) -> None:
    """Forget a failure and queue the making once more (the visitor pressed "Probeer het opnieuw")."""
    key = _key(route, language)
    if key is not None and cache.get(key) == "failed":
        cache.delete_many([key, f"{key}:queued"])


def walk_pdf_make(route, language: str) -> bytes:
    """Render the PDF in ``language`` and keep it under the route's current key; a failure is kept too."""
    from .necklace.views import walk_pdf_render

    with translation.override(language):
        key = _key(route, language)
        try:
            pdf = walk_pdf_render(route)
        except Exception:
            if key is not None:
                cache.set(key, "failed", LOST_AFTER_SECONDS)
            raise
        if key is not None:
            cache.set(key, pdf, KEEP_SECONDS)
    return pdf
