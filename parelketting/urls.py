from django.urls import path

from . import views

app_name = "parelketting"

urlpatterns = [
    path("", views.pearl_map, name="map"),
    path("lijst/", views.pearl_list, name="list"),
    path("pearls.geojson", views.pearl_geojson, name="geojson"),
    path("nieuw/", views.pearl_new, name="new"),
    path("namens-bewoner/", views.pearl_new_on_behalf, name="new_on_behalf"),
    path("mijn-parels/", views.my_pearls, name="mine"),
    path("mijn-parels/toestemming-intrekken/", views.my_consent_withdraw, name="consent_withdraw"),
    path("parel/<uuid:uid>/", views.pearl_detail, name="detail"),
    path("parel/<uuid:uid>/foto/", views.pearl_photo, name="photo"),
    path("parel/<uuid:uid>/foto-klein/", views.pearl_photo, {"size": "thumb"}, name="thumbnail"),
    path("parel/<uuid:uid>/aanpassen/", views.pearl_answer, name="answer"),
    path("parel/<uuid:uid>/melden/", views.pearl_report_view, name="report"),
    path("parel/<uuid:uid>/ik-doe-mee/", views.pearl_join, name="join"),
]
