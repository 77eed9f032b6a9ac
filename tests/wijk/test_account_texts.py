"""Account pages and e-mails from django-allauth speak the portal's Dutch: "u", plain words, no English left."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b(?:je|jij|jou|jouw|jezelf)\b", re.I)


def _main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index('id="inhoud"') : html.index("</main>")]
    return " ".join(strip_tags(main).split())


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("account_signup", "Heeft u al een account? Log dan in."),
        ("account_request_login_code", "U krijgt een code in uw e-mail. Daarmee logt u in zonder wachtwoord."),
        ("account_reset_password", "Wachtwoord vergeten? Vul uw e-mailadres in."),
        ("account_reset_password_done", "Wij stuurden u een e-mail."),
        ("account_reset_password_from_key_done", "Uw wachtwoord is veranderd."),
    ],
)
def test_public_account_pages_say_u(anonymous, url_name, expected):
    text = _main_text(anonymous.get(reverse(url_name)))
    assert expected in text
    assert not INFORMAL.search(text), text


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("account_email", "Deze e-mailadressen horen bij uw account:"),
        ("account_change_password", "Huidig wachtwoord"),
        ("account_logout", "Wilt u uitloggen?"),
        ("account_reauthenticate", "Laat daarom nog een keer zien dat u het bent."),
        ("account_request_reauthentication_code", "Naar welk e-mailadres sturen wij een code?"),
    ],
)
def test_logged_in_account_pages_say_u(resident_zuidwijk, url_name, expected):
    text = _main_text(resident_zuidwijk.get(reverse(url_name)))
    assert expected in text
    assert not INFORMAL.search(text), text
    assert "Recipient" not in text


def test_the_code_for_confirming_who_you_are_goes_to_the_chosen_address(resident_zuidwijk, world):
    page = resident_zuidwijk.get(reverse("account_request_reauthentication_code")).content.decode()
    address = world.users.resident_zuidwijk.email
    assert f'<option value="{address}"' in page
    mail.outbox.clear()
    response = resident_zuidwijk.post(reverse("account_request_reauthentication_code"), {"recipient": address})
    assert response.status_code == 302 and response["Location"] == reverse("account_confirm_reauthentication_code")
    assert mail.outbox[-1].to == [address]


def test_the_login_code_email_says_u(anonymous, world):
    mail.outbox.clear()
    anonymous.post(reverse("account_request_login_code"), {"email": world.users.resident_zuidwijk.email})
    message = mail.outbox[-1]
    assert "Uw inlogcode" in message.subject
    assert "Hieronder staat uw inlogcode." in message.body
    assert "Deed u dit niet zelf? Dan kunt u deze e-mail vergeten." in message.body
    assert not INFORMAL.search(message.subject + message.body), message.body


def test_english_visitors_keep_allauths_english(anonymous):
    anonymous.cookies["django_language"] = "en"
    html = anonymous.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Already have an account?" in html


def test_an_address_that_is_not_yours_gets_no_code(resident_zuidwijk):
    mail.outbox.clear()
    url = reverse("account_request_reauthentication_code")
    response = resident_zuidwijk.post(url, {"recipient": "iemand-anders@elders.example"})
    assert response.status_code == 200 and mail.outbox == []
    html = response.content.decode()
    assert 'class="field field--error"' in html and 'id="id_recipient_errors"' in html
    assert "Naar welk e-mailadres sturen wij een code?" in html


def test_asking_a_code_for_an_unknown_address_does_not_claim_one_was_sent(anonymous, world):
    """allauth does not tell whether an address has an account (so nobody can look that up); the page must then
    not say a code was sent either."""
    response = anonymous.post(reverse("account_request_login_code"), {"email": "onbekend@nergens.test"}, follow=True)
    text = _main_text(response)
    assert "Is onbekend@nergens.test bij ons bekend? Dan stuurden wij er" in text
    assert not any(re.search(r"\d{5}-\d{5}", m.body) for m in mail.outbox)  # a notice perhaps, never a code


def test_the_login_code_part_says_what_is_on_the_screen(client):
    """The code part of the login page has only a button: its text leads to the button, not to a field that is
    on the next page."""
    html = client.get(reverse("account_login")).content.decode()
    part = html[html.index('id="login-code-title"') : html.index("</section>", html.index('id="login-code-title"'))]
    assert "Kies ‘Stuur mij een code’. Daarna vult u uw e-mailadres in." in part
    assert 'type="email"' not in part and "Vul uw e-mailadres in" not in part
