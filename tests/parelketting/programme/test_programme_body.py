"""The programme page's exact HTML. The view loads only what a card shows (the activity's columns, its place's
title, the theme names), makes the links with one ``reverse()`` and translates the words every card repeats
once; the cards must stay what the straightforward build made. The reference below is that build: whole
activities with their relations, ``get_absolute_url()`` and ``themes.all`` per card, a translation per card."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.template import engines
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from parelketting.choices import ActivityStatus, SignUpStatus
from parelketting.models import Activity
from parelketting.programme.forms import ProgrammeFilterForm
from parelketting.programme.services import activity_cancel, activity_story_write, signup_create
from wijk.models import Theme

pytestmark = pytest.mark.django_db

# The page's main block as it was, card by card.
REFERENCE_MAIN = """{% load i18n static %}<h1>{% translate "Programma" %}</h1>
<p class="lead">{% translate "Buren maken samen het programma. Doe mee, of bedenk zelf iets." %}</p>
<ul class="pk-actions">
  {% if can_propose %}<li><a class="button" href="{% url 'parelketting:activity_propose' %}">{% translate "Zelf iets organiseren" %}</a></li>{% endif %}
  <li><a class="button button--secondary" href="{% url 'parelketting:programme_ics' %}">{% translate "Heel het programma in uw agenda" %}</a></li>
  <li><a class="button button--secondary" href="{% url 'parelketting:paper_signup_blank' %}">{% translate "Aanmelden op papier" %}</a></li>
</ul>
<form method="get" class="pk-filter">
  <div class="field">
    <label for="{{ form.thema.id_for_label }}">{{ form.thema.label }}</label>
    {{ form.thema }}
  </div>
  <button type="submit" class="button button--secondary">{% translate "Toon" %}</button>
</form>
{% for week in weeks %}
  <section class="pk-week" aria-labelledby="week-{{ forloop.counter }}">
    <h2 id="week-{{ forloop.counter }}">{% if week.this_week %}{% translate "Deze week" %}{% else %}{% blocktranslate with day=week.monday|date:"j F" %}Week van maandag {{ day }}{% endblocktranslate %}{% endif %}</h2>
    <ul class="pk-list">
      {% for activity in week.activities %}
        <li class="pk-card">
          <h3 class="pk-card__title"><a href="{{ activity.get_absolute_url }}">{{ activity.title }}</a></h3>
          <p class="pk-activity__when">{{ activity.starts_at|date:"l j F" }}, {{ activity.starts_at|time:"H:i" }}–{{ activity.ends_at|time:"H:i" }}</p>
          <p>{% translate "Waar:" %} {{ activity.place_label }}</p>
          {% if activity.status == "cancelled" %}
            <p><span class="pk-badge">{% translate "Gaat niet door" %}</span></p>
          {% elif activity.free_places %}
            <p>{% blocktranslate count counter=activity.free_places %}Nog {{ counter }} plaats vrij{% plural %}Nog {{ counter }} plaatsen vrij{% endblocktranslate %}</p>
          {% else %}
            <p><span class="pk-badge">{% translate "Vol: u kunt op de wachtlijst" %}</span></p>
          {% endif %}
          {% with themes=activity.themes.all %}{% if themes %}<p>{% translate "Thema's:" %} {% for t in themes %}{{ t.label }}{% if not forloop.last %}, {% endif %}{% endfor %}</p>{% endif %}{% endwith %}
        </li>
      {% endfor %}
    </ul>
  </section>
{% empty %}
  <p>{% if theme %}{% translate "Bij dit thema staat nu niets in het programma." %}{% else %}{% translate "Er staat nu niets in het programma. Heeft u een idee? Organiseer het zelf!" %}{% endif %}</p>
{% endfor %}
{% if next_week or later %}
  <ul class="pk-actions">
    {% if next_week %}<li><a class="button button--secondary" href="?vanaf={{ next_week|date:'Y-m-d' }}{% if theme %}&amp;thema={{ theme.slug }}{% endif %}">{% blocktranslate with day=next_week|date:"j F" %}Verder: week van maandag {{ day }}{% endblocktranslate %}</a></li>{% endif %}
    {% if later %}<li><a href="{% url 'parelketting:programme' %}{% if theme %}?thema={{ theme.slug }}{% endif %}">{% translate "Terug naar deze week" %}</a></li>{% endif %}
  </ul>
{% endif %}
{% if stories %}
  <section class="pk-week" aria-labelledby="pk-stories">
    <h2 id="pk-stories">{% translate "Eerder: zo ging het" %}</h2>
    <ul class="pk-list">
      {% for activity in stories %}
        <li class="pk-card">
          <h3 class="pk-card__title"><a href="{{ activity.get_absolute_url }}">{{ activity.title }}</a></h3>
          <p class="pk-activity__when">{{ activity.starts_at|date:"l j F" }} · {{ activity.place_label }}</p>
          <p dir="auto">{{ activity.story|truncatewords:30 }}</p>
        </li>
      {% endfor %}
    </ul>
  </section>
{% endif %}
<p><a href="{% url 'parelketting:programme_archive' %}">{% translate "Wat al voorbij is: het archief" %}</a></p>
"""


def reference_main(params: dict) -> str:
    """The main block the straightforward way (an anonymous visitor: no "Zelf iets organiseren")."""
    form = ProgrammeFilterForm(params or None)
    form.is_valid()
    choice = getattr(form, "cleaned_data", {})
    theme = choice.get("thema")
    now = timezone.now()
    today = timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    first_week = choice.get("vanaf") or this_week
    horizon = first_week + timedelta(weeks=4)
    queryset = (
        Activity.objects.filter(status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED])
        .upcoming()
        .select_related("place", "neighbourhood", "organiser_partner")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .annotate(confirmed_count=Count("signups", filter=Q(signups__status=SignUpStatus.CONFIRMED)))
        .order_by("starts_at", "pk")
    )
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    weeks = []
    for activity in queryset.filter(starts_at__date__gte=first_week, starts_at__date__lt=horizon):
        start = timezone.localdate(activity.starts_at)
        monday = start - timedelta(days=start.weekday())
        if not weeks or weeks[-1]["monday"] != monday:
            weeks.append({"monday": monday, "this_week": monday == this_week, "activities": []})
        activity.free_places = max(activity.capacity - activity.confirmed_count, 0)
        weeks[-1]["activities"].append(activity)
    later = queryset.filter(starts_at__date__gte=horizon).values_list("starts_at", flat=True).first()
    next_week = None
    if later is not None:
        later_day = timezone.localdate(later)
        next_week = later_day - timedelta(days=later_day.weekday())
    stories = list(
        Activity.objects.published()
        .filter(ends_at__lt=now)
        .exclude(story="")
        .select_related("place")
        .order_by("-starts_at", "-pk")[:5]
    )
    context = {
        "form": form,
        "weeks": weeks,
        "stories": stories,
        "theme": theme,
        "later": first_week != this_week,
        "next_week": next_week,
        "can_propose": False,
    }
    return engines["django"].from_string(REFERENCE_MAIN).render(context)


@pytest.fixture
def programme(make_activity, make_pearl, zuidwijk_residents, world):
    """Cards of every kind: free places (one, several), full, cancelled, a place in words, no theme, two
    themes, over several weeks and past the four weeks shown; and past activities with a story."""
    residents = zuidwijk_residents(3)
    one_left = make_activity(title="Samen breien", days=1, capacity=2, themes=[world.themes["ontmoeting"]])
    signup_create(activity=one_left, resident=residents[0])
    full = make_activity(
        title="Moestuin & <koffie>", days=2, capacity=1, themes=[world.themes["groen"], world.themes["ontmoeting"]]
    )
    signup_create(activity=full, resident=residents[1])
    signup_create(activity=full, resident=residents[2])  # on the waiting list
    words = make_activity(title="Wandelen", days=9)
    Activity.objects.filter(pk=words.pk).update(place=None, place_text="Bij de kiosk, achterom")
    cancelled = make_activity(title="Fietsen maken", days=10, themes=[world.themes["groen"]])
    activity_cancel(activity=cancelled, by=world.users.moderator_hw)
    make_activity(title="Over zes weken", days=42, themes=[world.themes["groen"]])
    make_activity(title="Nog een voorstel", days=3, publish=False)
    for i in range(2):
        past = make_activity(title=f"Geweest {i}", days=5 + i)
        Activity.objects.filter(pk=past.pk).update(
            starts_at=past.starts_at - timedelta(days=30), ends_at=past.ends_at - timedelta(days=30)
        )
        past.refresh_from_db()
        activity_story_write(activity=past, story="Het was gezellig. " * 20, photos=[], by=world.users.moderator_hw)


def page(language: str, params: dict) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # what the language switch stores
    response = client.get(reverse("parelketting:programme"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en", "ar"])
def test_the_cards_are_what_the_straightforward_build_makes(programme, language):
    html = page(language, {})
    with translation.override(language):
        main = reference_main({})
    assert "Samen breien" in main and "Geweest 1" in main and "Over zes weken" not in main
    assert main in html


@pytest.mark.parametrize("params", [{"thema": "groen"}, {"thema": "ontmoeting"}, {"vanaf": "later"}])
def test_filtered_and_later_weeks_too(programme, params):
    if params.get("vanaf") == "later":
        monday = timezone.localdate() + timedelta(days=42)
        params = {"vanaf": f"{monday - timedelta(days=monday.weekday()):%Y-%m-%d}"}
    html = page("nl", params)
    with translation.override("nl"):
        main = reference_main(params)
    assert main in html
