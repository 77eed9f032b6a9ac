"""A small limit on "meld dit" and "ik doe mee", so one person cannot empty the map or flood a neighbour.

Counts live in the shared cache (database cache or Redis), so every app server sees the same numbers.
"""

import time

from django.core.cache import cache

REPORTS_PER_HOUR = 5
MESSAGES_PER_HOUR = 10


def hit(request, action: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt; True when this attempt is over ``limit`` within the current window."""
    if getattr(request.user, "is_authenticated", False):
        who = f"user-{request.user.pk}"
    else:
        who = "ip-" + request.META.get("REMOTE_ADDR", "unknown")
    key = f"parelketting:limit:{action}:{who}:{int(time.time() // window_seconds)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
