"""Taking part without an account. Signing up for an activity: a name and the one contact question, a reference
code to keep, the waiting list with the move-up told the way the person chose, and cancelling with the code.
"Ik doe mee" on a personal pearl: a name, the message and the one contact question."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from parelketting.choices import PearlKind, SignUpStatus
from parelketting.models import PearlMessage, SignUp
from parelketting.programme.services import signup_cancel, signup_create, signup_create_anonymous
from wijk.models import AccessLogEntry, CallbackRequest, Letter

pytestmark = pytest.mark.django_db


def _signup_url(activity):
    return reverse("parelketting:activity_signup", kwargs={"uid": activity.uid})


def _status(code):
    return reverse("parelketting:signup_status", kwargs={"code": code})


def _data(**extra):
    return {"name": "Fatma Yilmaz", "contact_preference": "", "phone": "", "email": "", "postal_address": "", **extra}


# --- The form on the activity page ------------------------------------------------------------------------------


def test_the_activity_page_holds_the_form_with_one_required_field(anonymous, make_activity):
    activity = make_activity()
    html = anonymous.get(activity.get_absolute_url()).content.decode()
    assert 'id="aanmelden"' in html and 'name="name"' in html and 'name="contact_preference"' in html
    assert "U heeft geen account nodig" in html
    assert "Inloggen om aan te melden" not in html  # the old dead end for people without an account
    # One required field (the name); the way to reach them is one question with "no" as its valid default.
    assert len(re.findall(r"<input[^>]*\brequired\b", html)) <= 1
    assert re.search(r'<input type="radio" name="contact_preference" value=""[^>]*checked', html)


def test_sign_up_in_one_screen_then_the_code(anonymous, make_activity):
    activity = make_activity(capacity=2)
    response = anonymous.post(_signup_url(activity), _data())
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert response["Location"] == _status(signup.reference)
    assert signup.status == SignUpStatus.CONFIRMED and signup.resident.user is None
    assert signup.resident.first_name == "Fatma Yilmaz" and signup.resident.neighbourhood == activity.neighbourhood
    page = anonymous.get(response["Location"]).content.decode()
    assert "U bent aangemeld" in page and signup.reference_display in page and "afmelden" in page
    assert AccessLogEntry.objects.filter(object_id=str(signup.pk), detail__startswith="signup without").exists()


def test_full_activity_puts_people_on_the_waiting_list_with_their_place(anonymous, make_activity):
    activity = make_activity(capacity=1)
    anonymous.post(_signup_url(activity), _data(name="Eerste"))
    html = anonymous.get(activity.get_absolute_url()).content.decode()
    assert "Zet mij op de wachtlijst" in html and "Het is vol" in html
    second = Client()
    second.post(_signup_url(activity), _data(name="Tweede"))
    third = Client()
    response = third.post(_signup_url(activity), _data(name="Derde"))
    signup = SignUp.objects.get(resident__first_name="Derde")
    assert signup.status == SignUpStatus.WAITING
    page = third.get(response["Location"]).content.decode()
    assert "U staat op de wachtlijst" in page and "U bent nummer 2." in page


def test_email_gets_the_code_and_the_link(anonymous, make_activity, django_capture_on_commit_callbacks):
    activity = make_activity()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(_signup_url(activity), _data(contact_preference="email", email="fatma@example.test"))
    signup = SignUp.objects.get()
    (message,) = mail.outbox
    assert message.to == ["fatma@example.test"] and "U bent aangemeld" in message.subject
    assert signup.reference_display in message.body and _status(signup.reference) in message.body


def test_letter_gets_the_code_and_the_short_address_in_the_print_queue(
    anonymous, make_activity, django_capture_on_commit_callbacks
):
    activity = make_activity()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(_signup_url(activity), _data(contact_preference="letter", postal_address="Spui 3\n3262 AB"))
    signup = SignUp.objects.get()
    letter = Letter.objects.get(resident=signup.resident)
    assert signup.reference_display in letter.body and "aanmeldcode" in letter.body and "http" not in letter.body
    assert not mail.outbox


@pytest.mark.parametrize(
    ("extra", "field", "text"),
    [
        ({"contact_preference": "phone"}, "phone", "Vul uw telefoonnummer in"),
        ({"contact_preference": "email"}, "email", "Vul uw e-mailadres in"),
        ({"contact_preference": "letter"}, "postal_address", "Vul uw adres in"),
        ({"phone": "06 12345678"}, "phone", "U vulde een telefoonnummer in"),
        ({"contact_preference": "email", "email": "a@b.test", "phone": "0612345678"}, "phone", "andere manier"),
        ({"name": ""}, "name", "Vul uw naam in"),
    ],
)
def test_errors_are_summed_up_at_the_top_and_nothing_is_dropped(anonymous, make_activity, extra, field, text):
    activity = make_activity()
    response = anonymous.post(_signup_url(activity), _data(**extra))
    assert response.status_code == 200 and not SignUp.objects.exists()
    html = response.content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert text in summary and f'href="#id_{field}' in summary
    assert (
        "autofocus"
        in html.split('class="error-summary"', 1)[0][-200:] + html.split('class="error-summary"', 1)[1][:200]
    )
    assert f'id="id_{field}_errors"' in html


def test_no_second_place_for_the_same_contact_and_no_code_shown(anonymous, make_activity):
    activity = make_activity()
    anonymous.post(_signup_url(activity), _data(contact_preference="phone", phone="06 12 34 56 78"))
    first = SignUp.objects.get()
    again = Client().post(_signup_url(activity), _data(name="Iemand", contact_preference="phone", phone="0612345678"))
    html = again.content.decode()
    assert again.status_code == 200 and "U bent al aangemeld" in html and first.reference_display not in html
    assert SignUp.objects.count() == 1
    # Without any way to reach them, the same name counts as the same person.
    anonymous.post(_signup_url(activity), _data(name="Kees"))
    assert "U bent al aangemeld" in Client().post(_signup_url(activity), _data(name="  kees ")).content.decode()
    with pytest.raises(ValidationError):
        signup_create_anonymous(activity=activity, name="Fatma", contact_preference="email", email="")


def test_closed_activity_has_no_form_and_refuses_a_post(anonymous, make_activity, world):
    from parelketting.programme.services import activity_cancel

    activity = make_activity()
    activity_cancel(activity=activity, by=world.users.moderator_hw)
    assert 'id="aanmelden"' not in anonymous.get(activity.get_absolute_url()).content.decode()
    response = anonymous.post(_signup_url(activity), _data())
    assert "niet meer aanmelden" in response.content.decode() and not SignUp.objects.exists()


def test_honeypot_and_hourly_limit(anonymous, make_activity, settings):
    settings.RATE_LIMIT_SCALE = 1
    activity = make_activity(capacity=50)
    anonymous.post(_signup_url(activity), _data(website="http://spam.test"))
    assert not SignUp.objects.exists()
    for i in range(30):
        assert anonymous.post(_signup_url(activity), _data(name=f"Buur {i}")).status_code == 302
    refused = anonymous.post(_signup_url(activity), _data(name="Buur 31"))
    assert refused.status_code == 429 and "over een uur" in refused.content.decode()
    assert SignUp.objects.count() == 30


def test_logged_in_residents_keep_the_one_click_way(resident_zuidwijk, make_activity, world):
    activity = make_activity()
    html = resident_zuidwijk.get(activity.get_absolute_url()).content.decode()
    assert 'id="aanmelden"' not in html and "Ik kom: aanmelden" in html
    assert resident_zuidwijk.post(_signup_url(activity)).status_code == 302
    signup = SignUp.objects.get()
    assert signup.resident == world.residents.zuidwijk and signup.reference is None


# --- Moving up from the waiting list ----------------------------------------------------------------------------


def test_move_up_is_told_by_the_way_chosen(make_activity, zuidwijk_residents, django_capture_on_commit_callbacks):
    activity = make_activity(capacity=1)
    (resident,) = zuidwijk_residents(1)
    taken = signup_create(activity=activity, resident=resident)
    by_phone = signup_create_anonymous(activity=activity, name="Bel", contact_preference="phone", phone="0612345678")
    by_mail = signup_create_anonymous(activity=activity, name="Mail", contact_preference="email", email="m@x.test")
    assert by_phone.status == by_mail.status == SignUpStatus.WAITING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = signup_cancel(signup=taken)
    assert promoted.pk == by_phone.pk
    task = CallbackRequest.objects.get()
    assert task.phone == "0612345678" and task.first_name == "Bel" and activity.title in task.note
    assert by_phone.reference_display in task.note
    assert not any(m.to == ["m@x.test"] for m in mail.outbox)  # still waiting, nothing to tell
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(signup=SignUp.objects.get(pk=by_phone.pk))
    by_mail.refresh_from_db()
    assert by_mail.status == SignUpStatus.CONFIRMED
    (message,) = [m for m in mail.outbox if m.to == ["m@x.test"]]
    assert "Er is een plaats voor u" in message.subject and by_mail.reference_display in message.body


def test_staff_see_who_waits_and_how_to_reach_them(moderator_hw, moderator_bw, anonymous, make_activity):
    activity = make_activity(capacity=1)
    signup_create_anonymous(activity=activity, name="Eerste", contact_preference="phone", phone="0612345678")
    waiting = signup_create_anonymous(activity=activity, name="Wachter", contact_preference="email", email="w@x.test")
    html = moderator_hw.get(activity.get_absolute_url()).content.decode()
    waiting_list = html.split("Op de wachtlijst", 1)[1]
    assert "Wachter" in waiting_list and "w@x.test" in waiting_list and waiting.reference_display in waiting_list
    assert 'href="tel:' in html and "Eerste" in html
    for other in (moderator_bw, anonymous):
        page = other.get(activity.get_absolute_url()).content.decode()
        assert "Wachter" not in page and "w@x.test" not in page


# --- Cancelling with the code -----------------------------------------------------------------------------------


def test_cancel_with_the_right_code_moves_the_next_one_up(make_activity, django_capture_on_commit_callbacks):
    activity = make_activity(capacity=1)
    first = signup_create_anonymous(activity=activity, name="Een", contact_preference="email", email="een@x.test")
    second = signup_create_anonymous(activity=activity, name="Twee", contact_preference="email", email="twee@x.test")
    client = Client()
    page = client.get(_status(first.reference)).content.decode()
    assert "U heeft een plaats" in page and "Ik kom toch niet: afmelden" in page
    assert "U bent aangemeld" not in page.split("<h1>", 1)[1][:40]  # no "thank you" for another browser
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_status(first.reference), {"bevestig": "ja"})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SignUpStatus.CANCELLED and second.status == SignUpStatus.CONFIRMED
    assert first.resident.email == "" and first.resident.contact_preference == ""  # nothing more is sent
    assert [m.to for m in mail.outbox] == [["twee@x.test"]]
    assert AccessLogEntry.objects.filter(object_id=str(first.pk), detail__contains="reference code").exists()
    page = client.get(_status(first.reference)).content.decode()
    assert "U bent afgemeld." in page and "Ik kom toch niet" not in page
    assert (
        client.post(_status(first.reference), {"bevestig": "ja"}).status_code == 302
    )  # twice: nothing breaks, nothing changes


def test_the_code_is_found_when_typed_loosely(anonymous, make_activity):
    activity = make_activity()
    signup = signup_create_anonymous(activity=activity, name="Een")
    loose = signup.reference_display.lower().replace("-", " ")
    response = anonymous.get(reverse("parelketting:signup_find"), {"code": loose})
    assert response.status_code == 302 and response["Location"] == _status(signup.reference)
    assert anonymous.get(_status(signup.reference.lower())).status_code == 302
    wrong = anonymous.get(reverse("parelketting:signup_find"), {"code": "ABCD-EFG-HJK"})
    assert wrong.status_code == 200 and "Wij vinden geen aanmelding met deze code" in wrong.content.decode()
    assert anonymous.get(_status("ABCDEFGHJK")).status_code == 404
    empty = anonymous.get(reverse("parelketting:signup_find"))
    assert empty.status_code == 200 and "error-summary" not in empty.content.decode()


def test_wrong_codes_are_limited_per_client(anonymous, make_activity, settings):
    settings.RATE_LIMIT_SCALE = 1
    activity = make_activity()
    signup = signup_create_anonymous(activity=activity, name="Een")
    for i in range(19):
        assert anonymous.get(_status(f"GUESS{i:05d}")).status_code == 404
    refused = anonymous.get(_status("GUESS99999"))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Even geen code opzoeken" in html and "contact-block" in html and "Bel mij terug" in html
    assert anonymous.get(_status(signup.reference)).status_code == 429
    assert anonymous.post(_status(signup.reference), {"bevestig": "ja"}).status_code == 429
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED


def test_a_right_code_is_never_refused_for_strangers_mistakes(make_activity, settings):
    settings.RATE_LIMIT_SCALE = 1
    settings.PARELKETTING_FOLLOW_WRONG_LIMIT = 3
    cache.clear()
    activity = make_activity()
    signup = signup_create_anonymous(activity=activity, name="Een")
    for stranger in range(12):  # 36 wrong codes in all: past the 30 for every code together
        client = Client(REMOTE_ADDR=f"198.51.100.{stranger + 1}")
        for i in range(3):
            client.get(_status(f"GUESS{stranger:02d}{i:03d}"))
    assert Client(REMOTE_ADDR="198.51.100.1").get(_status(signup.reference)).status_code == 429
    person = Client(REMOTE_ADDR="203.0.113.50")
    assert person.get(_status(signup.reference)).status_code == 200
    assert person.post(_status(signup.reference), {"bevestig": "ja"}).status_code == 302
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CANCELLED


def test_no_cancelling_after_the_activity(anonymous, make_activity):
    activity = make_activity()
    signup = signup_create_anonymous(activity=activity, name="Een")
    type(activity).objects.filter(pk=activity.pk).update(
        starts_at=activity.starts_at.replace(year=2020), ends_at=activity.ends_at.replace(year=2020)
    )
    page = anonymous.get(_status(signup.reference)).content.decode()
    assert "Ik kom toch niet" not in page
    anonymous.post(_status(signup.reference), {"bevestig": "ja"})
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED


# --- "Ik doe mee" without an account ----------------------------------------------------------------------------


def test_join_without_an_account_asks_the_one_contact_question(
    anonymous, make_pearl, django_capture_on_commit_callbacks
):
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen")
    assert "Ik doe mee / ik wil dit ook" in anonymous.get(person.get_absolute_url()).content.decode()
    url = reverse("parelketting:join", kwargs={"uid": person.uid})
    html = anonymous.get(url).content.decode()
    assert 'name="contact_preference"' in html and 'name="reply_how"' not in html
    missing = anonymous.post(url, {"sender_name": "Henk", "body": "Mijn band is lek."})
    assert missing.status_code == 200 and "Kies hoe uw buur u kan antwoorden" in missing.content.decode()
    other_way = anonymous.post(
        url,
        {"sender_name": "Henk", "body": "Lek.", "contact_preference": "email", "email": "h@x.test", "phone": "0612"},
    )
    assert "andere manier" in other_way.content.decode() and not PearlMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(
            url,
            {
                "sender_name": "Henk",
                "body": "Mijn band is lek.",
                "contact_preference": "phone",
                "phone": "06 1234 5678",
            },
        )
    assert response.status_code == 302
    message = PearlMessage.objects.get()
    assert message.sender is None and message.reply_how == "Bel mij op 06 1234 5678"
    assert "Bel mij op 06 1234 5678" in mail.outbox[-1].body


def test_join_without_an_account_is_limited_per_hour(anonymous, make_pearl, settings):
    settings.RATE_LIMIT_SCALE = 1
    person = make_pearl(kind=PearlKind.PERSON, title="Ik repareer fietsen")
    url = reverse("parelketting:join", kwargs={"uid": person.uid})
    data = {"sender_name": "Henk", "body": "Hallo", "contact_preference": "email", "email": "h@x.test"}
    for _ in range(10):
        assert anonymous.post(url, data).status_code == 302
    assert anonymous.post(url, data).status_code == 429
    assert PearlMessage.objects.count() == 10


def test_the_login_page_promise_holds_for_signing_up_and_joining(anonymous, make_activity, make_pearl):
    """The login page says no account is needed to sign up or to say "Ik doe mee": both work without one."""
    login = anonymous.get(reverse("account_login")).content.decode()
    assert "Ook niet om mee te doen aan een activiteit." in login
    activity = make_activity()
    assert anonymous.post(_signup_url(activity), _data()).status_code == 302
    person = make_pearl(kind=PearlKind.PERSON, title="Ik lees voor")
    data = {"sender_name": "Henk", "body": "Graag!", "contact_preference": "letter", "postal_address": "Spui 3"}
    assert anonymous.post(reverse("parelketting:join", kwargs={"uid": person.uid}), data).status_code == 302


# --- An account later: the sign-ups come along -----------------------------------------------------------------


def _confirm(user, email, rf):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_confirmed

    address, _ = EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True})
    email_confirmed.send(sender=EmailAddress, request=rf.get("/"), email_address=address)


def test_a_confirmed_address_takes_over_the_sign_ups_with_an_access_log_row(make_activity, world, rf):
    knitting, walking, both, cooking = (make_activity(title=t) for t in ("Breien", "Wandelen", "Zingen", "Koken"))
    user = world.users.resident_zuidwijk
    mine = [
        signup_create_anonymous(activity=a, name="Fatma", contact_preference="email", email="BEWONER@zuidwijk.test")
        for a in (knitting, walking, both)
    ]
    signup_create(activity=both, resident=world.residents.zuidwijk)  # later, logged in, the same activity
    other = signup_create_anonymous(activity=knitting, name="Kees", contact_preference="email", email="kees@x.test")
    cancelled = signup_create_anonymous(activity=cooking, name="Ans", contact_preference="email", email=user.email)
    signup_cancel(signup=cancelled, with_code=True)
    _confirm(user, user.email, rf)
    for signup in (*mine, other):
        signup.refresh_from_db()
    assert [s.resident for s in mine[:2]] == [world.residents.zuidwijk] * 2
    # Already signed up for that one with the account: the place made without it stays where it was.
    assert mine[2].resident != world.residents.zuidwijk and other.resident.user is None
    logged = AccessLogEntry.objects.filter(detail="signup taken over by the account of the same e-mail address")
    assert sorted(int(e.object_id) for e in logged) == [mine[0].pk, mine[1].pk]
    assert {e.user for e in logged} == {user}


def test_without_a_resident_record_the_first_sign_up_record_becomes_the_accounts(make_activity):
    from django.contrib.auth import get_user_model

    from parelketting.programme.services import signups_claim

    signup = signup_create_anonymous(
        activity=make_activity(), name="Fatma", contact_preference="email", email="fatma@example.test"
    )
    user = get_user_model().objects.create_user(email="fatma@example.test", password="x-Lang-genoeg-123")
    assert signups_claim(user=user, email="") == 0
    assert signups_claim(user=user, email="fatma@example.test") == 1
    signup.refresh_from_db()
    assert signup.resident.user == user and signup.reference  # the code keeps working for cancelling


def test_an_unconfirmed_address_takes_over_no_sign_up(make_activity, rf):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import user_signed_up
    from django.contrib.auth import get_user_model

    signup = signup_create_anonymous(
        activity=make_activity(), name="Fatma", contact_preference="email", email="fatma@example.test"
    )
    user = get_user_model().objects.create_user(email="fatma@example.test", password="x-Lang-genoeg-123")
    EmailAddress.objects.create(user=user, email="fatma@example.test", verified=False, primary=True)
    user_signed_up.send(sender=user.__class__, request=rf.get("/"), user=user)
    signup.refresh_from_db()
    assert signup.resident.user is None


# --- The detail field for the chosen way only ---------------------------------------------------------------------

DETAIL_FIELD = re.compile(r'<(?:div|fieldset) class="field[^"]*contact-detail ([^"]*)"')


def test_every_contact_question_marks_each_detail_with_its_way(anonymous, make_activity, make_pearl, world):
    """site.css shows only the chosen way's detail field (``:has()``, no script). That needs each form that asks
    the one contact question to hold the answers and the details in one ``.contact-question``, each detail marked
    with the way(s) it is for."""
    person = make_pearl(kind=PearlKind.PERSON)
    hood = world.residents.zuidwijk.neighbourhood
    pages = {
        "dream": (reverse("droomhuis:share"), {"phone", "email", "letter home_visit", "any"}),
        "pearl": (reverse("parelketting:new") + f"?wijk={hood.slug}", {"phone", "email"}),
        "sign-up": (make_activity().get_absolute_url(), {"phone", "email", "letter"}),
        "join": (reverse("parelketting:join", kwargs={"uid": person.uid}), {"phone", "email", "letter"}),
    }
    for name, (url, ways) in pages.items():
        html = anonymous.get(url).content.decode()
        question = html.split('<div class="contact-question">', 1)[1]
        assert 'name="contact_preference"' in question.split("contact-detail", 1)[0], name
        found = {m.replace("contact-detail--", "") for m in DETAIL_FIELD.findall(question)}
        assert found == ways, name


def test_cancelling_asks_first_and_only_the_confirmation_cancels(anonymous, make_activity):
    """A slip is recoverable: the first press asks "Weet u het zeker?"; the place is freed only on the second."""
    activity = make_activity()
    anonymous.post(_signup_url(activity), _data())
    signup = SignUp.objects.get()
    html = anonymous.post(_status(signup.reference)).content.decode()
    assert "Weet u het zeker?" in html and 'name="bevestig" value="ja"' in html and "Nee, ik kom wel" in html
    signup.refresh_from_db()
    assert signup.status != "cancelled"
    assert anonymous.post(_status(signup.reference), {"bevestig": "ja"}).status_code == 302
    signup.refresh_from_db()
    assert signup.status == "cancelled"


def test_the_confirmation_repeats_the_number_we_call(anonymous, make_activity):
    activity = make_activity()
    response = anonymous.post(_signup_url(activity), _data(contact_preference="phone", phone="0186 123 456"))
    html = anonymous.get(response["Location"]).content.decode()
    assert "Dan bellen wij u op" in html and "0186 123 456" in html
