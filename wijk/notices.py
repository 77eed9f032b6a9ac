"""Notices for staff: one place that decides who hears what, and how.

Every app calls :func:`staff_notify` with the people it found through its own scoped helpers (the moderators of
the item's corporation, the brokers of the case's neighbourhood), so a notice never crosses an organisation.
Each person gets a row for the Werkplek; who chose "at once" (and everyone for acute danger) also gets an
e-mail straight away; who chose "one e-mail a day" gets it in ``staff_digest``. E-mail goes through
``send_mail``, so with a task queue every message is its own task.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lib.links import absolute_url

from .models import NoticeKind, NoticePreference, NoticeWay, StaffNotice

# What someone hears without having chosen. New pearls already had a daily summary (``parelketting_digest``).
DEFAULT_WAY = {kind: NoticeWay.NOW for kind in NoticeKind.values} | {NoticeKind.PEARL: NoticeWay.DIGEST}

# Which kinds a role can receive: the preferences page shows only these.
BROKER_KINDS = (NoticeKind.SIGNAL, NoticeKind.REFERRAL, NoticeKind.REVIEW, NoticeKind.HANDOVER)
MODERATOR_KINDS = (NoticeKind.PEARL, NoticeKind.ACTIVITY, NoticeKind.REPORT)


def ways_for(user) -> dict[str, str]:
    """This person's way per kind, the defaults filled in."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "way"))
    return {kind: chosen.get(kind, DEFAULT_WAY[kind]) for kind in NoticeKind.values}


@transaction.atomic
def preferences_save(*, user, ways: dict[str, str]) -> None:
    """Store the chosen way for each given kind (unknown kinds or ways are ignored)."""
    for kind, way in ways.items():
        if kind in NoticeKind.values and way in NoticeWay.values:
            NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"way": way})


def staff_notify(*, users, kind: str, subject: str, body: str, url: str = "", acute: bool = False) -> list:
    """Tell ``users`` (active ones, each once) about one event. Returns the notices made.

    Acute danger always goes at once, whatever the person chose. The e-mails leave after the commit.
    """
    people = {user.pk: user for user in users if user.is_active}
    if not people:
        return []
    chosen = dict(NoticePreference.objects.filter(user_id__in=people, kind=kind).values_list("user_id", "way"))
    now = timezone.now()
    notices, mails = [], []
    for pk, user in sorted(people.items()):
        way = chosen.get(pk, DEFAULT_WAY[kind])
        at_once = (acute or way == NoticeWay.NOW) and bool(user.email)
        notices.append(
            StaffNotice(
                user=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                url=url[:300],
                acute=acute,
                # New pearls in a digest go in parelketting_digest's summary of what still waits.
                in_digest=not at_once and way == NoticeWay.DIGEST and kind != NoticeKind.PEARL and bool(user.email),
                emailed_at=now if at_once else None,
            )
        )
        if at_once:
            mails.append((subject, _through_notice(body, notices[-1]), None, [user.email]))
    made = StaffNotice.objects.bulk_create(notices)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=False))
    return made


def notice_link(notice: StaffNotice) -> str:
    """The full link that opens ``notice``'s item through the staff's notices page (``STAFF_NOTICE_OPEN_URL``, the
    Werkplek's), so the notice is marked read on the way."""
    return absolute_url(reverse(settings.STAFF_NOTICE_OPEN_URL, args=[notice.uid]))


def _through_notice(body: str, notice: StaffNotice) -> str:
    """An e-mail's text with the item's link replaced by the notice's own link (read when it is followed)."""
    return body.replace(notice.url, notice_link(notice)) if notice.url else body


def recent_notices(user, limit: int = 10):
    return StaffNotice.objects.filter(user=user).order_by("-created_at", "-pk")[:limit]


def unread_notices(user):
    """The person's unread notices (the Werkplek counts them together with its other counts)."""
    return StaffNotice.objects.filter(user=user, read_at__isnull=True)


def notice_for(user, uid) -> StaffNotice | None:
    """One of the person's own notices; ``None`` for someone else's and a missing one alike."""
    return StaffNotice.objects.filter(user=user, uid=uid).first()


def notice_mark_read(*, notice: StaffNotice) -> StaffNotice:
    """Read: marked by the person, or its link opened from the Werkplek. The first time counts."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        StaffNotice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


def notices_mark_all_read(*, user) -> int:
    """ "Alles gelezen": every unread notice of the person. Returns how many."""
    return StaffNotice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def digest_pending():
    return StaffNotice.objects.filter(in_digest=True, emailed_at__isnull=True, user__is_active=True)


def staff_notices_forget(*needles: str) -> int:
    """Remove the staff notices that name or link to something of a resident who is forgotten ("vergeet mij"):
    a notice holding one of ``needles`` (a uid, a reference or a title) in its link, subject or text. The items
    themselves stay in the Werkplek's queues as their own erasure decides; a notice is only a pointer."""
    query = Q()
    for needle in {needle.strip() for needle in needles if needle and needle.strip()}:
        query |= Q(url__contains=needle) | Q(subject__contains=needle) | Q(body__contains=needle)
    if not query:
        return 0
    return StaffNotice.objects.filter(query).delete()[0]
