from django.urls import path

from . import views
from .necklace import views as route_views
from .programme.views import activities as programme_views
from .programme.views import activity_edit as activity_edit_views
from .programme.views import poster as poster_views
from .programme.views import signup_code as signup_code_views
from .views import follow as follow_views
from .views import kiosk as kiosk_views
from .views import paper as paper_views
from .views import reports as report_views

app_name = "parelketting"

urlpatterns = [
    path("", views.pearl_map, name="map"),
    path("lijst/", views.pearl_list, name="list"),
    path("pearls.geojson", views.pearl_geojson, name="geojson"),
    path("nieuw/", views.pearl_new, name="new"),
    path("namens-bewoner/", views.pearl_new_on_behalf, name="new_on_behalf"),
    path("bedankt/<str:code>/", follow_views.thanks, name="thanks"),
    path("volgen/", follow_views.follow_start, name="follow_start"),
    path("volgen/<str:code>/", follow_views.follow, name="follow"),
    path("volgen/<str:code>/intrekken/", follow_views.withdraw, name="withdraw"),
    path("kiosk/parel/", kiosk_views.kiosk_pearl, name="kiosk_pearl"),
    path("mijn-parels/", views.my_pearls, name="mine"),
    path("mijn-parels/toestemming-intrekken/", views.my_consent_withdraw, name="consent_withdraw"),
    path("parel/<uuid:uid>/", views.pearl_detail, name="detail"),
    path("parel/<uuid:uid>/verhaal/", views.pearl_story, name="pearl_story"),
    path("parel/<uuid:uid>/foto/", views.pearl_photo, name="photo"),
    path("parel/<uuid:uid>/foto-klein/", views.pearl_photo, {"size": "thumb"}, name="thumbnail"),
    path("parel/<uuid:uid>/aanpassen/", views.pearl_answer, name="answer"),
    path("parel/<uuid:uid>/melden/", views.pearl_report_view, name="report"),
    path("parel/<uuid:uid>/ik-doe-mee/", views.pearl_join, name="join"),
    path("parel/<uuid:uid>/bordje.png", route_views.plaque_png_view, name="plaque_png"),
    path("parel/<uuid:uid>/bordje.pdf", route_views.plaque_pdf_view, name="plaque_pdf"),
    path("p/<str:code>/", route_views.short_link, name="short"),
    path("meldingen/", report_views.report_queue, name="reports"),
    path("meldingen/<uuid:uid>/besluit/", report_views.report_decide, name="report_decide"),
    path("op-papier/parel/", paper_views.paper_pearl, name="paper_pearl"),
    path("op-papier/parel.pdf", paper_views.paper_pearl, {"pdf": True}, name="paper_pearl_pdf"),
    # The necklace
    path("ketting/", route_views.route_list, name="routes"),
    path("ketting/<slug:slug>/", route_views.route_detail, name="route"),
    path("ketting/<slug:slug>/sfeerbeeld/", route_views.route_mood_image, name="route_mood_image"),
    path("ketting/<slug:slug>/wandeling.pdf", route_views.route_pdf, name="route_pdf"),
    path("ketting/<slug:slug>/wandeling-pdf-opnieuw/", route_views.route_pdf_retry, name="route_pdf_retry"),
    path("ketting/<slug:slug>/stop/<uuid:uid>/", route_views.route_stop, name="route_stop"),
    path("ketting/<slug:slug>/wandeling.gpx", route_views.route_gpx_download, name="route_gpx"),
    path("ketting/<slug:slug>/parel-voorstellen/", route_views.route_suggest, name="route_suggest"),
    # The pop-up programme
    path("programma/", programme_views.programme, name="programme"),
    path("programma/archief/", programme_views.programme_archive, name="programme_archive"),
    path("programma.ics", programme_views.programme_ics, name="programme_ics"),
    path("programma/aanmelden-op-papier/", paper_views.paper_signup_blank, name="paper_signup_blank"),
    path(
        "programma/aanmelden-op-papier.pdf",
        paper_views.paper_signup_blank,
        {"pdf": True},
        name="paper_signup_blank_pdf",
    ),
    path("programma/affiche/", poster_views.poster, name="poster"),
    path("programma/affiche.pdf", poster_views.poster, {"pdf": True}, name="poster_pdf"),
    path("programma/aanmelding/", signup_code_views.signup_find, name="signup_find"),
    path("programma/aanmelding/<str:code>/", signup_code_views.signup_status, name="signup_status"),
    path("programma/voorstellen/", programme_views.activity_propose_view, name="activity_propose"),
    path("programma/<uuid:uid>/", programme_views.activity_detail, name="activity"),
    path("programma/<uuid:uid>/sfeerbeeld/", programme_views.activity_mood_image, name="activity_mood_image"),
    path("programma/<uuid:uid>/agenda.ics", programme_views.activity_ics, name="activity_ics"),
    path("programma/<uuid:uid>/aanmelden/", programme_views.activity_signup, name="activity_signup"),
    path("programma/<uuid:uid>/afmelden/", programme_views.activity_signup_cancel, name="activity_signup_cancel"),
    path("programma/<uuid:uid>/namens-bewoner/", programme_views.activity_signup_on_behalf, name="activity_on_behalf"),
    path("programma/<uuid:uid>/veranderen/", activity_edit_views.activity_change_view, name="activity_change"),
    path("programma/<uuid:uid>/laten-vervallen/", activity_edit_views.activity_cancel_view, name="activity_cancel"),
    path("programma/<uuid:uid>/op-papier/", paper_views.paper_signup, name="paper_signup"),
    path("programma/<uuid:uid>/op-papier.pdf", paper_views.paper_signup, {"pdf": True}, name="paper_signup_pdf"),
    path("programma/<uuid:uid>/papieren-aanmelding/", paper_views.paper_signup_entry, name="paper_signup_entry"),
    path("programma/<uuid:uid>/zo-ging-het/", programme_views.activity_story, name="activity_story"),
    path("programma/<uuid:uid>/foto/<uuid:photo_uid>/", programme_views.activity_photo, name="activity_photo"),
    path(
        "programma/<uuid:uid>/foto/<uuid:photo_uid>/klein/",
        programme_views.activity_photo,
        {"size": "thumb"},
        name="activity_thumbnail",
    ),
]
