"""A shared cache for public pages and lists, kept per kind of content and cleared only by that content.

**Kinds.** Each kind of content (``site``, ``pearls``, ``routes``, ``programme``, ``dream_wall``,
``atelier``, ``evidence``, ``staff_lists``) has its own version number in the shared cache. A cached page,
feed or list names the kinds it shows; its key carries their versions, so when one of them changes the
key changes on every app server at the next request, and the other kinds' pages stay warm.

**What bumps a kind.** Each app whose records public pages show says, per model, which kinds a change to it
reaches, in its own ``cache_kinds.py`` (``MODELS = {"Pearl": shows(PEARLS, ROUTES, ...)}``), found through the
app registry; a test fails for a model of such an app without a decision. Apps without that module (Django's
own, allauth, the worker) reach no kind. Saves and deletes (signals), many-to-many changes
(``m2m_changed``) and ``QuerySet.update()`` / ``bulk_create`` / ``bulk_update`` (through ``ContentQuerySet``,
the base of those models' querysets) all bump the kinds of their model. A decision can name fields that do
not show (``ignore_fields``, e.g. ``User.last_login``) or the only fields that do (``only_fields``), so a
login, a case note or a dream's lock counter clears nothing public. Logins, sessions, the access log and
staff-only records bump nothing.

**Pages.** ``settings.PUBLIC_PAGE_CACHE`` maps a view name to ``{"seconds": 600, "kinds": ["pearls"]}``
(a bare number of seconds means "every public kind", the safe choice for a page whose kinds are not worked
out yet). A page is served from the cache only when the visitor has no session cookie, the request is a
GET or HEAD, and the page, when it was rendered, set no cookie (a page with a CSRF token or a message sets
one, so it is never stored). Other cached things use ``versioned_key("name", PEARLS, ...)``.

**Open data.** An entry with ``"open_data": True`` (the GeoJSON) is the same for every visitor and shows no
page frame: it is served to signed-in visitors too, its key ignores the display cookies, and its kinds are
only the ones it names. ``"variant"`` names a function ``(request) -> str`` that says which copy a request
gets (the GeoJSON: its filters, so an unknown query parameter makes no new copy). When the answer is stored,
a gzip copy is made beside it (once per change, a fast level); visitors whose ``Accept-Encoding`` accepts
gzip get that copy (``Content-Encoding: gzip``, its own ETag), others the plain bytes; both say
``Vary: Accept-Encoding``.

**Failure.** Every read and write goes through Django's cache, which for Redis ignores a server that cannot
be reached (``lib.cache``): versions then read as 0 and nothing is stored, so pages render uncached.
"""

import contextvars
import gzip
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import quote_etag
from django.utils.module_loading import import_string, module_has_submodule

logger = logging.getLogger(__name__)

SITE = "site"  # organisations, neighbourhoods, themes: the frame of every public page
PEARLS = "pearls"  # the map, the list, pearl pages, the GeoJSON
ROUTES = "routes"  # the necklace routes
PROGRAMME = "programme"  # the programme, activity pages, the calendar feeds
DREAM_WALL = "dream_wall"  # realised dreams shown with consent
ATELIER = "atelier"  # the atelier's public pages
EVIDENCE = "evidence"  # live figures from the portal on experiment pages
STAFF_LISTS = "staff_lists"  # lists many staff pages share: brokers, partners, themes, texts, atelier menu
PUBLIC_KINDS = (SITE, PEARLS, ROUTES, PROGRAMME, DREAM_WALL, ATELIER)
ALL_KINDS = (*PUBLIC_KINDS, EVIDENCE, STAFF_LISTS)
_CARRIED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "Cache-Control",
    "Last-Modified",
    "ETag",
    "Access-Control-Allow-Origin",
)
# One of zlib's fast levels, paid once per change: the GeoJSON of 10,000 pearls (3.3 MB) becomes 475 KB in about
# 12 ms on a quiet core (level 1: 526 KB in the same time; level 6, Django's GZipMiddleware's: 426 KB in 34 ms).
GZIP_LEVEL = 3
# Versions read once per request (set by the middleware), so several cached parts of one page cost one
# cache read. A change in this request forgets them at once; a change elsewhere shows at the next request.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("wijk_kind_versions", default=None)


@dataclass(frozen=True)
class Shows:
    """What a change to one model reaches: ``kinds``, unless only ``ignore_fields`` changed, or (when
    ``only_fields`` is given) none of them did. Unknown changed fields (a plain ``save()``) reach all kinds.
    ``on_create``: what a new row reaches, for a model whose new rows are never public yet (a dream)."""

    kinds: frozenset
    ignore_fields: frozenset = frozenset()
    only_fields: frozenset | None = None
    on_create: frozenset | None = None

    def reached(self, fields, created: bool = False) -> frozenset:
        if created and self.on_create is not None:
            return self.on_create
        if fields is None:
            return self.kinds
        fields = set(fields)
        if fields and fields <= self.ignore_fields:
            return frozenset()
        if self.only_fields is not None and not fields & self.only_fields:
            return frozenset()
        return self.kinds


def shows(*kinds: str, ignore_fields=(), only_fields=None, on_create=None) -> Shows:
    """A model's entry in an app's ``cache_kinds.MODELS``; ``shows()`` with no kinds: nothing public."""
    unknown = (set(kinds) | set(on_create or ())) - set(ALL_KINDS)
    if unknown:
        raise ValueError(f"Unknown cache kinds: {sorted(unknown)}")
    return Shows(
        frozenset(kinds),
        frozenset(ignore_fields),
        None if only_fields is None else frozenset(only_fields),
        None if on_create is None else frozenset(on_create),
    )


@lru_cache(maxsize=1)
def content_apps() -> frozenset[str]:
    """The labels of the apps whose records public pages and shared lists show: those with a ``cache_kinds``
    module. Changes in other apps (Django's own, allauth, the worker's bookkeeping) reach no kind."""
    return frozenset(
        config.label for config in apps.get_app_configs() if module_has_submodule(config.module, "cache_kinds")
    )


@lru_cache(maxsize=1)
def declarations() -> dict[str, Shows]:
    """Every app's ``cache_kinds.MODELS``, keyed ``"app_label.Model"``."""
    found = {}
    for config in apps.get_app_configs():
        if config.label in content_apps():
            module = import_module(f"{config.name}.cache_kinds")
            found.update({f"{config.label}.{name}": entry for name, entry in module.MODELS.items()})
    return found


def is_history_model(model) -> bool:
    """simple_history's copies: written with every save of the real model, which already bumped."""
    return hasattr(model, "instance_type")


def kinds_reached(model, fields=None, created: bool = False) -> frozenset:
    """The kinds a change to ``model`` (of ``fields``, when known) reaches. A content model without a
    decision reaches every kind (and a test fails): better a cold page than a stale one."""
    meta = model._meta
    if meta.app_label not in content_apps() or is_history_model(model) or meta.auto_created:
        return frozenset()
    entry = declarations().get(meta.label)
    if entry is None:
        return frozenset(ALL_KINDS)
    return entry.reached(fields, created)


def _fresh_version() -> int:
    """A random start, not 1: after the shared cache is emptied, no old key (in ``local_pages``) comes back."""
    return secrets.randbelow(2**31) + 1


def _version_key(kind: str) -> str:
    return f"wijk:kind-version:{kind}"


def versions(*kinds: str) -> str:
    """The current versions of ``kinds`` as one string, e.g. ``"812734.99120"`` (one cache read per request)."""
    memo = _request_memo.get()
    wanted = [kind for kind in kinds if memo is None or kind not in memo]
    if wanted:
        found = cache.get_many([_version_key(kind) for kind in wanted])
        read = {}
        for kind in wanted:
            value = found.get(_version_key(kind))
            if value is None:
                cache.add(_version_key(kind), _fresh_version(), None)
                value = cache.get(_version_key(kind)) or 0  # 0: the cache is unreachable
            read[kind] = value
        if memo is None:
            return ".".join(str(read[kind]) for kind in kinds)
        memo.update(read)
    return ".".join(str(memo[kind]) for kind in kinds)


def versioned_key(name: str, *kinds: str) -> str:
    """A cache key for ``name`` that changes whenever one of ``kinds`` changes."""
    return f"{name}:v{versions(*kinds)}"


def kinds_bump(kinds) -> None:
    """Mark ``kinds`` as changed, now and again when the transaction commits: a page that another request
    rendered from the old data in between is then not served either. A failing cache never breaks a write."""
    kinds = frozenset(kinds)
    if not kinds:
        return
    _bump(kinds)
    transaction.on_commit(lambda: _bump(kinds))


def _bump(kinds) -> None:
    memo = _request_memo.get()
    for kind in kinds:
        if memo is not None:
            memo.pop(kind, None)
        key = _version_key(kind)
        try:
            try:
                bumped = cache.incr(key)
            except ValueError:
                bumped = cache.add(key, _fresh_version(), None)
            if bumped is None:
                logger.warning("The cache could not be reached to mark %s as changed.", kind)
        except Exception:  # noqa: BLE001 - the cache is an optimisation; the write itself goes on
            logger.warning("Could not mark %s as changed in the cache", kind, exc_info=True)


def content_changed(sender, **kwargs) -> None:
    """Signal receiver for saves, deletes and many-to-many changes of every model."""
    if kwargs.get("raw"):
        return
    if "action" in kwargs:  # m2m_changed: the sender is the link table; the instance's list changed
        if not kwargs["action"].startswith("post_"):
            return
        kinds = kinds_reached(type(kwargs["instance"]))
    else:
        kinds = kinds_reached(sender, kwargs.get("update_fields"), kwargs.get("created", False))
    kinds_bump(kinds)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"wijk-public-cache-{signal!r}")


class ContentQuerySet(models.QuerySet):
    """The queryset of every model that public pages show: bulk writes bump their kinds like saves do."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            kinds_bump(kinds_reached(self.model, kwargs.keys()))
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            kinds_bump(kinds_reached(self.model))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if count:
            kinds_bump(kinds_reached(self.model, fields))
        return count


class _LocalPages:
    """A small copy of recently served pages inside this worker process, in front of the shared cache.

    The shared cache costs a round trip plus unpickling the whole page on every hit; for a large page (the
    programme with 200 activities is about 100 KB) that halved the requests per second, and for the GeoJSON
    (3 MB with its gzip copy) it was most of the work. Keys carry the kinds' versions, so an entry here is
    never stale: after a change the key is different. Bounded by size; one entry may take a quarter.
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
                self.size -= _entry_size(entry)
                return None
            self.entries.move_to_end(key)
            return entry

    def set(self, key, entry, seconds: int) -> None:
        """Keep ``entry`` for at most ``seconds`` (pages such as the programme also change with the clock)."""
        size = _entry_size(entry)
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (time.monotonic() + seconds, entry)
            self.size += size
            while self.size > self.max_bytes and self.entries:
                _, (_, old) = self.entries.popitem(last=False)
                self.size -= _entry_size(old)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


def _entry_size(entry) -> int:
    """The bytes of a stored answer: ``(status, headers, content)``, with ``(etag, gzip bytes)`` for open data."""
    gzipped = entry[3] if len(entry) > 3 else None
    return len(entry[2]) + (len(gzipped[1]) if gzipped else 0)


local_pages = _LocalPages()
LOCAL_SECONDS = 60


# Every page shows the site's frame: names and themes, and a menu whose atelier link depends on the atelier.
FRAME_KINDS = (SITE, ATELIER)


@dataclass(frozen=True)
class PageSettings:
    seconds: int
    kinds: tuple[str, ...]
    open_data: bool = False
    variant: Callable | None = None


def page_settings(value) -> PageSettings:
    """One ``PUBLIC_PAGE_CACHE`` entry; a bare number means every public kind."""
    if isinstance(value, int):
        return PageSettings(value, PUBLIC_KINDS)
    open_data = bool(value.get("open_data", False))
    kinds = tuple(dict.fromkeys((*(() if open_data else FRAME_KINDS), *value["kinds"])))
    shows(*kinds)  # refuses an unknown kind
    variant = import_string(value["variant"]) if value.get("variant") else None
    return PageSettings(int(value["seconds"]), kinds, open_data, variant)


def gzip_copy(content: bytes) -> tuple[str, bytes]:
    """``(etag, gzip bytes)`` of ``content``: the same bytes for the same content (no time in the header), so
    the ETag is a strong one of its own, apart from the plain body's."""
    compressed = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    return quote_etag(hashlib.md5(compressed, usedforsecurity=False).hexdigest()), compressed


def accepts_gzip(request) -> bool:
    """The test Django's GZipMiddleware makes of ``Accept-Encoding``."""
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = {name: page_settings(value) for name, value in getattr(settings, "PUBLIC_PAGE_CACHE", {}).items()}

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        page = self._page(request)
        if page is None:
            return self.get_response(request)
        current = versions(*page.kinds)
        # A version could not be read (the cache is down): render, and keep nothing in this process
        # either, since a change made meanwhile could not be marked.
        cacheable = "0" not in current.split(".")
        if cacheable:
            key = self._key(request, current, page)
            stored = local_pages.get(key)
            if stored is None:
                stored = cache.get(key)
                if stored is not None:
                    local_pages.set(key, stored, min(page.seconds, LOCAL_SECONDS))
            if stored is not None:
                return self._answer(request, stored, "hit")
        response = self.get_response(request)
        if not self._storable(response) or not (cacheable or page.open_data):
            return response
        if page.open_data:
            patch_vary_headers(response, ("Accept-Encoding",))
        headers = [(n, response[n]) for n in _CARRIED_HEADERS if n in response]
        headers += [
            (n, v)
            for n, v in response.items()
            if n.startswith(("Content-Security-Policy", "X-", "Referrer", "Permissions", "Cross-Origin"))
        ]
        stored = (response.status_code, headers, response.content)
        if page.open_data:
            stored = (*stored, gzip_copy(response.content))
        if not cacheable:
            return self._answer(request, stored, None)  # open data, uncached: still the visitor's encoding
        cache.set(key, stored, page.seconds)
        local_pages.set(key, stored, min(page.seconds, LOCAL_SECONDS))
        if page.open_data:
            return self._answer(request, stored, "miss")
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _answer(request, stored, label: str | None) -> HttpResponse:
        """A response from a stored answer; for open data the gzip copy when the visitor accepts gzip."""
        status, headers, content, *rest = stored
        gzipped = rest[0] if rest else None
        encoded = gzipped is not None and accepts_gzip(request)
        body = gzipped[1] if encoded else content
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(body))  # sent as it is, not in chunks
        if encoded:
            response["ETag"] = gzipped[0]
            response["Content-Encoding"] = "gzip"
        if label:
            response["X-Page-Cache"] = label
        return response

    def _page(self, request) -> PageSettings | None:
        if request.method not in ("GET", "HEAD"):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        page = self.pages.get(match.view_name)
        if page is None or (settings.SESSION_COOKIE_NAME in request.COOKIES and not page.open_data):
            return None
        return page

    @staticmethod
    def _key(request, current_versions: str, page: PageSettings) -> str:
        if page.open_data:
            # The same for every visitor: no display or language cookie in the key.
            variant = page.variant(request) if page.variant else request.get_full_path()
            return f"wijk:data:{request.path}|{variant}|{current_versions}"
        cookies = request.COOKIES
        parts = (
            request.get_full_path(),
            cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
            cookies.get("wijk_tekst", ""),
            cookies.get("wijk_contrast", ""),
            cookies.get("wijk_keuze", ""),  # the chosen neighbourhood: its menu (wijk/frontdoor.py)
            current_versions,
        )
        return "wijk:page:" + "|".join(parts)

    @staticmethod
    def _storable(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
