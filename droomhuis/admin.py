"""Moderation of the public dream wall in the admin. Moderators of the dream's corporation see only the
dream, its outcome and story — never contact details, internal notes or case history."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijk.admin_scoping import OrganisationScopedAdmin, ReadOnlyAdmin
from wijk.models import AccessAction
from wijk.services import access_log_record

from .models import Dream, Referral, Signal, WallStatus
from .services import dream_wall_decide


class WallQueueFilter(admin.SimpleListFilter):
    title = _("dromenmuur")
    parameter_name = "muur"

    def lookups(self, request, model_admin):
        return WallStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(wall_status=self.value()) if self.value() else queryset


@admin.register(Dream)
class DreamWallAdmin(OrganisationScopedAdmin):
    organisation_path = "neighbourhood__corporation"
    staff_can_add = False
    list_display = ["reference_display", "neighbourhood", "status", "wall_status", "closed_at"]
    list_filter = [WallQueueFilter, "neighbourhood"]
    fields = ["reference_display", "neighbourhood", "status", "text", "outcome", "story", "wall_status"]
    readonly_fields = ["reference_display", "neighbourhood", "status", "text", "outcome", "story", "wall_status"]
    actions = ["approve_for_wall", "reject_for_wall"]
    ordering = ["-closed_at", "-created_at"]

    def get_queryset(self, request):
        # Moderators only ever see realised dreams (the stories to check), never open cases.
        return super().get_queryset(request).filter(status="realised").select_related("neighbourhood")

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

    @admin.action(description=_("Goedkeuren voor de dromenmuur"))
    def approve_for_wall(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Afwijzen voor de dromenmuur"))
    def reject_for_wall(self, request, queryset):
        self._decide(request, queryset, False)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not (request.user.is_superuser or self._is_staff_for(request)):
            return {}
        return actions


class SuperuserOnlyReadOnlyAdmin(ReadOnlyAdmin):
    """Signals and referrals: only a superuser may look, nobody changes anything here.

    Moderators, brokers, partner and collection staff never see these models in the admin.
    """

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Reading one signal or referral in the admin is logged like any other read (one row)."""
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and response.status_code == 200:
            access_log_record(
                user=request.user,
                action=AccessAction.VIEW,
                obj=obj,
                resident=obj.dream.resident,
                organisation=obj.dream.neighbourhood.corporation,
                role="superuser",
                detail="beheer",
            )
        return response


@admin.register(Signal)
class SignalAdmin(SuperuserOnlyReadOnlyAdmin):
    list_display = ["kind", "recorded_at", "closed_at"]
    list_filter = ["kind"]
    fields = ["dream", "kind", "description", "follow_up", "recorded_by", "recorded_at", "closed_at"]
    readonly_fields = fields


@admin.register(Referral)
class ReferralAdmin(SuperuserOnlyReadOnlyAdmin):
    list_display = ["reference", "partner", "status", "outcome", "without_consent", "created_at"]
    list_filter = ["status", "without_consent"]
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
