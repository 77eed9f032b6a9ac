"""Reactions to allauth's account events: pearls and sign-ups sent without an account come along to a confirmed
address."""

from allauth.account.models import EmailAddress

from .programme.services import signups_claim
from .services import pearls_claim


def on_email_confirmed(sender, request, email_address, **kwargs):
    """An address is confirmed (a sign-up or login code, a link): the pearls and activity sign-ups sent from it
    become the account's."""
    pearls_claim(user=email_address.user, email=email_address.email)
    signups_claim(user=email_address.user, email=email_address.email)


def on_user_signed_up(sender, request, user, **kwargs):
    """A sign-up with an address that is already confirmed (no code needed) claims as well."""
    for address in EmailAddress.objects.filter(user=user, verified=True):
        pearls_claim(user=user, email=address.email)
        signups_claim(user=user, email=address.email)
