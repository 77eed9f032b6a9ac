"""The security promises of the portal, each checked: strict CSP and no inline code, the other headers,
production-only HTTPS settings, a honeypot and a limit on every public form, no sequential ids of personal
records in public URLs. Uploads and hostile text: tests/test_hostile_inputs.py and tests/lib/test_photos.py.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from droomhuis.forms import AssistedIntakeForm, DreamShareForm
from lib.antispam import HoneypotForm
from parelketting import limits
from parelketting.forms import JoinForm, PearlForm, ReportForm
from parelketting.necklace.forms import RouteSuggestionForm
from parelketting.programme.forms import ActivityProposalForm
from parelketting.views.kiosk import KioskPearlForm

from .parelketting.conftest import make_activity, make_pearl, make_place, make_route  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["wijk:home", "droomhuis:share", "parelketting:map", "parelketting:programme", "atelier:index"]


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("name", PAGES)
def test_the_content_security_policy_is_strict(anonymous, world, name):
    directives = csp_directives(anonymous.get(reverse(name)))
    for directive in ("script-src", "style-src", "default-src"):
        sources = directives[directive]
        assert "'self'" in sources, directive
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(sources), directive
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]


@pytest.mark.parametrize("url", ["/", "/api/v1/", "/bestaat-niet/"])
def test_every_answer_carries_the_security_headers(anonymous, world, url):
    response = anonymous.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        if folder.parent.name in ("node_modules", ".venv"):
            continue
        yield from folder.rglob("*.html")


INLINE = [
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style[\s>]", re.I), "a <style> block"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an on...= event handler"),
    (re.compile(r"href\s*=\s*[\"']\s*javascript:", re.I), "a javascript: link"),
]


def test_templates_have_no_inline_script_or_style():
    """The CSP would block them anyway; this finds them before a browser does. Scripts need src= or a nonce."""
    found = []
    templates = list(_templates())
    assert len(templates) > 50
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            found += [f"{path.relative_to(ROOT)}: {what}" for _ in pattern.finditer(text)]
        for tag in re.findall(r"<script\b[^>]*>", text, re.I):
            if "src=" not in tag and "csp_nonce" not in tag and 'type="application/json"' not in tag:
                found.append(f"{path.relative_to(ROOT)}: inline {tag}")
    assert not found, "\n".join(found)


def test_production_uses_https_only_settings():
    """HSTS with subdomains, secure cookies and the HTTPS redirect: set by production.py, not by the environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wijkportaal.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "wijkportaal.example",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
    }
    for name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS", "DJANGO_HSTS_PRELOAD", "DEBUG"):
        env.pop(name, None)
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({n: getattr(s, n)"
        " for n in ['DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT',"
        " 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SECURE_CONTENT_TYPE_NOSNIFF']}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values.pop("DEBUG") is False
    assert values.pop("SECURE_HSTS_SECONDS") >= 31536000
    assert all(values.values()), values


PUBLIC_FORMS = [
    DreamShareForm,
    AssistedIntakeForm,
    PearlForm,
    KioskPearlForm,
    ReportForm,
    JoinForm,
    RouteSuggestionForm,
    ActivityProposalForm,
]


@pytest.mark.parametrize("form_class", PUBLIC_FORMS, ids=lambda c: c.__name__)
def test_every_public_form_has_the_honeypot(form_class):
    assert issubclass(form_class, HoneypotForm)
    assert "website" in form_class.base_fields


def test_account_sign_up_has_a_honeypot_without_inline_style(anonymous, world):
    """allauth's own honeypot hides itself with a style attribute, which the CSP blocks; ours uses the CSS class."""
    from wijk.models import User

    url = reverse("account_signup")
    html = anonymous.get(url).content.decode()
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", html).group(0)
    assert 'class="honeypot"' in field and 'tabindex="-1"' in field and "style=" not in field
    data = {"email": "bot@spam.example", "password1": "Lang-genoeg-wachtwoord-9", "website": "http://spam.example"}
    response = anonymous.post(url, data)
    assert response.status_code == 302  # the same answer as a real sign-up, so a bot learns nothing
    assert not User.objects.filter(email="bot@spam.example").exists()
    data.update(email="mens@zuidwijk.example", website="")
    assert anonymous.post(url, data).status_code == 302
    assert User.objects.filter(email="mens@zuidwijk.example").exists()


@pytest.fixture
def one_per_hour(settings, monkeypatch):
    """Every parelketting limit set to 1, so the second attempt must be refused."""
    settings.RATE_LIMIT_SCALE = 1
    for name in dir(limits):
        if name.endswith("_PER_HOUR"):
            monkeypatch.setattr(limits, name, 1)


def test_pearls_are_limited_per_visitor(resident_zuidwijk, world, one_per_hour):
    from parelketting.models import Pearl

    data = {"kind": "place", "title": "Bankje", "story": "Hier zit ik graag.", "street": "Spui"}
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 302
    assert resident_zuidwijk.post(reverse("parelketting:new"), data).status_code == 429
    assert Pearl.objects.count() == 1


def test_route_suggestions_are_limited_per_visitor(resident_zuidwijk, make_route, make_place, one_per_hour):  # noqa: F811
    route = make_route(2)
    places = [make_place(f"Plek {n}", dlat=0.01 + n * 0.001) for n in range(2)]
    url = reverse("parelketting:route_suggest", kwargs={"slug": route.slug})
    first = resident_zuidwijk.post(url, {"pearl": places[0].pk, "reason": "Mooi bankje."})
    assert first.status_code == 302
    assert resident_zuidwijk.post(url, {"pearl": places[1].pk, "reason": "Ook mooi."}).status_code == 429


def test_activity_sign_ups_are_limited_per_visitor(resident_zuidwijk, world, make_activity, one_per_hour):  # noqa: F811
    from parelketting.programme.models import SignUp

    first, second = make_activity(title="Breien"), make_activity(title="Fietsen maken", days=5)
    assert resident_zuidwijk.post(reverse("parelketting:activity_signup", kwargs={"uid": first.uid})).status_code == 302
    response = resident_zuidwijk.post(reverse("parelketting:activity_signup", kwargs={"uid": second.uid}), follow=True)
    assert "U heeft zich al heel vaak aangemeld." in response.content.decode()
    assert SignUp.objects.filter(resident=world.residents.zuidwijk).count() == 1


# Integer URL parts that are allowed: workshop numbers and canvas cards of the co-design record, which are
# public project documents, not personal records. Anything about a person uses a uid or a reference code.
INTEGER_PARTS_ALLOWED = {"number", "item_id"}


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_public_urls_do_not_count_personal_records():
    """No ``<int:pk>`` for pearls, dreams, residents, activities or letters: a number invites guessing the next."""
    found = []
    for route in _routes():
        if route.startswith(("beheer/", "admin/")):
            continue
        for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
            if converter == "int" and name not in INTEGER_PARTS_ALLOWED:
                found.append(route)
            if converter in ("", "str", "path") and name in ("pk", "id"):
                found.append(route)
    assert not found, found


def test_security_txt_says_where_to_report_and_until_when(client, settings):
    """RFC 9116: a Contact and an Expires field (less than a year ahead), served as plain text."""
    from datetime import UTC, datetime, timedelta

    settings.SECURITY_CONTACT = "mailto:veiligheid@corporatie.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:veiligheid@corporatie.example"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert datetime.now(UTC) + timedelta(days=30) < expires < datetime.now(UTC) + timedelta(days=365)
    assert fields["Canonical"].endswith("/.well-known/security.txt")
