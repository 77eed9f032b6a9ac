from django.urls import path

from . import moderation, notices, reports, views

app_name = "werkplek"

urlpatterns = [
    path("", views.home, name="home"),
    path("berichten/", notices.notices, name="notices"),
    path("berichten/alles-gelezen/", notices.notices_read_all, name="notices_read_all"),
    path("berichten/<uuid:uid>/gelezen/", notices.notice_read, name="notice_read"),
    path("berichten/<uuid:uid>/openen/", notices.notice_open, name="notice_open"),
    path("parels/", moderation.pearl_inbox, name="pearls"),
    path("parels/<uuid:uid>/", moderation.pearl_page, name="pearl"),
    path("parels/<uuid:uid>/plaatsen/", moderation.pearl_approve, name="pearl_approve"),
    path("parels/<uuid:uid>/afwijzen/", moderation.pearl_reject, name="pearl_reject"),
    path("parels/<uuid:uid>/vraag/", moderation.pearl_return, name="pearl_return"),
    path("meldingen/", reports.report_inbox, name="reports"),
    path("meldingen/<uuid:uid>/", reports.report_page, name="report"),
    path("meldingen/<uuid:uid>/besluit/", reports.report_decide, name="report_decide"),
    path("activiteiten/", moderation.activity_inbox, name="activities"),
    path("activiteiten/<uuid:uid>/", moderation.activity_page, name="activity"),
    path("activiteiten/<uuid:uid>/in-het-programma/", moderation.activity_accept, name="activity_accept"),
    path("activiteiten/<uuid:uid>/niet-doen/", moderation.activity_decline, name="activity_decline"),
]
