from django.urls import path

from .views import broker, care, partner, public

app_name = "droomhuis"

urlpatterns = [
    path("", public.share, name="share"),
    path("bedankt/<str:reference>/", public.thanks, name="thanks"),
    path("volgen/", public.follow_start, name="follow_start"),
    path("volgen/<str:reference>/", public.follow, name="follow"),
    path("volgen/<str:reference>/foto/", public.follow_photo, name="follow_photo"),
    path("volgen/<str:reference>/intrekken/", public.withdraw, name="withdraw"),
    path(
        "volgen/<str:reference>/toestemming/<slug:key>/intrekken/",
        public.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "volgen/<str:reference>/toestemming-organisatie/intrekken/",
        public.partner_consent_withdraw,
        name="partner_consent_withdraw",
    ),
    path("papieren-formulier/", public.paper_form, name="paper"),
    path("dromenmuur/", public.wall, name="wall"),
    path("makelaar/", broker.queue, name="queue"),
    path("makelaar/nieuwe-droom/", broker.intake, name="intake"),
    path("makelaar/droom/<str:reference>/", broker.case, name="case"),
    path("makelaar/droom/<str:reference>/foto/", broker.case_photo, name="case_photo"),
    path("makelaar/droom/<str:reference>/status/", broker.case_status, name="case_status"),
    path("makelaar/droom/<str:reference>/overdragen/", broker.case_assign, name="case_assign"),
    path("makelaar/droom/<str:reference>/plannen/", broker.case_plan, name="case_plan"),
    path("makelaar/droom/<str:reference>/contactpoging/", broker.case_contact, name="case_contact"),
    path("makelaar/droom/<str:reference>/notitie/", broker.case_note, name="case_note"),
    path("makelaar/droom/<str:reference>/bericht/", broker.case_update, name="case_update"),
    path("makelaar/droom/<str:reference>/resultaat/", broker.case_outcome, name="case_outcome"),
    path("makelaar/droom/<str:reference>/signaal/", care.signal_add, name="signal_add"),
    path("makelaar/signaal/<uuid:uid>/afsluiten/", care.signal_close, name="signal_close"),
    path("makelaar/droom/<str:reference>/toestemming/", care.consent_record, name="consent_record"),
    path("makelaar/droom/<str:reference>/doorverwijzen/", care.referral_add, name="referral_add"),
    path("makelaar/droom/<str:reference>/acuut/", care.referral_acute, name="referral_acute"),
    path("makelaar/doorverwijzing/<uuid:uid>/afsluiten/", care.referral_close, name="referral_close"),
    path("makelaar/doorverwijzingen/", care.referrals, name="referrals"),
    path("makelaar/doorverwijzing/<uuid:uid>/beoordelen/", care.review, name="review"),
    path("partner/", partner.partner_list, name="partner_list"),
    path("partner/<uuid:uid>/", partner.partner_detail, name="partner_detail"),
    path("partner/link/<str:token>/", partner.partner_link, name="partner_link"),
]
