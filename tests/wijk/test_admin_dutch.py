"""The admin speaks Dutch on every page a superuser opens: Django's, allauth's, django-tasks' and
django-simple-history's words included (through ``locale_overrides/nl``), and our own column names."""

import json
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from wijk.models import User

pytestmark = pytest.mark.django_db

# Words and phrases of the admin's English that a Dutch page must not show. Whole words, any case.
ENGLISH = [
    "add",
    "add link",
    "after you",
    "by selecting",
    "can add",
    "can change",
    "can delete",
    "can view",
    "change",
    "changed by",
    "change reason",
    "choose",
    "created",
    "created at",
    "created by",
    "date/time",
    "delete",
    "enqueued",
    "finished at",
    "historical",
    "history",
    "home",
    "last used",
    "model name",
    "none",
    "password",
    "priority",
    "recorded by",
    "reference",
    "reviewed by",
    "revert",
    "save",
    "search",
    "select",
    "task result",
    "task results",
    "the",
    "updated at",
    "user",
    "view",
    "with",
    "you",
    "your",
]
PATTERN = re.compile(
    r"(?<![\w/.-])(" + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True)) + r")(?![\w/.-])",
    re.IGNORECASE,
)


class VisibleText(HTMLParser):
    """Text a person sees or hears: text outside scripts and styles, and the title, label and placeholder.

    Text marked as another language (``lang="en"``, a theme's English name) is not the page's own words."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.foreign = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        if self.foreign and tag == self.foreign[-1]:
            self.foreign.append(tag)
        elif (dict(attrs).get("lang") or "nl")[:2] != "nl" and tag != "html":
            self.foreign.append(tag)
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button") and dict(attrs).get("value"):
            self.parts.append(dict(attrs)["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        if self.foreign and tag == self.foreign[-1]:
            self.foreign.pop()

    def handle_data(self, data):
        if not self.hidden and not self.foreign and data.strip():
            self.parts.append(data.strip())


def english_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return sorted({f"{match.group(0)!r} in {part[:80]!r}" for part in parser.parts for match in PATTERN.finditer(part)})


@pytest.fixture
def superuser_nl(settings):
    settings.DEBUG = True
    call_command("loaddemo", force=True, stdout=StringIO())
    settings.DEBUG = False
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(User.objects.get(email="admin@wijkportaal.example"))
    return client


def admin_pages(client) -> list[str]:
    """Every registered admin's list, its add page, and the change and history pages of one record (if any)."""
    pages = [reverse("admin:index")]
    for app in client.get(reverse("admin:index")).context["app_list"]:
        for entry in app["models"]:
            model, opts = entry["model"], entry["model"]._meta
            pages.append(entry["admin_url"])
            if entry["add_url"]:
                pages.append(entry["add_url"])
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                for view in ("change", "history"):
                    try:
                        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[first.pk]))
                    except NoReverseMatch:
                        pass
    return pages


def test_every_admin_page_is_in_dutch(superuser_nl):
    pages = admin_pages(superuser_nl)
    assert len(pages) > 80
    found = {}
    for url in pages:
        response = superuser_nl.get(url)
        assert response.status_code == 200, url
        if english := english_in(response.content.decode()):
            found[url] = english
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_checker_finds_english():
    html = (
        '<th>Created at</th><a title="Add link">+</a><script>var the = 1;</script><p>Uw wachtwoord</p>'
        '<td><span lang="en">Repairs and odd jobs</span></td>'
    )
    assert english_in(html) == ["'Add link' in 'Add link'", "'Created at' in 'Created at'"]


def test_the_two_box_picker_speaks_dutch(superuser_nl):
    script = superuser_nl.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    assert catalog['Choose %s by selecting them and then select the "Choose" arrow button.'].startswith("Kies %s")
    assert catalog["Remove all %s"] == "Alle %s weghalen"
