""" "Bel mij terug": a resident leaves a number without an account; the corporation's staff call back."""

from datetime import date, timedelta
from io import StringIO
from itertools import count

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijk.models import AccessLogEntry, CallbackRequest, CallbackStatus, DayPart
from wijk.services import callback_day, callback_request_create, callback_request_mark

pytestmark = pytest.mark.django_db

URL = "/bel-mij-terug/"


def ask(client, world, **overrides):
    data = {"phone": "0546 123 456", "day_part": "morning", "neighbourhood": world.hagedoorn.pk, **overrides}
    return client.post(URL, data)


NUMBERS = count(100)


def task(world, hood=None, **fields):
    """A new call task; each with its own number (the same number twice in a day is one task)."""
    phone = fields.pop("phone", f"0546 123 {next(NUMBERS)}")
    return callback_request_create(neighbourhood=hood or world.hagedoorn, phone=phone, day_part="morning", **fields)


def test_the_form_is_one_screen_with_five_fields_and_no_account(client, world):
    """Phone, when, neighbourhood, name and note; the hidden honeypot is the only other field."""
    response = client.get(URL)
    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.fields) == ["website", "phone", "day_part", "neighbourhood", "first_name", "note"]
    assert [name for name, field in form.fields.items() if field.required] == ["phone", "day_part", "neighbourhood"]
    html = response.content.decode()
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert html.count('type="radio" name="day_part"') == 3
    day = callback_day(timezone.localdate())
    assert str(day.day) in form.fields["day_part"].help_text  # the day is told before sending


def test_a_resident_asks_and_sees_when_the_call_comes(client, world):
    response = ask(client, world, first_name="Henk", note="Mijn kraan lekt")
    assert response.status_code == 200
    callback = CallbackRequest.objects.get()
    assert (callback.neighbourhood, callback.phone, callback.first_name, callback.note) == (
        world.hagedoorn,
        "0546 123 456",
        "Henk",
        "Mijn kraan lekt",
    )
    assert callback.status == CallbackStatus.OPEN and callback.day_part == DayPart.MORNING
    assert callback.call_on == callback_day(timezone.localdate())
    assert callback.call_on.weekday() < 5
    html = response.content.decode()
    assert "Wij bellen u " in html and "in de ochtend." in html
    assert "Beter Wonen" in html  # the contact block of the neighbourhood's corporation
    assert AccessLogEntry.objects.filter(object_type="wijk.callbackrequest", detail="callback: asked").count() == 1


def test_the_call_comes_on_the_next_working_day():
    assert callback_day(date(2026, 12, 4)) == date(2026, 12, 7)  # Friday -> Monday
    assert callback_day(date(2026, 12, 24)) == date(2026, 12, 28)  # Christmas and the weekend skipped


def test_the_corporations_moderators_and_brokers_get_an_email_without_the_number(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["makelaar@bw.test", "moderator@bw.test"]
    assert "Hagedoorn" in message.subject
    assert "0546" not in message.body and "/terugbellen/" in message.body


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"phone": ""}, "phone"),
        ({"phone": "bel me"}, "phone"),
        ({"phone": "0546 12"}, "phone"),
        ({"day_part": ""}, "day_part"),
        ({"day_part": "nacht"}, "day_part"),
        ({"neighbourhood": ""}, "neighbourhood"),
        ({"neighbourhood": "999999"}, "neighbourhood"),
    ],
)
def test_a_wrong_answer_is_named_in_a_summary_that_links_to_the_field(client, world, overrides, field):
    response = ask(client, world, **overrides)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    html = response.content.decode()
    assert 'class="error-summary"' in html and "autofocus" in html
    assert f'href="#id_{field}' in html
    assert not CallbackRequest.objects.exists()


def test_the_honeypot_stores_nothing(client, world):
    response = ask(client, world, website="http://spam.example")
    assert "website" in response.context["form"].errors
    assert not CallbackRequest.objects.exists()


def test_one_visitor_may_ask_three_times_an_hour(client, world):
    for number in range(3):
        assert ask(client, world, phone=f"0546 123 45{number}").status_code == 200
    response = ask(client, world, phone="0546 123 459")
    assert response.status_code == 429
    assert "Bel ons dan zelf" in response.content.decode() and "Beter Wonen" in response.content.decode()
    assert CallbackRequest.objects.count() == 3


def test_another_visitor_is_not_limited_by_the_first(client, world):
    data = {"phone": "0546 123 456", "day_part": "morning", "neighbourhood": world.hagedoorn.pk}
    answers = [client.post(URL, data, REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.post(URL, data, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_neighbourhood_is_chosen_from_the_page_or_the_account(client, world, resident_zuidwijk):
    assert client.get(URL, {"wijk": world.hagedoorn.pk}).context["form"]["neighbourhood"].value() == world.hagedoorn.pk
    assert client.get(URL, {"wijk": "x"}).context["form"]["neighbourhood"].value() is None
    assert resident_zuidwijk.get(URL).context["form"]["neighbourhood"].value() == world.zuidwijk.pk


def test_the_neighbourhood_chosen_on_the_front_door_is_preselected(client, world):
    client.cookies["wijk_keuze"] = world.hagedoorn.slug  # set on "/" when a visitor chooses
    assert client.get(URL).context["form"]["neighbourhood"].value() == world.hagedoorn.pk
    assert client.get(URL, {"wijk": world.zuidwijk.pk}).context["form"]["neighbourhood"].value() == world.zuidwijk.pk
    client.cookies["wijk_keuze"] = "bestaat-niet"
    assert client.get(URL).context["form"]["neighbourhood"].value() is None


@pytest.mark.parametrize(
    ("days", "sentence"), [(0, "Wij bellen u vandaag, "), (1, "Wij bellen u morgen, "), (3, "Wij bellen u op ")]
)
def test_the_call_day_is_one_correct_dutch_sentence(days, sentence):
    from django.utils.formats import date_format

    from wijk.callback_views import day_sentence

    day = timezone.localdate() + timedelta(days=days)
    assert day_sentence(day) == sentence + date_format(day, "l j F") + "."
    assert "op morgen" not in day_sentence(day) and "op vandaag" not in day_sentence(day)


def test_the_form_tells_the_call_day_in_a_whole_sentence(client, world):
    from wijk.callback_views import day_sentence

    html = client.get(URL).content.decode()
    assert day_sentence(callback_day(timezone.localdate())) in html
    assert "op morgen" not in html


def test_every_resident_page_links_to_it_and_the_contact_block_names_the_neighbourhood(client, world):
    home = client.get("/").content.decode()
    assert f'href="{URL}"' in home  # the footer, on every page
    html = Template("{% load contact %}{% contact_details hood %}").render(Context({"hood": world.zuidwijk.pk}))
    assert f'href="{URL}?wijk={world.zuidwijk.pk}"' in html
    form = client.get(URL).content.decode()
    assert form.count(f'href="{URL}') == 1  # the footer only: the page itself does not link to itself again
    paper = Template("{% load contact %}{% contact_details hood paper=True %}").render(
        Context({"hood": world.zuidwijk.pk})
    )
    assert URL not in paper


# --- staff ----------------------------------------------------------------------------------------------------


def test_staff_see_only_their_own_corporations_tasks_newest_first(world, broker_bw, moderator_hw):
    older = task(world, first_name="Henk")
    newer = task(world, first_name="Truus")
    zuid = task(world, hood=world.zuidwijk, first_name="Ans", phone="0186 123 456")
    response = broker_bw.get(reverse("wijk:callbacks"))
    assert list(response.context["waiting"]) == [newer, older]
    html = response.content.decode()
    assert f'href="tel:+31546123{older.phone[-3:]}"' in html and "Ans" not in html
    assert list(moderator_hw.get(reverse("wijk:callbacks")).context["waiting"]) == [zuid]


def test_people_without_the_role_are_refused(world, resident_zuidwijk, expert_bw, client):
    assert resident_zuidwijk.get(reverse("wijk:callbacks")).status_code == 403
    assert expert_bw.get(reverse("wijk:callbacks")).status_code == 403
    assert client.get(reverse("wijk:callbacks")).status_code == 302


def test_the_list_costs_the_same_queries_for_one_task_or_many(world, broker_bw):
    task(world)
    broker_bw.get(reverse("wijk:callbacks"))  # the session and the caches warm up
    with CaptureQueriesContext(connection) as one:
        broker_bw.get(reverse("wijk:callbacks"))
    for _ in range(5):
        task(world)
    with CaptureQueriesContext(connection) as six:
        broker_bw.get(reverse("wijk:callbacks"))
    assert len(one) == len(six)


def mark(client, callback, what):
    return client.post(reverse("wijk:callback_mark", args=[callback.uid, what]))


def test_staff_mark_a_call_not_reached_called_and_done(world, broker_bw):
    callback = task(world)
    assert mark(broker_bw, callback, "niet-bereikt").status_code == 302
    mark(broker_bw, callback, "niet-bereikt")
    callback.refresh_from_db()
    assert (callback.status, callback.attempts) == (CallbackStatus.NOT_REACHED, 2)
    mark(broker_bw, callback, "gebeld")
    mark(broker_bw, callback, "afgehandeld")
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE
    assert callback.handled_by == world.users.broker_bw and callback.handled_at is not None
    details = set(AccessLogEntry.objects.filter(object_id=str(callback.pk)).values_list("detail", flat=True))
    assert details == {"callback: asked", "callback: not_reached", "callback: called", "callback: done"}
    assert callback not in broker_bw.get(reverse("wijk:callbacks")).context["waiting"]


def test_a_done_task_cannot_be_marked_again(world, broker_bw):
    callback = task(world)
    mark(broker_bw, callback, "afgehandeld")
    response = broker_bw.post(reverse("wijk:callback_mark", args=[callback.uid, "gebeld"]), follow=True)
    assert "kan niet meer" in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.DONE


def test_another_corporations_task_looks_missing(world, moderator_hw, expert_bw):
    callback = task(world)
    assert mark(moderator_hw, callback, "gebeld").status_code == 404
    assert mark(expert_bw, callback, "gebeld").status_code == 404
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN


def test_an_unknown_button_is_a_404(world, broker_bw):
    assert mark(broker_bw, task(world), "weggooien").status_code == 404


def test_the_buttons_carry_a_csrf_token(world, broker_bw):
    task(world)
    html = broker_bw.get(reverse("wijk:callbacks")).content.decode()
    assert "csrfmiddlewaretoken" in html
    assert html.count('formaction="/terugbellen/') == 3


def test_staff_find_the_list_in_the_menu_and_their_account(broker_bw, resident_zuidwijk):
    for path in ("/", reverse("wijk:account")):
        assert f'href="{reverse("wijk:callbacks")}"' in broker_bw.get(path).content.decode()
        assert reverse("wijk:callbacks") not in resident_zuidwijk.get(path).content.decode()


def test_each_button_says_whom_it_is_about(world, broker_bw):
    callback = task(world, first_name="Henk")
    html = broker_bw.get(reverse("wijk:callbacks")).content.decode()
    assert f'id="terugbellen-{callback.uid}">Henk, Hagedoorn' in html
    assert html.count(f'aria-describedby="terugbellen-{callback.uid}"') == 3


# --- retention ----------------------------------------------------------------------------------------------


def test_the_number_is_forgotten_a_month_after_the_task_is_done(world, settings):
    done = task(world, first_name="Henk", note="Kraan")
    callback_request_mark(callback=done, to=CallbackStatus.DONE, user=world.users.broker_bw)
    still_open = task(world)
    CallbackRequest.objects.filter(pk__in=[done.pk, still_open.pk]).update(
        handled_at=timezone.now() - timedelta(days=31)
    )
    call_command("retention_run", "--dry-run", stdout=StringIO())
    assert CallbackRequest.objects.get(pk=done.pk).phone
    call_command("retention_run", stdout=StringIO())
    done.refresh_from_db()
    still_open.refresh_from_db()
    assert (done.phone, done.first_name, done.note) == ("", "", "") and done.erased_at
    assert still_open.phone.startswith("0546 123 ")


def test_a_task_nobody_closed_is_forgotten_after_three_months_and_leaves_the_list(world, broker_bw):
    stale = task(world)
    recent = task(world)
    CallbackRequest.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=91))
    call_command("retention_run", stdout=StringIO())
    stale.refresh_from_db()
    recent.refresh_from_db()
    assert stale.phone == "" and recent.phone.startswith("0546 123 ")
    assert list(broker_bw.get(reverse("wijk:callbacks")).context["waiting"]) == [recent]


def test_asking_twice_for_the_same_number_gives_one_call(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world, phone="0546 123 456")
        again = ask(client, world, phone="0546-123456", day_part="afternoon")
    assert again.status_code == 200 and "in de ochtend" in again.content.decode()  # the call already planned
    assert CallbackRequest.objects.count() == 1 and len(mail.outbox) == 1
    ask(client, world, phone="0546 654 321")
    assert CallbackRequest.objects.count() == 2
