"""Admin for the atelier record. Facilitators (with staff access) see only teams whose question their corporation
owns; reports are cleaned on the way in, exactly as the services do. Experiments and stories carry a mood image
that staff choose and crop here (``wijk.mood``: EXIF dropped, smaller copies for ``srcset``)."""

from django.contrib import admin

from wijk.admin_scoping import OrganisationScopedAdmin
from wijk.choices import RoleKind
from wijk.mood import MOOD_ADMIN_FIELDS, MoodImageAdminForm, MoodImageAdminMixin

from .models import (
    Canvas,
    CanvasItem,
    Challenge,
    Experiment,
    Guest,
    Insight,
    Story,
    Team,
    TeamMember,
    WhyHowWhat,
    Workshop,
)
from .richtext import clean_html


class AtelierScopedAdmin(OrganisationScopedAdmin):
    staff_role_kinds = (RoleKind.FACILITATOR,)
    staff_can_delete = True


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["name", "period"]
    prepopulated_fields = {"slug": ["name"]}


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(AtelierScopedAdmin):
    organisation_path = "question_owners"
    list_display = ["__str__", "challenge"]
    filter_horizontal = ["question_owners"]
    inlines = [TeamMemberInline]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class InsightInline(admin.TabularInline):
    model = Insight
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(AtelierScopedAdmin):
    organisation_path = "team__question_owners"
    list_display = ["__str__", "team", "date", "place", "is_public"]
    list_filter = ["is_public"]
    inlines = [GuestInline, InsightInline]

    def save_model(self, request, obj, form, change):
        obj.report = clean_html(obj.report)
        super().save_model(request, obj, form, change)


@admin.register(Experiment)
class ExperimentAdmin(MoodImageAdminMixin, AtelierScopedAdmin):
    """An experiment's own mood image is optional: without one, its page shows the neighbourhood's."""

    organisation_path = "team__question_owners"
    list_display = ["name", "corporation", "neighbourhood", "live_part", "is_public"]
    list_filter = ["live_part", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "team",
        "name",
        "slug",
        "corporation",
        "neighbourhood",
        "summary",
        "guiding_question",
        "live_part",
        "is_public",
        *MOOD_ADMIN_FIELDS,
    ]


class CanvasItemInline(admin.TabularInline):
    model = CanvasItem
    fk_name = "canvas"
    extra = 0
    exclude = ["origin"]


@admin.register(Canvas)
class CanvasAdmin(AtelierScopedAdmin):
    organisation_path = "experiment__team__question_owners"
    list_display = ["experiment", "workshop", "updated_at"]
    inlines = [CanvasItemInline]


@admin.register(WhyHowWhat)
class WhyHowWhatAdmin(AtelierScopedAdmin):
    organisation_path = "experiment__team__question_owners"
    list_display = ["experiment", "workshop"]


@admin.register(Story)
class StoryAdmin(MoodImageAdminMixin, AtelierScopedAdmin):
    organisation_path = "experiment__team__question_owners"
    form = MoodImageAdminForm
    list_display = ["title", "experiment", "is_public", "on_front_door"]
    fields = ["experiment", "workshop", "title", "text", "words", *MOOD_ADMIN_FIELDS, "is_public", "on_front_door"]
