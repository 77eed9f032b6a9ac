from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wijk import views as wijk_views

admin.site.site_header = _("Wijkportaal beheer")
admin.site.site_title = _("Wijkportaal beheer")
admin.site.index_title = _("Beheer")

handler500 = "wijk.errors.server_error"

urlpatterns = [
    path("", include("wijk.urls")),
    path("parelketting/", include("parelketting.urls")),
    path("droomhuis/", include("droomhuis.urls")),
    path("atelier/", include("atelier.urls")),
    path("api/", include("api.urls")),
    path("health/", wijk_views.health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
