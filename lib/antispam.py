"""Protection for public forms: a per-visitor rate limit, a honeypot field and no text direction tricks.

Counts live in the shared cache (database cache or Redis), so every app server sees the same numbers.
While Redis cannot be reached the limits let everyone through (and /health/ says "degraded"): a resident
is never refused because a counter is missing.
``RATE_LIMIT_SCALE`` multiplies every limit (for example 1000 in a load test on loopback, where all
visitors share one address); ``0`` switches the limits off.

Visitors are told apart by ``client_ip``: the one place that reads a visitor's network address, for the
portal's own limits, allauth's login limits and the API alike.
"""

import time

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode controls that override the direction of the text after them: "Buur\u202enaam" shows as "Buurmaan".
# Nobody types them; they make a name or a title look different from what it is (to a moderator, a broker).
DIRECTION_OVERRIDES = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def without_direction_overrides(data):
    """A copy of the submitted form data without direction overrides in any text (files are separate)."""
    if not data:
        return data
    if hasattr(data, "lists"):
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [_strip(value) for value in values])
        return cleaned
    return {key: _strip(value) for key, value in data.items()}


def _strip(value):
    return value.translate(DIRECTION_OVERRIDES) if isinstance(value, str) else value


def client_ip(request) -> str:
    """The visitor's own network address, also behind load balancers and proxies.

    With ``ALLAUTH_TRUSTED_PROXY_COUNT`` (environment: ``TRUSTED_PROXY_COUNT``) at 0, only the address of the
    connection counts and an ``X-Forwarded-For`` header is ignored: anyone can write one. With N trusted proxies
    in front, the N-th address from the right of ``X-Forwarded-For`` is the visitor's: each trusted proxy adds
    the address it saw, so what a visitor wrote before it is never read. The rule itself is allauth's (its
    adapter's ``get_client_ip``); this function only makes sure a strange header never ends a request in an
    error. A header with fewer addresses than trusted proxies counts as the connection's own address.
    """
    try:
        address = DefaultAccountAdapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        address = None
    return address or request.META.get("REMOTE_ADDR") or "unknown"


def visitor_key(request) -> str:
    """Logged-in visitors are counted per account, others per network address (``client_ip``)."""
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        return f"user-{request.user.pk}"
    return "ip-" + client_ip(request)


def rate_limit_hit(request, action: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt at ``action``; True when it goes over ``limit`` within the current window."""
    scale = getattr(settings, "RATE_LIMIT_SCALE", 1)
    if scale == 0:
        return False
    key = f"wijk:limit:{action}:{visitor_key(request)}:{int(time.time() // window_seconds)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    # A cache that cannot be reached answers None (it ignores its errors): count nobody out while it is down.
    return count is not None and count > limit * scale


class HoneypotForm(forms.Form):
    """Adds a field people leave empty and bots fill in. Hide it with the ``honeypot`` CSS class.

    A filled honeypot gives a vague form error, so a bot learns nothing, and nothing is stored. Every public
    form builds on this one, so it also drops text direction overrides from what was sent.
    """

    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.data = without_direction_overrides(self.data)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Wij konden dit formulier niet versturen. Probeer het opnieuw."), code="honeypot")
        return ""
