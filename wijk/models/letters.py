"""Letters on paper for residents without e-mail: a print queue per organisation."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    QUEUED = "queued", _("Klaar om te printen")
    PRINTED = "printed", _("Geprint en verstuurd")
    CANCELLED = "cancelled", _("Niet versturen")
    SUPERSEDED = "superseded", _("Vervangen door nieuwer bericht")


class LetterQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(status=LetterStatus.QUEUED)

    def for_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class LetterRun(models.Model):
    """One printed PDF: the letters in it, and whether they were sent. Only these letters can be marked sent,
    so a letter queued after the PDF was made waits for the next run."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("geprint op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    # The PDF is made by the worker (a run of a hundred envelopes takes seconds) and kept until the letters are
    # marked sent; its name cannot be guessed and it is only handed out by a view that checks the role.
    pdf = models.FileField(_("PDF"), upload_to="brieven/", blank=True)
    pdf_made_at = models.DateTimeField(_("PDF gemaakt op"), null=True, blank=True)
    pdf_failed = models.BooleanField(_("PDF maken mislukt"), default=False)

    class Meta:
        verbose_name = _("printronde")
        verbose_name_plural = _("printrondes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class Letter(models.Model):
    """One update for a resident who wants post, waiting to be printed and sent by staff."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        "wijk.Resident", on_delete=models.CASCADE, related_name="letters", verbose_name=_("bewoner")
    )
    organisation = models.ForeignKey(
        "wijk.Organisation", on_delete=models.PROTECT, related_name="letters", verbose_name=_("afzender")
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    language = models.CharField(_("taal"), max_length=10, default="nl")
    reason = models.CharField(_("aanleiding"), max_length=60, help_text=_("Welk deel van het portaal de brief maakte."))
    # What the news is about (for example one activity). A newer letter about the same thing for the same resident
    # replaces one that was not printed yet: "aangemeld" and then "gaat niet door" gives only the second.
    topic = models.CharField(_("onderwerp van het nieuws"), max_length=80, blank=True, default="")
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervangen door"),
    )
    status = models.CharField(_("status"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.QUEUED)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run = models.ForeignKey(
        LetterRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("printronde"),
        help_text=_("De laatste PDF waarin deze brief zat."),
    )
    printed_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["organisation", "status"], name="letter_org_status_idx")]

    def __str__(self):
        return self.subject
