"""The shared Redis cache as the portal uses it: django-redis, ignoring a Redis that cannot be reached.

django-redis with ``IGNORE_EXCEPTIONS`` already turns every failed read into "not found" and every failed
write into nothing. One answer needs more: ``add()`` is how allauth's rate limits (and ours) take a short
lock, and a failed ``add()`` reads as "someone else holds it", so every login waited a second and was
refused with 429 while Redis was down. Here a failed ``add()`` says "yours": with no store, no one else
can hold anything, and the limits let people through until Redis is back (``/health/`` says "degraded").
"""

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted


class RedisCache(DjangoRedisCache):
    def add(self, *args, **kwargs):
        try:
            return self.client.add(*args, **kwargs)
        except ConnectionInterrupted:
            if self._ignore_exceptions:
                return True
            raise
