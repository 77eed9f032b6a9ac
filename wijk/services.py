"""Writes in the shared model. Every consent change and every logged access goes through here."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib.links import absolute_url, short_address, site_url
from lib.workdays import add_working_days

from .choices import (
    EXPLICIT_CATEGORIES,
    Channel,
    ContactPreference,
    DataCategory,
    Purpose,
    RecipientKind,
    RoleKind,
)
from .contact import contacts_for
from .models import (
    AccessAction,
    AccessLogEntry,
    CallbackRequest,
    CallbackStatus,
    ConsentRecord,
    ConsentText,
    ConsentWithdrawal,
    Letter,
    LetterRun,
    LetterStatus,
    Neighbourhood,
    Organisation,
    Resident,
    Role,
    Street,
    User,
)
from .permissions import CALLBACK_ROLE_KINDS, organisation_ids


def resident_create(
    *,
    neighbourhood,
    created_by=None,
    created_via: str = Channel.ONLINE,
    user=None,
    **fields,
) -> Resident:
    """Create a resident record, possibly on someone's behalf (``created_by`` is then the staff member)."""
    allowed = {
        "display_name",
        "first_name",
        "alias",
        "contact_preference",
        "phone",
        "email",
        "postal_address",
        "contact_notes",
        "language",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown resident fields: {sorted(unknown)}")
    resident = Resident(
        neighbourhood=neighbourhood, user=user, created_by=created_by, created_via=created_via, **fields
    )
    resident.full_clean()
    resident.save()
    return resident


def consent_text_current(key: str, language: str = "nl") -> ConsentText:
    """The newest version of an explanation text; falls back to Dutch when the language has none."""
    texts = ConsentText.objects.filter(key=key).order_by("-version")
    text = texts.filter(language=language).first() or texts.filter(language="nl").first()
    if text is None:
        raise ConsentText.DoesNotExist(f"No explanation text with key {key!r}.")
    return text


def consent_text_shown(*, key: str, title, body, language: str | None = None) -> ConsentText:
    """The explanation a resident reads now, in their own language when it translates the Dutch text in use.

    ``title`` and ``body`` are the code's translatable source texts. The Dutch text is published from them the first
    time it is needed; staff may publish a newer Dutch version in the admin. A translation is published from the
    catalogue and shown only while the Dutch text in use is the one it translates. Otherwise the resident reads the
    Dutch text, which templates mark with its own ``lang``. The consent then points to the version that was shown.
    """
    language = (language or translation.get_language() or "nl").split("-")[0]
    with translation.override("nl"):
        source = (str(title), str(body))
    dutch = ConsentText.objects.filter(key=key, language="nl").order_by("-version").first()
    if dutch is None:
        dutch = consent_text_publish(key=key, title=source[0], body=source[1])
    if language == "nl":
        return dutch
    shown = ConsentText.objects.filter(key=key, language=language).order_by("-version").first()
    if shown is not None and shown.created_at >= dutch.created_at:
        return shown
    if (dutch.title, dutch.body) != source:
        return dutch
    with translation.override(language):
        translated = (str(title), str(body))
    if translated[0] == source[0] or translated[1] == source[1]:
        return dutch
    return consent_text_publish(key=key, title=translated[0], body=translated[1], language=language)


def consent_text_publish(*, key: str, title: str, body: str, language: str = "nl") -> ConsentText:
    """Add a new version of an explanation text. Old versions stay, because consents point to them."""
    with transaction.atomic():
        last = ConsentText.objects.filter(key=key, language=language).order_by("-version").first()
        if last and last.title == title and last.body == body:
            return last
        return ConsentText.objects.create(
            key=key, language=language, title=title, body=body, version=(last.version + 1) if last else 1
        )


def consent_give(
    *,
    resident: Resident,
    category: str,
    purpose: str,
    explanation: ConsentText,
    method: str,
    recipient: Organisation | None = None,
    recorded_by=None,
    explicit: bool = False,
    valid_until: datetime | None = None,
    note: str = "",
) -> ConsentRecord:
    """Record a consent in the ledger. ``recipient=None`` means the public (for publication).

    When a staff member records it on the resident's behalf (phone, paper, a visit), ``recorded_by`` is
    that person and ``method`` says how the resident gave it. Health data needs ``explicit=True``.
    """
    if category not in DataCategory.values:
        raise ValidationError(_("Onbekende soort gegevens."), code="unknown_category")
    if purpose not in Purpose.values:
        raise ValidationError(_("Onbekend doel."), code="unknown_purpose")
    if method not in Channel.values:
        raise ValidationError(_("Onbekende manier van toestemming geven."), code="unknown_method")
    if category in EXPLICIT_CATEGORIES and not explicit:
        raise ValidationError(
            _("Voor gegevens over gezondheid is een uitdrukkelijke toestemming nodig."), code="explicit_required"
        )
    if method != Channel.ONLINE and recorded_by is None:
        raise ValidationError(
            _("Leg vast wie de toestemming namens de bewoner heeft genoteerd."), code="recorded_by_required"
        )
    now = timezone.now()
    if valid_until is not None and valid_until <= now:
        raise ValidationError(_("De einddatum moet in de toekomst liggen."), code="valid_until_past")
    return ConsentRecord.objects.create(
        resident=resident,
        category=category,
        purpose=purpose,
        recipient_kind=RecipientKind.PUBLIC if recipient is None else RecipientKind.ORGANISATION,
        recipient=recipient,
        explanation=explanation,
        method=method,
        recorded_by=recorded_by,
        explicit=explicit,
        given_at=now,
        valid_until=valid_until,
        note=note,
    )


def consent_withdraw(*, consent: ConsentRecord, method: str, recorded_by=None, note: str = "") -> ConsentWithdrawal:
    """Withdraw a consent. Takes effect at once; the consent row stays as it was, a withdrawal row is added.

    Withdrawing twice returns the first withdrawal, so a double click does no harm. Apps that act on
    consents (referrals, publication) listen to ``consent_withdrawn`` to stop what depended on it.
    """
    if method not in Channel.values:
        raise ValidationError(_("Onbekende manier van intrekken."), code="unknown_method")
    with transaction.atomic():
        locked = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
        existing = ConsentWithdrawal.objects.filter(consent=locked).first()
        if existing:
            return existing
        withdrawal = ConsentWithdrawal.objects.create(consent=locked, method=method, recorded_by=recorded_by, note=note)
        from .signals import consent_withdrawn

        transaction.on_commit(
            lambda: consent_withdrawn.send(sender=ConsentRecord, consent=locked, withdrawal=withdrawal)
        )
    return withdrawal


@dataclass(frozen=True)
class ConsentCheck:
    """The answer to "may we?": ``allowed`` plus the consent that allows it, or the reason it is not."""

    allowed: bool
    consent: ConsentRecord | None = None
    reason: str = ""

    def __bool__(self):
        return self.allowed


def consent_check(
    *,
    resident: Resident,
    category: str,
    purpose: str,
    recipient: Organisation | None = None,
    at: datetime | None = None,
) -> ConsentCheck:
    """Does an active consent cover ``category`` to ``recipient`` for ``purpose`` at time ``at``?

    For categories that need explicit consent (health), only an explicit consent counts. For a partner
    organisation, its data-sharing agreement must also be valid on that day and allow the category.
    """
    at = at or timezone.now()
    candidates = ConsentRecord.objects.filter(resident=resident).covering(
        category=category, purpose=purpose, recipient=recipient
    )
    if category in EXPLICIT_CATEGORIES:
        candidates = candidates.filter(explicit=True)
    consent = candidates.active(at).order_by("-given_at").first()
    if consent is None:
        return ConsentCheck(False, reason="no_active_consent")
    if recipient is not None and not recipient.is_corporation:
        if not recipient.agreement_allows(category, on=timezone.localtime(at).date()):
            return ConsentCheck(False, consent=consent, reason="no_valid_agreement")
    return ConsentCheck(True, consent=consent)


def public_name(resident: Resident | None, at: datetime | None = None) -> str:
    """The name that may be shown publicly: first name or alias as far as consent allows, else ''."""
    if resident is None:
        return ""
    if resident.first_name and consent_check(
        resident=resident, category=DataCategory.FIRST_NAME, purpose=Purpose.PUBLICATION, at=at
    ):
        return resident.first_name
    if resident.alias and consent_check(
        resident=resident, category=DataCategory.ALIAS, purpose=Purpose.PUBLICATION, at=at
    ):
        return resident.alias
    return ""


def access_log_record(
    *,
    user,
    action: str,
    obj,
    resident: Resident | None,
    role: str = "",
    organisation: Organisation | None = None,
    on_behalf_of: str = "",
    detail: str = "",
) -> AccessLogEntry:
    """Write one access-log row: who did what to which record about which resident."""
    return AccessLogEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        role=role,
        organisation=organisation,
        resident=resident,
        on_behalf_of=on_behalf_of,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail,
    )


def letter_queue(
    *,
    resident: Resident,
    organisation: Organisation,
    subject: str,
    body: str,
    reason: str,
    created_by=None,
    topic: str = "",
) -> Letter:
    """Put a letter for a resident in the organisation's print queue. Staff print queued letters in batches.

    Links to this site lose their "https://": on paper they are an address to type, not to click.
    With a ``topic`` (what the news is about, such as one activity), this letter replaces the resident's earlier
    letters about the same topic that are still waiting and not in a printed PDF (status "superseded"): signed up
    and then cancelled gives only the cancellation; two changes give only the latest, which says all that changed.
    """
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Een brief heeft een onderwerp en een tekst nodig."), code="empty_letter")
    body = body.replace(site_url(), short_address("").rstrip("/"))
    with transaction.atomic():
        letter = Letter.objects.create(
            resident=resident,
            organisation=organisation,
            subject=subject.strip(),
            body=body.strip(),
            language=resident.language or "nl",
            reason=reason,
            created_by=created_by,
            topic=topic,
        )
        if topic:
            letters_superseded(resident=resident, organisation=organisation, topic=topic).exclude(pk=letter.pk).update(
                status=LetterStatus.SUPERSEDED, superseded_by=letter
            )
    return letter


def letters_superseded(*, resident, organisation, topic: str):
    """The resident's letters about ``topic`` that a newer one replaces: queued and not in a printed PDF."""
    return Letter.objects.filter(
        resident=resident, organisation=organisation, topic=topic, status=LetterStatus.QUEUED, run__isnull=True
    )


POSTCODE = re.compile(r"\b[1-9][0-9]{3} ?[A-Za-z]{2}\b")


def letter_address_complete(resident) -> bool:
    """A letter can go in an envelope: the address has a Dutch postcode (1234 AB) and a line before it."""
    address = (resident.postal_address or "").strip()
    return bool(POSTCODE.search(address)) and len([line for line in address.splitlines() if line.strip()]) >= 2


def letter_run_start(*, letters, user) -> LetterRun:
    """Record that these queued letters go into one PDF now, with an access-log row per letter (staff print
    a resident's address and news). Only they can be marked sent from this run; a letter queued afterwards waits
    for the next run. A letter printed again (a lost PDF) moves to the new run. The worker makes the PDF
    (``letter_run_pdf_make``) once the run is stored."""
    from .tasks import letter_run_pdf

    with transaction.atomic():
        run = LetterRun.objects.create(created_by=user)
        Letter.objects.filter(pk__in=[letter.pk for letter in letters], status=LetterStatus.QUEUED).update(run=run)
        for letter in letters:
            access_log_record(
                user=user,
                action=AccessAction.PRINT,
                obj=letter,
                resident=letter.resident,
                organisation=letter.organisation,
                detail=letter.reason,
            )
    letter_run_pdf.enqueue(run_uid=str(run.uid))
    return run


def letter_run_pdf_make(run: LetterRun) -> LetterRun:
    """Make the run's PDF: one envelope per resident and sender, one letter per page, the address where the
    envelope window is, each letter in the resident's language with the sender's contact details."""
    from lib.pdf import render_pdf

    letters = list(
        Letter.objects.filter(run=run, status=LetterStatus.QUEUED).select_related("resident", "organisation")
    )
    for letter in letters:
        with translation.override(letter.language or "nl"):
            letter.contact_line = letter_contact(letter.organisation, letter.resident.neighbourhood_id)
    pdf = render_pdf(
        "wijk/letters/batch.html",
        {"envelopes": letters_by_envelope(letters), "today": timezone.localdate(run.created_at), "run": run},
        stylesheets=["css/letters-print.css"],
    )
    if run.pdf:
        run.pdf.delete(save=False)
    run.pdf.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
    run.pdf_made_at = timezone.now()
    run.pdf_failed = False
    run.save(update_fields=["pdf", "pdf_made_at", "pdf_failed"])
    return run


def letter_run_pdf_again(run: LetterRun) -> None:
    """Queue the making of a run's PDF once more (after a failure, or when its file was lost)."""
    from .tasks import letter_run_pdf

    LetterRun.objects.filter(pk=run.pk).update(pdf_failed=False)
    letter_run_pdf.enqueue(run_uid=str(run.uid))


def letter_run_pdf_forget(run: LetterRun) -> None:
    """Remove a run's PDF (the addresses in it) once its letters are sent."""
    if run.pdf:
        run.pdf.delete(save=False)
        LetterRun.objects.filter(pk=run.pk).update(pdf="")


def letters_by_envelope(letters) -> list[list]:
    """One envelope per resident and sender: their letters together, in the order they were queued."""
    envelopes: dict[tuple[int, int], list] = {}
    for letter in sorted(letters, key=lambda letter: (letter.created_at, letter.pk)):
        envelopes.setdefault((letter.resident_id, letter.organisation_id), []).append(letter)
    return list(envelopes.values())


def letters_mark_printed(*, run: LetterRun, letters, user) -> int:
    """Mark the still-queued letters of a printed ``run`` as sent (``letters``: the ones the user may handle);
    returns how many changed. Letters that were not in the PDF stay in the queue."""
    ids = [letter.pk for letter in letters]
    with transaction.atomic():
        changed = Letter.objects.filter(pk__in=ids, run=run, status=LetterStatus.QUEUED)
        count = 0
        now = timezone.now()
        for letter in changed.select_for_update():
            letter.status = LetterStatus.PRINTED
            letter.printed_at = now
            letter.printed_by = user
            letter.save(update_fields=["status", "printed_at", "printed_by"])
            count += 1
        if count:
            LetterRun.objects.filter(pk=run.pk).update(sent_at=now)
    if count:
        letter_run_pdf_forget(run)
    return count


def letter_cancel(*, letter: Letter, user) -> Letter:
    """Take a queued letter out of the queue (for example when the resident was reached by phone)."""
    if letter.status != LetterStatus.QUEUED:
        raise ValidationError(_("Alleen een brief in de wachtrij kan eruit."), code="not_queued")
    letter.status = LetterStatus.CANCELLED
    letter.printed_by = user
    letter.save(update_fields=["status", "printed_by"])
    return letter


def resident_channel(resident: Resident) -> str:
    """How an update reaches this resident: ``"letter"``, ``"email"`` or ``"none"`` (no address known)."""
    email = resident.email or (resident.user.email if resident.user_id else "")
    if resident.contact_preference == ContactPreference.LETTER or (not email and resident.postal_address):
        return "letter"
    return "email" if email else "none"


def resident_reach(resident) -> str:
    """How news reaches this resident in their own way: ``"letter"`` or ``"email"`` (``resident_channel``),
    ``"call"`` (only a phone number: staff must call, so the news becomes a call task) or ``"nobody"``."""
    channel = resident_channel(resident)
    if channel != "none":
        return channel
    return "call" if resident.phone else "nobody"


def letter_contact(organisation: Organisation, neighbourhood=None) -> str:
    """The lines on a letter that say how to reach the sender: a number to call, when, and where to go.

    They come from the organisation's contact details (the same as on every page, ``wijk.contact``), with the
    walk-in places in the resident's ``neighbourhood``. Without a phone number or an address, the letter names
    the organisation and the website's short address.
    """
    contacts = [c for c in contacts_for(neighbourhood, organisation) if c.phone or c.visiting_address]
    if contacts:
        return render_to_string("wijk/_contact.txt", {"contacts": contacts}).strip()
    return _("Bel of kom langs bij %(name)s. Of kijk op %(address)s.") % {
        "name": organisation.name,
        "address": short_address(),
    }


def resident_neighbourhood_choose(*, user, neighbourhood) -> Resident:
    """A logged-in resident says where they live: their resident record is made, or moved to that neighbourhood.

    Moving changes which corporation's staff can see the record (their own neighbourhood's corporation)."""
    resident = Resident.objects.filter(user=user).first()
    if resident is None:
        return resident_create(
            neighbourhood=neighbourhood,
            user=user,
            email=user.email,
            display_name=user.name,
            first_name=user.get_short_name() if user.name else "",
        )
    if resident.neighbourhood_id != neighbourhood.pk:
        resident.neighbourhood = neighbourhood
        resident.save(update_fields=["neighbourhood", "updated_at"])
    return resident


def resident_notify(
    *,
    resident: Resident,
    organisation: Organisation,
    subject: str,
    body: str,
    reason: str,
    created_by=None,
    topic: str = "",
) -> str:
    """Reach a resident the way they prefer: a letter in the print queue, or an e-mail.

    Returns ``"letter"``, ``"email"`` or ``"none"`` (no address known). The caller decides whether a
    message may be sent at all (consent) and writes it in the resident's language (``resident.language``);
    the text must never hold signal content.
    """
    from django.core.mail import send_mail

    channel = resident_channel(resident)
    if channel == "letter":
        letter_queue(
            resident=resident,
            organisation=organisation,
            subject=subject,
            body=body,
            reason=reason,
            created_by=created_by,
            topic=topic,
        )
        return "letter"
    if channel == "email":
        send_mail(subject, body, None, [resident.email or resident.user.email])
        return "email"
    return "none"


def resident_update_send(
    *,
    resident,
    organisation,
    reason: str,
    compose: Callable[[], tuple[str, str]],
    compose_letter: Callable[[], tuple[str, str]] | None = None,
    created_by=None,
    on_commit: bool = True,
    topic: str = "",
) -> None:
    """Write ``compose()`` (subject, body) in the resident's language and send it the way they prefer.

    Every app's updates for residents come here (letters for who wants post, else e-mail); staff e-mails do not.
    A letter uses ``compose_letter()`` when given: paper needs no links, and the letter page adds one greeting,
    the closing and the sender (``templates/wijk/letters/batch.html``), so a letter body holds neither.

    With ``on_commit`` the message goes out only once the surrounding transaction is saved. ``topic``: what the
    news is about; a newer letter about it replaces an unprinted older one (``letter_queue``).
    """
    if resident is None:
        return

    def send() -> str:
        writer = compose_letter if compose_letter and resident_channel(resident) == "letter" else compose
        with translation.override(resident.language or "nl"):
            subject, body = writer()
            subject, body = str(subject), str(body)
        return resident_notify(
            resident=resident,
            organisation=organisation,
            subject=subject,
            body=body,
            reason=reason,
            created_by=created_by,
            topic=topic,
        )

    if on_commit:
        transaction.on_commit(send)
    else:
        send()


# --- "Bel mij terug": call tasks for the neighbourhood's staff ----------------------------------------------------

# Which status a call task may go to from each status. "Niet bereikt" may repeat: each time counts one attempt.
CALLBACK_TRANSITIONS = {
    CallbackStatus.OPEN: {CallbackStatus.CALLED, CallbackStatus.NOT_REACHED, CallbackStatus.DONE},
    CallbackStatus.NOT_REACHED: {CallbackStatus.CALLED, CallbackStatus.NOT_REACHED, CallbackStatus.DONE},
    CallbackStatus.CALLED: {CallbackStatus.DONE},
    CallbackStatus.DONE: set(),
}
# Staff call back on this many working days after the request (1: the next working day).
CALLBACK_WORKING_DAYS = 1


def callback_day(today: date) -> date:
    """The day a request made on ``today`` is called back: the next working day (weekends and holidays skipped)."""
    return add_working_days(today, CALLBACK_WORKING_DAYS)


def callback_staff_emails(neighbourhood) -> list[str]:
    """E-mail addresses of the moderators and dream brokers of the corporation that owns ``neighbourhood``
    (roles for all its neighbourhoods, or for this one)."""
    roles = Role.objects.active().filter(
        kind__in=CALLBACK_ROLE_KINDS, organisation_id=neighbourhood.corporation_id, user__is_active=True
    )
    roles = roles.filter(neighbourhood__isnull=True) | roles.filter(neighbourhood=neighbourhood)
    return sorted({email for email in roles.values_list("user__email", flat=True) if email})


def callback_request_create(
    *,
    neighbourhood,
    phone: str,
    day_part: str,
    first_name: str = "",
    note: str = "",
    user=None,
    assigned_to=None,
    about_path: str = "",
) -> CallbackRequest:
    """A resident asks to be called back; no account needed. Becomes a call task for the staff of the
    neighbourhood's corporation, who get an e-mail (without the phone number: that stays in the portal).
    The same number asked again for the same neighbourhood within a day gives the task that is already waiting
    (the new note is added to it).

    ``assigned_to``: the task is for one colleague (who sees it in the list and on the Werkplek); nobody is
    e-mailed. ``about_path``: the portal path of the case the call is about.

    Writes an access-log row for the new task. The caller limits how often one visitor may ask.
    """
    if not any(ch.isdigit() for ch in phone or ""):
        raise ValidationError(_("Vul een telefoonnummer in."), code="phone_required")
    same = _callback_waiting_for(neighbourhood, phone)
    if same is not None:
        _callback_note_add(same, note)
        _callback_fill(same, assigned_to=assigned_to, about_path=about_path)
        return same
    callback = CallbackRequest(
        neighbourhood=neighbourhood,
        phone=phone.strip(),
        first_name=(first_name or "").strip(),
        note=(note or "").strip(),
        day_part=day_part,
        call_on=callback_day(timezone.localdate()),
        assigned_to=assigned_to,
        about_path=about_path or "",
    )
    callback.full_clean()
    with transaction.atomic():
        callback.save()
        access_log_record(
            user=user,
            action=AccessAction.CHANGE,
            obj=callback,
            resident=None,
            organisation=neighbourhood.corporation,
            detail="callback: asked",
        )
        emails = [] if assigned_to is not None else callback_staff_emails(neighbourhood)
        if emails:
            transaction.on_commit(lambda: _callback_staff_mail(callback, emails))
    return callback


CALLBACK_NOTE_SEPARATOR = "\n"


def _callback_note_add(callback: CallbackRequest, note: str) -> None:
    """A second reason to call the same person on the same task: its note is added below the first, not lost
    (a "bel mij" resident moved up from the waiting list the day they asked to be called, for example)."""
    note = (note or "").strip()
    if not note or note in callback.note:
        return
    joined = f"{callback.note}{CALLBACK_NOTE_SEPARATOR}{note}" if callback.note else note
    limit = CallbackRequest._meta.get_field("note").max_length
    callback.note = joined[:limit]
    CallbackRequest.objects.filter(pk=callback.pk).update(note=callback.note)


def _callback_fill(callback: CallbackRequest, *, assigned_to, about_path: str) -> None:
    """A waiting task that had no colleague or case yet gets them from the second request; never overwritten."""
    fields = {}
    if assigned_to is not None and callback.assigned_to_id is None:
        fields["assigned_to"] = callback.assigned_to = assigned_to
    if about_path and not callback.about_path:
        fields["about_path"] = callback.about_path = about_path
    if fields:
        CallbackRequest.objects.filter(pk=callback.pk).update(**fields)


def _callback_waiting_for(neighbourhood, phone: str) -> CallbackRequest | None:
    """A call task for the same number in the same neighbourhood, asked today or yesterday and not yet done.

    A resident who sends the form twice (a reload, a second try "to be sure") gets one call, not two.
    """
    digits = "".join(ch for ch in phone if ch.isdigit())
    recent = CallbackRequest.objects.waiting().filter(
        neighbourhood=neighbourhood, created_at__gte=timezone.now() - timedelta(days=1)
    )
    return next((c for c in recent.order_by("-created_at") if "".join(filter(str.isdigit, c.phone)) == digits), None)


def _callback_staff_mail(callback: CallbackRequest, emails: list[str]) -> None:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    with translation.override(settings.LANGUAGE_CODE):
        context = {"callback": callback, "list_url": absolute_url(reverse("wijk:callbacks"))}
        subject = render_to_string("wijk/email/callback_new_subject.txt", context).strip()
        body = render_to_string("wijk/email/callback_new.txt", context)
    send_mail(subject, body, None, emails)


def callback_request_mark(*, callback: CallbackRequest, to: str, user) -> CallbackRequest:
    """Staff record what happened with a call: called, not reached (one more attempt) or done.

    Only the moves in ``CALLBACK_TRANSITIONS`` are allowed; each writes who and when, and an access-log row.
    """
    with transaction.atomic():
        locked = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
        if to not in CALLBACK_TRANSITIONS[locked.status]:
            raise ValidationError(_("Dit verzoek kan niet meer zo worden bijgewerkt."), code="transition")
        locked.status = to
        if to == CallbackStatus.NOT_REACHED:
            locked.attempts += 1
        locked.handled_at = timezone.now()
        locked.handled_by = user
        locked.save(update_fields=["status", "attempts", "handled_at", "handled_by"])
        access_log_record(
            user=user,
            action=AccessAction.CHANGE,
            obj=locked,
            resident=None,
            organisation=locked.neighbourhood.corporation,
            detail=f"callback: {to}",
        )
    return locked


def callback_request_erase(*, callbacks) -> int:
    """Forget the phone number, name and note of call tasks (retention); the task stays, for the figures."""
    return callbacks.filter(erased_at__isnull=True).update(phone="", first_name="", note="", erased_at=timezone.now())


STREET_COLUMNS = ("naam", "breedtegraad", "lengtegraad", "huisnummer_van", "huisnummer_tot")


@dataclass
class StreetImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] | None = None


def _street_row(line: int, row: dict) -> tuple[dict | None, list[str]]:
    """One CSV row as Street fields, or the reasons it cannot be read (each naming the line)."""
    errors = []
    name = (row.get("naam") or "").strip()
    if not name:
        errors.append(f"line {line}: 'naam' is empty")
    elif len(name) > 120:
        errors.append(f"line {line}: 'naam' is longer than 120 characters")
    values = {}
    for column, field, low, high in (("breedtegraad", "lat", -90, 90), ("lengtegraad", "lng", -180, 180)):
        text = (row.get(column) or "").strip().replace(",", ".")
        if not text:
            values[field] = None
            continue
        try:
            number = Decimal(text).quantize(Decimal("0.000001"))
        except (InvalidOperation, ValueError):
            errors.append(f"line {line}: '{column}' is not a number: {text!r}")
            continue
        if not low <= number <= high:
            errors.append(f"line {line}: '{column}' must lie between {low} and {high}: {text!r}")
            continue
        values[field] = number
    if ("lat" in values and "lng" in values) and (values["lat"] is None) != (values["lng"] is None):
        errors.append(f"line {line}: give both 'breedtegraad' and 'lengtegraad', or neither")
    for column, field in (("huisnummer_van", "number_from"), ("huisnummer_tot", "number_to")):
        text = (row.get(column) or "").strip()
        if not text:
            values[field] = None
        elif not text.isdigit():
            errors.append(f"line {line}: '{column}' is not a whole number: {text!r}")
        else:
            values[field] = int(text)
    if values.get("number_from") and values.get("number_to") and values["number_from"] > values["number_to"]:
        errors.append(f"line {line}: 'huisnummer_van' is higher than 'huisnummer_tot'")
    return (None if errors else {"name": name, **values}), errors


def streets_import(*, neighbourhood: Neighbourhood, rows) -> StreetImport:
    """Add or update a neighbourhood's streets from CSV rows (dicts keyed by ``STREET_COLUMNS``).

    All or nothing: when any line is wrong, nothing is written and every wrong line is reported. Running the
    same file again changes nothing (a street is found by its name in the neighbourhood)."""
    result = StreetImport(errors=[])
    parsed, names = [], set()
    for line, row in enumerate(rows, start=2):
        values, errors = _street_row(line, row)
        name = (row.get("naam") or "").strip()
        if name and name in names:
            errors.append(f"line {line}: '{name}' is already on an earlier line")
        names.add(name)
        result.errors.extend(errors)
        if values and not errors:
            parsed.append(values)
    if result.errors:
        return result
    fields = ("lat", "lng", "number_from", "number_to")
    with transaction.atomic():
        existing = {s.name: s for s in Street.objects.select_for_update().filter(neighbourhood=neighbourhood)}
        for values in parsed:
            street = existing.get(values["name"])
            if street is None:
                Street.objects.create(neighbourhood=neighbourhood, **values)
                result.created += 1
            elif any(getattr(street, f) != values[f] for f in fields):
                for f in fields:
                    setattr(street, f, values[f])
                street.save(update_fields=list(fields))
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def colleague_invite(*, email: str, name: str, kinds, organisation, neighbourhood=None, invited_by) -> User:
    """A colleague gets an account with their roles, and an e-mail with a link to choose their own password.

    Nobody types a password for someone else: the account has none until the colleague uses the link, which is
    django-allauth's own "new password" link (its token, valid for ``PASSWORD_RESET_TIMEOUT``). The superuser
    invites for any organisation, a corporation's moderator only for their own. Each role is written with its
    history row naming who invited (django-simple-history); the e-mail address counts as confirmed, since only
    its owner can use the link.
    """
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress
    from allauth.account.utils import user_pk_to_url_str
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    if not (invited_by.is_superuser or organisation.pk in organisation_ids(invited_by, RoleKind.MODERATOR)):
        raise ValidationError(_("U kunt alleen collega's van uw eigen organisatie uitnodigen."), code="not_yours")
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        raise ValidationError(_("Kies minstens één rol."), code="no_role")
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Er is al een account met dit e-mailadres."), code="exists")
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            name=name.strip(),
            is_staff=bool({RoleKind.MODERATOR, RoleKind.FACILITATOR} & set(kinds)),
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        for kind in kinds:
            role = Role(user=user, kind=kind, organisation=organisation, neighbourhood=neighbourhood)
            role._history_user = invited_by  # simple-history's documented way to name who made the change
            role.save()
    link = absolute_url(
        reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "colleague": user,
            "invited_by": invited_by,
            "organisation": organisation,
            "roles": [str(RoleKind(kind).label) for kind in kinds],  # words, so "join" can join them
            "link": link,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "login_url": absolute_url(reverse("account_login")),
        }
        subject = render_to_string("wijk/email/colleague_invite_subject.txt", context).strip()
        body = render_to_string("wijk/email/colleague_invite.txt", context)
    send_mail(subject, body, None, [email])
    return user
