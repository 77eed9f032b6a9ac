"""Full links to the site, for places where a relative link means nothing: e-mails, letters, QR plaques and
posters, calendar feeds and the API.

There is one way to make one: ``absolute_url(path)``, from ``settings.SITE_URL`` (the address residents use,
whatever host a request came in on; locally ``http://127.0.0.1:$PORT``). ``short_address(path)`` is the same
link without ``https://``, short enough to type over from paper.
"""

from django.conf import settings


def site_url() -> str:
    """The start of every full link, without a slash at the end: ``https://wijkportaal.example``."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str = "/") -> str:
    """``/parelketting/`` becomes ``https://wijkportaal.example/parelketting/``; a full link stays as it is."""
    if "://" in path:
        return path
    return site_url() + "/" + path.lstrip("/")


def short_address(path: str = "/") -> str:
    """A link to type over from paper: the site's host and ``path``, without ``https://``."""
    return absolute_url(path).split("://", 1)[-1]
