"""Access matrix: every URL pattern of the project, for every persona, answers a GET as decided here.

A new URL pattern without an entry in ``MATRIX`` fails ``test_every_url_pattern_has_an_entry``: whoever adds
a URL decides who may see it. Answer classes: ok (200/204/304, downloads too), login (302 to a login page),
redirect (another expected 301/302), forbidden (403), hidden (404: missing and not-yours look alike),
method (405: POST-only).
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_fixtures import matrix_world, response_close  # noqa: F401  (module-scoped fixture)
from .conftest import PERSONAS

pytestmark = [pytest.mark.django_db]


# --- walking the URL patterns -------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=None):
    """``(key, route, parameters)`` per pattern; the key is ``namespace:name``, or the route when unnamed."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else None
            yield name or route, route, sorted(pattern.pattern.regex.groupindex)


PATTERNS = {key: (route, params) for key, route, params in url_patterns()}
PATTERNS_KEYS = list(PATTERNS)


def is_admin(key, route):
    return key.startswith("admin:") or route.startswith("beheer/")


# --- answer classes and rules ---------------------------------------------------------------------------------

LOGIN_PATHS = ("/accounts/login/", "/beheer/login/")


def answer_class(response):
    code = response.status_code
    if code in (200, 204, 304):
        return "ok"
    if code in (301, 302):
        path = urlsplit(response["Location"]).path
        return "login" if path in LOGIN_PATHS else "redirect"
    return {403: "forbidden", 404: "hidden", 405: "method"}.get(code, str(code))


def rule(default, **per_persona):
    unknown = set(per_persona) - set(PERSONAS)
    assert not unknown, unknown
    return {persona: per_persona.get(persona, default) for persona in PERSONAS}


PUBLIC = "ok"
LOGGED_IN = rule("ok", anonymous="login")
POST_ONLY = "method"


def staff(*allowed, others="hidden", **per_persona):
    """A staff page: anonymous goes to login, the allowed personas get in, everyone else gets ``others``."""
    return rule(others, anonymous="login", **dict.fromkeys(allowed, "ok"), **per_persona)


WORKPLACE = ("moderator_hw", "moderator_bw", "broker_bw", "expert_bw", "partner_welzijn", "facilitator", "superuser")
BROKER_POST = rule("forbidden", anonymous="login", broker_bw="method")
MODERATOR_POST = rule("forbidden", anonymous="login", moderator_hw="method", moderator_bw="method", superuser="method")
ATELIER_EDIT = rule("forbidden", facilitator="ok", superuser="ok", anonymous="login")

MATRIX = {
    # wijk: home, account, data export, letters, kiosk
    # A resident with a neighbourhood goes straight on to its front door.
    "wijk:home": rule("ok", resident_zuidwijk="redirect", resident_hagedoorn="redirect"),
    "wijk:choose": PUBLIC,  # GET: the choice; POST only sets a cookie
    "wijk:front_door": PUBLIC,
    "wijk:mood_image": PUBLIC,  # the neighbourhood's mood image, as public as its front door
    "wijk:privacy": PUBLIC,
    "wijk:accessibility": PUBLIC,
    "wijk:account": LOGGED_IN,
    "wijk:neighbourhood": LOGGED_IN,
    "wijk:display": POST_ONLY,
    "wijk:my_data": LOGGED_IN,
    "wijk:resident_data": staff("moderator_bw", "broker_bw", "superuser"),
    "wijk:forget_me": LOGGED_IN,  # GET shows only what would happen
    "wijk:resident_forget": staff("moderator_bw", "broker_bw", "superuser"),
    "wijk:kiosk": "redirect",
    "wijk:kiosk_start": staff("moderator_hw", "moderator_bw", "broker_bw", others="forbidden"),
    "wijk:kiosk_stop": "redirect",
    "wijk:letters": staff("moderator_hw", "moderator_bw", "broker_bw", "superuser", others="forbidden"),
    "wijk:letters_pdf": staff(others="method"),
    "wijk:letters_sent": staff(others="method"),
    "wijk:letters_run_pdf": staff("moderator_bw", "broker_bw", "superuser", others="forbidden", moderator_hw="hidden"),
    "wijk:letters_run_retry": staff(others="method"),
    "wijk:letter_cancel": staff(others="method"),
    "wijk:letter_preview": staff("moderator_bw", "broker_bw", "superuser", others="forbidden", moderator_hw="hidden"),
    "wijk:callback": PUBLIC,  # "bel mij terug": no account needed
    "wijk:callbacks": staff("moderator_hw", "moderator_bw", "broker_bw", "superuser", others="forbidden"),
    "wijk:callback_mark": staff(others="method"),
    # The staff's home: every staff role and the superuser; residents have none.
    "werkplek:home": staff(
        "moderator_hw",
        "moderator_bw",
        "broker_bw",
        "expert_bw",
        "partner_welzijn",
        "facilitator",
        "superuser",
        others="forbidden",
    ),
    # Notices and how to hear them: every staff role, like the Werkplek itself.
    "werkplek:notices": staff(
        "moderator_hw",
        "moderator_bw",
        "broker_bw",
        "expert_bw",
        "partner_welzijn",
        "facilitator",
        "superuser",
        others="forbidden",
    ),
    # Reading one's notices: POST-only for every staff role; a notice is its owner's (broker_bw's), so opening it
    # is a redirect to its item for them and a 404 for every other staff member.
    "werkplek:notices_read_all": rule("forbidden", anonymous="login", **dict.fromkeys(WORKPLACE, "method")),
    "werkplek:notice_read": rule("forbidden", anonymous="login", **dict.fromkeys(WORKPLACE, "method")),
    "werkplek:notice_open": rule(
        "forbidden", anonymous="login", **dict.fromkeys(WORKPLACE, "hidden") | {"broker_bw": "redirect"}
    ),
    # Moderation on the item's own page (the pearl is HW Wonen's): moderators, the other corporation gets 404.
    "werkplek:pearls": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    "werkplek:pearl": staff("moderator_hw", "superuser", others="forbidden", moderator_bw="hidden"),
    "werkplek:pearl_approve": MODERATOR_POST,
    "werkplek:pearl_reject": MODERATOR_POST,
    "werkplek:pearl_return": MODERATOR_POST,
    # The activity is a published one of HW Wonen: its page shows the decision already made.
    "werkplek:reports": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    "werkplek:report": staff("moderator_hw", "superuser", others="forbidden", moderator_bw="hidden"),
    "werkplek:report_decide": MODERATOR_POST,
    "werkplek:activities": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    "werkplek:activity": staff("moderator_hw", "superuser", others="forbidden", moderator_bw="hidden"),
    "werkplek:activity_accept": MODERATOR_POST,
    "werkplek:activity_decline": MODERATOR_POST,
    # parelketting: the pearl is a published one of Zuidwijk (HW Wonen); the activity is one of HW Wonen
    "parelketting:kiosk_pearl": "redirect",  # only on a tablet in kiosk mode; otherwise to the kiosk page
    "parelketting:map": PUBLIC,
    "parelketting:list": PUBLIC,
    "parelketting:geojson": PUBLIC,
    "parelketting:new": PUBLIC,  # no account needed (the anonymous visitor gets a follow code)
    "parelketting:thanks": "redirect",  # only right after sending; otherwise on to the follow page
    "parelketting:follow_start": PUBLIC,
    "parelketting:follow": PUBLIC,  # the follow code is the key
    "parelketting:withdraw": PUBLIC,  # GET asks once more; the follow code is the key
    "parelketting:new_on_behalf": staff("moderator_hw", "moderator_bw", others="forbidden"),
    "parelketting:mine": LOGGED_IN,
    "parelketting:consent_withdraw": staff(others="method"),
    "parelketting:detail": PUBLIC,
    "parelketting:pearl_story": PUBLIC,  # a published pearl's story on its own page
    "parelketting:photo": PUBLIC,
    "parelketting:thumbnail": PUBLIC,
    "parelketting:answer": staff(),  # only the submitter may answer questions about a pearl
    "parelketting:report": PUBLIC,
    "parelketting:join": PUBLIC,  # "Ik doe mee" on a personal pearl: no account needed
    "parelketting:plaque_png": staff("moderator_hw", "superuser"),
    "parelketting:plaque_pdf": staff("moderator_hw", "superuser"),
    "parelketting:short": "redirect",
    # The report queue: every corporation's moderators have one (scoped); deciding is POST only.
    "parelketting:reports": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    "parelketting:report_decide": staff(others="method"),
    "parelketting:routes": PUBLIC,
    "parelketting:route": PUBLIC,
    "parelketting:route_pdf": PUBLIC,  # the PDF, or "Uw PDF wordt gemaakt" while the worker makes it
    "parelketting:route_pdf_retry": POST_ONLY,  # "Probeer het opnieuw" after a failed PDF
    "parelketting:route_mood_image": PUBLIC,
    "parelketting:route_stop": PUBLIC,  # where a QR plaque lands
    "parelketting:route_gpx": PUBLIC,
    "parelketting:route_suggest": LOGGED_IN,
    "parelketting:programme": PUBLIC,
    "parelketting:programme_archive": PUBLIC,
    "parelketting:programme_ics": PUBLIC,
    "parelketting:activity_propose": rule(
        "ok", anonymous="login", broker_bw="forbidden", expert_bw="forbidden", facilitator="forbidden"
    ),
    "parelketting:activity": PUBLIC,
    "parelketting:activity_ics": PUBLIC,
    "parelketting:activity_mood_image": PUBLIC,
    "parelketting:activity_signup": POST_ONLY,  # also without an account: the form is on the activity page
    "parelketting:signup_find": PUBLIC,  # a sign-up without an account, found by its reference code
    "parelketting:signup_status": PUBLIC,  # the reference code is the key (see it, cancel it)
    "parelketting:activity_signup_cancel": staff(others="method"),
    # A published activity is public, so the other corporation gets 403 here, not 404.
    "parelketting:activity_on_behalf": staff("moderator_hw", "superuser", others="forbidden"),
    "parelketting:activity_story": staff("moderator_hw", "superuser"),
    # Changing needs the moderator role: without it 403, the other corporation's moderator gets 404.
    "parelketting:activity_change": staff("moderator_hw", "superuser", others="forbidden", moderator_bw="hidden"),
    "parelketting:activity_cancel": staff("moderator_hw", "superuser", others="forbidden", moderator_bw="hidden"),
    "parelketting:activity_photo": PUBLIC,
    "parelketting:activity_thumbnail": PUBLIC,
    # Paper forms are for everyone; the pearl form needs a neighbourhood (a resident's own, else chosen).
    "parelketting:paper_pearl": PUBLIC,
    "parelketting:paper_pearl_pdf": rule("redirect", resident_zuidwijk="ok", resident_hagedoorn="ok"),
    "parelketting:paper_signup": PUBLIC,
    "parelketting:paper_signup_pdf": PUBLIC,
    "parelketting:paper_signup_blank": PUBLIC,
    "parelketting:paper_signup_blank_pdf": PUBLIC,
    "parelketting:paper_signup_entry": staff("moderator_hw", "superuser", others="forbidden"),
    "parelketting:poster": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    "parelketting:poster_pdf": staff("moderator_hw", "moderator_bw", "superuser", others="forbidden"),
    # droomhuis: the dream, referral, signal and pairing are of Hagedoorn (Beter Wonen)
    "droomhuis:share": PUBLIC,
    "droomhuis:thanks": "redirect",  # only right after sharing; otherwise back to the form
    "droomhuis:kiosk_receipt": "redirect",  # only on the kiosk tablet, right after sharing
    "droomhuis:follow_start": PUBLIC,
    "droomhuis:follow": PUBLIC,  # the reference is the secret
    "droomhuis:follow_photo": "hidden",  # this demo dream has no photo
    "droomhuis:withdraw": PUBLIC,
    "droomhuis:forget": PUBLIC,  # the reference is the secret; GET shows only what would happen
    "droomhuis:consent_withdraw": POST_ONLY,
    "droomhuis:partner_consent_withdraw": POST_ONLY,
    "droomhuis:paper": PUBLIC,
    "droomhuis:paper_pdf": PUBLIC,
    "droomhuis:paper_consent": staff("broker_bw", others="forbidden"),
    "droomhuis:paper_consent_pdf": staff("broker_bw", others="forbidden"),
    "droomhuis:wall": PUBLIC,
    "droomhuis:story": PUBLIC,  # a dream on the wall, with the resident's consent; else 404
    "droomhuis:queue": staff("broker_bw", others="forbidden"),
    "droomhuis:intake": staff("broker_bw", others="forbidden"),
    "droomhuis:case": staff("broker_bw", others="forbidden"),
    "droomhuis:case_photo": staff(others="forbidden", broker_bw="hidden"),  # no photo
    "droomhuis:case_pickup": BROKER_POST,
    "droomhuis:case_status": BROKER_POST,
    "droomhuis:case_assign": BROKER_POST,
    # The team lead's pages: no persona holds the role (tests/droomhuis/test_team_lead.py has team leads of both
    # corporations); everyone else is refused before any case is looked up.
    "droomhuis:team": staff(others="forbidden"),
    "droomhuis:team_case": staff(others="forbidden"),
    "droomhuis:team_case_reassign": rule("forbidden", anonymous="login"),
    "droomhuis:team_reassign_all": rule("forbidden", anonymous="login"),
    "droomhuis:case_plan": BROKER_POST,
    "droomhuis:case_contact": BROKER_POST,
    "droomhuis:case_note": BROKER_POST,
    "droomhuis:case_update": BROKER_POST,
    "droomhuis:case_outcome": BROKER_POST,
    "droomhuis:match_add": BROKER_POST,
    "droomhuis:match_contact": BROKER_POST,
    "droomhuis:match_close": BROKER_POST,
    "droomhuis:signal_add": BROKER_POST,
    "droomhuis:signal_close": BROKER_POST,
    "droomhuis:consent_record": BROKER_POST,
    "droomhuis:referral_add": BROKER_POST,
    "droomhuis:referral_acute": BROKER_POST,
    "droomhuis:referral_close": BROKER_POST,
    "droomhuis:referrals": staff("broker_bw", others="forbidden"),
    "droomhuis:review": staff(others="forbidden", broker_bw="hidden"),  # not waiting for review
    "droomhuis:pairing_consent": BROKER_POST,
    "droomhuis:confidentiality": BROKER_POST,
    "droomhuis:pairing_add": BROKER_POST,
    "droomhuis:pairing_renew": BROKER_POST,
    "droomhuis:expert_list": staff("expert_bw", others="forbidden"),
    "droomhuis:expert_case": staff(others="forbidden", expert_bw="hidden"),  # paired with another expert
    "droomhuis:expert_signal": staff(others="forbidden", expert_bw="method"),
    "droomhuis:partner_list": staff("partner_welzijn", others="forbidden"),
    "droomhuis:partner_detail": staff("partner_welzijn", others="forbidden"),
    "droomhuis:partner_link": PUBLIC,  # the signed, time-limited token is the key
    # atelier: the experiment and workshop are public; editing is for the facilitator
    "atelier:index": PUBLIC,
    "atelier:experiment_list": PUBLIC,
    "atelier:experiment": PUBLIC,
    "atelier:experiment_mood_image": PUBLIC,  # the experiment's own mood image, as public as the experiment
    "atelier:why_how_what_edit": ATELIER_EDIT,
    "atelier:canvas_compare": PUBLIC,
    "atelier:canvas": PUBLIC,
    "atelier:canvas_start": POST_ONLY,
    "atelier:canvas_print": PUBLIC,
    "atelier:canvas_pdf": PUBLIC,
    "atelier:canvas_item_add": POST_ONLY,
    "atelier:canvas_item_edit": ATELIER_EDIT,
    "atelier:canvas_item_move": POST_ONLY,
    "atelier:canvas_item_remove": POST_ONLY,
    "atelier:workshop_add": staff(
        "facilitator",
        "superuser",
        moderator_hw="forbidden",
        moderator_bw="forbidden",
        broker_bw="forbidden",
        expert_bw="forbidden",
    ),
    "atelier:workshop": PUBLIC,
    "atelier:workshop_edit": ATELIER_EDIT,
    "atelier:workshop_pdf": PUBLIC,
    "atelier:story": PUBLIC,
    "atelier:story_image": PUBLIC,
    "atelier:story_edit": ATELIER_EDIT,
    "atelier:story_add": ATELIER_EDIT,
    "atelier:experiment_publication": POST_ONLY,
    "atelier:insight_add": POST_ONLY,
    "atelier:workshop_publication": POST_ONLY,
    # api: public, read-only, published records only (tests/api checks the contents)
    **dict.fromkeys([key for key in PATTERNS_KEYS if key.startswith("api-v1:")], PUBLIC),
    "api_index": PUBLIC,
    "health": PUBLIC,
    "security_txt": PUBLIC,
    "web_manifest": PUBLIC,
    "favicon": "redirect",
    "set_language": "redirect",
    # allauth: logged-in visitors are sent on from login/sign-up pages; MFA pages need a set-up authenticator
    "account_login": rule("redirect", anonymous="ok"),
    "account_logout": rule("ok", anonymous="redirect"),
    "account_inactive": PUBLIC,
    "account_signup": rule("redirect", anonymous="ok"),
    "account_reauthenticate": LOGGED_IN,
    # allauth 65.22+: confirm who you are again by a code sent by e-mail (login by code is on)
    "account_request_reauthentication_code": LOGGED_IN,
    "account_confirm_reauthentication_code": rule("redirect", anonymous="login"),  # no code asked for yet
    "account_email": LOGGED_IN,
    "account_email_verification_sent": rule("redirect", anonymous="login"),
    "account_change_password": LOGGED_IN,
    "account_set_password": rule("redirect", anonymous="login"),
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": "redirect",
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,  # shows "this link is not valid"
    "account_reset_password_done": PUBLIC,
    "account_request_login_code": rule("redirect", anonymous="ok"),
    "mfa_index": LOGGED_IN,
    "mfa_authenticate": rule("redirect", anonymous="login"),
    "mfa_reauthenticate": rule("redirect", anonymous="login"),
    "mfa_activate_totp": rule("redirect", anonymous="login"),
    "mfa_deactivate_totp": rule("hidden", anonymous="login"),
    "mfa_view_recovery_codes": rule("hidden", anonymous="login"),
    "mfa_generate_recovery_codes": rule("redirect", anonymous="login"),
    "mfa_download_recovery_codes": rule("hidden", anonymous="login"),
}

# Real permission bugs the matrix found: the matrix says what is right; these entries are expected to fail.
# (The atelier edit pages that answered 403 to anonymous visitors now send them to the login page.)
KNOWN_BUGS: dict = {}

# --- the admin (/beheer/) ----------------------------------------------------------------------------------------

ADMIN_STAFF = ("moderator_hw", "moderator_bw", "superuser")
# Models whose changelist moderators see (scoped to their organisation), and which they may add.
MODERATOR_CHANGELISTS = {
    "wijk_organisation", "wijk_neighbourhood", "wijk_theme", "wijk_resident", "wijk_consentrecord",
    "parelketting_pearl", "parelketting_pearlmessage", "parelketting_route", "parelketting_routesuggestion",
    "parelketting_activity", "droomhuis_dream", "wijk_erasurerecord", "werkplek_standardreply",
}  # fmt: skip
MODERATOR_ADD = {"wijk_resident", "parelketting_route", "parelketting_activity", "werkplek_standardreply"}
# Append-only records: nobody adds them by hand, not even a superuser.
NOBODY_ADDS = {
    "wijk_consentrecord", "wijk_accesslogentry", "droomhuis_signal", "droomhuis_referral", "wijk_erasurerecord",
    "django_tasks_database_dbtaskresult",  # queued e-mail and jobs: only the worker adds them
    "droomhuis_match",  # recorded in the Werkplek, looked up here
    "wijk_twostepkey",  # a colleague sets up their own two-step login; the superuser can only remove one
}  # fmt: skip


def admin_expected(key, persona):
    if persona in ("anonymous", "resident_zuidwijk", "resident_hagedoorn"):
        return {"admin:login": "ok", "admin:logout": "redirect"}.get(key, "login")
    if key in ("admin:index", "admin:app_list"):
        return "ok" if persona in ADMIN_STAFF else "login"
    model, _, page = key.removeprefix("admin:").rpartition("_")
    if persona == "superuser":
        return "forbidden" if page == "add" and model in NOBODY_ADDS else "ok"
    allowed = MODERATOR_CHANGELISTS if page == "changelist" else MODERATOR_ADD
    return "ok" if model in allowed else "forbidden"


# --- URL arguments from real objects --------------------------------------------------------------------------


def url_kwargs(key, o):
    """Arguments for patterns with parameters, from the objects of ``matrix_world``."""
    experiment = o.experiment
    by_name = {
        "wijk:resident_data": {"uid": o.resident.uid},
        "wijk:resident_forget": {"uid": o.resident.uid},
        "wijk:letter_cancel": {"uid": o.letter.uid},
        "wijk:letter_preview": {"uid": o.letter.uid},
        "wijk:letters_run_pdf": {"uid": o.letter_run.uid},
        "wijk:letters_run_retry": {"uid": o.letter_run.uid},
        "wijk:callback_mark": {"uid": o.callback.uid, "mark": "gebeld"},
        "wijk:front_door": {"slug": o.pearl.neighbourhood.slug},
        "wijk:mood_image": {"slug": o.pearl.neighbourhood.slug},
        "parelketting:short": {"code": o.pearl.short_code},
        "parelketting:thanks": {"code": o.followed_pearl.follow_code},
        "parelketting:follow": {"code": o.followed_pearl.follow_code},
        "parelketting:withdraw": {"code": o.followed_pearl.follow_code},
        "parelketting:signup_status": {"code": o.signup.reference},
        "parelketting:join": {"uid": o.join_pearl.uid},
        "parelketting:report_decide": {"uid": o.report.uid},
        "parelketting:activity_photo": {"uid": o.activity.uid, "photo_uid": o.activity_photo.uid},
        "parelketting:activity_thumbnail": {"uid": o.activity.uid, "photo_uid": o.activity_photo.uid},
        "parelketting:paper_signup": {"uid": o.activity.uid},
        "parelketting:paper_signup_pdf": {"uid": o.activity.uid},
        "parelketting:paper_signup_entry": {"uid": o.activity.uid},
        "parelketting:activity_cancel": {"uid": o.signup.activity.uid},  # one still to come
        "droomhuis:consent_withdraw": {"reference": o.dream.reference, "key": "contact"},
        "droomhuis:signal_close": {"uid": o.signal.uid},
        "droomhuis:referral_close": {"uid": o.referral.uid},
        "werkplek:report": {"uid": o.report.uid},
        "werkplek:notice_open": {"uid": o.notice.uid},
        "werkplek:notice_read": {"uid": o.notice.uid},
        "werkplek:report_decide": {"uid": o.report.uid},
        "droomhuis:match_contact": {"uid": o.match.uid},
        "droomhuis:match_close": {"uid": o.match.uid},
        "droomhuis:review": {"uid": o.referral.uid},
        "droomhuis:pairing_renew": {"uid": o.pairing.uid},
        "droomhuis:expert_case": {"uid": o.pairing.uid},
        "droomhuis:expert_signal": {"uid": o.pairing.uid},
        "droomhuis:partner_detail": {"uid": o.referral.uid},
        "droomhuis:partner_link": {"token": o.token},
        "atelier:why_how_what_edit": {"slug": experiment.slug, "number": o.item.canvas.workshop.number},
        "atelier:story": {"uid": o.story.uid},
        "atelier:story_image": {"uid": o.story.uid},
        "atelier:experiment_mood_image": {"slug": experiment.slug},
        "droomhuis:story": {"uid": o.wall_dream.story_uid},
        "atelier:story_edit": {"uid": o.story.uid},
        "api-v1:pearl_detail": {"uid": o.pearl.uid},
        "api-v1:neighbourhood_detail": {"slug": o.pearl.neighbourhood.slug},
        "api-v1:partner_detail": {"slug": o.partner.slug},
        "api-v1:route_detail": {"slug": o.route.slug},
        "parelketting:route_stop": {"slug": o.route.slug, "uid": o.route.stops.order_by("position").first().pearl.uid},
        "api-v1:activity_detail": {"uid": o.public_activity.uid},
        "api-v1:experiment_detail": {"slug": o.public_experiment.slug},
        "account_reset_password_from_key": {"uidb36": "1", "key": "set-wrong-key"},
    }
    if key in by_name:
        return by_name[key]
    app = key.split(":")[0]
    params = {
        "parelketting": {"uid": o.pearl.uid, "slug": o.route.slug},
        "droomhuis": {"reference": o.dream.reference},
        "werkplek": {"uid": o.pearl.uid},
        "atelier": {
            "slug": experiment.slug,
            "number": o.item.canvas.workshop.number,
            "item_id": o.item.pk,
            "team_slug": o.workshop.team.slug,
        },
    }.get(app, {})
    if key.startswith(("parelketting:activity", "werkplek:activity")):
        params = {"uid": o.activity.uid}
    if key.startswith(("atelier:workshop", "atelier:insight")):
        params["number"] = o.workshop.number
    return params


ADMIN_CHECKED = ["anonymous", "resident_zuidwijk", "moderator_hw", "moderator_bw", "superuser"]


def admin_personas(key, route):
    """The admin index for everyone; model pages for the moderators and superuser; the rest: are you staff?"""
    if key == "admin:index":
        return PERSONAS
    if key.endswith(("_changelist", "_add", "admin:app_list")):
        return ADMIN_CHECKED
    return ["anonymous"]


def url_for(key, objects):
    route, params = PATTERNS[key]
    if key.endswith("_simple_history"):  # django-simple-history: two unnamed groups (object, history entry)
        return reverse(key, args=["0", "0"])
    if key.startswith("admin:") and params:
        kwargs = {"app_label": "wijk", "object_id": "0", "id": "0", "content_type_id": "1", "history_id": "0"}
        return reverse(key, kwargs={name: kwargs[name] for name in params})
    if key.startswith("beheer/"):
        return "/" + route.replace("<path:object_id>", "0").replace("(?P<url>.*)$", "nergens/")
    if not params:
        return reverse(key)
    kwargs = url_kwargs(key, objects)
    return reverse(key, kwargs={name: kwargs[name] for name in params})


def client_for(objects, persona):
    client = Client()
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = objects.sessions[persona]
    return client


def expected(key, persona):
    route, _ = PATTERNS[key]
    if is_admin(key, route):
        return admin_expected(key, persona)
    entry = MATRIX[key]
    return entry if isinstance(entry, str) else entry[persona]


def personas_for(key):
    route, _ = PATTERNS[key]
    return admin_personas(key, route) if is_admin(key, route) else PERSONAS


CHECKED = [key for key, (route, _) in PATTERNS.items() if is_admin(key, route) or key in MATRIX]


def test_every_url_pattern_has_an_entry():
    missing = [
        f"{key} (/{route})" for key, (route, _) in PATTERNS.items() if not is_admin(key, route) and key not in MATRIX
    ]
    assert not missing, "URL patterns without an entry in MATRIX: decide who may see them:\n" + "\n".join(missing)
    stale = sorted(set(MATRIX) - set(PATTERNS))
    assert not stale, f"MATRIX entries for URL patterns that no longer exist: {stale}"


def test_matrix_holds_the_house_rules():
    """Anonymous visitors of a staff page go to login; the two corporations' staff never see each other's records."""
    for key, entry in MATRIX.items():
        if isinstance(entry, dict) and {"forbidden", "hidden"} & set(entry.values()):
            assert entry["anonymous"] == "login", key
    for key in ("wijk:resident_data", "droomhuis:case", "droomhuis:referrals"):
        assert MATRIX[key]["moderator_hw"] != "ok", key
    for key in ("parelketting:plaque_png", "parelketting:activity_story"):
        assert MATRIX[key]["moderator_bw"] == "hidden", key
    assert MATRIX["wijk:resident_data"]["moderator_hw"] == "hidden"


def check(objects, persona, key):
    """``None`` when the answer is as expected, else a message naming persona, URL and both answers."""
    url = url_for(key, objects)
    response = client_for(objects, persona).get(url)
    response_close(response)
    got, want = answer_class(response), expected(key, persona)
    if got == want:
        return None
    detail = f" -> {response['Location']}" if response.status_code in (301, 302) else ""
    return f"{persona} GET {url} ({key}): expected {want}, got {got} ({response.status_code}{detail})"


@pytest.mark.parametrize("key", CHECKED)
def test_access(matrix_world, key):  # noqa: F811  (fixture imported above)
    """Every persona for one URL pattern (one test per pattern keeps the run short); failures list each one."""
    _, objects = matrix_world
    failures = [check(objects, persona, key) for persona in personas_for(key) if (persona, key) not in KNOWN_BUGS]
    failures = [failure for failure in failures if failure]
    assert not failures, "\n".join(failures)


if KNOWN_BUGS:  # a strict xfail per known bug; it starts failing the day the bug is fixed

    @pytest.mark.parametrize(
        ("persona", "key"),
        [
            pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=reason))
            for case, reason in KNOWN_BUGS.items()
        ],
    )
    def test_known_bug(matrix_world, persona, key):  # noqa: F811
        """The matrix holds the right answer; these fail until the bug is fixed (then drop them from KNOWN_BUGS)."""
        _, objects = matrix_world
        assert check(objects, persona, key) is None
