"""Moderation of the public dream wall in the admin. Moderators of the dream's corporation see only the
dream, its outcome and story — never contact details, internal notes or case history."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wijk.admin_scoping import OrganisationScopedAdmin, ReadOnlyAdmin
from wijk.choices import RoleKind
from wijk.models import AccessAction

from .audit import case_log
from .care.models import Referral, Signal
from .legal_hold import legal_hold_set
from .matches.models import Match
from .models import Dream, WallStatus
from .services import dream_front_door_set, dream_wall_decide


class WallQueueFilter(admin.SimpleListFilter):
    title = _("dromenmuur")
    parameter_name = "muur"

    def lookups(self, request, model_admin):
        return WallStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(wall_status=self.value()) if self.value() else queryset


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom?"),
        help_text=_("Bijvoorbeeld: een klacht of een rechtszaak. Dit komt in het logboek."),
        max_length=150,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LegalHoldActions:
    """Superusers put records on legal hold, or lift it, with a reason; retention and "vergeet mij" skip them."""

    def _legal_hold(self, request, queryset, *, hold):
        action = "legal_hold_on" if hold else "legal_hold_off"
        form = LegalHoldForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done = 0
            for record in queryset:
                try:
                    done += legal_hold_set(
                        record=record, hold=hold, by=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    self.message_user(request, f"{record}: {' '.join(error.messages)}", messages.WARNING)
            self.message_user(
                request, ngettext("%(n)d record bijgewerkt.", "%(n)d records bijgewerkt.", done) % {"n": done}
            )
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Bewaren voor een rechtszaak") if hold else _("Niet langer bewaren"),
            "explanation": _("Deze gegevens worden niet weggegooid en niet anoniem gemaakt:")
            if hold
            else _("Deze gegevens volgen weer de gewone bewaartermijn:"),
            "records": queryset,
            "form": form,
            "action": action,
            "opts": opts,
            "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "droomhuis/admin/legal_hold.html", context)

    @admin.action(description=_("Bewaren voor een rechtszaak"))
    def legal_hold_on(self, request, queryset):
        return self._legal_hold(request, queryset, hold=True)

    @admin.action(description=_("Niet langer bewaren voor een rechtszaak"))
    def legal_hold_off(self, request, queryset):
        return self._legal_hold(request, queryset, hold=False)

    def legal_hold_actions(self, request):
        if not request.user.is_superuser:
            return {}
        return {name: self.get_action(name) for name in ("legal_hold_on", "legal_hold_off")}


class ErasureThroughForgetMe:
    """Dreams, signals and referrals are never deleted in the admin, not one by one and not in bulk, not even by a
    superuser: erasure goes through "vergeet mij", which leaves proof. The change page points there instead."""

    change_form_template = "droomhuis/admin/change_form_erasure.html"

    def has_delete_permission(self, request, obj=None):
        return False

    def resident_of(self, obj):
        return obj.dream.resident

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        resident = self.resident_of(obj) if obj is not None else None
        erasure_url = (
            reverse("wijk:resident_forget", args=[resident.uid]) if resident and resident.erased_at is None else ""
        )
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "erasure_url": erasure_url})


@admin.register(Dream)
class DreamWallAdmin(ErasureThroughForgetMe, LegalHoldActions, OrganisationScopedAdmin):
    organisation_path = "neighbourhood__corporation"
    staff_can_add = False
    list_display = ["reference_display", "neighbourhood", "status", "wall_status", "closed_at", "legal_hold"]
    list_filter = [WallQueueFilter, "neighbourhood"]
    search_fields = ["reference", "text"]
    fields = [
        "reference_display",
        "neighbourhood",
        "status",
        "text",
        "outcome",
        "story",
        "wall_status",
        "on_front_door",
    ]
    readonly_fields = fields
    actions = ["approve_for_wall", "reject_for_wall", "feature_on_front_door", "unfeature_on_front_door"]
    ordering = ["-closed_at", "-created_at"]

    def get_queryset(self, request):
        # Moderators only ever see realised dreams (the stories to check), never open cases; a superuser
        # sees every dream, to put one on legal hold.
        queryset = super().get_queryset(request).select_related("neighbourhood")
        return queryset if request.user.is_superuser else queryset.filter(status="realised")

    def resident_of(self, obj):
        return obj.resident

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("volgcode"))
    def reference_display(self, obj):
        return obj.reference_display

    def _decide(self, request, queryset, approve):
        done = 0
        for dream in queryset.select_related("resident"):
            try:
                dream_wall_decide(dream=dream, moderator=request.user, approve=approve)
            except ValidationError as error:
                self.message_user(request, f"{dream.reference_display}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d dromen bijgewerkt.") % {"n": done}, messages.SUCCESS)

    def _feature(self, request, queryset, featured):
        done = 0
        for dream in queryset:
            try:
                dream_front_door_set(dream=dream, moderator=request.user, featured=featured)
            except ValidationError as error:
                self.message_user(request, f"{dream.reference_display}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d dromen bijgewerkt.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Verhaal uitlichten op de pagina van de wijk"))
    def feature_on_front_door(self, request, queryset):
        self._feature(request, queryset, True)

    @admin.action(description=_("Verhaal niet meer uitlichten"))
    def unfeature_on_front_door(self, request, queryset):
        self._feature(request, queryset, False)

    @admin.action(description=_("Goedkeuren voor de dromenmuur"))
    def approve_for_wall(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Afwijzen voor de dromenmuur"))
    def reject_for_wall(self, request, queryset):
        self._decide(request, queryset, False)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # No bulk delete, not even for a superuser: a dream is erased through "vergeet mij", with its proof.
        actions.pop("delete_selected", None)
        if not (request.user.is_superuser or self._is_staff_for(request)):
            return {}
        return {**actions, **self.legal_hold_actions(request)}


class SuperuserOnlyReadOnlyAdmin(ErasureThroughForgetMe, LegalHoldActions, ReadOnlyAdmin):
    """Signals and referrals: only a superuser may look, nobody changes anything here.

    Moderators, brokers, partner and collection staff never see these models in the admin.
    """

    def has_module_permission(self, request):
        return request.user.is_superuser

    def get_actions(self, request):
        # Nothing is changed or deleted here; a legal hold is the one thing a superuser may set.
        return self.legal_hold_actions(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Reading one signal or referral in the admin is logged like any other read (one row)."""
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and response.status_code == 200:
            case_log(request.user, obj, obj.dream, "beheer", action=AccessAction.VIEW, role="superuser")
        return response


@admin.register(Signal)
class SignalAdmin(SuperuserOnlyReadOnlyAdmin):
    list_display = ["kind", "recorded_at", "closed_at", "legal_hold"]
    list_filter = ["kind"]
    search_fields = ["dream__reference"]
    fields = ["dream", "kind", "description", "follow_up", "recorded_by", "recorded_at", "closed_at"]
    readonly_fields = fields


@admin.register(Referral)
class ReferralAdmin(SuperuserOnlyReadOnlyAdmin):
    list_display = [
        "reference_shown",
        "partner",
        "status",
        "outcome",
        "without_consent",
        "created_at",
        "legal_hold",
    ]
    list_filter = ["status", "without_consent"]
    search_fields = ["dream__reference", "partner__name"]
    fields = [
        "dream",
        "partner",
        "question",
        "categories",
        "status",
        "outcome",
        "without_consent",
        "justification",
        "reviewed_by",
        "reviewed_at",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("kenmerk"))
    def reference_shown(self, obj):
        return obj.reference


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin, OrganisationScopedAdmin):
    """The matches of the corporation's dreams, to look up: recorded, contacted and closed in the Werkplek only.

    Brokers and team leads of the dream's corporation, and the superuser, see them; nobody changes one here.
    """

    organisation_path = "dream__neighbourhood__corporation"
    staff_role_kinds = (RoleKind.BROKER, RoleKind.TEAM_LEAD)
    list_display = ["dream_reference", "kind", "target", "status", "outcome", "created_at", "closed_at"]
    list_filter = ["status", "kind", "outcome"]
    list_select_related = ["dream", "partner", "pearl"]
    search_fields = [
        "dream__reference",
        "partner__name",
        "pearl__title",
        "dream__resident__display_name",
        "dream__resident__first_name",
    ]
    fields = [
        "case_link",
        "kind",
        "target",
        "note",
        "status",
        "outcome",
        "outcome_note",
        "created_by",
        "created_at",
        "contacted_at",
        "closed_at",
    ]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return OrganisationScopedAdmin.has_view_permission(self, request, obj)

    @admin.display(description=_("volgcode"), ordering="dream__reference")
    def dream_reference(self, obj):
        return obj.dream.reference_display

    @admin.display(description=_("met wie"))
    def target(self, obj):
        return obj.label

    @admin.display(description=_("droom"))
    def case_link(self, obj):
        url = reverse("droomhuis:case", args=[obj.dream.reference])
        return format_html('<a href="{}">{}</a>', url, obj.dream.reference_display)
