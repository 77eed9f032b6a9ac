"""Forgetting in the Parelketting: a resident's pearls, activities and sign-ups ("vergeet mij").

Found by ``wijk.erasure`` through the app registry. The resident chooses what happens to what they
published (``publications``): keep it without their name (``anonymise``) or take it down (``withdraw``).

- A published pearl about a place or an offer: with "anonymise" it stays on the map, without the link to
  the resident, its change history (older texts) and the messages sent to them. With "withdraw" it is
  removed, photos included (the files in storage too).
- A pearl about the person themselves (kind "person") is always removed: without the person it means nothing.
- A pearl that was never published (waiting, returned, rejected, hidden) is removed.
- When a route or activity still uses the pearl (the database protects it), it is hidden instead, without
  the link to the resident, its photos and its history.
- Messages the resident sent to other people's pearls hold their name: removed.
- An activity the resident organised stays for the other neighbours; the link to the resident goes. With
  "withdraw" its "zo ging het" story and photos are removed too.
- Sign-ups are removed; a confirmed place in a coming activity goes to the first on the waiting list.
"""

from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wijk.erasure import ANONYMISED, REMOVED, WITHDRAW, file_delete
from wijk.notices import staff_notices_forget

from .choices import PearlKind, PearlStatus, SignUpStatus
from .models import Activity, ActivityPhoto, Pearl, PearlMessage, SignUp

DECISIONS = {
    "parelketting.Pearl": "published: without the name or withdrawn, as the resident chooses; else removed",
    "parelketting.Pearl.messages": "removed",
    "parelketting.PearlMessage.pearl": "removed",
    "parelketting.Pearl.meeting_place": "another person's pearl; the database empties the link when removed",
    "parelketting.PearlReport.pearl": "a neighbour's report names the reporter; it goes when the pearl goes",
    "parelketting.RouteStop.pearl": "a public route keeps the pearl; it is then hidden instead of removed",
    "parelketting.RouteSuggestion.pearl": "a suggestion for a route; goes when the pearl goes",
    "parelketting.Activity.place": "an activity at this place keeps it; it is then hidden instead of removed",
    "parelketting.Activity.talent_pearls": "the link goes when the pearl goes",
    "parelketting.Activity": "kept for the other neighbours, without the organiser; withdraw removes the story",
    "parelketting.ActivityPhoto.activity": "removed with the story when the resident withdraws it",
    "parelketting.SignUp": "removed; a freed place goes to the waiting list",
    "parelketting.SignUp.activity": "other neighbours' sign-ups for the resident's activity: not about them",
}

REASON_SHARED = gettext_lazy("Buren doen mee. De activiteit blijft, zonder uw naam.")


def _removable(obj) -> bool:
    try:
        Collector(using=obj._state.db or "default").collect([obj])
    except ProtectedError:
        return False
    return True


def _history_remove(model, pks) -> None:
    """The change history of a record holds older texts and the link to the resident."""
    model.history.model.objects.filter(id__in=list(pks)).delete()


def _photos_remove(pearl) -> None:
    file_delete(pearl.photo)
    file_delete(pearl.thumbnail)


def _pearls(resident, publications, report, dry_run):
    for pearl in Pearl.objects.filter(submitter=resident).order_by("pk"):
        messages = PearlMessage.objects.filter(pearl=pearl)
        report.add(PearlMessage, REMOVED, messages.count())
        keep = pearl.is_published and publications != WITHDRAW and pearl.kind != PearlKind.PERSON
        if keep:
            report.add(Pearl, ANONYMISED)
            if not dry_run:
                messages.delete()
                Pearl.objects.filter(pk=pearl.pk).update(submitter=None)
                _history_remove(Pearl, [pearl.pk])
            continue
        if _removable(pearl):
            report.add(Pearl, REMOVED)
            if not dry_run:
                pk = pearl.pk
                _photos_remove(pearl)
                pearl.delete()
                _history_remove(Pearl, [pk])
            continue
        report.add(Pearl, ANONYMISED)
        if not dry_run:
            messages.delete()
            _photos_remove(pearl)
            Pearl.objects.filter(pk=pearl.pk).update(
                submitter=None, status=PearlStatus.HIDDEN, photo="", thumbnail="", status_changed_at=timezone.now()
            )
            _history_remove(Pearl, [pearl.pk])


def _activities(resident, publications, report, dry_run):
    for activity in Activity.objects.filter(organiser_resident=resident).order_by("pk"):
        report.add(Activity, ANONYMISED, 1, REASON_SHARED)
        photos = ActivityPhoto.objects.filter(activity=activity)
        if publications == WITHDRAW:
            report.add(ActivityPhoto, REMOVED, photos.count())
        if dry_run:
            continue
        values = {"organiser_resident": None}
        if publications == WITHDRAW:
            for photo in photos:
                file_delete(photo.photo)
                file_delete(photo.thumbnail)
            photos.delete()
            values.update(story="", story_written_at=None)
        Activity.objects.filter(pk=activity.pk).update(**values)
        Activity.history.model.objects.filter(id=activity.pk).update(organiser_resident=None)
        if publications == WITHDRAW:
            Activity.history.model.objects.filter(id=activity.pk).update(story="")


def _signups(resident, report, dry_run):
    from .programme.services import signup_cancel

    signups = SignUp.objects.filter(resident=resident)
    report.add(SignUp, REMOVED, signups.count())
    if dry_run:
        return
    coming = signups.filter(status=SignUpStatus.CONFIRMED, activity__starts_at__gt=timezone.now())
    for signup in coming.select_related("activity"):
        signup_cancel(signup=signup)
    signups.delete()


def resident_erase(resident, *, publications, user, report, dry_run) -> None:
    """Every pearl, activity and sign-up of ``resident`` (the hook called by ``wijk.erasure``)."""
    if not dry_run:
        pearls = Pearl.objects.filter(submitter=resident).values_list("uid", "title")
        activities = Activity.objects.filter(organiser_resident=resident).values_list("uid", "title")
        staff_notices_forget(*(str(value) for row in [*pearls, *activities] for value in row))
    _pearls(resident, publications, report, dry_run)
    _activities(resident, publications, report, dry_run)
    _signups(resident, report, dry_run)
    if user is not None:
        sent = PearlMessage.objects.filter(sender=user)
        report.add(PearlMessage, REMOVED, sent.count())
        if not dry_run:
            sent.delete()
