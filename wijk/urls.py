from django.urls import path

from . import views

app_name = "wijk"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("mijn-account/", views.account, name="account"),
    path("weergave/", views.display_preferences, name="display"),
]
