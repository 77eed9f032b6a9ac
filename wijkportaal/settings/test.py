"""Fast, isolated settings for the test suite."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WIJKPORTAAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WIJKPORTAAL_TASKS=immediate sends every test's mail through the queue path; tasks always run at once here.
EMAIL_BACKEND = TASK_EMAIL_BACKEND if WIJKPORTAAL_TASKS else WIJKPORTAAL_EMAIL_BACKEND  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not env_str("REDIS_URL"):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REQUIRE_STAFF_MFA = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
WHITENOISE_AUTOREFRESH = True
MAP_TILE_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
