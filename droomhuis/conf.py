"""Droomhuis settings, each read with a default so the project settings need not name them.

``DROOMHUIS_FIRST_CONTACT_WORKING_DAYS``: working days within which a new dream gets a first contact (5).
``DROOMHUIS_DUTCH_HOLIDAYS`` and ``DROOMHUIS_EXTRA_HOLIDAYS``: which days are not working days, for the whole
portal; read by ``lib.workdays``.
``DROOMHUIS_SHARE_LIMIT``: dreams one visitor may share per hour (10).
``DROOMHUIS_FOLLOW_WRONG_LIMIT``: wrong follow codes one visitor may try per hour (20).
``DROOMHUIS_WITHDRAW_LIMIT``: withdrawals (of a dream or a consent) per visitor per hour (10).
``DROOMHUIS_REFERRAL_ACK_WORKING_DAYS``: working days a partner has to acknowledge a referral (3).
``DROOMHUIS_REFERRAL_LINK_DAYS``: days a partner's signed link keeps working (14).
``DROOMHUIS_PAIRING_DAYS``: days an expert pairing lasts unless renewed (90).
``DROOMHUIS_SIGNAL_RETENTION_DAYS``: signals are deleted this many days after closure (730, about 24 months).
``DROOMHUIS_REFERRAL_RETENTION_DAYS``: referrals are deleted this many days after closure (730).
``DROOMHUIS_DREAM_ANONYMISE_DAYS``: closed dreams are anonymised this many days after closure (365).
``DROOMHUIS_WITHDRAWN_PHOTO_DAYS``: the photo of a dream the resident withdrew is deleted after this many days (30).
Photos follow the shared rules in ``lib.photos``.
``DROOMHUIS_QUEUE_PAGE_SIZE``: cases per page in the broker's lists (25).
Full links in e-mails and partner links come from ``lib.links.absolute_url`` (the project setting ``SITE_URL``).
"""

from django.conf import settings


def first_contact_working_days() -> int:
    return int(getattr(settings, "DROOMHUIS_FIRST_CONTACT_WORKING_DAYS", 5))


def share_limit() -> int:
    return int(getattr(settings, "DROOMHUIS_SHARE_LIMIT", 10))


def follow_wrong_limit() -> int:
    return int(getattr(settings, "DROOMHUIS_FOLLOW_WRONG_LIMIT", 20))


def withdraw_limit() -> int:
    return int(getattr(settings, "DROOMHUIS_WITHDRAW_LIMIT", 10))


def queue_page_size() -> int:
    return int(getattr(settings, "DROOMHUIS_QUEUE_PAGE_SIZE", 25))


def corporation_slugs() -> list[str]:
    """Corporations that run a Droomhuis: residents of their neighbourhoods can share dreams."""
    return list(getattr(settings, "DROOMHUIS_CORPORATIONS", ["beter-wonen"]))


def referral_ack_working_days() -> int:
    return int(getattr(settings, "DROOMHUIS_REFERRAL_ACK_WORKING_DAYS", 3))


def referral_link_days() -> int:
    return int(getattr(settings, "DROOMHUIS_REFERRAL_LINK_DAYS", 14))


def pairing_days() -> int:
    return int(getattr(settings, "DROOMHUIS_PAIRING_DAYS", 90))


def signal_retention_days() -> int:
    return int(getattr(settings, "DROOMHUIS_SIGNAL_RETENTION_DAYS", 730))


def referral_retention_days() -> int:
    return int(getattr(settings, "DROOMHUIS_REFERRAL_RETENTION_DAYS", 730))


def dream_anonymise_days() -> int:
    return int(getattr(settings, "DROOMHUIS_DREAM_ANONYMISE_DAYS", 365))


def withdrawn_photo_days() -> int:
    return int(getattr(settings, "DROOMHUIS_WITHDRAWN_PHOTO_DAYS", 30))
