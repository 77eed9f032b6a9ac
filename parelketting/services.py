"""All writes to pearls. Every status change goes through ``pearl_transition`` and lands in the history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from lib.follow_codes import reference_new
from lib.links import absolute_url, short_address
from lib.photos import ProcessedPhoto, photo_delete
from wijk.choices import Channel, ContactPreference, DataCategory, Purpose, ResidentLanguage, RoleKind
from wijk.models import ConsentRecord, ConsentText, NoticeKind, Resident, Role, Street
from wijk.notices import staff_notify
from wijk.services import (
    consent_check,
    consent_give,
    consent_text_shown,
    consent_withdraw,
    resident_channel,
    resident_create,
    resident_update_send,
)

from .choices import (
    NEEDS_MESSAGE,
    NOTIFY_SUBMITTER,
    REPORT_TRANSITIONS,
    TRANSITIONS,
    MessageDelivery,
    PearlKind,
    PearlStatus,
    ReportStatus,
    ReportWhat,
)
from .models import Pearl, PearlMessage, PearlReport


def _submitter_email(pearl: Pearl) -> str:
    resident = pearl.submitter
    if resident is None:
        return ""
    if resident.email:
        return resident.email
    user = resident.user
    return user.email if user is not None else ""


def moderators_for(neighbourhood):
    """The active moderators of the corporation that owns ``neighbourhood`` (for all its wijken or this one)."""
    roles = Role.objects.active().filter(
        kind=RoleKind.MODERATOR, organisation_id=neighbourhood.corporation_id, user__is_active=True
    )
    roles = roles.filter(neighbourhood__isnull=True) | roles.filter(neighbourhood=neighbourhood)
    return get_user_model().objects.filter(pk__in=roles.values("user_id")).order_by("pk")


def moderator_emails(neighbourhood) -> list[str]:
    """E-mail addresses of the active moderators of the corporation that owns ``neighbourhood``."""
    return sorted({email for email in moderators_for(neighbourhood).values_list("email", flat=True) if email})


PUBLICATION_TEXT_KEY = "parelketting-publication"


PUBLICATION_TEXT = (
    gettext_lazy("Uw naam en foto bij uw parel"),
    gettext_lazy(
        "Wij zetten uw voornaam en de foto bij uw parel. Iedereen kan dat zien. "
        "Wilt u dat later niet meer? Op ‘Mijn parels’ zet u het zelf uit. Dan halen wij het meteen weg."
    ),
)


def _publication_text() -> ConsentText:
    title, body = PUBLICATION_TEXT
    return consent_text_shown(key=PUBLICATION_TEXT_KEY, title=title, body=body)


def pearl_publication_consent_give(
    *, resident, first_name: bool, photo: bool, method: str = Channel.ONLINE, recorded_by=None
) -> list:
    """Record the resident's "yes" to showing their first name and/or their photo with their pearls.

    Goes into the shared consent ledger (append-only, with the explanation text version); a consent that
    is already active is not recorded twice. ``public_name`` and ``photo_is_public`` read it back.
    """
    records = []
    for wanted, category in ((first_name, DataCategory.FIRST_NAME), (photo, DataCategory.PHOTO)):
        if wanted and not consent_check(resident=resident, category=category, purpose=Purpose.PUBLICATION):
            records.append(
                consent_give(
                    resident=resident,
                    category=category,
                    purpose=Purpose.PUBLICATION,
                    explanation=_publication_text(),
                    method=method,
                    recorded_by=recorded_by,
                )
            )
    return records


PUBLICATION_CATEGORIES = (DataCategory.FIRST_NAME, DataCategory.PHOTO)


def pearl_publication_consent_withdraw(
    *, resident, category: str, method: str = Channel.ONLINE, recorded_by=None
) -> int:
    """Take back the "yes" to showing the first name or the photo with one's pearls; works at once.

    Every active publication consent of that category gets a withdrawal row in the shared ledger (the
    consent rows themselves stay). ``public_name`` and ``photo_is_public`` stop showing it right away.
    Returns how many consents were withdrawn.
    """
    if category not in PUBLICATION_CATEGORIES:
        raise ValidationError(_("Dit kunt u hier niet uitzetten."), code="unknown_category")
    with transaction.atomic():
        active = list(
            ConsentRecord.objects.filter(resident=resident)
            .covering(category=category, purpose=Purpose.PUBLICATION)
            .active()
        )
        for consent in active:
            consent_withdraw(consent=consent, method=method, recorded_by=recorded_by)
    return len(active)


def photo_is_public(pearl: Pearl) -> bool:
    """A photo with a personal pearl may show the person: public only with an active photo consent."""
    if not pearl.photo:
        return False
    if pearl.kind != PearlKind.PERSON:
        return True
    return pearl.submitter is not None and bool(
        consent_check(resident=pearl.submitter, category=DataCategory.PHOTO, purpose=Purpose.PUBLICATION)
    )


def _attach_photo(pearl: Pearl, photo: ProcessedPhoto | None) -> None:
    if photo is None:
        return
    pearl.photo.save("foto.jpg", photo.photo, save=False)
    pearl.thumbnail.save("klein.jpg", photo.thumbnail, save=False)


def _check_location(*, kind, lat, lng, meeting_place, neighbourhood) -> None:
    if kind == PearlKind.PERSON and (lat is not None or lng is not None):
        raise ValidationError(
            _("Een mens zetten wij niet op een eigen punt op de kaart. Kies een ontmoetingsplek."),
            code="person_point",
        )
    if (lat is None) != (lng is None):
        raise ValidationError(_("Het punt op de kaart is niet compleet."), code="point_incomplete")
    if meeting_place is not None:
        if kind != PearlKind.PERSON:
            raise ValidationError(_("Alleen een mens heeft een ontmoetingsplek."), code="meeting_place_kind")
        if (
            meeting_place.kind != PearlKind.PLACE
            or meeting_place.status != PearlStatus.PUBLISHED
            or meeting_place.neighbourhood_id != neighbourhood.pk
        ):
            raise ValidationError(_("Kies een plek uit de lijst."), code="meeting_place_invalid")


def street_point(neighbourhood, street: str) -> tuple[Decimal | None, Decimal | None]:
    """The point of a street in the neighbourhood, or (None, None) when it has none or is unknown."""
    found = Street.objects.filter(neighbourhood=neighbourhood, name=street, lat__isnull=False).first()
    return (found.lat, found.lng) if found else (None, None)


def pearl_submit(
    *,
    kind: str,
    title: str,
    story: str,
    neighbourhood,
    submitter=None,
    themes=(),
    lat: Decimal | None = None,
    lng: Decimal | None = None,
    street: str = "",
    location_description: str = "",
    meeting_place: Pearl | None = None,
    photo: ProcessedPhoto | None = None,
    photo_description: str = "",
    partner=None,
    created_by=None,
    submitted_via: str = Channel.ONLINE,
    consent_method: str = "",
    follow_code: str | None = None,
) -> Pearl:
    """Store a new pearl, waiting for a moderator. Not public until ``pearl_publish``.

    On someone's behalf (``created_by`` set), the channel and the way the resident said yes are recorded.
    The photo must already be cleaned by ``photos.photo_process``. Writes the first history row.
    """
    if kind not in PearlKind.values:
        raise ValidationError(_("Kies wat voor parel het is."), code="unknown_kind")
    if created_by is not None and submitted_via == Channel.ONLINE and submitter is not None:
        if submitter.user_id != created_by.pk:
            raise ValidationError(_("Kies hoe de bewoner de parel doorgaf."), code="channel_required")
    if created_by is not None and submitter is not None and submitter.user_id != created_by.pk and not consent_method:
        raise ValidationError(_("Leg vast hoe de bewoner ja zei."), code="consent_method_required")
    _check_location(kind=kind, lat=lat, lng=lng, meeting_place=meeting_place, neighbourhood=neighbourhood)
    if kind == PearlKind.PLACE and lat is None and street:
        # No point placed (no JavaScript, or a paper form): the street's point keeps the place on the map.
        lat, lng = street_point(neighbourhood, street)
    with transaction.atomic():
        pearl = Pearl(
            kind=kind,
            title=title.strip(),
            story=story.strip(),
            neighbourhood=neighbourhood,
            submitter=submitter,
            lat=lat,
            lng=lng,
            street=street,
            location_description=location_description.strip(),
            meeting_place=meeting_place,
            photo_description=photo_description.strip(),
            partner=partner,
            created_by=created_by,
            submitted_via=submitted_via,
            consent_method=consent_method,
            follow_code=follow_code,
            status=PearlStatus.SUBMITTED,
        )
        _attach_photo(pearl, photo)
        pearl._change_reason = "submitted"
        pearl.full_clean(exclude=["photo", "thumbnail"])
        pearl.save()
        pearl.themes.set(list(themes))
        page = absolute_url(reverse("werkplek:pearl", kwargs={"uid": pearl.uid}))
        staff_notify(
            users=moderators_for(neighbourhood),
            kind=NoticeKind.PEARL,
            subject=_("Een nieuwe parel wacht: %(title)s") % {"title": pearl.title},
            body=_(
                "Er is een nieuwe parel gedeeld in %(wijk)s: ‘%(title)s’.\nBekijk hem en zet hem op de kaart:\n%(link)s\n"
            )
            % {"wijk": neighbourhood.name, "title": pearl.title, "link": page},
            url=page,
        )
    return pearl


def pearl_submit_anonymous(
    *,
    neighbourhood,
    kind: str,
    contact_preference: str = "",
    email: str = "",
    phone: str = "",
    show_photo: bool = False,
    language: str = "nl",
    **pearl_fields,
) -> Pearl:
    """A visitor without an account puts in a pearl (``pearl_submit``), with a follow code to see its status.

    The submitter becomes a resident record without an account holding only the way to hear back that they
    chose: an e-mail address, a phone number, or nothing (then the follow page is the only way). With an
    e-mail address they get a receipt with the follow link (queued mail); an account confirmed later with
    that address takes the pearl over (``pearls_claim``). A "yes" to showing the photo goes into the ledger.
    """
    if contact_preference not in ("", ContactPreference.EMAIL, ContactPreference.PHONE):
        raise ValidationError(_("Kies hoe wij u iets laten weten."), code="contact_unknown")
    email = email.strip() if contact_preference == ContactPreference.EMAIL else ""
    phone = phone.strip() if contact_preference == ContactPreference.PHONE else ""
    if contact_preference and not (email or phone):
        raise ValidationError(_("Vul in waar wij u kunnen bereiken."), code="contact_missing")
    with transaction.atomic():
        resident = resident_create(
            neighbourhood=neighbourhood,
            created_via=Channel.ONLINE,
            contact_preference=contact_preference,
            email=email,
            phone=phone,
            language=language if language in ResidentLanguage.values else ResidentLanguage.DUTCH,
        )
        pearl = pearl_submit(
            kind=kind,
            neighbourhood=neighbourhood,
            submitter=resident,
            submitted_via=Channel.ONLINE,
            follow_code=_follow_code_new(),
            **pearl_fields,
        )
        pearl_publication_consent_give(resident=resident, first_name=False, photo=show_photo)
        if email:
            _send_receipt(pearl)
    return pearl


def _follow_code_new() -> str:
    while True:
        code = reference_new()
        if not Pearl.objects.filter(follow_code=code).exists():
            return code


def pearl_follow_url(pearl: Pearl) -> str:
    """The full link to a pearl's follow page (only pearls sent without an account have one)."""
    return absolute_url(reverse("parelketting:follow", kwargs={"code": pearl.follow_code}))


def _send_receipt(pearl: Pearl) -> None:
    """The e-mail after a pearl sent without an account: it is in, what happens now, the code and the link."""
    context = {
        "pearl": pearl,
        "code": pearl.follow_code_display,
        "follow_url": pearl_follow_url(pearl),
    }
    resident_update_send(
        resident=pearl.submitter,
        organisation=pearl.neighbourhood.corporation,
        reason="parelketting.received",
        compose=lambda: (
            _("Wij hebben uw parel ontvangen"),
            render_to_string("parelketting/email/received.txt", context),
        ),
    )


def pearl_withdraw(*, pearl: Pearl) -> Pearl:
    """The submitter takes their pearl back (with the follow code): it leaves the map and the queue at once.

    It gets status hidden and ``withdrawn_at``; the history says "withdrawn by the submitter". A withdrawn
    pearl cannot be published again (``pearl_transition`` refuses). A sender without an account is not
    contacted about it any more: their e-mail address or phone number is dropped."""
    with transaction.atomic():
        locked = Pearl.objects.select_for_update().get(pk=pearl.pk)
        if locked.withdrawn_at is not None:
            raise ValidationError(_("Deze parel is al ingetrokken."), code="already_withdrawn")
        locked.withdrawn_at = timezone.now()
        locked._change_reason = "withdrawn by the submitter"
        locked.save()
        if locked.status != PearlStatus.HIDDEN:
            locked = pearl_transition(pearl=locked, to=PearlStatus.HIDDEN, reason="withdrawn by the submitter")
        sender = locked.submitter
        if (
            sender is not None
            and sender.user_id is None
            and not sender.pearls.filter(withdrawn_at__isnull=True).exists()
        ):
            Resident.objects.filter(pk=sender.pk).update(email="", phone="", contact_preference="")
    return locked


def pearls_claim(*, user, email: str) -> int:
    """An account whose e-mail address is confirmed takes over the pearls sent without an account from it.

    Called when allauth confirms an address (``receivers``). The first such record becomes the account's
    resident record when it has none; otherwise the pearls move to the account's record (a history row each),
    and a "yes" to showing the photo given with them is recorded again for the account. Returns how many
    pearls now belong to the account.
    """
    email = (email or "").strip()
    if not email or not getattr(user, "is_authenticated", False):
        return 0
    claimed = 0
    with transaction.atomic():
        # A subquery rather than a join and DISTINCT: PostgreSQL refuses FOR UPDATE with DISTINCT.
        sent_anonymously = Pearl.objects.filter(follow_code__isnull=False, submitter__isnull=False)
        anonymous = list(
            Resident.objects.select_for_update()
            .filter(user__isnull=True, email__iexact=email, pk__in=sent_anonymously.values("submitter_id"))
            .order_by("created_at")
        )
        own = Resident.objects.filter(user=user).first()
        for resident in anonymous:
            if own is None:
                resident.user = user
                resident.save(update_fields=["user", "updated_at"])
                own = resident
                claimed += resident.pearls.count()
                continue
            photo_yes = consent_check(resident=resident, category=DataCategory.PHOTO, purpose=Purpose.PUBLICATION)
            for pearl in Pearl.objects.select_for_update().filter(submitter=resident):
                pearl.submitter = own
                pearl._change_reason = "claimed by the account of the same e-mail address"
                pearl.save()
                claimed += 1
            if photo_yes:
                pearl_publication_consent_give(resident=own, first_name=False, photo=True)
    return claimed


def pearl_resubmit(
    *,
    pearl: Pearl,
    by,
    title: str,
    story: str,
    themes=(),
    lat=None,
    lng=None,
    street: str = "",
    location_description: str = "",
    meeting_place=None,
    photo: ProcessedPhoto | None = None,
    photo_description: str = "",
) -> Pearl:
    """The submitter answers a moderator's question: the changed pearl goes back in the queue."""
    _check_location(kind=pearl.kind, lat=lat, lng=lng, meeting_place=meeting_place, neighbourhood=pearl.neighbourhood)
    if pearl.kind == PearlKind.PLACE and lat is None and street:
        # As in ``pearl_submit``: without a point on the map the street's point keeps the place on the map.
        lat, lng = street_point(pearl.neighbourhood, street)
    with transaction.atomic():
        pearl = Pearl.objects.select_for_update().get(pk=pearl.pk)
        pearl.title = title.strip()
        pearl.story = story.strip()
        pearl.lat, pearl.lng = lat, lng
        pearl.street = street
        pearl.location_description = location_description.strip()
        pearl.meeting_place = meeting_place
        if photo is not None:
            _attach_photo(pearl, photo)
            pearl.photo_description = photo_description.strip()
        pearl.full_clean(exclude=["photo", "thumbnail"])
        pearl.save()
        pearl.themes.set(list(themes))
        return pearl_transition(pearl=pearl, to=PearlStatus.SUBMITTED, by=by, reason="answered")


def pearl_transition(
    *, pearl: Pearl, to: str, by=None, message: str = "", reason: str = "", reported: bool = False
) -> Pearl:
    """Move a pearl to status ``to`` if ``TRANSITIONS`` allows it; keep a history row (who, when, why).

    Returned and rejected need a message for the submitter. On the first publication, a return and a
    rejection the submitter hears from us (letter or e-mail, as they prefer); "Mijn parels" shows it too.
    Published again later, they hear nothing, except "weer op de kaart" when a report had taken it off.
    """
    if to not in TRANSITIONS.get(pearl.status, ()):
        raise ValidationError(
            _("Een parel met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": PearlStatus(pearl.status).label, "to": PearlStatus(to).label},
            code="transition_not_allowed",
        )
    message = (message or "").strip()
    if pearl.withdrawn_at is not None and to != PearlStatus.HIDDEN:
        raise ValidationError(_("De inzender heeft deze parel ingetrokken."), code="withdrawn")
    if to in NEEDS_MESSAGE and not message:
        raise ValidationError(_("Schrijf een vriendelijke reden of vraag voor de inzender."), code="message_required")
    with transaction.atomic():
        pearl = (
            Pearl.objects.select_related("submitter__user", "neighbourhood")
            .select_for_update(of=("self",))
            .get(pk=pearl.pk)
        )
        # Back on the map after a report or a hide: the submitter already heard "Uw parel staat op de kaart".
        back_on_map = to == PearlStatus.PUBLISHED and pearl.published_at is not None
        back_after_report = back_on_map and pearl.reported and pearl.status == PearlStatus.SUBMITTED
        pearl.status = to
        pearl.status_changed_at = timezone.now()
        if to in NEEDS_MESSAGE:
            pearl.moderator_message = message
        elif to == PearlStatus.PUBLISHED:
            pearl.moderator_message = ""
            pearl.reported = False
            pearl.published_at = pearl.published_at or timezone.now()
        if reported:
            pearl.reported = True
        if by is not None and getattr(by, "is_authenticated", False):
            pearl._history_user = by
        pearl._change_reason = reason or f"status: {to}"
        pearl.save()
        staff = by if getattr(by, "is_authenticated", False) else None
        if back_after_report:
            _notify_submitter(pearl, by=staff, back=True)
        elif to in NOTIFY_SUBMITTER and not back_on_map:
            _notify_submitter(pearl, by=staff)
    return pearl


def pearl_publish(*, pearl: Pearl, by) -> Pearl:
    """Put a pearl on the public map and list."""
    return pearl_transition(pearl=pearl, to=PearlStatus.PUBLISHED, by=by)


def pearl_reject(*, pearl: Pearl, by, reason: str) -> Pearl:
    """Do not place a pearl; the reason reaches the submitter in kind words."""
    return pearl_transition(pearl=pearl, to=PearlStatus.REJECTED, by=by, message=reason)


def pearl_return(*, pearl: Pearl, by, question: str) -> Pearl:
    """Send a pearl back to the submitter with a question; they can change it and send it again."""
    return pearl_transition(pearl=pearl, to=PearlStatus.RETURNED, by=by, message=question)


def pearl_hide(*, pearl: Pearl, by) -> Pearl:
    """Take a pearl off the public pages without deleting it (it stays in the history)."""
    return pearl_transition(pearl=pearl, to=PearlStatus.HIDDEN, by=by)


def pearl_photo_remove(*, pearl: Pearl, by) -> Pearl:
    """Remove a pearl's photo and thumbnail (files deleted from storage); the history records who did it."""
    with transaction.atomic():
        pearl = Pearl.objects.select_for_update().get(pk=pearl.pk)
        for field in (pearl.photo, pearl.thumbnail):
            photo_delete(field)
        pearl.photo_description = ""
        if by is not None:
            pearl._history_user = by
        pearl._change_reason = "photo removed"
        pearl.save()
    return pearl


def _reporter_hash(reporter: str) -> str:
    """A keyed hash of who reported (``lib.antispam.visitor_key``): countable, but no address is stored."""
    if not reporter:
        return ""
    return salted_hmac("parelketting.report", reporter, algorithm="sha256").hexdigest()


def pearl_report_leaves_map(*, pearl: Pearl, what: str, by_resident: bool) -> bool:
    """The rule for "er klopt iets niet": does this report take a published pearl off the map at once?

    Only "not suitable or private" from a logged-in resident does, or ``PEARL_REPORTS_TO_HIDE`` independent
    open reports (distinct accounts or network addresses, this one included) since it was last put on the map.
    Otherwise the pearl stays.
    """
    if pearl.status != PearlStatus.PUBLISHED:
        return False
    if what == ReportWhat.UNSUITABLE and by_resident:
        return True
    # Only reports since it was last put on the map count: a moderator who put it back has seen the others.
    reporters = (
        PearlReport.objects.open()
        .filter(pearl=pearl, created_at__gte=pearl.status_changed_at)
        .aggregate(n=Count("reporter_key", distinct=True))["n"]
    )
    return reporters >= settings.PEARL_REPORTS_TO_HIDE


def pearl_report(
    *,
    pearl: Pearl,
    what: str,
    note: str = "",
    reporter: str = "",
    reported_by=None,
    reply_email: str = "",
    reply_phone: str = "",
) -> PearlReport:
    """ "Er klopt iets niet": store the report; it waits in the moderators' queue.

    ``reporter`` tells reporters apart (``lib.antispam.visitor_key``); only a keyed hash is kept. The pearl
    leaves the map only as ``pearl_report_leaves_map`` says (then the history row says "reported: off the
    map"). The owner hears about the first open report and about leaving the map, by letter or e-mail as
    they prefer; the moderators get an e-mail. ``report.took_off_map`` says what happened.
    """
    if what not in ReportWhat.values:
        raise ValidationError(_("Kies wat er niet klopt."), code="what_required")
    user = reported_by if getattr(reported_by, "is_authenticated", False) else None
    by_resident = user is not None and Resident.objects.filter(user=user).exists()
    with transaction.atomic():
        locked = Pearl.objects.select_for_update().get(pk=pearl.pk)
        first_open = not PearlReport.objects.open().filter(pearl=locked).exists()
        report = PearlReport.objects.create(
            pearl=locked,
            what=what,
            reason=(note or "").strip(),
            reported_by=user,
            reporter_key=_reporter_hash(reporter),
            reply_email=(reply_email or "").strip(),
            reply_phone=(reply_phone or "").strip(),
        )
        if pearl_report_leaves_map(pearl=locked, what=what, by_resident=by_resident):
            locked = pearl_transition(
                pearl=locked, to=PearlStatus.SUBMITTED, by=user, reason="reported: off the map", reported=True
            )
            report.took_off_map = True
            report.save(update_fields=["took_off_map"])
            _notify_owner_of_report(locked, off_map=True, what=what)
        else:
            if not locked.reported:
                locked.reported = True
                locked._change_reason = "reported"
                locked.save()
            if first_open and locked.status == PearlStatus.PUBLISHED:
                _notify_owner_of_report(locked, off_map=False, what=what)
        page = absolute_url(reverse("werkplek:report", kwargs={"uid": report.uid}))
        context = {"pearl": locked, "report": report, "queue_url": page}
        staff_notify(
            users=moderators_for(locked.neighbourhood),
            kind=NoticeKind.REPORT,
            subject=_("Een parel is gemeld: %(title)s") % {"title": locked.title},
            body=render_to_string("parelketting/email/reported.txt", context),
            url=page,
        )
    return report


def pearl_owner_reachable(pearl: Pearl) -> bool:
    """Can the person who shared the pearl be told anything (e-mail or letter)? Pages say so before a decision."""
    return pearl.submitter is not None and resident_channel(pearl.submitter) != "none"


def _own_links(pearl: Pearl) -> dict:
    """Where the submitter sees their pearl: "Mijn parels", or the follow page when sent without an account."""
    if pearl.follow_code and not (pearl.submitter and pearl.submitter.user_id):
        path = reverse("parelketting:follow", kwargs={"code": pearl.follow_code})
    else:
        path = reverse("parelketting:mine")
    return {"mine_url": absolute_url(path), "mine_address": short_address(path)}


def _notify_owner_of_report(pearl: Pearl, *, off_map: bool, what: str) -> None:
    """Tell the person who shared the pearl, in plain words, that someone reported it and what happens now.

    The reporter's own words are not passed on (they may be unkind); the kind of problem is.
    """
    if pearl.submitter is None:
        return
    if off_map:
        subject = gettext_noop("Uw parel staat even niet op de kaart")
    else:
        subject = gettext_noop("Iemand zag iets bij uw parel")
    context = {
        "pearl": pearl,
        "off_map": off_map,
        "what": ReportWhat(what),
        **_own_links(pearl),
    }
    template = "parelketting/email/owner_reported.txt"
    resident_update_send(
        resident=pearl.submitter,
        organisation=pearl.neighbourhood.corporation,
        reason="parelketting.off_map" if off_map else "parelketting.reported",
        compose=lambda: (_(subject), render_to_string(template, context)),
        compose_letter=lambda: (_(subject), render_to_string(template, {**context, "letter": True})),
    )


REPORT_HIDE = "hide"  # a decision that is not a report status: resolve, and take the pearl off the map


def pearl_report_decide(*, report: PearlReport, decision: str, by, answer: str = "") -> PearlReport:
    """A moderator decides about a report: ``resolved`` (it was right and is dealt with), ``dismissed``
    (it was not right), or ``hide`` (right, and the pearl leaves the map: every open report on it is resolved).

    Each report keeps who decided, when and the answer (with a history row). The optional ``answer`` is
    e-mailed to the reporter who left an address (one who left a phone number is called by the moderator, and
    the answer keeps what was said); the address and number are then dropped. When the last
    open report is decided, a pearl that reports had taken off the map goes back on it (the owner hears
    "weer op de kaart", not a second "staat op de kaart"); ``hide`` hides it and tells the owner.
    """
    if decision not in (ReportStatus.RESOLVED, ReportStatus.DISMISSED, REPORT_HIDE):
        raise ValidationError(_("Kies wat u met de melding doet."), code="decision_unknown")
    answer = (answer or "").strip()
    status = ReportStatus.RESOLVED if decision == REPORT_HIDE else decision
    with transaction.atomic():
        pearl = Pearl.objects.select_for_update().get(pk=report.pearl_id)
        report = PearlReport.objects.select_for_update(of=("self",)).select_related("reported_by").get(pk=report.pk)
        if status not in REPORT_TRANSITIONS[report.status]:
            raise ValidationError(_("Over deze melding is al besloten."), code="already_decided")
        reports = [report]
        if decision == REPORT_HIDE:
            reports += list(PearlReport.objects.open().filter(pearl=pearl).exclude(pk=report.pk))
        for item in reports:
            _report_close(item, status=status, by=by, answer=answer if item.pk == report.pk else "", pearl=pearl)
        if decision == REPORT_HIDE and PearlStatus.HIDDEN in TRANSITIONS[pearl.status]:
            pearl = pearl_transition(pearl=pearl, to=PearlStatus.HIDDEN, by=by, reason="report: hidden")
            _notify_owner_hidden(pearl, what=report.what, by=by)
        if not PearlReport.objects.open().filter(pearl=pearl).exists():
            off_by_reports = pearl.status == PearlStatus.SUBMITTED and pearl.published_at is not None
            if decision != REPORT_HIDE and off_by_reports and pearl.reported:
                pearl = pearl_transition(pearl=pearl, to=PearlStatus.PUBLISHED, by=by, reason="report: back")
            elif pearl.reported:
                pearl.reported = False
                pearl._history_user = by
                pearl._change_reason = "reports decided"
                pearl.save()
    report.refresh_from_db()
    return report


def _report_close(report: PearlReport, *, status: str, by, answer: str, pearl: Pearl) -> None:
    address = report.reply_address()
    report.status = status
    report.decided_by = by
    report.decided_at = timezone.now()
    report.answer = answer
    report.reply_email = ""
    report.reply_phone = ""
    report._history_user = by
    report._change_reason = f"report: {status}"
    report.save()
    if answer and address:
        subject = _("Uw melding over ‘%(title)s’") % {"title": pearl.title}
        body = render_to_string("parelketting/email/report_answer.txt", {"pearl": pearl, "answer": answer})
        transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


def _notify_owner_hidden(pearl: Pearl, *, what: str, by) -> None:
    """The owner hears that their pearl is off the map after a report, and why in plain words."""
    if pearl.submitter is None:
        return
    subject = gettext_noop("Uw parel staat niet meer op de kaart")
    context = {
        "pearl": pearl,
        "what": ReportWhat(what),
        **_own_links(pearl),
    }
    template = "parelketting/email/owner_hidden.txt"
    resident_update_send(
        resident=pearl.submitter,
        organisation=pearl.neighbourhood.corporation,
        reason="parelketting.hidden",
        compose=lambda: (_(subject), render_to_string(template, context)),
        compose_letter=lambda: (_(subject), render_to_string(template, {**context, "letter": True})),
        created_by=by,
    )


def pearl_message_send(*, pearl: Pearl, sender, sender_name: str, body: str, reply_how: str) -> PearlMessage:
    """ "Ik doe mee / ik wil dit ook": store the message and bring it to the person behind the pearl.

    With an e-mail address we mail the offerer (never showing that address to the sender). Without one,
    the corporation's moderators get the message to pass on by phone, letter or a visit.
    """
    if pearl.kind != PearlKind.PERSON or pearl.status != PearlStatus.PUBLISHED or pearl.submitter_id is None:
        raise ValidationError(_("Bij deze parel kunt u geen bericht sturen."), code="not_joinable")
    if not body.strip() or not reply_how.strip() or not sender_name.strip():
        raise ValidationError(_("Vul alle vragen in."), code="incomplete")
    to_offerer = _submitter_email(pearl)
    with transaction.atomic():
        message = PearlMessage.objects.create(
            pearl=pearl,
            sender=sender,
            sender_name=sender_name.strip(),
            body=body.strip(),
            reply_how=reply_how.strip(),
            delivery=MessageDelivery.OFFERER if to_offerer else MessageDelivery.STAFF,
        )
        context = {"pearl": pearl, "message": message, "mine_url": absolute_url(reverse("parelketting:mine"))}
        if to_offerer:
            subject = _("Een buur reageert op uw parel ‘%(title)s’") % {"title": pearl.title}
            body_text = render_to_string("parelketting/email/message_offerer.txt", context)
            recipients = [to_offerer]
        else:
            resident = pearl.submitter
            context["resident"] = resident
            subject = _("Bericht doorgeven aan een bewoner: %(title)s") % {"title": pearl.title}
            body_text = render_to_string("parelketting/email/message_staff.txt", context)
            recipients = moderator_emails(pearl.neighbourhood)
        if recipients:
            transaction.on_commit(lambda: send_mail(subject, body_text, None, recipients))
    return message


def _admin_url(pearl: Pearl) -> str:
    return absolute_url(reverse("admin:parelketting_pearl_change", args=[pearl.pk]))


def _notify_submitter(pearl: Pearl, by=None, back: bool = False) -> None:
    """Tell the submitter the moderation result: a letter for who wants post, else an e-mail, in their language."""
    if pearl.submitter is None:
        return
    templates = {
        PearlStatus.PUBLISHED: (gettext_noop("Uw parel staat op de kaart"), "parelketting/email/published.txt"),
        PearlStatus.RETURNED: (gettext_noop("Wij hebben een vraag over uw parel"), "parelketting/email/returned.txt"),
        PearlStatus.REJECTED: (gettext_noop("Over uw parel"), "parelketting/email/rejected.txt"),
    }
    subject, template = templates[pearl.status]
    if back:
        subject, template = gettext_noop("Uw parel staat weer op de kaart"), "parelketting/email/back_on_map.txt"
    context = {
        "pearl": pearl,
        "detail_url": absolute_url(pearl.get_absolute_url()),
        "map_address": short_address(reverse("parelketting:map")),
        **_own_links(pearl),
    }
    resident_update_send(
        resident=pearl.submitter,
        organisation=pearl.neighbourhood.corporation,
        reason="parelketting.back_on_map" if back else f"parelketting.{pearl.status}",
        compose=lambda: (_(subject), render_to_string(template, context)),
        compose_letter=lambda: (_(subject), render_to_string(template, {**context, "letter": True})),
        created_by=by,
    )
