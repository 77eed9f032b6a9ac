from django.urls import path

from . import callback_views, erasure_views, export_views, frontdoor_views, kiosk, letters_views, views

app_name = "wijk"

urlpatterns = [
    path("", views.home, name="home"),
    path("wijk-kiezen/", frontdoor_views.choose, name="choose"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("mijn-account/", views.account, name="account"),
    path("mijn-account/wijk/", views.neighbourhood_choose, name="neighbourhood"),
    path("weergave/", views.display_preferences, name="display"),
    path("mijn-gegevens/", export_views.my_data, name="my_data"),
    path("mijn-gegevens/vergeet-mij/", erasure_views.forget_me, name="forget_me"),
    path("bewoners/<uuid:uid>/gegevens/", export_views.resident_data, name="resident_data"),
    path("bewoners/<uuid:uid>/vergeten/", erasure_views.resident_forget, name="resident_forget"),
    path("kiosk/", kiosk.home, name="kiosk"),
    path("kiosk/start/", kiosk.start, name="kiosk_start"),
    path("kiosk/stop/", kiosk.stop, name="kiosk_stop"),
    path("bel-mij-terug/", callback_views.callback_ask, name="callback"),
    path("terugbellen/", callback_views.callback_list, name="callbacks"),
    path("terugbellen/<uuid:uid>/<slug:mark>/", callback_views.callback_mark, name="callback_mark"),
    path("brieven/", letters_views.queue, name="letters"),
    path("brieven/pdf/", letters_views.print_batch, name="letters_pdf"),
    path("brieven/verstuurd/", letters_views.mark_sent, name="letters_sent"),
    path("brieven/printronde/<uuid:uid>/brieven.pdf", letters_views.run_pdf, name="letters_run_pdf"),
    path("brieven/printronde/<uuid:uid>/opnieuw/", letters_views.run_retry, name="letters_run_retry"),
    path("brieven/<uuid:uid>/niet-versturen/", letters_views.cancel, name="letter_cancel"),
    path("brieven/<uuid:uid>/voorbeeld/", letters_views.preview, name="letter_preview"),
    # Last: a neighbourhood's front door (/zuidwijk/) would catch every other one-word address. The project's
    # URLs include these after every other app; a neighbourhood slug that another page uses is refused.
    path("<slug:slug>/", frontdoor_views.front_door, name="front_door"),
    path("<slug:slug>/sfeerbeeld/", frontdoor_views.mood_image, name="mood_image"),
]
