"""Moderation in the Django admin: a queue per corporation, bulk publish / reject / return, history, photos."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.pdf import pdf_response
from wijk.admin_scoping import HistoryAdmin, OrganisationScopedAdmin
from wijk.choices import RoleKind
from wijk.mood import MOOD_ADMIN_FIELDS, MoodImageAdminMixin
from wijk.permissions import organisation_ids
from wijk.services import resident_channel, resident_reach

from .choices import ActivityStatus, PearlKind, PearlStatus, SignUpStatus
from .models import Activity, ActivityPhoto, Pearl, PearlMessage, PearlReport, Route, RouteStop, RouteSuggestion, SignUp
from .necklace.services import route_suggestion_decide
from .permissions import is_neighbourhood_moderator
from .programme.change import NOTIFY_FIELDS
from .programme.services import activity_publish
from .services import (
    pearl_hide,
    pearl_owner_reachable,
    pearl_photo_remove,
    pearl_publish,
    pearl_reject,
    pearl_return,
)


class QueueFilter(admin.SimpleListFilter):
    """Opens on what waits: submitted pearls (reported ones first); other statuses one click away."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*PearlStatus.choices, ("all", _("Alle"))]

    def choices(self, changelist):
        value = self.value() or PearlStatus.SUBMITTED
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or PearlStatus.SUBMITTED
        if value == "all":
            return queryset
        return queryset.filter(status=value)


def submitter_reach(pearl):
    """The way to reach who shared the pearl, for the moderator: a mailto: or tel: link, or why there is none."""
    resident = pearl.submitter
    if resident is None:
        return _("Geen bewoner (aanbod van een partner)")
    channel = resident_channel(resident)
    if channel == "email":
        email = resident.email or resident.user.email
        return format_html('{} <a href="mailto:{}">{}</a>', _("E-mail:"), email, email)
    if channel == "letter":
        return _("Per brief")
    if resident.phone:
        return format_html(
            '{} <a href="tel:{}">{}</a>. {}',
            _("Bellen:"),
            "".join(ch for ch in resident.phone if ch.isdigit() or ch == "+"),
            resident.phone,
            _("Geen e-mail of brief: bel zelf."),
        )
    if pearl.follow_code:
        return _("Wil niets horen: alleen de volgpagina.")
    return _("Niet te bereiken")


class PearlReportInline(admin.TabularInline):
    model = PearlReport
    extra = 0
    can_delete = False
    fields = ["created_at", "what", "reason", "took_off_map", "status", "answer"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de inzender"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Schrijf vriendelijk en kort. De inzender leest dit in de e-mail of brief, en op ‘Mijn parels’ of de volgpagina."
        ),
    )


@admin.register(Pearl)
class PearlAdmin(HistoryAdmin, OrganisationScopedAdmin):
    organisation_path = "neighbourhood__corporation"
    staff_can_add = False
    list_display = ["title", "kind", "status", "reach", "reported", "neighbourhood", "has_photo", "created_at"]
    list_filter = [QueueFilter, "kind", "reported", "neighbourhood"]
    search_fields = ["title", "story", "street"]
    ordering = ["-reported", "created_at"]
    list_select_related = ["neighbourhood", "submitter__user"]
    actions = [
        "publish_selected",
        "reject_selected",
        "return_selected",
        "hide_selected",
        "remove_photo_selected",
        "print_plaques",
    ]
    inlines = [PearlReportInline]
    history_list_display = ["status", "moderator_message", "reported"]
    readonly_fields = [
        "uid",
        "kind",
        "status",
        "moderator_message",
        "reported",
        "submitter",
        "partner",
        "created_by",
        "submitted_via",
        "consent_method",
        "photo_preview",
        "reach",
        "follow_code",
        "withdrawn_at",
        "created_at",
        "published_at",
        "short_code",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "status",
                    "reported",
                    "moderator_message",
                    "title",
                    "story",
                    "on_front_door",
                    "themes",
                ]
            },
        ),
        (_("Waar"), {"fields": ["street", "location_description", "lat", "lng", "meeting_place"]}),
        (
            _("Handig voor oudere wandelaars (alleen bij een plek)"),
            {"fields": ["step_free", "bench", "toilet", "shelter", "short_code"]},
        ),
        (_("Foto"), {"fields": ["photo_preview", "photo_description"]}),
        (
            _("Wie"),
            {
                "fields": [
                    "submitter",
                    "reach",
                    "follow_code",
                    "withdrawn_at",
                    "partner",
                    "created_by",
                    "submitted_via",
                    "consent_method",
                ]
            },
        ),
        (_("Gegevens"), {"fields": ["uid", "created_at", "published_at"]}),
    ]

    @admin.display(description=_("inzender bereiken"))
    def reach(self, obj):
        """How the moderator's decision reaches the submitter: e-mail, a letter, a call, or only the follow page."""
        return submitter_reach(obj)

    @admin.display(boolean=True, description=_("foto"))
    def has_photo(self, obj):
        return bool(obj.photo)

    @admin.display(description=_("foto"))
    def photo_preview(self, obj):
        if not obj or not obj.thumbnail:
            return _("Geen foto")
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="200"></a>',
            reverse("parelketting:photo", kwargs={"uid": obj.uid}),
            reverse("parelketting:thumbnail", kwargs={"uid": obj.uid}),
            obj.photo_description or _("Foto bij de parel"),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Plain checkboxes: Django's filter_horizontal widget fails axe-core (an aria-label on a <span>).
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting_place":
            kwargs["queryset"] = self.get_queryset(request).filter(kind="place", status=PearlStatus.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _each(self, request, queryset, service, done_message, **kwargs):
        done, failed = 0, []
        for pearl in queryset:
            try:
                service(pearl=pearl, by=request.user, **kwargs)
                done += 1
            except ValidationError as error:
                failed.append(f"{pearl.title}: {' '.join(error.messages)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for text in failed:
            self.message_user(request, text, messages.WARNING)

    @admin.action(description=_("Plaatsen op de kaart"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            pearl_publish,
            lambda n: ngettext("%(n)d parel geplaatst.", "%(n)d parels geplaatst.", n) % {"n": n},
        )

    @admin.action(description=_("Verbergen"), permissions=["change"])
    def hide_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            pearl_hide,
            lambda n: ngettext("%(n)d parel verborgen.", "%(n)d parels verborgen.", n) % {"n": n},
        )

    @admin.action(description=_("Foto weghalen"), permissions=["change"])
    def remove_photo_selected(self, request, queryset):
        self._each(
            request,
            queryset.exclude(photo=""),
            pearl_photo_remove,
            lambda n: ngettext("Foto weggehaald bij %(n)d parel.", "Foto weggehaald bij %(n)d parels.", n) % {"n": n},
        )

    @admin.action(description=_("Bordjes met QR-code printen (PDF)"), permissions=["view"])
    def print_plaques(self, request, queryset):
        """One PDF with a plaque per selected published place pearl."""
        pearls = queryset.filter(kind=PearlKind.PLACE, status=PearlStatus.PUBLISHED).order_by("title")
        if not pearls.exists():
            self.message_user(request, _("Kies een of meer plekken die op de kaart staan."), messages.WARNING)
            return None
        return _plaques_response(request, pearls)

    def _with_message(self, request, queryset, *, action, title, service, keyword, done_message):
        """An in-between page: the moderator writes the reason or question once for the selected pearls."""
        form = MessageForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._each(request, queryset, service, done_message, **{keyword: form.cleaned_data["message"]})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "pearls": [(pearl, pearl_owner_reachable(pearl), submitter_reach(pearl)) for pearl in queryset],
            "form": form,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "parelketting/admin/message_action.html", context)

    @admin.action(description=_("Niet plaatsen, met een reden"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._with_message(
            request,
            queryset,
            action="reject_selected",
            title=_("Niet plaatsen: schrijf de reden"),
            service=pearl_reject,
            keyword="reason",
            done_message=lambda n: (
                ngettext("%(n)d parel niet geplaatst.", "%(n)d parels niet geplaatst.", n) % {"n": n}
            ),
        )

    @admin.action(description=_("Terugsturen met een vraag"), permissions=["change"])
    def return_selected(self, request, queryset):
        return self._with_message(
            request,
            queryset,
            action="return_selected",
            title=_("Terugsturen: schrijf uw vraag"),
            service=pearl_return,
            keyword="question",
            done_message=lambda n: ngettext("%(n)d parel teruggestuurd.", "%(n)d parels teruggestuurd.", n) % {"n": n},
        )


@admin.register(PearlMessage)
class PearlMessageAdmin(OrganisationScopedAdmin):
    """Messages for residents without e-mail: staff read them here and pass them on."""

    organisation_path = "pearl__neighbourhood__corporation"
    staff_can_add = False
    list_display = ["pearl", "sender_name", "delivery", "created_at"]
    list_filter = ["delivery"]
    search_fields = ["pearl__title", "sender_name", "sender__email"]
    list_select_related = ["pearl"]
    readonly_fields = ["pearl", "sender_name", "body", "reply_how", "delivery", "created_at"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False


# --- The necklace ---------------------------------------------------------------------------------------


class RouteStopFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Every stop lies in the route's neighbourhood; numbers are unique (the database checks that too)."""
        super().clean()
        positions = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            pearl, position = data.get("pearl"), data.get("position")
            if pearl is not None and pearl.neighbourhood_id != self.instance.neighbourhood_id:
                raise ValidationError(_("Een stop moet in de wijk van de ketting liggen: %(t)s") % {"t": pearl.title})
            if position in positions:
                raise ValidationError(_("Twee stops hebben hetzelfde nummer: %(n)s") % {"n": position})
            positions.add(position)


class RouteStopInline(admin.StackedInline):
    """The stops in walking order: change the numbers under ‘volgorde’ to reorder them.

    Stacked, not tabular: every field gets its own label (a tabular inline fails axe-core)."""

    model = RouteStop
    formset = RouteStopFormSet
    extra = 1
    fields = ["position", "pearl", "note"]
    ordering = ["position"]

    # The route's own admin is already walled per corporation; its moderators may edit all its stops.
    def _may(self, request) -> bool:
        return request.user.is_superuser or bool(organisation_ids(request.user, RoleKind.MODERATOR))

    def has_view_permission(self, request, obj=None):
        return self._may(request)

    def has_add_permission(self, request, obj=None):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request)

    def has_delete_permission(self, request, obj=None):
        return self._may(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "pearl":
            qs = Pearl.objects.published().filter(kind=PearlKind.PLACE, lat__isnull=False)
            if not request.user.is_superuser:
                qs = qs.filter(neighbourhood__corporation_id__in=organisation_ids(request.user, RoleKind.MODERATOR))
            kwargs["queryset"] = qs.order_by("title")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Route)
class RouteAdmin(MoodImageAdminMixin, OrganisationScopedAdmin):
    organisation_path = "neighbourhood__corporation"
    list_display = ["title", "neighbourhood", "status", "stop_count", "updated_at"]
    list_filter = ["status", "neighbourhood"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "neighbourhood", "status", "description", *MOOD_ADMIN_FIELDS]
    inlines = [RouteStopInline]
    actions = ["print_plaques"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_stops=Count("stops"))

    @admin.display(description=_("stops"), ordering="n_stops")
    def stop_count(self, obj):
        return obj.n_stops

    @admin.action(description=_("Bordjes printen voor alle stops (PDF)"), permissions=["view"])
    def print_plaques(self, request, queryset):
        pearls = Pearl.objects.filter(route_stops__route__in=queryset, status=PearlStatus.PUBLISHED).distinct()
        return _plaques_response(request, pearls.order_by("title"))


def _plaques_response(request, pearls):
    from .necklace.services import pearl_short_code_ensure
    from .necklace.views import plaques_pdf

    pearls = list(pearls)
    for pearl in pearls:
        pearl_short_code_ensure(pearl=pearl)
    return pdf_response(plaques_pdf(pearls, request), filename="bordjes-parels.pdf")


@admin.register(RouteSuggestion)
class RouteSuggestionAdmin(OrganisationScopedAdmin):
    """Residents' suggestions for a necklace: accept (the pearl becomes the last stop) or decline."""

    organisation_path = "route__neighbourhood__corporation"
    staff_can_add = False
    list_display = ["pearl", "route", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["pearl__title", "route__title", "suggested_by__email"]
    list_select_related = ["pearl", "route"]
    readonly_fields = ["route", "pearl", "reason", "suggested_by", "status", "decided_by", "created_at"]
    fields = readonly_fields
    actions = ["accept_selected", "decline_selected"]

    def _decide(self, request, queryset, accept):
        done = 0
        for suggestion in queryset:
            try:
                route_suggestion_decide(suggestion=suggestion, accept=accept, by=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{suggestion}: {' '.join(error.messages)}", messages.WARNING)
        if done:
            self.message_user(
                request, ngettext("%(n)d voorstel verwerkt.", "%(n)d voorstellen verwerkt.", done) % {"n": done}
            )

    @admin.action(description=_("Opnemen in de ketting (als laatste stop)"), permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Niet opnemen"), permissions=["change"])
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, False)


# --- The programme ---------------------------------------------------------------------------------------


class SignUpInline(admin.TabularInline):
    """Who comes and who waits, oldest first, with how each hears news and how to reach them."""

    model = SignUp
    extra = 0
    can_delete = False
    verbose_name_plural = _("aanmeldingen en wachtlijst")
    fields = ["name", "status", "reach", "contact", "channel", "created_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(status=SignUpStatus.CANCELLED)
            .select_related("resident__user", "created_by")
            .order_by("created_at", "pk")
        )

    @admin.display(description=_("naam"))
    def name(self, obj):
        resident = obj.resident
        return resident.display_name or resident.first_name or resident.alias or "-"

    @admin.display(description=_("hoort nieuws"))
    def reach(self, obj):
        return REACH_WORDS[resident_reach(obj.resident)]

    @admin.display(description=_("bereikbaar"))
    def contact(self, obj):
        resident = obj.resident
        email = resident.email or (resident.user.email if resident.user_id else "")
        address = (resident.postal_address or "").strip().replace("\n", ", ")
        return " · ".join(part for part in (resident.phone, email, address) if part) or "-"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # ``obj`` is the activity: its corporation's moderators (and the superuser) see who comes.
        if obj is None:
            return request.user.is_superuser or bool(organisation_ids(request.user, RoleKind.MODERATOR))
        return is_neighbourhood_moderator(request.user, obj.neighbourhood)


REACH_WORDS = {
    "email": _("per e-mail"),
    "letter": _("per brief"),
    "call": _("wil gebeld worden"),
    "nobody": _("niet te bereiken"),
}


class ActivityPhotoInline(admin.StackedInline):
    model = ActivityPhoto
    extra = 0
    fields = ["description", "created_at"]
    readonly_fields = ["created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(MoodImageAdminMixin, HistoryAdmin, OrganisationScopedAdmin):
    """Proposed activities wait here; moderators publish or cancel them (status only through the service)."""

    organisation_path = "neighbourhood__corporation"
    list_display = ["title", "starts_at", "status_shown", "neighbourhood", "capacity"]
    list_filter = ["status", "neighbourhood"]
    search_fields = ["title", "description"]
    list_select_related = ["neighbourhood"]
    ordering = ["-status", "starts_at"]
    actions = ["publish_selected"]
    inlines = [SignUpInline, ActivityPhotoInline]
    readonly_fields = ["uid", "status_shown", "proposed_by", "created_at", "story_written_at"]
    fields = [
        "title",
        "description",
        "neighbourhood",
        "place",
        "place_text",
        "starts_at",
        "ends_at",
        "capacity",
        "themes",
        "talent_pearls",
        "organiser_resident",
        "organiser_partner",
        "status_shown",
        "proposed_by",
        "story",
        "story_written_at",
        "uid",
        "created_at",
        *MOOD_ADMIN_FIELDS,
    ]
    # The organiser is found by typing a name (the resident admin's search, scoped to the corporation).
    autocomplete_fields = ["organiser_resident"]

    def get_readonly_fields(self, request, obj=None):
        # Once people can sign up, time, place and text change only on the activity's own change page:
        # there everyone who signed up or waits is told what changed.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != ActivityStatus.PROPOSED:
            fields += [*NOTIFY_FIELDS, "capacity", "change_page"]
        return fields

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and obj.status == ActivityStatus.PUBLISHED and "change_page" not in fields:
            fields.insert(0, "change_page")
        return fields

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, obj):
        return obj.status_label

    @admin.display(description=_("Tijd, plaats of tekst veranderen"))
    def change_page(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("parelketting:activity_change", args=[obj.uid]),
            _("Verander het hier. Dan krijgen de aangemelde buren bericht."),
            reverse("parelketting:activity_cancel", args=[obj.uid]),
            _("Laten vervallen, met een reden"),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # One labelled date-and-time field: the admin's split widget leaves its two inputs without a label.
        if db_field.name in ("starts_at", "ends_at"):
            return forms.DateTimeField(
                label=db_field.verbose_name,
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "talent_pearls":
            kwargs["widget"] = forms.CheckboxSelectMultiple
            qs = Pearl.objects.published().filter(kind=PearlKind.PERSON)
            if not request.user.is_superuser:
                qs = qs.filter(neighbourhood__corporation_id__in=organisation_ids(request.user, RoleKind.MODERATOR))
            kwargs["queryset"] = qs
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "place":
            qs = Pearl.objects.published().filter(kind=PearlKind.PLACE)
            if not request.user.is_superuser:
                qs = qs.filter(neighbourhood__corporation_id__in=organisation_ids(request.user, RoleKind.MODERATOR))
            kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _each(self, request, queryset, service, label):
        done = 0
        for activity in queryset:
            try:
                service(activity=activity, by=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{activity}: {' '.join(error.messages)}", messages.WARNING)
        if done:
            self.message_user(request, f"{label}: {done}", messages.SUCCESS)

    @admin.action(description=_("In het programma zetten"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._each(request, queryset, activity_publish, _("In het programma gezet"))
