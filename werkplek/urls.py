from django.urls import path

from . import views

app_name = "werkplek"

urlpatterns = [
    path("", views.home, name="home"),
]
