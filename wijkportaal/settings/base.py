"""Settings shared by every setup. Values that differ per machine come from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_choice, env_int, env_json, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "csp",
    "django_tasks",
    "worker.apps.TasksDatabaseConfig",
    "wijk",
    "parelketting",
    "droomhuis",
    "atelier",
    "werkplek",
    "api",
    "worker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijk.middleware.NulInputMiddleware",
    "wijk.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "wijk.public_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lib.locale_middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijk.kiosk.KioskMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wijk.middleware.StaffMfaMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "wijkportaal.urls"
WSGI_APPLICATION = "wijkportaal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijk.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "wijk.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "wijk:account"
# The staff's own pages, served by the Werkplek: where staff land after logging in, their notices, and the link in
# a notice that opens its item (marking it read on the way). wijk sends staff there by these names; it names no app.
STAFF_HOME_URL = "werkplek:home"
STAFF_NOTICES_URL = "werkplek:notices"
STAFF_NOTICE_OPEN_URL = "werkplek:notice_open"
LOGOUT_REDIRECT_URL = "wijk:home"

# Accounts (django-allauth): the e-mail address is the login; residents can log in with a code
# sent by e-mail, so nobody needs to remember a password.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
# A password is optional: residents sign up with their e-mail address and confirm it with a code.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 5
# Codes (to log in, to confirm an address) are ten digits in two groups of five, made by the account adapter
# (wijk.login_codes.new_code); wrong codes are counted per address and per client there (docs/security.md).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_FORMS = {
    "login": "wijk.account_forms.LoginForm",  # a wrong e-mail address or password marks both fields
    "signup": "wijk.account_forms.SignupForm",
    "request_login_code": "wijk.login_codes.RequestLoginCodeForm",
}  # the honeypot hidden without an inline style
ACCOUNT_ADAPTER = "wijk.account_adapter.AccountAdapter"
# How many proxies or load balancers in front of the app add the visitor's address to X-Forwarded-For.
# 0 (no proxy): the header is ignored, since anyone can send one. Every limit reads it through
# lib.antispam.client_ip, allauth's login limits included.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
}
ACCOUNT_RATE_LIMITS["reset_password"] = "20/m/ip,5/m/key"  # nosec B105  # a rate limit, not a password
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Wijkportaal] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wijkportaal"
# Staff roles (moderator, dream broker, ...) must set up an authenticator app when this is on.
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", False)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels")), ("tr", _("Turks")), ("ar", _("Arabisch"))]
# locale_overrides: our own Dutch for the account pages of django-allauth ("u", plain words), read before allauth's.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024


def _release() -> str:
    """The release this code belongs to: ``WIJKPORTAAL_RELEASE``, else the ``RELEASE`` file the build writes."""
    named = env_str("WIJKPORTAAL_RELEASE")
    if named:
        return named
    built = BASE_DIR / "RELEASE"
    return built.read_text().strip() if built.exists() else "dev"


# Every cache key carries the release, so after a deploy no server serves pages of the previous release.
RELEASE = _release()
CACHE_KEY_PREFIX = f"wijkportaal:{RELEASE}"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wijkportaal_cache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
}
if env_str("REDIS_URL"):
    # Several app servers share one Redis: cached pages, rate-limit counters and sessions. django-redis ignores
    # a Redis that cannot be reached (a read finds nothing, a write is skipped): pages are then rendered
    # uncached, limits count nobody out and sessions come from the database (``cached_db``). Short socket
    # timeouts and no retries keep a request fast while Redis is down; /health/ reports it.
    CACHES["default"] = {
        "BACKEND": "lib.cache.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "CONNECTION_POOL_KWARGS": {"retry": None},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Uploaded photos in S3-compatible object storage when a bucket is named; otherwise on local disk.
if env_str("DJANGO_S3_BUCKET"):
    from botocore.config import Config

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DJANGO_S3_BUCKET"),
            "endpoint_url": env_str("DJANGO_S3_ENDPOINT_URL"),
            "region_name": env_str("DJANGO_S3_REGION"),
            "access_key": env_str("DJANGO_S3_ACCESS_KEY"),
            "secret_key": env_str("DJANGO_S3_SECRET_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # An unreachable store answers within seconds (a photo fails, the page does not hang).
            "client_config": Config(connect_timeout=2, read_timeout=10, retries={"max_attempts": 2}),
        },
    }

# Background work. Without WIJKPORTAAL_TASKS, mail goes out during the request and cron runs the scheduled
# commands. WIJKPORTAAL_TASKS=database queues every e-mail and scheduled job in the database for
# `manage.py run_worker` on the worker machine(s); "immediate" sends through the same path at once.
WIJKPORTAAL_TASKS = env_choice("WIJKPORTAAL_TASKS", ["", "immediate", "database"], "")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if WIJKPORTAAL_TASKS == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker writes a heartbeat this often; a task whose worker has been silent for the lease is queued again.
WIJKPORTAAL_WORKER_HEARTBEAT_SECONDS = env_int("WIJKPORTAAL_WORKER_HEARTBEAT_SECONDS", 5)
WIJKPORTAAL_WORKER_LEASE_SECONDS = env_int("WIJKPORTAAL_WORKER_LEASE_SECONDS", 60)
# A failed e-mail or job is tried again after these pauses (minutes), then logged as given up.
WIJKPORTAAL_TASK_RETRY_MINUTES = [1, 10, 60, 360]
TASK_EMAIL_BACKEND = "worker.mail.TaskEmailBackend"

# Scheduled jobs, local time; each runs once per day (or hour) however many workers run (see worker/schedule.py).
WIJKPORTAAL_SCHEDULE = [
    {"command": "parelketting_digest", "daily": "07:00"},
    {"command": "staff_digest", "daily": "07:05"},
    {"command": "droomhuis_reminders", "daily": "07:15"},
    {"command": "parelketting_reminders", "daily": "18:00"},
    {"command": "retention_run", "daily": "02:45"},
]
if WIJKPORTAAL_TASKS == "database":
    # Queued e-mails hold addresses and text: delete them a week after sending (failed ones after 30 days).
    WIJKPORTAAL_SCHEDULE.append(
        {
            "command": "prune_db_task_results",
            "args": ["--queue-name", "*", "--min-age-days", "7", "--failed-min-age-days", "30"],
            "daily": "03:30",
        }
    )
# A worker that was down starts a missed job when it is back, up to this many hours late.
WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS = env_int("WIJKPORTAAL_SCHEDULE_CATCH_UP_HOURS", 6)

# The backend that really delivers mail; EMAIL_BACKEND puts mail in the queue when there is one.
WIJKPORTAAL_EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_BACKEND = TASK_EMAIL_BACKEND if WIJKPORTAAL_TASKS else WIJKPORTAAL_EMAIL_BACKEND
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Wijkportaal <noreply@wijkportaal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The address of the site as residents reach it, for every full link (e-mails, letters, QR codes, calendars, the
# API): lib.links.absolute_url(). Without SITE_URL, the local server's address on PORT (`make run PORT=8123`).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

# Whom residents can call when the database cannot be reached (the 500 and 503 pages), when the cache does not
# hold the last known details either: a JSON list of {"name", "phone", "opening_hours", "visiting_address"}.
# The default is the demo's two corporations (fictional numbers); production starts empty.
WIJKPORTAAL_CONTACT_FALLBACK = env_json(
    "WIJKPORTAAL_CONTACT_FALLBACK",
    [
        {
            "name": "HW Wonen",
            "phone": "0186 000 000",
            "opening_hours": "maandag tot en met vrijdag, 9 tot 17 uur",
            "visiting_address": "Parelplein 1, 3262 ZZ Oud-Beijerland",
        },
        {
            "name": "Beter Wonen",
            "phone": "0546 000 000",
            "opening_hours": "maandag tot en met donderdag, 8.30 tot 16.30 uur",
            "visiting_address": "Dromenweg 1, 7600 ZZ Almelo",
        },
    ],
)
# Where people report a weakness (/.well-known/security.txt): a mailto: or https: address.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@wijkportaal.example")

# Map tiles come from a configurable server; the content security policy allows exactly that host.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap-bijdragers")


def _tile_origin(url: str) -> str:
    scheme, _sep, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    return f"{scheme}://{host.replace('{s}', '*')}" if rest else SELF


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", _tile_origin(MAP_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Multiplies every per-visitor limit on public forms; 0 switches them off (load tests from one address).
RATE_LIMIT_SCALE = env_int("RATE_LIMIT_SCALE", 1)
if RATE_LIMIT_SCALE == 0:
    ACCOUNT_RATE_LIMITS = False

# Public pages served from the shared cache to anonymous visitors: view name -> how long, and which kinds of
# content the page shows (wijk/public_cache.py lists the kinds and which models change them). A change to
# one kind renders only its pages again. A bare number of seconds means "every public kind".
PUBLIC_PAGE_CACHE = {
    "wijk:home": {"seconds": 600, "kinds": ["site"]},
    "wijk:privacy": {"seconds": 3600, "kinds": ["site"]},
    "wijk:accessibility": {"seconds": 3600, "kinds": ["site"]},
    "wijk:front_door": {"seconds": 600, "kinds": ["site", "pearls", "routes", "programme", "dream_wall", "atelier"]},
    "wijk:choose": {"seconds": 3600, "kinds": ["site"]},
    "parelketting:map": {"seconds": 600, "kinds": ["site", "pearls"]},
    "parelketting:list": {"seconds": 600, "kinds": ["site", "pearls"]},
    # Open data, the same for every visitor (signed in too), kept with a gzip copy; one copy per filter.
    "parelketting:geojson": {
        "seconds": 600,
        "kinds": ["site", "pearls"],
        "open_data": True,
        "variant": "parelketting.views.geojson.cache_variant",
    },
    "parelketting:detail": {"seconds": 600, "kinds": ["site", "pearls", "routes", "programme"]},
    "parelketting:programme": {"seconds": 600, "kinds": ["site", "programme"]},
    # Calendar feeds: the ETag and Last-Modified travel with the copy, so a polling calendar still gets its 304.
    "parelketting:programme_ics": {"seconds": 600, "kinds": ["site", "programme"]},
    "parelketting:activity_ics": {"seconds": 600, "kinds": ["site", "programme"]},
    "parelketting:route": {"seconds": 600, "kinds": ["site", "routes", "pearls"]},
    "droomhuis:wall": {"seconds": 600, "kinds": ["site", "dream_wall"]},
    "atelier:index": {"seconds": 600, "kinds": ["site", "atelier"]},
    "atelier:experiment_list": {"seconds": 600, "kinds": ["site", "atelier"]},
    "atelier:experiment": {"seconds": 600, "kinds": ["site", "atelier", "evidence"]},
    # Blank paper forms as PDFs (a few hundred milliseconds to make): the streets are pearl content, the dream
    # form prints the consent texts (shared staff lists' kind) and the organisation's contact details (site).
    "parelketting:paper_pearl_pdf": {"seconds": 3600, "kinds": ["site", "pearls"]},
    "parelketting:paper_signup_blank_pdf": {"seconds": 3600, "kinds": ["site", "programme"]},
    "parelketting:paper_signup_pdf": {"seconds": 3600, "kinds": ["site", "programme"]},
    "droomhuis:paper_pdf": {"seconds": 3600, "kinds": ["site", "staff_lists"]},
}

# "Er klopt iets niet": a pearl leaves the map after this many independent reports (distinct accounts or
# network addresses) that no moderator has looked at yet. Below it, the pearl stays and waits in the queue.
PEARL_REPORTS_TO_HIDE = env_int("PEARL_REPORTS_TO_HIDE", 3)

# Reports never reveal individuals: counts below this number are shown as "<10".
SMALL_COUNT_THRESHOLD = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
