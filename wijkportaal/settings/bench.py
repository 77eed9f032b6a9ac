"""Production settings plus the benchmark floors' URLs; only ``make bench`` uses this."""

from .production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Outside everything else, so it sees every answer as it leaves (bench/counts.py).
MIDDLEWARE = ["bench.counts.PageCacheCounter", *MIDDLEWARE]  # noqa: F405
