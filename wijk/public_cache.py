"""A shared cache for anonymous visits to public pages, cleared the moment public content changes.

Rendering a page costs far more than fetching it from the cache, and most visitors are anonymous. A
page is served from the cache only when all of this holds: the visitor has no session (so is certainly
not logged in and has no pending messages), the request is a GET or HEAD, the view is listed in
``settings.PUBLIC_PAGE_CACHE`` (view name -> seconds), and the page, when it was rendered, set no cookie
(a page with a CSRF token or a message sets one, so it is never stored).

Every save or delete of a model in the portal's own apps bumps one "content version" kept in the same
cache; the version is part of every key, so a moderator's change is visible at the next request, on
every app server. The access log is left out: reading a file must not clear the public pages.

A second, slower "reference version" changes only with the records many staff pages share and that change
rarely (organisations, neighbourhoods, themes, roles, accounts, consent texts, atelier teams). Lists built
from those alone are keyed on it, so a broker's note does not empty them for every case page.
"""

import contextvars
import logging
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)
VERSION_KEY = "wijk:public-content-version"
CONTENT_APPS = {"wijk", "parelketting", "droomhuis", "atelier"}
NOT_CONTENT = {"wijk.AccessLogEntry"}
REFERENCE_VERSION_KEY = "wijk:reference-version"
REFERENCE_MODELS = {
    "wijk.Organisation", "wijk.Neighbourhood", "wijk.Theme", "wijk.Role", "wijk.User", "wijk.ConsentText",
    "droomhuis.ConfidentialityStatement",
}  # fmt: skip
REFERENCE_APPS = {"atelier"}
_CARRIED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "Last-Modified", "ETag")
# The version read once per request (set by the middleware), so several cached parts of one page cost one
# cache read. A change in this request forgets it at once; a change elsewhere shows at the next request.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("wijk_content_version", default=None)


def _fresh_version() -> int:
    """A random start, not 1: after the shared cache is emptied, no old key (in ``local_pages``) comes back."""
    return secrets.randbelow(2**31) + 1


def _version(key: str, memo_name: str) -> int:
    memo = _request_memo.get()
    if memo is not None and memo_name in memo:
        return memo[memo_name]
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_version(), None)
        version = cache.get(key) or 1
    if memo is not None:
        memo[memo_name] = version
    return version


def content_version() -> int:
    """Changes with every save in the portal's apps: for public pages and anything showing live content."""
    return _version(VERSION_KEY, "version")


def reference_version() -> int:
    """Changes only with the shared, rarely changed records in ``REFERENCE_MODELS`` and ``REFERENCE_APPS``."""
    return _version(REFERENCE_VERSION_KEY, "reference")


def _is_reference(meta) -> bool:
    return meta is not None and (meta.app_label in REFERENCE_APPS or meta.label in REFERENCE_MODELS)


def content_changed(**kwargs) -> None:
    """Signal receiver: a public page may show this record, so every cached page is now stale.

    The version is bumped at once and again when the transaction commits: a page that another request
    rendered from the old data in between is then not served either. A cache that cannot be reached
    never breaks a write.
    """
    if kwargs.get("raw"):
        return
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is None and kwargs.get("instance") is not None:
        meta = kwargs["instance"]._meta
    if meta is None or meta.app_label not in CONTENT_APPS or meta.label in NOT_CONTENT:
        return
    instance = kwargs.get("instance")
    # For a many-to-many change the sender is the link table; the instance tells whose list changed.
    reference = _is_reference(meta) or _is_reference(getattr(instance, "_meta", None))
    _bump(reference)
    transaction.on_commit(lambda: _bump(reference))


def _bump(reference: bool = False) -> None:
    memo = _request_memo.get()
    keys = [(VERSION_KEY, "version")] + ([(REFERENCE_VERSION_KEY, "reference")] if reference else [])
    for key, memo_name in keys:
        if memo is not None:
            memo.pop(memo_name, None)
        try:
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, _fresh_version(), None)
        except Exception:  # noqa: BLE001 - the cache is an optimisation; the write has already committed
            logger.warning("Could not clear the public page cache", exc_info=True)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"wijk-public-cache-{signal!r}")


class _LocalPages:
    """A small copy of recently served pages inside this worker process, in front of the shared cache.

    The shared cache costs a round trip plus unpickling the whole page on every hit; for a large page (the
    programme with 200 activities is about 100 KB) that halved the requests per second. Keys carry the
    content version, so an entry here is never stale: after a change the key is different. Bounded by size.
    """

    def __init__(self, max_bytes: int = 16 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.entries.get(key)
            if item is None:
                return None
            expires, entry = item
            if expires < time.monotonic():
                del self.entries[key]
                self.size -= len(entry[2])
                return None
            self.entries.move_to_end(key)
            return entry

    def set(self, key, entry, seconds: int) -> None:
        """Keep ``entry`` for at most ``seconds`` (pages such as the programme also change with the clock)."""
        size = len(entry[2])
        if size > self.max_bytes // 8:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (time.monotonic() + seconds, entry)
            self.size += size
            while self.size > self.max_bytes and self.entries:
                _, (_, old) = self.entries.popitem(last=False)
                self.size -= len(old[2])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


local_pages = _LocalPages()
LOCAL_SECONDS = 60


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = getattr(settings, "PUBLIC_PAGE_CACHE", {})

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        timeout = self._timeout(request)
        if timeout is None:
            return self.get_response(request)
        key = self._key(request)
        stored = local_pages.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                local_pages.set(key, stored, min(timeout, LOCAL_SECONDS))
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            headers = [(n, response[n]) for n in _CARRIED_HEADERS if n in response]
            headers += [
                (n, v)
                for n, v in response.items()
                if n.startswith(("Content-Security-Policy", "X-", "Referrer", "Permissions", "Cross-Origin"))
            ]
            stored = (response.status_code, headers, response.content)
            cache.set(key, stored, timeout)
            local_pages.set(key, stored, min(timeout, LOCAL_SECONDS))
            response["X-Page-Cache"] = "miss"
        return response

    def _timeout(self, request):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return self.pages.get(match.view_name)

    @staticmethod
    def _key(request) -> str:
        cookies = request.COOKIES
        parts = (
            request.get_full_path(),
            cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
            cookies.get("wijk_tekst", ""),
            cookies.get("wijk_contrast", ""),
            str(content_version()),
        )
        return "wijk:page:" + "|".join(parts)

    @staticmethod
    def _storable(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
