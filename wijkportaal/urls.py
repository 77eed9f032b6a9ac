from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from wijk import login_codes
from wijk import views as wijk_views

admin.site.site_header = _("Wijkportaal beheer")
admin.site.site_title = _("Wijkportaal beheer")
admin.site.index_title = _("Beheer")

handler500 = "wijk.errors.server_error"

urlpatterns = [
    path("parelketting/", include("parelketting.urls")),
    path("droomhuis/", include("droomhuis.urls")),
    path("atelier/", include("atelier.urls")),
    path("werkplek/", include("werkplek.urls")),
    path("api/", include("api.urls")),
    path("health/", wijk_views.health, name="health"),
    path(".well-known/security.txt", wijk_views.security_txt, name="security_txt"),
    path("manifest.webmanifest", wijk_views.web_manifest, name="web_manifest"),
    path("favicon.ico", wijk_views.favicon, name="favicon"),
    # allauth's code pages, with wrong codes counted per address and per client (wijk/login_codes.py).
    path(
        "accounts/login/code/confirm/",
        login_codes.GuardedConfirmLoginCodeView.as_view(),
        name="account_confirm_login_code",
    ),
    path(
        "accounts/confirm-email/",
        login_codes.GuardedConfirmEmailVerificationCodeView.as_view(),
        name="account_email_verification_sent",
    ),
    path("accounts/", include("allauth.urls")),
    # Choosing a language or text size only sets a preference cookie, so these forms carry no CSRF token:
    # that keeps public pages free of per-visitor tokens, and so cacheable (wijk/public_cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
    # Last: wijk's URLs end with /<slug>/, a neighbourhood's front door (wijk/frontdoor_views.py).
    path("", include("wijk.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
