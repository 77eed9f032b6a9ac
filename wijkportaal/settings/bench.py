"""Production settings plus the benchmark floors' URLs; only ``make bench`` uses this."""

from .production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
