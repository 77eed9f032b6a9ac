"""Production: refuses to start without a secret key, allowed hosts and a database URL."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_json, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", required=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", required=True),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
SITE_URL = env_str("SITE_URL", f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
WIJKPORTAAL_CONTACT_FALLBACK = env_json("WIJKPORTAAL_CONTACT_FALLBACK", [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", True)

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
WIJKPORTAAL_EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_BACKEND = TASK_EMAIL_BACKEND if WIJKPORTAAL_TASKS else WIJKPORTAAL_EMAIL_BACKEND  # noqa: F405
