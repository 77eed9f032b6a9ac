"""Odd inputs: every URL pattern of the portal and the API answers odd query and path values without a 5xx.

``PAGES`` says, per URL pattern, which query parameters its view reads and a normal value for each; the API's
come from its OpenAPI document and the admin's from ``admin_params``, so neither can go stale. Per pattern the
walk sends (see ``plan``): the normal values as every persona that may open the page; each odd value (``ODD``)
in each parameter, the others normal, as the first persona that may open it; each odd value in all parameters
at once as anonymous; odd path values where the URL converter lets them through (``ODD_PATH``). A pattern
without query parameters gets a GET full of unknown ones instead. PDF/PNG files and the admin get shorter lists.
A new URL pattern without an entry fails ``test_every_url_pattern_has_an_entry``, as in the access matrix; a view
that reads a parameter its entry does not declare fails the walk (a test middleware records what is read).
"""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.http import QueryDict
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from api.v1 import api

from .access_fixtures import matrix_world, response_close  # noqa: F401  (module-scoped fixture)
from .conftest import PERSONAS
from .test_access_matrix import MATRIX, PATTERNS, expected, is_admin, url_for, url_kwargs

pytestmark = [pytest.mark.django_db]

LONG = "x" * 5000
ODD = [
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "0001-01",
    "9999-12",
    "9999",
    "0",
    "13",
    "2026-13",
    "2026-02-30",
    "-1",
    "-99999999999999999999",
    "9" * 30,
    "9" * 5000,
    "NaN",
    "1e309",
    "",
    LONG,
    "\x00",
    "\u202eevil",
    "\u0663",  # an Arabic-Indic digit: int() reads it, a database does not
    "NaN,NaN,NaN,NaN",
    "-181,-91,181,91",
]
ODD_PATH = [
    "0",
    "-1",
    "9" * 30,
    "9" * 5000,
    LONG,
    "NaN",
    "1e309",
    "\x00",
    "\u202e",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
]
# The admin is Django's own code with our configuration (search, ordering, filters): a shorter list there.
ODD_ADMIN = ["0", "-1", "9999", "9" * 30, "NaN", "\x00", LONG]
ODD_ADMIN_PATH = ["9" * 30, "\x00", LONG]
# Files that take a second to make (PDF, PNG): the values that test parsing, in all parameters at once.
ODD_HEAVY = ["0001-01-01T00:00:00+05:00", "9999-12", "2026-13", "-99999999999999999999", "NaN", "", LONG, "\x00"]
HEAVY = (".pdf", ".png", "/pdf/")
# Unknown parameters for pages that read none; without NUL, which the site refuses before any view (400).
JUNK = {f"onbekend{number}": value for number, value in enumerate(ODD) if "\x00" not in value}


def next_month(objects=None) -> str:
    today = timezone.localdate()
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


# --- what each view reads --------------------------------------------------------------------------------------
# A value is a string, or a function of the ``matrix_world`` objects. ``NEXT`` follows allauth and login pages.

NEXT = {"next": "/parelketting/"}
FILTER = {"soort": "place", "thema": "groen"}

PAGES = {
    "wijk:home": {},
    "werkplek:home": {},
    "werkplek:notices": {"soort": "signal"},
    "werkplek:notices_read_all": {},
    "werkplek:notice_read": {},
    "werkplek:notice_open": {},
    "werkplek:pearls": {},
    "werkplek:pearl": {"afwijzen": "persoonlijk", "vraag": "waar"},
    "werkplek:pearl_approve": {},
    "werkplek:pearl_reject": {},
    "werkplek:pearl_return": {},
    "werkplek:reports": {},
    "werkplek:report": {"antwoord": "opgelost"},
    "werkplek:report_decide": {},
    "werkplek:activities": {},
    "werkplek:activity": {"afwijzen": "datum"},
    "werkplek:activity_accept": {},
    "werkplek:activity_decline": {},
    "wijk:choose": {},
    "wijk:front_door": {},
    "wijk:mood_image": {"w": "480"},
    "wijk:privacy": {},
    "wijk:accessibility": {},
    "wijk:account": {},
    "wijk:neighbourhood": {"next": "/"},
    "wijk:display": {},
    "wijk:my_data": {"formaat": "json"},
    "wijk:resident_data": {"formaat": "json"},
    "wijk:forget_me": {},
    "wijk:resident_forget": {},
    "wijk:kiosk": {},
    "wijk:kiosk_start": {},
    "wijk:kiosk_stop": {},
    "wijk:letters": {},
    "wijk:letters_pdf": {},
    "wijk:letters_sent": {},
    "wijk:letters_run_pdf": {},
    "wijk:letters_run_retry": {},
    "wijk:letter_cancel": {},
    "wijk:letter_preview": {},
    "wijk:callback": {"wijk": lambda o: str(o.callback.neighbourhood_id)},
    "wijk:callbacks": {},
    "wijk:callback_mark": {},
    "parelketting:kiosk_pearl": {},
    "parelketting:map": FILTER,
    "parelketting:list": {**FILTER, "pagina": "2"},
    "parelketting:geojson": FILTER,
    "parelketting:new": {"neighbourhood": lambda o: str(o.pearl.neighbourhood.pk), "wijk": "zuidwijk"},
    "parelketting:thanks": {},
    "parelketting:follow_start": {"code": lambda o: o.followed_pearl.follow_code},
    "parelketting:follow": {},
    "parelketting:withdraw": {},
    "parelketting:new_on_behalf": {  # a hand-over link fills in the form
        "bewoner": lambda o: str(o.resident.uid),
        "wijk": "zuidwijk",
        "terug": "/droomhuis/makelaar/",
        "soort": "place",
        "titel": "Bankje",
        "verhaal": "Hier zit ik graag.",
        "thema": "groen",
        "kanaal": "phone",
    },
    "parelketting:mine": {},
    "parelketting:consent_withdraw": {},
    "parelketting:detail": {},
    "parelketting:pearl_story": {},
    "parelketting:photo": {"w": "320"},
    "parelketting:thumbnail": {"w": "320"},
    "parelketting:answer": {},
    "parelketting:report": {},
    "parelketting:reports": {},
    "parelketting:report_decide": {},
    "parelketting:join": {},
    "parelketting:plaque_png": {},
    "parelketting:plaque_pdf": {},
    "parelketting:short": {},
    "parelketting:routes": {},
    "parelketting:route": {},
    "parelketting:route_pdf": {},
    "parelketting:route_pdf_retry": {},
    "parelketting:route_mood_image": {"w": "480"},
    "parelketting:route_stop": {"stop": "999", "n": "-1"},
    "parelketting:route_gpx": {},
    "parelketting:route_suggest": {},
    "parelketting:programme": {"thema": "groen", "vanaf": "2026-12-14"},
    "parelketting:programme_archive": {"pagina": "2"},
    "parelketting:programme_ics": {},
    "parelketting:activity_propose": {},
    "parelketting:activity": {},
    "parelketting:activity_mood_image": {"w": "480"},
    "parelketting:activity_ics": {},
    "parelketting:activity_signup": {},
    "parelketting:signup_find": {"code": lambda o: o.signup.reference},
    "parelketting:signup_status": {},
    "parelketting:activity_signup_cancel": {},
    "parelketting:activity_on_behalf": {},
    "parelketting:activity_story": {},
    "parelketting:activity_change": {},
    "parelketting:activity_cancel": {},
    "parelketting:activity_photo": {"w": "320"},
    "parelketting:activity_thumbnail": {"w": "320"},
    "parelketting:paper_pearl": {"wijk": "zuidwijk"},
    "parelketting:paper_pearl_pdf": {"wijk": "zuidwijk"},
    "parelketting:paper_signup": {},
    "parelketting:paper_signup_pdf": {},
    "parelketting:paper_signup_blank": {},
    "parelketting:paper_signup_blank_pdf": {},
    "parelketting:paper_signup_entry": {},
    "parelketting:poster": {"wijk": "zuidwijk", "maand": next_month},
    "parelketting:poster_pdf": {"wijk": "zuidwijk", "maand": next_month},
    "droomhuis:share": {},
    "droomhuis:thanks": {},
    "droomhuis:kiosk_receipt": {"print": "1"},
    "droomhuis:follow_start": {"reference": lambda o: o.dream.reference},
    "droomhuis:follow": {},
    "droomhuis:follow_photo": {},
    "droomhuis:withdraw": {},
    "droomhuis:forget": {},
    "droomhuis:consent_withdraw": {},
    "droomhuis:partner_consent_withdraw": {},
    "droomhuis:paper": {},
    "droomhuis:paper_pdf": {},
    "droomhuis:paper_consent": {"droom": lambda o: o.dream.reference},
    "droomhuis:paper_consent_pdf": {"droom": lambda o: o.dream.reference},
    "droomhuis:wall": {},
    "droomhuis:story": {},
    "droomhuis:queue": {
        "view": "all",
        "q": "bankje",
        "status": "new",
        "theme": lambda o: str(o.dream.themes.first().pk),
        "neighbourhood": lambda o: str(o.dream.neighbourhood.pk),
        "age": "week",
        "pagina": "1",
    },
    "droomhuis:intake": {"zoek": "Henk", "bewoner": lambda o: str(o.resident.uid)},
    "droomhuis:case": {},
    "droomhuis:case_photo": {},
    "droomhuis:case_pickup": {},
    "droomhuis:case_status": {},
    "droomhuis:case_assign": {},
    "droomhuis:team": {},
    "droomhuis:team_case": {},
    "droomhuis:team_case_reassign": {},
    "droomhuis:team_reassign_all": {},
    "droomhuis:case_plan": {},
    "droomhuis:case_contact": {},
    "droomhuis:case_note": {},
    "droomhuis:case_update": {},
    "droomhuis:case_outcome": {},
    "droomhuis:match_add": {},
    "droomhuis:match_contact": {},
    "droomhuis:match_close": {},
    "droomhuis:signal_add": {},
    "droomhuis:signal_close": {},
    "droomhuis:consent_record": {},
    "droomhuis:referral_add": {},
    "droomhuis:referral_acute": {},
    "droomhuis:referral_close": {},
    "droomhuis:referrals": {},
    "droomhuis:review": {},
    "droomhuis:pairing_consent": {},
    "droomhuis:confidentiality": {},
    "droomhuis:pairing_add": {},
    "droomhuis:pairing_renew": {},
    "droomhuis:expert_list": {},
    "droomhuis:expert_case": {},
    "droomhuis:expert_signal": {},
    "droomhuis:partner_list": {"pagina": "1"},
    "droomhuis:partner_detail": {},
    "droomhuis:partner_link": {},
    "atelier:index": {},
    "atelier:experiment_list": {},
    "atelier:experiment": {},
    "atelier:experiment_mood_image": {"w": "480"},
    "atelier:why_how_what_edit": {},
    "atelier:canvas_compare": {"van": "1", "naar": "2"},
    "atelier:canvas": {},
    "atelier:canvas_start": {},
    "atelier:canvas_print": {"formaat": "a3"},
    "atelier:canvas_pdf": {"formaat": "a3"},
    "atelier:canvas_item_add": {},
    "atelier:canvas_item_edit": {},
    "atelier:canvas_item_move": {},
    "atelier:canvas_item_remove": {},
    "atelier:workshop_add": {},
    "atelier:workshop": {},
    "atelier:workshop_edit": {},
    "atelier:workshop_pdf": {},
    "atelier:story": {},
    "atelier:story_image": {"w": "480"},
    "atelier:story_edit": {},
    "atelier:story_add": {},
    "atelier:experiment_publication": {},
    "atelier:insight_add": {},
    "atelier:workshop_publication": {},
    "api_index": {},
    "health": {},
    "security_txt": {},
    "web_manifest": {"lang": "xx"},
    "favicon": {},
    "set_language": NEXT,
    "account_login": NEXT,
    "account_logout": NEXT,
    "account_inactive": NEXT,
    "account_signup": {**NEXT, "email": "iemand@example.org"},
    "account_reauthenticate": NEXT,
    "account_request_reauthentication_code": NEXT,
    "account_confirm_reauthentication_code": NEXT,
    "account_email": {},
    "account_email_verification_sent": {},
    "account_change_password": NEXT,
    "account_set_password": {},
    "account_reset_password": NEXT,
    "account_confirm_login_code": NEXT,
    "account_reset_password_from_key_done": NEXT,
    "account_reset_password_from_key": NEXT,
    "account_reset_password_done": NEXT,
    "account_request_login_code": NEXT,
    "mfa_index": {},
    "mfa_authenticate": {},
    "mfa_reauthenticate": NEXT,
    "mfa_activate_totp": {},
    "mfa_deactivate_totp": {},
    "mfa_view_recovery_codes": {},
    "mfa_generate_recovery_codes": {},
    "mfa_download_recovery_codes": {},
}

# The API's query parameters, from its OpenAPI document; a normal value for each name it uses.
API_NORMAL = {
    "kind": "place",
    "theme": "groen",
    "neighbourhood": "zuidwijk",
    "bbox": "4.40,51.81,4.42,51.82",
    "changed_since": "2026-01-01T00:00:00+01:00",
    "limit": "10",
    "offset": "0",
}
API_PAGES = {"api-v1:openapi-json": {}, "api-v1:openapi-view": {}, "api-v1:api-root": {}}


def api_params() -> dict:
    paths = api.get_openapi_schema()["paths"]
    found = dict(API_PAGES)
    for key, (route, _) in PATTERNS.items():
        if key.startswith("api-v1:") and key not in API_PAGES:
            operation = paths["/" + re.sub(r"<(\w+)>", r"{\1}", route)]["get"]
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            found[key] = {name: API_NORMAL[name] for name in names}
    return found


# The admin reads its list parameters by going through all of them: declared here per list page.
ADMIN_LIST = {"q": "a", "o": "1", "p": "1"}
ADMIN_LIST_EXTRA = {
    "admin:wijk_accesslogentry_changelist": {
        "at__year": "2026",
        "at__month": "1",
        "at__day": "2",
        "bewoner": "00000000-0000-4000-8000-000000000000",
    },
    "admin:droomhuis_match_changelist": {"status__exact": "recorded", "kind__exact": "partner"},
    "admin:wijk_erasurerecord_changelist": {"on__year": "2026", "on__month": "1"},
    "admin:parelketting_pearl_changelist": {"status": "submitted"},
    "admin:droomhuis_dream_changelist": {"muur": "waiting"},
}


# Parameters of Django's admin itself: known, so the walk does not ask for them, but not filled with odd values.
ADMIN_OWN = {"_to_field", "_popup", "_changelist_filters", "_facets", "all", "e"}
ADMIN_AUTOCOMPLETE = {
    "term": "a",
    "app_label": "wijk",
    "model_name": "resident",
    "field_name": "neighbourhood",
    "page": "1",
}


def admin_params(key) -> dict:
    if key == "admin:login":
        return NEXT
    if key == "admin:autocomplete":
        return ADMIN_AUTOCOMPLETE
    if key.endswith("_changelist"):
        return {**ADMIN_LIST, **ADMIN_LIST_EXTRA.get(key, {})}
    return {}


PARAMS = {**PAGES, **api_params()}


def params_for(key) -> dict:
    route, _ = PATTERNS[key]
    return admin_params(key) if is_admin(key, route) else PARAMS[key]


def test_every_url_pattern_has_an_entry():
    missing = [
        f"{key} (/{route})" for key, (route, _) in PATTERNS.items() if not is_admin(key, route) and key not in PARAMS
    ]
    assert not missing, "URL patterns without an entry in PAGES: declare the query parameters they read:\n" + (
        "\n".join(missing)
    )
    stale = sorted(set(PARAMS) - set(PATTERNS))
    assert not stale, f"PAGES entries for URL patterns that no longer exist: {stale}"
    assert set(PARAMS) <= set(MATRIX), "every pattern here has its access decided in the matrix"


def test_a_nul_in_the_address_is_refused_plainly():
    """PostgreSQL refuses NUL in text: one middleware answers 400 on the site and 422 with a message in the API."""
    client = Client()
    page = client.get("/parelketting/op-papier/parel/", {"wijk": "\x00"})
    assert page.status_code == 400 and "Controleer de link" in page.content.decode()
    assert client.get("/parelketting/p/%00/").status_code == 400
    answer = client.get("/api/v1/neighbourhoods/%00")
    assert answer.status_code == 422 and "Controleer de link" in answer.json()["detail"]


# --- recording what a view reads -------------------------------------------------------------------------------


class ReadRecorder(QueryDict):
    """``request.GET`` that notes each name asked for by name (forms, ``get``, ``in``); iteration is not noted."""

    def __init__(self, *args, **kwargs):
        self.read = set()
        super().__init__(*args, **kwargs)
        self.read = set()  # filling the dict asked too

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def record_reads(get_response):
    """Test middleware: gives each request a ``ReadRecorder`` and hands what was read back on the response."""

    def middleware(request):
        query = request.META.get("QUERY_STRING", "").encode("iso-8859-1")
        request.GET = ReadRecorder(query, encoding=request.encoding)
        response = get_response(request)
        response.read_parameters = request.GET.read
        return response

    return middleware


# --- the walk --------------------------------------------------------------------------------------------------

TOTALS = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_totals():
    yield
    print(f"\nodd-input walk: {TOTALS['patterns']} URL patterns, {TOTALS['requests']} requests")


def may_open(key) -> list[str]:
    """The personas whose plain GET gets the page; the admin's other pages are tried by the superuser."""
    route, _ = PATTERNS[key]
    if is_admin(key, route) and not key.endswith(("_changelist", "_add", "admin:index", "admin:app_list")):
        return [] if key in ("admin:login", "admin:logout") else ["superuser"]
    return [persona for persona in PERSONAS if expected(key, persona) == "ok"]


def is_heavy(key) -> bool:
    return PATTERNS[key][0].endswith(HEAVY)


def path_kwargs(key, objects) -> dict:
    route, names = PATTERNS[key]
    if not names or key.endswith("_simple_history") or key.startswith("beheer/"):
        return {}
    if key.startswith("admin:"):
        return dict.fromkeys(names, "0") | ({"app_label": "wijk"} if "app_label" in names else {})
    kwargs = url_kwargs(key, objects)
    return {name: str(kwargs[name]) for name in names}


def odd_urls(key, objects) -> list[str]:
    """The pattern's URL with one path value at a time made odd, where the URL converter lets it through."""
    values = ODD_ADMIN_PATH if key.startswith("admin:") else ODD_PATH
    if key.endswith("_simple_history"):  # two unnamed groups: the object and the history entry
        return [reverse(key, args=args) for value in values for args in ([value, "0"], ["0", value])]
    kwargs = path_kwargs(key, objects)
    urls = []
    for name in kwargs:
        for value in values:
            try:
                urls.append(reverse(key, kwargs={**kwargs, name: value}))
            except NoReverseMatch:
                continue
    return urls


def client_for(objects, persona):
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = objects.sessions[persona]
    return client


def plan(key, objects):
    """``(persona, url, query)`` for one pattern.

    With query parameters: the normal values as every persona that may open the page; each odd value in each
    parameter (the others normal) as the first such persona (a resident on a public page); anonymous on a public
    page gets each odd value in all parameters at once, elsewhere one request (it is sent to log in). Without:
    unknown parameters full of odd values, as both. Then each odd path value as the first persona. PDF and PNG
    files: the normal values as anonymous and the first persona, ``ODD_HEAVY`` in all parameters at once.
    """
    url = url_for(key, objects)
    normal = {name: value(objects) if callable(value) else value for name, value in params_for(key).items()}
    allowed = may_open(key)
    deep = next((persona for persona in allowed if persona != "anonymous"), "anonymous")
    values = ODD_ADMIN if key.startswith("admin:") else ODD
    if normal and is_heavy(key):
        for persona in [p for p in allowed if p in ("anonymous", deep)] or [deep]:
            yield persona, url, normal
        for value in ODD_HEAVY:
            yield deep, url, dict.fromkeys(normal, value)
        if deep != "anonymous":
            yield "anonymous", url, {**JUNK, **dict.fromkeys(normal, LONG)}
    elif normal:
        for persona in allowed:
            yield persona, url, normal
        for name in normal:
            for value in values:
                yield deep, url, {**normal, name: value}
        if deep != "anonymous" and "anonymous" in allowed:
            for value in values:
                yield "anonymous", url, dict.fromkeys(normal, value)
        elif deep != "anonymous":
            yield "anonymous", url, {**JUNK, **dict.fromkeys(normal, LONG)}
    else:
        yield deep, url, JUNK
        if deep != "anonymous":
            yield "anonymous", url, JUNK
    for odd_url in odd_urls(key, objects):
        yield deep, odd_url, normal


@pytest.fixture
def walk_settings(settings):
    settings.MIDDLEWARE = ["tests.test_odd_inputs.record_reads", *settings.MIDDLEWARE]
    settings.RATE_LIMIT_SCALE = 0  # a walk is not an attack: no request may be turned away as too many


@pytest.mark.parametrize("key", list(PATTERNS))
def test_odd_inputs(matrix_world, walk_settings, key):  # noqa: F811  (fixture imported above)
    """No 5xx for any odd value as anyone who may ask; a view reads only the parameters declared for it."""
    _, objects = matrix_world
    declared = set(params_for(key)) | (ADMIN_OWN if key.startswith("admin:") else set())
    clients = {}
    failures, undeclared = [], set()
    for persona, url, query in plan(key, objects):
        client = clients.setdefault(persona, client_for(objects, persona))
        response = client.get(url, query)
        response_close(response)
        TOTALS["requests"] += 1
        if response.status_code >= 500:
            shown = {name: value[:40] + "…" if len(value) > 40 else value for name, value in query.items()}
            failures.append(f"{persona} GET {url[:120]} {shown}: {response.status_code}")
        undeclared |= getattr(response, "read_parameters", set()) - declared - set(JUNK)
    TOTALS["patterns"] += 1
    assert not undeclared, f"{key} reads {sorted(undeclared)}: declare them in PAGES with a normal value"
    assert not failures, f"{len(failures)} answers of 500 or more:\n" + "\n".join(failures)
