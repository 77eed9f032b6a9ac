"""Codes sent by e-mail (to log in, to confirm an address) cannot be guessed.

A code has ten digits (10^10 possibilities), shown as two groups of five (``48213-90577``; the dash and spaces
may be left out). allauth already ends a code after a few wrong tries and limits how often a new one can be
asked for. On top of that, ``CODE_GUESSES`` counts wrong codes per e-mail address (across every code asked for
that address, from every client) and per client (across addresses), per day:

- after ``PER_ADDRESS`` wrong codes in one day, codes for that address pause until the next day (local
  midnight): no new code is sent and no code is looked at. The owner gets an e-mail that says so, with the
  number to call. Logging in with a password still works; a password reset or a staff member ends the pause
  at once (``resume``);
- after ``PER_CLIENT`` wrong codes in one day, codes from that client are no longer looked at that day.

Counting by address, not by account, means a pause says nothing about whether an account exists.
The resulting odds are in docs/security.md: at most 3,650 guesses a year at one address, one chance in
2.7 million.
"""

from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.account.views import ConfirmEmailVerificationCodeView, ConfirmLoginCodeView
from django import forms
from django.core.mail import send_mail
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from lib.guesses import GuessLimit

from .contact import contacts_for
from .models import Resident

PER_ADDRESS = 10
PER_CLIENT = 30
DAY = 24 * 3600
CODE_GUESSES = GuessLimit("account-code", per_client=PER_CLIENT, per_secret=PER_ADDRESS, window=DAY)
CODE_DIGITS = 10
GROUP = 5

PAUSED_TEXT = _(
    "Met dit e-mailadres is vandaag te vaak een verkeerde code ingevuld. Daarom sturen wij tot morgen geen "
    "code. Heeft u een wachtwoord? Log dan daarmee in. Of bel ons: dan zetten wij het voor u weer aan."
)


def new_code() -> str:
    """Ten digits in two groups of five: easy to read aloud and to type on a phone's number keys."""
    digits = get_random_string(CODE_DIGITS, allowed_chars="0123456789")
    return "-".join(digits[i : i + GROUP] for i in range(0, len(digits), GROUP))


def _address(value) -> str:
    return (value or "").strip().lower()


def paused(email: str) -> bool:
    """Are codes for this address paused (too many wrong codes today)?"""
    return CODE_GUESSES.spent(_address(email))


def resume(email: str) -> None:
    """End the pause for this address (a staff member, or a password reset by its owner)."""
    CODE_GUESSES.clear(target=_address(email))


def _owner(email: str):
    found = EmailAddress.objects.filter(email__iexact=_address(email)).select_related("user").first()
    return found.user if found and found.user.is_active else None


def _phone_lines() -> list[str]:
    """Every corporation's name and number, for a message that cannot know whose address it is."""
    return [f"{contact.name}: {contact.phone}." for contact in contacts_for() if contact.phone]


def _notify_owner(email: str) -> None:
    """Tell the owner of the address, in their language, that codes are paused and what they can do."""
    user = _owner(email)
    if user is None:
        return
    resident = Resident.objects.filter(user=user).select_related("neighbourhood").first()
    with translation.override(getattr(resident, "language", "") or translation.get_language() or "nl"):
        context = {
            "until": formats.date_format(timezone.localtime(CODE_GUESSES.retry_at()), "DATETIME_FORMAT"),
            "neighbourhood": getattr(resident, "neighbourhood", None),
        }
        subject = render_to_string("wijk/email/login_paused_subject.txt", context).strip()
        body = render_to_string("wijk/email/login_paused.txt", context)
    send_mail(subject, body, None, [email])


def refusal(request, *, status: int = 429):
    """The page for a paused address or client: what happened, until when, and whom to call."""
    return render(
        request,
        "wijk/code_paused.html",
        {
            "until": CODE_GUESSES.retry_at(),
            "paused_text": PAUSED_TEXT,
        },
        status=status,
    )


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """allauth's form; no code is sent to an address whose codes are paused."""

    def clean_email(self):
        email = self.cleaned_data.get("email")
        if email and paused(email):  # said before allauth's "try again later", which explains less
            raise forms.ValidationError(" ".join([str(PAUSED_TEXT), *_phone_lines()]), code="paused")
        return super().clean_email()


class CodeGuessLimitMixin:
    """Counts wrong codes per address and per client; refuses, before looking, past either limit."""

    def code_address(self, form=None) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        address = self.code_address()
        if paused(address) or not CODE_GUESSES.allows(request):
            return refusal(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "code" in form.errors:
            address = self.code_address(form)
            was_paused = paused(address)
            CODE_GUESSES.wrong(self.request, address)
            if address and not was_paused and paused(address):
                _notify_owner(address)
        return super().form_invalid(form)


class GuardedConfirmLoginCodeView(CodeGuessLimitMixin, ConfirmLoginCodeView):
    def code_address(self, form=None) -> str:
        return _address(self.stage.login.email)


class GuardedConfirmEmailVerificationCodeView(CodeGuessLimitMixin, ConfirmEmailVerificationCodeView):
    def code_address(self, form=None) -> str:
        return _address(self.get_form_kwargs().get("email"))


def _resume_after_password_reset(sender, request, user, **kwargs):
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        resume(address)


def connect_signals() -> None:
    """A password reset by the owner ends a pause at once."""
    password_reset.connect(_resume_after_password_reset, dispatch_uid="wijk.login_codes.resume")
