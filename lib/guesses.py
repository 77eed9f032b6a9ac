"""A limit on guessing the secrets that unlock something: follow codes, signed links, kiosk cookies.

Nobody should be able to try codes until one fits, and nobody should be able to lock a resident out of
their own dream. So a ``GuessLimit`` counts **wrong** guesses only, in the shared cache (every app server
sees the same numbers), in two ways:

- **per client** (``visitor_key``: the account when logged in, else the network address from
  ``client_ip``): after ``per_client`` wrong guesses in one window, that client's guesses are no longer
  looked at until the window ends;
- **per secret** (``target``: what the guess is aimed at, e.g. one e-mail address; without a target the
  whole kind of secret, e.g. every dream's follow code): after ``per_secret`` wrong guesses in one window,
  from all clients together, only clients without a wrong guess of their own in this window are still
  looked at. A stranger's wrong guesses therefore never refuse anyone else's right code: a resident who
  types their code correctly always gets in.

Usage, for a short code (ask first, so a refused client learns nothing about the code)::

    FOLLOW = GuessLimit("follow-code", per_client=20, per_secret=200)

    if not FOLLOW.allows(request):
        return code_refused(request, FOLLOW, TEXTS)  # what happened, when to try again, the phone and paper way
    thing = look_up(code)
    if thing is None:
        FOLLOW.wrong(request)                  # True when this client may still try; False: show the refusal
        ...

For a secret that cannot be guessed at all (a signed link: 2^256 possibilities) look first, so a right
link always works, and call ``wrong`` only when it was wrong. Callers that know the visitor already holds
the secret (the logged-in owner, the browser that shared the dream) need not ask the limit at all.

The window is fixed (``window`` seconds, hours and days begin on the local clock), so a refusal can say
when it ends (``retry_at``). ``RATE_LIMIT_SCALE`` multiplies both limits like every other limit of the
portal (``0`` switches them off, for load tests only). When the cache cannot be reached, guesses are looked
at (the codes are long enough for a short outage; residents are not locked out) and a warning is logged.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from lib.antispam import visitor_key

logger = logging.getLogger(__name__)


def _scale() -> int:
    return int(getattr(settings, "RATE_LIMIT_SCALE", 1))


def _hashed(value: str) -> str:
    """Cache keys never hold a code or an address in readable form (and stay short and safe for memcached)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class GuessLimit:
    """Wrong guesses allowed per window: ``per_client`` for one client, ``per_secret`` for one secret."""

    name: str
    per_client: int
    per_secret: int
    window: int = 3600

    # --- the two calls a view makes ------------------------------------------------------------------------

    def allows(self, request, target: str = "") -> bool:
        """May this client's guess at ``target`` be looked at now? Ask before looking the secret up."""
        scale = _scale()
        if scale == 0:
            return True
        try:
            mine = cache.get(self._client_key(request), 0)
            if mine >= self.per_client * scale:
                return False
            return mine == 0 or cache.get(self._secret_key(target), 0) < self.per_secret * scale
        except Exception:  # noqa: BLE001 - a cache outage must not lock residents out or break the page
            logger.warning("Guess limit %s: the cache cannot be reached; the guess is looked at", self.name)
            return True

    def wrong(self, request, target: str = "") -> bool:
        """Count one wrong guess by this client at ``target``. Returns ``allows()`` after counting."""
        if _scale() == 0:
            return True
        try:
            for key in (self._client_key(request), self._secret_key(target)):
                cache.add(key, 0, self.window + 60)
                try:
                    cache.incr(key)
                except ValueError:  # the key expired between add and incr
                    cache.set(key, 1, self.window + 60)
        except Exception:  # noqa: BLE001 - as in allows()
            logger.warning("Guess limit %s: the cache cannot be reached; the wrong guess is not counted", self.name)
            return True
        return self.allows(request, target)

    def spent(self, target: str) -> bool:
        """Has ``target`` had ``per_secret`` wrong guesses in this window, from all clients together?

        For a secret that must pause as a whole (a login code for one account) rather than only for the
        clients that guessed wrong."""
        scale = _scale()
        if scale == 0:
            return False
        try:
            return cache.get(self._secret_key(target), 0) >= self.per_secret * scale
        except Exception:  # noqa: BLE001 - as in allows()
            logger.warning("Guess limit %s: the cache cannot be reached; the secret is not paused", self.name)
            return False

    # --- for the refusal page and for tests --------------------------------------------------------------------

    def retry_at(self) -> datetime:
        """When the current window ends (local time): from then on the client may try again."""
        now = time.time()
        end = (self._window_index(now) + 1) * self.window - self._offset(now)
        return timezone.localtime(datetime.fromtimestamp(end, tz=timezone.get_current_timezone()))

    def clear(self, request=None, target: str = "") -> None:
        """Forget this window's count for one client and/or one secret (a staff reset)."""
        keys = [self._secret_key(target)] + ([self._client_key(request)] if request is not None else [])
        cache.delete_many(keys)

    # --- keys ------------------------------------------------------------------------------------------------------

    @staticmethod
    def _offset(now: float) -> int:
        """Seconds the local clock is ahead of UTC, so days begin at local midnight."""
        offset = timezone.localtime(datetime.fromtimestamp(now, tz=timezone.get_current_timezone())).utcoffset()
        return int(offset.total_seconds()) if offset else 0

    def _window_index(self, now: float) -> int:
        return int((now + self._offset(now)) // self.window)

    def _key(self, kind: str, value: str) -> str:
        return f"wijk:guess:{self.name}:{kind}:{_hashed(value)}:{self._window_index(time.time())}"

    def _client_key(self, request) -> str:
        return self._key("client", visitor_key(request))

    def _secret_key(self, target: str) -> str:
        return self._key("secret", str(target or ""))


@dataclass(frozen=True)
class RefusalTexts:
    """The sentences of one kind of code's refusal page: why codes are not looked up now, the question and the
    other way (phone, a visit, paper), and the way back (a URL name and its link text)."""

    why: str
    ask: str
    other_way: str
    back_url: str
    back_label: str


def code_refused(request, limit: "GuessLimit", texts: RefusalTexts, *, organisation=None):
    """The one page for "too many wrong codes": what happened, until when, and whom to call or visit instead
    (the contact details of ``organisation``, or of the visitor's neighbourhood)."""
    context = {"until": limit.retry_at(), "texts": texts, "contact_organisation": organisation}
    return render(request, "wijk/code_refused.html", context, status=429)
