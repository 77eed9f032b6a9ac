"""Version 1 of the open-data API: read-only, anonymous, no personal data."""

from ninja import NinjaAPI

from . import directory, dreams, experiments, necklace, pearls
from .docs import ServerRenderedDocs

api = NinjaAPI(
    title="Wijkportaal open data",
    version="1.0.0",
    description=(
        "Openbare gegevens van Wijkportaal: parels, wijken, thema's, partners, de dromenmuur en de cijfers van "
        "de experimenten. Alleen lezen, zonder account. Geen namen zonder toestemming, geen contactgegevens. / "
        "Public data of Wijkportaal, read-only and anonymous. No names without consent, no contact details."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    docs=ServerRenderedDocs(),
    auth=None,
)
api.add_router("", pearls.router)
api.add_router("", directory.router)
api.add_router("", dreams.router)
api.add_router("", necklace.router)
api.add_router("", experiments.router)
